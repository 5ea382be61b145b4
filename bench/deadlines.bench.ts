/**
 * `npm run bench:deadlines` — a synthetic population through the contact process, then the deadlines read
 * model rebuilt from `$all`, then worklist queries.
 *
 * Env: BENCH_PERSONS (default 100000), BENCH_HTTP_PERSONS (default 1000: recorded through the HTTP API to
 * measure ingestion; the rest is appended straight to the store, which is the same events), BENCH_QUERIES (2000),
 * BENCH_PROFILE (a file to write a CPU profile of the rebuild to), BENCH_PROFILE_ALL (the same for the rebuild of
 * every projection from one read), BENCH_DATABASE_URL (the PostgreSQL the rebuild is
 * also measured on; left out, a throw-away cluster is started), BENCH_POSTGRES=0 (SQLite only).
 * The embedded node runs as its own process, as in production; the API, the projection and the client run here.
 * Besides wall-clock rates it prints the CPU time each process spent per event of the rebuild, and how fast the
 * client alone reads the same events (nothing applied): on a machine whose cores the node, the client and the
 * projection share, those figures bound what any rebuild can reach.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CONTACT_PROCESS_CATALOGUE, contactProcessStream, SCHEMA_VERSION } from '@app/contact-process';
import {
  DeadlinesProjection,
  DeadlinesQueries,
  type DeadlinesDatabase,
  type DeadlinesReadModel,
} from '@app/deadlines';
import { EventStore, type NewEvent } from '@app/event-store';
import { localDate } from '@app/legal-time';
import { protectPersonalData } from '@app/personal-data';
import { openReadModel, ProjectionRunner, rebuildAllReadModels, rebuildReadModel } from '@app/projections';
import { PROJECTIONS } from '../apps/projections/src/registry';
import type { Kysely } from 'kysely';
import { createApp } from '../apps/api/src/app';
import { exited, spawnNodeProcess } from '../test/support/node-process';
import { AKASSER, JOBCENTRES, personCommands, personEvents } from '../apps/demo/src/population';
import { benchTokens, cpuSecondsOf, FACT_TYPE_OF, percentile, startProfiler } from './bench-support';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const HTTP_PERSONS = Math.min(PERSONS, Number(process.env.BENCH_HTTP_PERSONS ?? 1_000));
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);
/** A file to write a CPU profile of the rebuild to (open it in Chrome DevTools), e.g. BENCH_PROFILE=rebuild.cpuprofile. */
const PROFILE = process.env.BENCH_PROFILE;
/** The same for `rebuild --all` (every projection from one read), e.g. BENCH_PROFILE_ALL=all.cpuprofile. */
const PROFILE_ALL = process.env.BENCH_PROFILE_ALL;

const actor = { organisation: 'bench', role: 'integration', user: 'bench' };
const { auth, tokenOf } = benchTokens();

