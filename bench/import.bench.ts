/**
 * `npm run bench:import` — issue #16 item 2: `npm run import` end to end on a generated file (BENCH_IMPORT_PERSONS
 * persons, default 2,000, each with BENCH_IMPORT_FACTS facts, default 50: their start and then job interviews),
 * into a fresh embedded store with personal fields sealed. Prints facts/s for the first run and for a rerun
 * (every line already there), both including the CLI's start (booting the API's module, opening the store).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACT_TYPES } from '../apps/api/src/contact-process/fact-requests';
import { runImportCli } from '../apps/api/src/import.cli';

const PERSONS = Number(process.env.BENCH_IMPORT_PERSONS ?? 2_000);
const FACTS = Number(process.env.BENCH_IMPORT_FACTS ?? 50);

const day = (offset: number) => new Date(Date.UTC(2024, 2, 5 + offset)).toISOString().slice(0, 10);

function factsOf(personId: string, facts: number): object[] {
  const line = (factType: keyof typeof FACT_TYPES, data: object) => ({
    personId,
    eventId: randomUUID(),
    factType,
    recordedBy: 'akasse',
    data: { ...FACT_TYPES[factType].example, ...data },
  });
  const start = [
    line('PersonFactsRecorded', { birthDate: '1985-04-02' }),
    line('PlacedInBenefitPeriod', {
      benefitPeriodId: `bp-${personId}`,
      akasseId: 'akasse-3f',
      placedOn: '2024-03-01',
      continuingPlacement: false,
    }),
    line('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }),
  ];
  const interviews = Array.from({ length: facts - start.length }, (_, i) =>
    line('JobInterviewHeld', { interviewId: `i-${i}`, heldOn: day(i) }),
  );
  return [...start, ...interviews];
}

/** The persons' lines interleaved in rounds, as an export of many members' histories might come. */
function generate(file: string, persons: number, facts: number): number {
  const histories = Array.from({ length: persons }, (_, i) => factsOf(`p-bench-${i}`, facts));
  const lines: string[] = [];
  for (let round = 0; round < facts; round++)
    for (const history of histories) if (history[round]) lines.push(JSON.stringify(history[round]));
  writeFileSync(file, lines.join('\n') + '\n');
  return lines.length;
}

/** One `npm run import` of the file, as far as its report: seconds, facts/s and what the report counted. */
export interface ImportRun {
  label: string;
  lines: number;
  seconds: number;
  recorded: number;
  duplicates: number;
}

async function run(label: string, file: string, env: NodeJS.ProcessEnv, lines: number): Promise<ImportRun> {
  let report = '';
  const started = process.hrtime.bigint();
  const code = await runImportCli([file, '--org', 'akasse-3f', '--kind', 'akasse'], {
    env,
    stdout: { write: (text: string) => ((report += text), true) },
    stderr: { write: () => true },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { recorded, duplicates, refused } = JSON.parse(report) as {
    recorded: number;
    duplicates: number;
    refused: unknown[];
  };
  if (code !== 0) throw new Error(`${label}: ${refused.length} refused, e.g. ${JSON.stringify(refused[0])}`);
  return { label, lines, seconds, recorded, duplicates };
}

export const importRunLine = (r: ImportRun): string =>
  `${r.label.padEnd(24)} ${String(r.lines).padStart(8)} lines  ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(
    r.lines / r.seconds,
  )
    .toString()
    .padStart(7)} facts/s  (recorded ${r.recorded}, already there ${r.duplicates})`;

/**
 * `persons` × `facts` generated and imported into a fresh embedded store, then imported again (every line already
 * there); bench:ingest runs it at a small size for its import rate.
 */
export async function measureImport(persons: number, facts: number): Promise<ImportRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const file = join(dir, 'facts.ndjson');
    const lines = generate(file, persons, facts);
    const env = {
      ...process.env,
      EVENTSTORE_DATA_DIR: join(dir, 'store'),
      EVENTSTORE_PORT: '0',
      EVENTSTORE_CONNECTION_STRING: '',
      READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
      PERSONAL_DATA_KEY: '',
    };
    return [await run('first run', file, env, lines), await run('rerun (all there)', file, env, lines)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  process.stdout.write(`import of ${PERSONS} persons × ${FACTS} facts (npm run import, end to end)\n`);
  for (const r of await measureImport(PERSONS, FACTS)) process.stdout.write(`${importRunLine(r)}\n`);
}

// Run as `npm run bench:import`; imported (bench:ingest), it only lends measureImport.
if (require.main === module)
  main().catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
