/**
 * The readings of the law in one place (#18): every parameter the rules are evaluated with — the contact
 * process's rule sets, legal-time's hour counters, STAR's supervision rule sets — and, for each one no public
 * source confirms (`verified: false`), its value, provision, source and reading. `npm run readings` writes
 * docs/law-readings.md from the rules' own data; its spec fails when the page differs from what this produces,
 * so the page cannot drift from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOUR_PARAMETERS, RULE_SETS, RULE_TABLES } from '@app/contact-process';
import { MIXED_MONTH_READING, SUPERVISION_RULE_SETS } from '@app/supervision';
import { REPOSITORY_ROOT } from './domain-map';

export const LAW_READINGS_PAGE = join(REPOSITORY_ROOT, 'docs', 'law-readings.md');

/** One parameter as the page lists it, whichever library keeps it. */
export interface Reading {
  id: string;
  /** The rule sets that evaluate with it (R26 keeps most of C24's under their C24 ids). */
  readBy: string[];
  value: unknown;
  unit: string | null;
  legalReference: string;
  verified: boolean;
  source: string;
  reading: string;
}

/** Every rule set's parameters, each id once with every rule set that reads it. */
function ruleSetReadings(): Reading[] {
  const byId = new Map<string, Reading>();
  for (const ruleSet of RULE_SETS)
    for (const parameter of Object.values(ruleSet.parameters)) {
      const known = byId.get(parameter.id);
      if (known) known.readBy.push(ruleSet.id);
      else byId.set(parameter.id, { ...parameter, readBy: [ruleSet.id] });
    }
  return [...byId.values()];
}

/** The hour counters' parameters: read by every regime that counts cumulative unemployment. */
const hourReadings = (): Reading[] =>
  Object.values(HOUR_PARAMETERS).map((parameter) => ({
    ...parameter,
    readBy: ['legal-time (hours)'],
    unit: 'hours',
  }));

/**
 * STAR's supervision rule sets are not made of parameters: each is verified or not as a whole, with what is
 * unsettled in its `note`. The reading is that note and who is counted (the population, itself a reading).
 */
const supervisionReadings = (): Reading[] =>
  SUPERVISION_RULE_SETS.map((ruleSet) => ({
    id: ruleSet.id,
    readBy: [
      `supervision (${ruleSet.measure}, ${ruleSet.effective.from} to ${ruleSet.effective.to ?? 'open'})`,
    ],
    value: {
      requirements: Object.fromEntries(
        Object.entries(ruleSet.requirements).map(([group, r]) => [group, `${r.required} × ${r.ruleId}`]),
      ),
      deficientAbovePercent: ruleSet.deficientAbovePercent,
      dialogueAfterDeficientMonths: ruleSet.dialogueAfterDeficientMonths,
    },
    unit: null,
    legalReference: ruleSet.legalReference,
    verified: ruleSet.verified,
    source: ruleSet.source,
    reading: [ruleSet.note, `population: ${ruleSet.population}`].filter(Boolean).join('; '),
  }));

/** The supervision measure's own readings (a month judged across two rule sets). */
const measureReadings = (): Reading[] => [
  { ...MIXED_MONTH_READING, readBy: ['supervision (both measures)'] },
];

/** Every reading the page covers, grouped as it lists them. */
export const READING_GROUPS: ReadonlyArray<{ title: string; where: string; readings: () => Reading[] }> = [
  {
    title: 'Contact-process rule sets',
    where: "`libs/contact-process/src/<regime>/<regime>.rules.ts`, each rule set's `parameters`",
    readings: ruleSetReadings,
  },
  {
    title: 'Hours of cumulative unemployment',
    where: '`libs/legal-time/src/hours.ts`',
    readings: hourReadings,
  },
  {
    title: "STAR's supervision rule sets",
    where: '`libs/supervision/src/supervision.rules.ts`',
    readings: supervisionReadings,
  },
  {
    title: "STAR's measure",
    where: '`libs/supervision/src/supervision.rules.ts`',
    readings: measureReadings,
  },
];

export const allReadings = (): Reading[] => READING_GROUPS.flatMap((group) => group.readings());

const REQUIRED_TEXT = ['legalReference', 'source', 'reading'] as const;