/** CPU microseconds this process and the node spent per event over a stretch of work. */
function cpuMeter(nodePid: number) {
  const ownStart = process.cpuUsage();
  const nodeStart = cpuSecondsOf(nodePid);
  return (events: number) => {
    const own = process.cpuUsage(ownStart);
    const nodeEnd = cpuSecondsOf(nodePid);
    return {
      client: (own.user + own.system) / events,
      node:
        nodeStart === undefined || nodeEnd === undefined ? undefined : ((nodeEnd - nodeStart) * 1e6) / events,
    };
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-bench-deadlines-'));
  // Personal fields are encrypted per person, as in the service: the rebuild decrypts what it folds.
  const personalData = { keyringPath: join(dir, 'person-keys.sqlite'), secret: randomBytes(32) };
  const node = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: join(dir, 'node'), EVENTSTORE_PORT: '0' });
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  try {
    let httpEvents = 0;
    let httpSeconds = 0;
    let nextPerson = 0;
    // BENCH_HTTP_PERSONS=0 skips it (e.g. to profile the rebuild alone).
    if (HTTP_PERSONS > 0) {
      // 1. Ingestion through the HTTP API (with its live projection), for the first HTTP_PERSONS persons.
      const app = await createApp(
        {
          eventStore: { connectionString: node.connectionString, dataDir: '', host: '', port: 0 },
          personalData,
          readModel: { sqlitePath: join(dir, 'live-read-model.sqlite') },
          clock: { now: () => new Date('2026-11-01T12:00:00Z') },
          auth,
        },
        { logger: false },
      );
      await app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      const httpStart = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (nextPerson < HTTP_PERSONS) {
            const index = nextPerson++;
            const commands = personCommands(index);
            // Each fact goes with the token of the caseworker system of the organisation recording it.
            const orgOf = {
              akasse: (commands[1].data as { akasseId: string }).akasseId,
              jobcenter: (commands[2].data as { jobcenterId: string }).jobcenterId,
            };
            for (const command of commands) {
              const factType = FACT_TYPE_OF[command.type];
              const response = await fetch(`${base}/persons/bench-${index}/facts`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${await tokenOf(orgOf[command.recordedBy], command.recordedBy)}`,
                },
                body: JSON.stringify({
                  eventId: randomUUID(),
                  factType,
                  recordedBy: command.recordedBy,
                  data: command.data,
                }),
              });
              if (response.status !== 201)
                throw new Error(`${factType}: ${response.status} ${await response.text()}`);
              httpEvents += ((await response.json()) as { events: unknown[] }).events.length;
            }
          }
        }),
      );
      httpSeconds = Number(process.hrtime.bigint() - httpStart) / 1e9;
      await app.close();
    }

    // 2. The rest of the population appended straight to the store (the same events the API would append).
    const { store, keyring } = await protectPersonalData(
      EventStore.fromConnectionString(node.connectionString),
      personalData,
      CONTACT_PROCESS_CATALOGUE,
    );
    let appended = httpEvents;
    const appendStart = process.hrtime.bigint();
    nextPerson = HTTP_PERSONS;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (nextPerson < PERSONS) {
          const index = nextPerson++;
          const events: NewEvent[] = personEvents(index).map((event) => ({
            type: event.type,
            schemaVersion: SCHEMA_VERSION,
            data: event.data,
            metadata: {
              eventId: randomUUID(),
              occurredAt: '2024-01-01T00:00:00.000Z',
              actor,
              correlationId: randomUUID(),
              causationId: null,
            },
          }));
          await store.append(contactProcessStream(`bench-${index}`), events, 'no_stream');
          appended += events.length;
        }
      }),
    );
    const appendSeconds = Number(process.hrtime.bigint() - appendStart) / 1e9;

    // 3. Rebuild the deadlines projection from $all into a fresh read model: SQLite, then PostgreSQL.
    const profiler = PROFILE ? await startProfiler() : undefined;
    const projection = new DeadlinesProjection(store);
    const sqlite = openReadModel<DeadlinesReadModel>({ sqlitePath: join(dir, 'rebuilt-read-model.sqlite') });
    const onSqlite = await rebuildAndQuery(sqlite, store, node.child.pid!);
    if (profiler) {
      await profiler.stop(PROFILE!);
      console.log(`CPU profile of the rebuild written to ${PROFILE}`);
    }
    await sqlite.destroy();
    const postgresUrl = await benchPostgres();
    let onPostgres: Measured | undefined;
    if (postgresUrl) {
      const postgres = openReadModel<DeadlinesReadModel>({
        sqlitePath: ':memory:',
        databaseUrl: postgresUrl,
        name: `bench_deadlines_${Date.now()}`,
      });
      onPostgres = await rebuildAndQuery(postgres, store, node.child.pid!);
      await postgres.destroy();
    }

    // 3b. The same events read through the same subscription with nothing applied: the client's own ceiling.
    const readStart = process.hrtime.bigint();
    const readCpu = cpuMeter(node.child.pid!);
    let read = 0;
    const subscription = store.subscribeToAll({ fromPosition: 'start', filter: projection.filter });
    for await (const message of subscription) {
      if (message.kind === 'event') read += 1;
      if (message.kind === 'caught-up') break;
    }
    await subscription.unsubscribe();
    const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
    const readCpuPerEvent = readCpu(read);
    const together = await rebuildAllVersusEachAlone(store, dir, node.child.pid!);
    await store.close();
    await keyring.close();

    console.log(
      `\nbench:deadlines — ${fmt(PERSONS)} persons, ${AKASSER.length} a-kasser, ${JOBCENTRES.length} jobcentres`,
    );
    console.log(
      HTTP_PERSONS > 0
        ? `ingestion through the HTTP API   ${fmt(httpEvents)} events (${fmt(HTTP_PERSONS)} persons, 8 clients): ${fmt(httpEvents / httpSeconds)} events/s`
        : 'ingestion through the HTTP API   skipped (BENCH_HTTP_PERSONS=0)',
    );
    console.log(
      `appended straight to the store   ${fmt(appended - httpEvents)} events: ${fmt((appended - httpEvents) / appendSeconds)} events/s`,
    );
    const perEvent = ({ client, node }: { client: number; node: number | undefined }) =>
      `${client.toFixed(1)} µs in this process, ${node === undefined ? 'n/a' : node.toFixed(1)} µs in the node`;
    const report = (label: string, m: Measured) => {
      console.log(
        `rebuild of the deadlines model, ${label.padEnd(10)} ${fmt(m.rebuilt)} events in ${m.rebuildSeconds.toFixed(1)} s: ${fmt(m.rebuilt / m.rebuildSeconds)} events/s (target ≥ 30,000)`,
      );
      console.log(`  CPU per event                  ${perEvent(m.cpuPerEvent)}`);
      console.log(`  deadline rows                  ${fmt(m.rows)}`);
      console.log(
        `  worklist latency (${QUERIES} queries) p50 ${percentile(m.latencies, 0.5).toFixed(2)} ms, p99 ${percentile(m.latencies, 0.99).toFixed(2)} ms (target p99 ≤ 25 ms)`,
      );
    };
    report('SQLite', onSqlite);
    if (onPostgres) report('PostgreSQL', onPostgres);
    else console.log('rebuild on PostgreSQL            skipped (BENCH_POSTGRES=0)');
    console.log(
      `reading the same events, nothing applied ${fmt(read)} events: ${fmt(read / readSeconds)} events/s; CPU per event ${perEvent(readCpuPerEvent)}`,
    );
    const perSecond = (seconds: number) => `${fmt(together.eventsInAll / seconds)} events of $all/s`;
    console.log(
      `rebuild of every projection (${PROJECTIONS.map((p) => p.name).join(', ')}), SQLite, ${fmt(together.eventsInAll)} events in $all:`,
    );
    console.log(
      `  each alone, one after another  ${together.eachAloneSeconds.toFixed(1)} s (${perSecond(together.eachAloneSeconds)}); CPU ${perEvent(together.eachAloneCpu)} per event of $all`,
    );
    console.log(
      `  all via one read               ${together.allSeconds.toFixed(1)} s (${perSecond(together.allSeconds)}); CPU ${perEvent(together.allCpu)} per event of $all`,
    );
    console.log(
      `  bare read of $all, unfiltered  ${together.bareSeconds.toFixed(1)} s (${perSecond(together.bareSeconds)}); all via one read = ${(together.bareSeconds / together.allSeconds).toFixed(2)}× the bare read (target ≥ 0.85×), ${(together.eachAloneSeconds / together.allSeconds).toFixed(2)}× faster than each alone`,
    );
    console.log(
      `peak RSS of this process (API, projection, client) ${fmt(process.resourceUsage().maxRSS / 1024)} MiB (target ≤ 1 GiB); the node runs in its own process`,
    );
  } finally {
    node.child.kill('SIGTERM');
    await exited(node.child);
    await stopBenchPostgres();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every registered projection rebuilt into fresh SQLite generations each alone (one `$all` read each), then all
 * from one read (`rebuild --all`), then `$all` read bare through one unfiltered subscription (what the one read
 * reads, nothing applied): wall-clock seconds and CPU per event of `$all`.
 */
async function rebuildAllVersusEachAlone(store: EventStore, dir: string, nodePid: number) {
  const readModelPath = (sub: string, name: string) => join(dir, sub, `${name}.sqlite`);
  const timed = async (work: () => Promise<void>) => {
    const start = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  let eventsInAll = 0;
  const bareSeconds = await timed(async () => {
    const subscription = store.subscribeToAll({ fromPosition: 'start' });
    for await (const message of subscription) {
      if (message.kind === 'event') eventsInAll += 1;
      if (message.kind === 'caught-up') break;
    }
    await subscription.unsubscribe();
  });
  let cpu = cpuMeter(nodePid);
  const eachAloneSeconds = await timed(async () => {
    for (const projection of PROJECTIONS)
      await rebuildReadModel({
        store,
        projection: (s) => projection.create(s),
        readModelPath: readModelPath('alone', projection.name),
        batchSize: 1000,
      });
  });
  const eachAloneCpu = cpu(eventsInAll);
  cpu = cpuMeter(nodePid);
  const profiler = PROFILE_ALL ? await startProfiler() : undefined;
  const allSeconds = await timed(async () => {
    const outcomes = await rebuildAllReadModels(
      PROJECTIONS.map((projection) => ({
        projection: (s) => projection.create(s),
        readModelPath: readModelPath('all', projection.name),
      })),
      { store, batchSize: 1000 },
    );
    for (const outcome of outcomes) if ('error' in outcome) throw outcome.error;
  });
  const allCpu = cpu(eventsInAll);
  if (profiler) {
    await profiler.stop(PROFILE_ALL!);
    console.log(`CPU profile of the rebuild of every projection written to ${PROFILE_ALL}`);
  }
  return { eventsInAll, bareSeconds, eachAloneSeconds, eachAloneCpu, allSeconds, allCpu };
}

interface Measured {
  rebuilt: number;
  rebuildSeconds: number;
  cpuPerEvent: { client: number; node: number | undefined };
  rows: number;
  latencies: number[];
}

/** The deadlines projection rebuilt from `$all` into `db` (empty), then worklist queries against it. */
async function rebuildAndQuery(
  db: Kysely<DeadlinesReadModel>,
  store: EventStore,
  nodePid: number,
): Promise<Measured> {
  const runner = new ProjectionRunner<DeadlinesDatabase>(store, db, new DeadlinesProjection(store), {
    batchSize: 1000,
  });
  const rebuildStart = process.hrtime.bigint();
  const rebuildCpu = cpuMeter(nodePid);
  await runner.start();
  while (!runner.status().caughtUp) {
    if (runner.status().lastError) throw new Error(runner.status().lastError!);
    await new Promise((r) => setTimeout(r, 50));
  }
  const rebuildSeconds = Number(process.hrtime.bigint() - rebuildStart) / 1e9;
  const rebuilt = runner.status().eventsApplied;
  const cpuPerEvent = rebuildCpu(rebuilt);
  await runner.stop();

  const queries = new DeadlinesQueries(db, store);
  const latencies: number[] = [];
  const kinds = ['open', 'overdue', 'due-within'] as const;
  for (let i = 0; i < QUERIES; i += 1) {
    const akasse = i % 2 === 0;
    const start = process.hrtime.bigint();
    await queries.worklist({
      organisation: akasse ? 'akasse' : 'jobcenter',
      organisationId: akasse ? AKASSER[i % AKASSER.length] : JOBCENTRES[i % JOBCENTRES.length],
      kind: kinds[i % 3],
      days: 14,
      today: localDate('2024-09-15'),
      limit: 50,
      offset: (i % 5) * 50,
    });
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  const { n } = await db
    .selectFrom('deadlines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rebuilt, rebuildSeconds, cpuPerEvent, rows: Number(n), latencies };
}

/**
 * The PostgreSQL to rebuild into: BENCH_DATABASE_URL's (a database the bench may create schemas in), else a
 * throw-away cluster started the way the test suite starts one (fsync off: figures for the projection and the
 * protocol, not for the disk). BENCH_POSTGRES=0 leaves PostgreSQL out.
 */
let startedCluster = false;
async function benchPostgres(): Promise<string | undefined> {
  if (process.env.BENCH_POSTGRES === '0') return undefined;
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the suite's plain-JS cluster starter
  const cluster = require('../test/support/postgres-cluster.js') as () => Promise<void>;
  const before = process.env.TEST_DATABASE_URL;
  await cluster();
  startedCluster = !before;
  return process.env.TEST_DATABASE_URL;
}

async function stopBenchPostgres(): Promise<void> {
  if (!startedCluster) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  const cluster = require('../test/support/postgres-cluster.js') as { teardown(): Promise<void> };
  await cluster.teardown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
