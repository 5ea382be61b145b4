/**
 * `npm run bench:import` — issue #16 item 2: `npm run import` end to end on a generated file (BENCH_IMPORT_PERSONS
 * persons, default 2,000, each with BENCH_IMPORT_FACTS facts, default 50: their start and then job interviews),
 * into a fresh store with personal fields sealed: the embedded node the CLI starts, and a node in its own process
 * (BENCH_IMPORT_NODE=embedded|process for one of them). Prints facts/s for the first run and for a rerun (every
 * line already there), both including the CLI's start (booting the API's module, opening the store), and the CPU
 * each took a line, in the importing process and in the node's. BENCH_PROFILE (a file name) writes a CPU profile
 * of the importing process for each run beside it (`<name>.<layout>.first.cpuprofile`, `….rerun.cpuprofile`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACT_TYPES } from '../apps/api/src/contact-process/fact-requests';
import { runImportCli } from '../apps/api/src/import.cli';
import { exited, spawnNodeProcess } from '../test/support/node-process';
import { cpuSecondsOf, startProfiler } from './bench-support';

const PERSONS = Number(process.env.BENCH_IMPORT_PERSONS ?? 2_000);
const FACTS = Number(process.env.BENCH_IMPORT_FACTS ?? 50);
const PROFILE = process.env.BENCH_PROFILE;
const LAYOUTS: NodeLayout[] =
  process.env.BENCH_IMPORT_NODE === 'embedded' || process.env.BENCH_IMPORT_NODE === 'process'
    ? [process.env.BENCH_IMPORT_NODE]
    : ['embedded', 'process'];

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
  /** CPU seconds (user + system) of the importing process during the run (with the node when it is embedded). */
  cpuSeconds: number;
  /** CPU seconds of the node's own process during the run; undefined when the node is embedded. */
  nodeCpuSeconds?: number;
  recorded: number;
  duplicates: number;
}

/**
 * Where the event store runs: `embedded`, started by `npm run import` in its own process (the CLI's default), or
 * `process`, a node of its own (`npm run start:node`) the CLI reaches through EVENTSTORE_CONNECTION_STRING, as an
 * import into a running service's store does (the embedded node's data folder is locked by the service meanwhile).
 */
export type NodeLayout = 'embedded' | 'process';

async function run(
  label: string,
  file: string,
  env: NodeJS.ProcessEnv,
  lines: number,
  options: { nodePid?: number; profile?: string },
): Promise<ImportRun> {
  let report = '';
  const profiler = options.profile ? await startProfiler() : undefined;
  const nodeCpu = options.nodePid === undefined ? undefined : cpuSecondsOf(options.nodePid);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const code = await runImportCli([file, '--org', 'akasse-3f', '--kind', 'akasse'], {
    env,
    stdout: { write: (text: string) => ((report += text), true) },
    stderr: { write: () => true },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const nodeCpuSeconds =
    nodeCpu === undefined ? undefined : (cpuSecondsOf(options.nodePid!) ?? nodeCpu) - nodeCpu;
  await profiler?.stop(options.profile);
  const { recorded, duplicates, refused } = JSON.parse(report) as {
    recorded: number;
    duplicates: number;
    refused: unknown[];
  };
  if (code !== 0) throw new Error(`${label}: ${refused.length} refused, e.g. ${JSON.stringify(refused[0])}`);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { label, lines, seconds, cpuSeconds, nodeCpuSeconds, recorded, duplicates };
}

const microsALine = (seconds: number, lines: number) => `${((seconds / lines) * 1e6).toFixed(0)} µs`;

export const importRunLine = (r: ImportRun): string =>
  `${r.label.padEnd(24)} ${String(r.lines).padStart(8)} lines  ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(
    r.lines / r.seconds,
  )
    .toString()
    .padStart(7)} facts/s  CPU a line: import ${microsALine(r.cpuSeconds, r.lines)}${
    r.nodeCpuSeconds === undefined ? ' (node embedded)' : `, node ${microsALine(r.nodeCpuSeconds, r.lines)}`
  }  (recorded ${r.recorded}, already there ${r.duplicates})`;

/**
 * `persons` × `facts` generated and imported into a fresh store, then imported again (every line already there);
 * bench:ingest runs it at a small size for its import rate.
 */
export async function measureImport(
  persons: number,
  facts: number,
  layout: NodeLayout = 'embedded',
): Promise<ImportRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const node =
    layout === 'process'
      ? await spawnNodeProcess({ EVENTSTORE_DATA_DIR: join(dir, 'node'), EVENTSTORE_PORT: '0' })
      : undefined;
  try {
    const file = join(dir, 'facts.ndjson');
    const lines = generate(file, persons, facts);
    const env = {
      ...process.env,
      EVENTSTORE_DATA_DIR: join(dir, 'store'),
      EVENTSTORE_PORT: '0',
      EVENTSTORE_CONNECTION_STRING: node?.connectionString ?? '',
      READ_MODEL_SQLITE_PATH: join(dir, 'read-models.sqlite'),
      // Embedded, the CLI makes a development key in the data folder; against a node of its own it needs one.
      PERSONAL_DATA_KEY: node ? randomBytes(32).toString('base64') : '',
    };
    const options = (which: string) => ({
      nodePid: node?.child.pid,
      profile: PROFILE && PROFILE.replace(/(\.cpuprofile)?$/, `.${layout}.${which}.cpuprofile`),
    });
    return [
      await run('first run', file, env, lines, options('first')),
      await run('rerun (all there)', file, env, lines, options('rerun')),
    ];
  } finally {
    if (node) {
      node.child.kill('SIGTERM');
      await exited(node.child);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const layout of LAYOUTS) {
    process.stdout.write(
      `import of ${PERSONS} persons × ${FACTS} facts (npm run import, end to end), node ${
        layout === 'embedded' ? 'embedded in the import' : 'in its own process'
      }\n`,
    );
    for (const r of await measureImport(PERSONS, FACTS, layout))
      process.stdout.write(`${importRunLine(r)}\n`);
  }
}

// Run as `npm run bench:import`; imported (bench:ingest), it only lends measureImport.
if (require.main === module)
  main().catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
