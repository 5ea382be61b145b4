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

function factsOf(personId: string): object[] {
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
  const interviews = Array.from({ length: FACTS - start.length }, (_, i) =>
    line('JobInterviewHeld', { interviewId: `i-${i}`, heldOn: day(i) }),
  );
  return [...start, ...interviews];
}

/** The persons' lines interleaved in rounds, as an export of many members' histories might come. */
function generate(file: string): number {
  const persons = Array.from({ length: PERSONS }, (_, i) => factsOf(`p-bench-${i}`));
  const lines: string[] = [];
  for (let round = 0; round < FACTS; round++)
    for (const facts of persons) if (facts[round]) lines.push(JSON.stringify(facts[round]));
  writeFileSync(file, lines.join('\n') + '\n');
  return lines.length;
}

async function run(label: string, file: string, env: NodeJS.ProcessEnv, lines: number) {
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
  process.stdout.write(
    `${label.padEnd(24)} ${String(lines).padStart(8)} lines  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(
      lines / seconds,
    )
      .toString()
      .padStart(7)} facts/s  (recorded ${recorded}, already there ${duplicates})\n`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const file = join(dir, 'facts.ndjson');
    const lines = generate(file);
    const env = {
      ...process.env,
      EVENTSTORE_DATA_DIR: join(dir, 'store'),
      EVENTSTORE_PORT: '0',
      EVENTSTORE_CONNECTION_STRING: '',
      READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
      PERSONAL_DATA_KEY: '',
    };
    process.stdout.write(`import of ${PERSONS} persons × ${FACTS} facts (npm run import, end to end)\n`);
    await run('first run', file, env, lines);
    await run('rerun (all there)', file, env, lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