/** `ID: field` for every reading whose provision, source or reading is missing or blank. */
export const incompleteReadings = (readings: readonly Reading[]): string[] =>
  readings.flatMap((reading) =>
    REQUIRED_TEXT.filter((field) => !reading[field]?.trim()).map((field) => `${reading.id}: ${field}`),
  );

/** A value as a reader wants it: `14 days`, `none (owed, due on no day)`, a choice or a table as code. */
function valueOf({ value, unit }: Reading): string {
  if (value === null) return 'none: owed from the day it arises, due on no day';
  if (typeof value === 'object') return `\`${JSON.stringify(value)}\`${unit ? ` ${unit}` : ''}`;
  if (unit === 'choice' || unit === 'day' || typeof value !== 'number') return `\`${String(value)}\``;
  return `${Number(value.toFixed(4))} ${unit}`;
}

/** Markdown text that stays one paragraph: no line breaks, and no character that would start markup. */
const inline = (text: string) => text.replace(/\s+/g, ' ').replace(/([*_<>[\]])/g, '\\$1');

function unverifiedEntry(reading: Reading): string {
  return [
    `### ${reading.id}`,
    '',
    `- **Read by:** ${reading.readBy.join(', ')}`,
    `- **Value:** ${valueOf(reading)}`,
    `- **Legal reference:** ${inline(reading.legalReference)}`,
    `- **Source:** ${inline(reading.source)}`,
    `- **Reading:** ${inline(reading.reading)}`,
    '',
  ].join('\n');
}

/** A Markdown table with its columns padded, as prettier writes it (so `npm run format` leaves the page as is). */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(3, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line)].join(
    '\n',
  );
}

function countsTable(): string {
  const rows = READING_GROUPS.map(({ title, readings }) => {
    const all = readings();
    const verified = all.filter((r) => r.verified).length;
    return [title, String(all.length), String(verified), String(all.length - verified)];
  });
  return table([['kept in', 'parameters', 'verified', 'unverified'], ...rows]);
}

/** What the rules read that is not a parameter with a reading, named so that its absence here is no surprise. */
function notListed(): string {
  const tables = Object.entries(RULE_TABLES).map(
    ([ruleSet, table]) => `${ruleSet} (${Object.keys(table).join(', ')})`,
  );
  const withoutParameters = RULE_SETS.filter((r) => Object.keys(r.parameters).length === 0).map((r) => r.id);
  return [
    '## Not listed here',
    '',
    `- The closed tables the rules read besides their parameters (\`RULE_TABLES\`): ${tables.join('; ')}. They are lists of sections, situations and fixed days taken as the source states them, not readings; the read models' versions hash them with the parameters.`,
    `- Rule sets without parameters of their own: ${withoutParameters.join(', ') || 'none'}.`,
    '',
  ].join('\n');
}

/** The page, as `npm run readings` writes it. */
export function lawReadingsPage(): string {
  const sections = READING_GROUPS.map(({ title, where, readings }) => {
    const unverified = readings().filter((r) => !r.verified);
    return [`## ${title}`, '', `Kept in ${where}.`, '', ...unverified.map(unverifiedEntry)].join('\n');
  });
  return [
    '# The readings of the law',
    '',
    "<!-- Generated by `npm run readings` (tools/law-readings.ts) from the rules' data: do not edit by hand. -->",
    '',
    'Every number, day and choice the rules are evaluated with is a named parameter with its legal reference, its source and how we read it ([regimes](regimes.md)). Where no public source confirms the value (`verified: false`) it is our reading, easy to change: those are listed below in full. A change of a parameter changes the versions of the read models that read it, so they are rebuilt ([projections](projections.md)).',
    '',
    countsTable(),
    '',
    ...sections,
    notListed(),
  ].join('\n');
}

if (require.main === module) {
  const page = lawReadingsPage();
  if (process.argv.includes('--check')) {
    const same = readFileSync(LAW_READINGS_PAGE, 'utf8') === page;
    console.log(
      same ? 'docs/law-readings.md is up to date' : 'docs/law-readings.md differs: npm run readings',
    );
    process.exitCode = same ? 0 : 1;
  } else writeFileSync(LAW_READINGS_PAGE, page);
}
