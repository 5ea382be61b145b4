/**
 * `npm run bench:ingest` — recording facts and reading deadlines through the HTTP API, as caseworker systems do.
 *
 * 1. 16 clients, each recording one person's facts after another (closed loop): facts/s, p50/p95/p99.
 * 2. A fixed 50 facts/s (open loop, one fact every 20 ms to a person with nothing in flight): p50/p95/p99.
 * 3. 16 clients again under the built-in CPU profiler: this process's CPU per request by category (each sample
 *    counted to the innermost frame of a known kind), and the node's CPU per request from /proc.
 * 4. Reads with the access log on: `GET /persons/{id}/deadlines` and worklist pages (50 persons a page), 16 clients.
 * 5. The access log's share of `$all` after all this, in events and in bytes (one event per request since #16).
 * 6. The bulk import's rate (#16 item 2): bench:import's `npm run import`, end to end, at a small size.
 *
 * Env: BENCH_INGEST_PERSONS (default 300: persons recorded in phase 1; phase 3 records a third as many more),
 * BENCH_STEADY_SECONDS (20), BENCH_READS (3000 of each read), BENCH_INGEST_IMPORT_PERSONS (100 persons × 50
 * facts imported), BENCH_PROJECTIONS_IN (thread, the default layout; event-loop to compare). The embedded node
 * runs as its own process, as in production; the API runs in this process, its live projections in its
 * projection thread. Figures only: no assertion on time.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { RecordCommand } from '@app/contact-process';
import { ACCESS_LOG_EVENT_TYPES } from '../apps/api/src/access/access-log';
import { createApp } from '../apps/api/src/app';
import { LiveProjections } from '../apps/api/src/projections/live-projections.module';
import { threadCpuMs } from '@app/projections';
import { exited, spawnNodeProcess } from '../test/support/node-process';
import { AKASSER, JOBCENTRES, personCommands } from '../apps/demo/src/population';
import { importRunLine, measureImport } from './import.bench';
import {
  benchTokens,
  cpuSecondsOf,
  FACT_TYPE_OF,
  percentile,
  startProfiler,
  type CpuProfile,
} from './bench-support';

const PERSONS = Number(process.env.BENCH_INGEST_PERSONS ?? 300);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
const READS = Number(process.env.BENCH_READS ?? 3000);
const IMPORT_PERSONS = Number(process.env.BENCH_INGEST_IMPORT_PERSONS ?? 100);
const IMPORT_FACTS = 50;
const CLIENTS = 16;
/** `reads`: record the persons of phase 1, then only the reads, each under the profiler (the read path's costs). */
const ONLY = process.env.BENCH_ONLY;
const { auth, tokenOf } = benchTokens();
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Where a profile sample's time goes. Work done for the live projections is theirs wherever it bottoms out (the
 * decider's obligations, personal data's seal, Kysely): a sample with one of their frames anywhere on its stack.
 * Any other sample goes to the first kind (innermost frame outwards) whose file matches.
 */
const LIVE_PROJECTIONS = 'live projections (apply, read-model writes)';
const LIVE_FRAME = /libs\/projections|libs\/deadlines|libs\/supervision|kysely|better-sqlite3|\/pg\//;
/** The events the live subscriptions deliver, decoded before any projection frame is on the stack. */
const SUBSCRIPTION_FEED = 'store client: reads (mostly the live subscriptions)';
const SUBSCRIPTION_FRAME = /streams\/utils\/Subscription|ReadResp/;
/** The profiler's own stop (serialising the profile) falls inside the profiled time; it is left out. */
const PROFILER_FRAME = /node:inspector/;
const BENCH_CLIENTS = 'bench clients (fetch, in this process)';
const CATEGORIES: Array<[string, RegExp]> = [
  [BENCH_CLIENTS, /undici|ingest\.bench/],
  ['token verification', /\/jose\/|token-verifier/],
  ['logging (pino)', /\/pino|nestjs-pino|sonic-boom/],
  ['tracing (OpenTelemetry)', /@opentelemetry/],
  ['metrics (prom-client)', /prom-client|observability\/metrics|http-metrics|store-observer/],
  ['validation', /class-validator|class-transformer|fact-requests|validators\.ts|validation\.pipe/],
  ['access log', /access-log|coalescing-appender/],
  ['person access (check, stream, fold)', /person-access|access\.policy/],
  ['personal data (seal, open)', /libs\/personal-data/],
  ['decide + fold', /libs\/contact-process|libs\/legal-time/],
  ['store client (db-client, gRPC, protobuf)', /@eventstore|@grpc|google-protobuf|libs\/event-store/],
  ['HTTP + Nest', /express|@nestjs|body-parser|raw-body|router|_http_|node:http|node:net|apps\/api/],
];
/** The promise hooks AsyncLocalStorage turns on (Node 20): paid by every promise of the process. */
const ASYNC_CONTEXT = 'async context (promise hooks of AsyncLocalStorage)';
const ASYNC_CONTEXT_FRAME =
  /^(promiseInitHook|promiseBeforeHook|promiseAfterHook|promiseResolveHook|emitInitScript|emitInitNative|emitBeforeScript|emitAfterScript|_propagate|lookupPublicResource)$/;
/** Built-ins without a file, by name. */
const NATIVE = new Map([
  ['(idle)', 'idle'],
  ['(program)', 'runtime (program)'],
  ['(garbage collector)', 'GC'],
]);

/** An event's data or metadata as the store keeps it: JSON bytes (a binary one, as is). */
const storedBytes = (value: unknown): number =>
  value instanceof Uint8Array ? value.byteLength : Buffer.byteLength(JSON.stringify(value ?? null));

function categorise(profile: CpuProfile): Map<string, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const kindOf = new Map<number, string>();
  /** The kind a stack with a frame matching one of these takes, whatever lies inside it. */
  const ruling = (url: string): string | undefined =>
    PROFILER_FRAME.test(url)
      ? 'profiler'
      : LIVE_FRAME.test(url)
        ? LIVE_PROJECTIONS
        : SUBSCRIPTION_FRAME.test(url)
          ? SUBSCRIPTION_FEED
          : undefined;
  const rulingOf = new Map<number, string | undefined>();
  const ruled = (id: number): string | undefined => {
    if (rulingOf.has(id)) return rulingOf.get(id);
    const up = parent.get(id);
    const { url, functionName } = byId.get(id)!.callFrame;
    const r = ruling(url) ?? ruling(functionName) ?? (up === undefined ? undefined : ruled(up));
    rulingOf.set(id, r);
    return r;
  };
  const kind = (id: number): string => {
    const known = kindOf.get(id);
    if (known) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    const up = parent.get(id);
    const match = CATEGORIES.find(([, re]) => re.test(url));
    const k =
      NATIVE.get(functionName) ??
      ruled(id) ??
      (ASYNC_CONTEXT_FRAME.test(functionName) ? ASYNC_CONTEXT : undefined) ??
      (url === '' && (functionName === 'parse' || functionName === 'stringify')
        ? 'JSON (native)'
        : undefined) ??
      (match ? match[0] : up === undefined ? 'other (native, runtime)' : kind(up));
    kindOf.set(id, k);
    return k;
  };
  const micros = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const k = kind(id);
    micros.set(k, (micros.get(k) ?? 0) + profile.timeDeltas[i]);
  });
  micros.delete('idle');
  micros.delete('profiler');
  return micros;
}

function printCategories(
  categories: Map<string, number>,
  requests: number,
  what: string,
  profiled = 'API process',
): void {
  const total = [...categories.values()].reduce((a, b) => a + b, 0);
  console.log(
    `  by category (${profiled}, profiled run of ${fmt(requests)} ${what}, ${(total / 1000 / requests).toFixed(2)} ms a request):`,
  );
  for (const [k, us] of [...categories.entries()].sort((a, b) => b[1] - a[1]))
    console.log(
      `    ${k.padEnd(52)} ${(us / 1000 / requests).toFixed(3)} ms  ${((us / total) * 100).toFixed(1)} %`,
    );
}

interface Person {
  id: string;
  commands: RecordCommand[];
  next: number;
  org: { akasse: string; jobcenter: string };
  /** Placed by TODAY: a member of the a-kasse, whose deadlines it may read (one placed later is not yet). */
  member: boolean;
}

/** The bench's today: within the population's years, so worklists hold open and overdue obligations. */
const TODAY = '2024-09-15';

/** The day a command's fact happened on (its first `…On` field); facts after TODAY would be refused as future. */
const happenedBy = (command: RecordCommand) =>
  !Object.entries(command.data).some(
    ([field, value]) => field.endsWith('On') && typeof value === 'string' && value > TODAY,
  );

/**
 * The population's index of the bench's `index`th person. The population seeds each person's random numbers with
 * their index through a linear generator, so neighbouring indexes draw nearly the same numbers: persons 0–400 are
 * all placed between 11 March and 27 April 2024, and by TODAY every a-kasse obligation of theirs is met or past —
 * an a-kasse's open worklist held only what the open loop left half-recorded. Striding by a prime spreads
 * the placements over the generator's ten months, as a real a-kasse's inflow is: some members placed in the
 * weeks before TODAY, with interviews, CV and Min Plan still to come.
 */
const POPULATION_STRIDE = 997;

function person(index: number, tag: string): Person {
  const all = personCommands(index * POPULATION_STRIDE);
  // A person's commands are in date order: the ones that have happened by TODAY are a prefix.
  const later = all.findIndex((c) => !happenedBy(c));
  const commands = later === -1 ? all : all.slice(0, later);
  return {
    id: `${tag}-${index}`,
    commands,
    next: 0,
    member: commands.some((c) => c.type === 'PlaceInBenefitPeriod'),
    org: {
      akasse: (all[1].data as { akasseId: string }).akasseId,
      jobcenter: (all[2].data as { jobcenterId: string }).jobcenterId,
    },
  };
}

/** Each projection's batches between two of the thread's counts: how many, and their mean size in events. */
function batchesSince(
  before: Record<string, { batches: number; events: number }>,
  after: Record<string, { batches: number; events: number }>,
): string {
  return Object.entries(after)
    .map(([name, { batches, events }]) => {
      const n = batches - (before[name]?.batches ?? 0);
      const e = events - (before[name]?.events ?? 0);
      return `${name} ${fmt(n)} of ${n > 0 ? (e / n).toFixed(1) : '0'} events`;
    })
    .join(', ');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-bench-ingest-'));
  const node = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: join(dir, 'node'), EVENTSTORE_PORT: '0' });
  const nodePid = node.child.pid!;
  const app = await createApp(
    {
      eventStore: { connectionString: node.connectionString, dataDir: '', host: '', port: 0 },
      personalData: { keyringPath: join(dir, 'person-keys.sqlite'), secret: randomBytes(32) },
      readModel: {
        sqlitePath: join(dir, 'read-model.sqlite'),
        // BENCH_PROJECTIONS_IN=event-loop: the projections on the API's event loop, to compare with the thread.
        projectionsIn: process.env.BENCH_PROJECTIONS_IN === 'event-loop' ? 'event-loop' : 'thread',
      },
      clock: { now: () => new Date(`${TODAY}T12:00:00Z`) },
      auth,
    },
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  // The live projections' thread (none when they run on the event loop): its busy time and its batches.
  const thread = app.get(LiveProjections).thread;
  // Its first report (with its CPU time) comes within 100 ms of its start; none on a system without /proc.
  for (let i = 0; thread && thread.stats().cpuMs === undefined && i < 20; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  /** Posts a person's next fact; its latency in ms. */
  async function postNext(p: Person): Promise<number> {
    const command = p.commands[p.next++];
    const factType = FACT_TYPE_OF[command.type];
    const start = process.hrtime.bigint();
    const response = await fetch(`${base}/persons/${p.id}/facts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenOf(p.org[command.recordedBy], command.recordedBy)}`,
      },
      body: JSON.stringify({
        eventId: randomUUID(),
        factType,
        recordedBy: command.recordedBy,
        data: command.data,
      }),
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`${factType}: ${response.status} ${text}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }

  /** 16 clients, each recording whole persons in turn. */
  async function closedLoop(persons: Person[]) {
    const latencies: number[] = [];
    let next = 0;
    const start = process.hrtime.bigint();
    const ownCpu = process.cpuUsage();
    const nodeCpu = cpuSecondsOf(nodePid);
    const threadBusy = thread?.eventLoopUtilization();
    const mainCpu = threadCpuMs();
    const threadCpu = thread?.stats().cpuMs;
    const batchesBefore = structuredClone(thread?.stats().batches ?? {});
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < persons.length) {
          const p = persons[next++];
          while (p.next < p.commands.length) latencies.push(await postNext(p));
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const own = process.cpuUsage(ownCpu);
    const nodeEnd = cpuSecondsOf(nodePid);
    // The thread reports its batches every 100 ms: wait for the report that includes this run's last.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const busy = threadBusy && thread?.eventLoopUtilization(threadBusy);
    const mainCpuEnd = threadCpuMs();
    const threadCpuEnd = thread?.stats().cpuMs;
    return {
      latencies: latencies.sort((a, b) => a - b),
      seconds,
      apiCpuMs: (own.user + own.system) / 1000 / latencies.length,
      threadBusyMs: busy ? busy.active / latencies.length : undefined,
      mainCpuMs:
        mainCpu === undefined || mainCpuEnd === undefined
          ? undefined
          : (mainCpuEnd - mainCpu) / latencies.length,
      threadCpuMs:
        threadCpu === undefined || threadCpuEnd === undefined
          ? undefined
          : (threadCpuEnd - threadCpu) / latencies.length,
      batches: batchesSince(batchesBefore, thread?.stats().batches ?? {}),
      nodeCpuMs:
        nodeCpu === undefined || nodeEnd === undefined
          ? undefined
          : ((nodeEnd - nodeCpu) * 1000) / latencies.length,
    };
  }

  /** One fact every 1000/rate ms, each to a person with nothing in flight (their facts stay in order). */
  async function openLoop(persons: Person[], more: () => Person, rate: number, seconds: number) {
    const latencies: number[] = [];
    const idle = persons.filter((p) => p.commands.length > 0);
    const inFlight: Promise<void>[] = [];
    const start = Date.now();
    for (let i = 0; i < rate * seconds; i += 1) {
      const due = start + (i * 1000) / rate;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      // Every known person busy (a slow answer): a new one, so the rate stays fixed and the order per person kept.
      let p = idle.shift() ?? more();
      while (p.commands.length === 0) p = more();
      inFlight.push(
        postNext(p).then((ms) => {
          latencies.push(ms);
          if (p.next < p.commands.length) idle.push(p);
        }),
      );
    }
    await Promise.all(inFlight);
    return latencies.sort((a, b) => a - b);
  }

  /** `count` GETs from 16 clients; requests/s and latencies. */
  async function reads(count: number, request: (i: number) => Promise<Response>) {
    const latencies: number[] = [];
    let listed = 0;
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < count) {
          const i = next++;
          const t = process.hrtime.bigint();
          const response = await request(i);
          const text = await response.text();
          if (response.status !== 200) throw new Error(`read: ${response.status} ${text}`);
          // A worklist page's items, or a person's deadlines: an empty answer would measure nothing.
          const answer = JSON.parse(text) as { items?: unknown[]; deadlines?: unknown[] };
          listed += (answer.items ?? answer.deadlines)?.length ?? 0;
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }),
    );
    return {
      count,
      rate: count / (Number(process.hrtime.bigint() - start) / 1e9),
      latencies: latencies.sort((a, b) => a - b),
      listedPerRequest: listed / count,
    };
  }

  /** A member's deadlines, read by their a-kasse. */
  const personRead = (members: Person[]) => async (i: number) => {
    const p = members[i % members.length];
    return fetch(`${base}/persons/${p.id}/deadlines`, {
      headers: { authorization: `Bearer ${await tokenOf(p.org.akasse, 'akasse')}` },
    });
  };
  /** Pages 1 and 2 of each a-kasse's open worklist in turn. */
  const worklistRead = async (i: number) => {
    const akasse = AKASSER[i % AKASSER.length];
    const page = 1 + (i % 2);
    return fetch(`${base}/worklists/akasser/${akasse}?kind=open&page=${page}&pageSize=50`, {
      headers: { authorization: `Bearer ${await tokenOf(akasse, 'akasse')}` },
    });
  };

  /** BENCH_ONLY=reads: each read unprofiled (rate, CPU per request), then profiled (CPU by category). */
  async function readsOnly(members: Person[]): Promise<void> {
    console.log(
      `\nbench:ingest BENCH_ONLY=reads — ${members.length} members recorded, ${READS} of each read`,
    );
    for (const [label, request, name] of [
      ['GET /persons/{id}/deadlines', personRead(members), 'deadlines'],
      ['worklist pages of 50', worklistRead, 'worklists'],
    ] as const) {
      const ownCpu = process.cpuUsage();
      const nodeCpu = cpuSecondsOf(nodePid);
      const measured = await reads(READS, request);
      const own = process.cpuUsage(ownCpu);
      const nodeEnd = cpuSecondsOf(nodePid);
      const nodeMs =
        nodeCpu === undefined || nodeEnd === undefined
          ? 'n/a'
          : (((nodeEnd - nodeCpu) * 1000) / READS).toFixed(2);
      console.log(
        `${label.padEnd(28)} ${fmt(measured.rate)}/s; ${lat(measured.latencies)}; ${measured.listedPerRequest.toFixed(1)} items (deadlines or worklist items) an answer; CPU a request: API process ${((own.user + own.system) / 1000 / READS).toFixed(2)} ms, node ${nodeMs} ms`,
      );
      const profiler = await startProfiler();
      await reads(READS, request);
      // BENCH_PROFILE=x.cpuprofile: x.deadlines.cpuprofile and x.worklists.cpuprofile.
      const file = process.env.BENCH_PROFILE?.replace(/(\.cpuprofile)?$/, `.${name}.cpuprofile`);
      printCategories(categorise(await profiler.stop(file)), READS, label);
    }
  }

  const lat = (l: number[]) =>
    `p50 ${percentile(l, 0.5).toFixed(1)} ms, p95 ${percentile(l, 0.95).toFixed(1)} ms, p99 ${percentile(l, 0.99).toFixed(1)} ms`;
  try {
    const recorded = Array.from({ length: PERSONS }, (_, i) => person(i, 'ingest'));
    const saturated = await closedLoop(recorded);
    const facts = saturated.latencies.length;
    if (ONLY === 'reads') return await readsOnly(recorded.filter((p) => p.member));

    const steadyPersons = Array.from({ length: Math.max(60, STEADY_SECONDS * 5) }, (_, i) =>
      person(PERSONS + i, 'steady'),
    );
    let extra = 0;
    const steady = await openLoop(
      steadyPersons,
      () => person(PERSONS + steadyPersons.length + extra++, 'steady'),
      50,
      STEADY_SECONDS,
    );

    const profiled = Array.from({ length: Math.ceil(PERSONS / 3) }, (_, i) =>
      person(10 * PERSONS + i, 'profiled'),
    );
    const profiler = await startProfiler();
    const underProfile = await closedLoop(profiled);
    const categories = categorise(await profiler.stop(process.env.BENCH_PROFILE));

    const members = recorded.filter((p) => p.member);
    const personReads = await reads(READS, personRead(members));
    const worklistReads = await reads(READS, worklistRead);

    const client = EventStoreDBClient.connectionString(node.connectionString);
    let all = 0;
    let accessLog = 0;
    // And their bytes (data and metadata as stored): one event per request is fewer events, each a bigger one.
    let allBytes = 0;
    let accessLogBytes = 0;
    for await (const { event } of client.readAll({ maxCount: Number.MAX_SAFE_INTEGER })) {
      if (!event || event.type.startsWith('$')) continue;
      const bytes = storedBytes(event.data) + storedBytes(event.metadata);
      all += 1;
      allBytes += bytes;
      if (ACCESS_LOG_EVENT_TYPES.includes(event.type.replace(/\.v\d+$/, ''))) {
        accessLog += 1;
        accessLogBytes += bytes;
      }
    }
    await client.dispose();

    console.log(
      `\nbench:ingest — HTTP API, node in its own process, ${AKASSER.length} a-kasser, ${JOBCENTRES.length} jobcentres`,
    );
    console.log(
      `16 clients          ${fmt(facts)} facts in ${saturated.seconds.toFixed(1)} s: ${fmt(facts / saturated.seconds)} facts/s (goal ≥ 1,000); ${lat(saturated.latencies)} (goal p99 ≤ 50 ms)`,
    );
    console.log(`fixed 50 facts/s    ${fmt(steady.length)} facts: ${lat(steady)} (goal p99 ≤ 10 ms)`);
    console.log(
      `CPU per request     API process ${saturated.apiCpuMs.toFixed(2)} ms (all its threads; its main thread ${saturated.mainCpuMs?.toFixed(2) ?? 'n/a'} ms, with the bench clients), node ${saturated.nodeCpuMs?.toFixed(2) ?? 'n/a'} ms (16 clients, unprofiled)`,
    );
    console.log(
      saturated.threadBusyMs === undefined
        ? `projection thread   none: the live projections ran on the API's event loop`
        : `projection thread   CPU ${saturated.threadCpuMs?.toFixed(2) ?? 'n/a'} ms a fact, busy ${saturated.threadBusyMs.toFixed(2)} ms a fact (event-loop utilisation, waits on fsync included); batches: ${saturated.batches}`,
    );
    printCategories(
      categories,
      underProfile.latencies.length,
      'facts',
      thread ? 'API main thread' : 'API process',
    );
    const requests = underProfile.latencies.length;
    const total = [...categories.values()].reduce((a, b) => a + b, 0);
    const apart = [LIVE_PROJECTIONS, SUBSCRIPTION_FEED, BENCH_CLIENTS].reduce(
      (sum, k) => sum + (categories.get(k) ?? 0),
      0,
    );
    console.log(
      `    ${'= the request path (all but projections, their feed, clients)'.padEnd(52)} ${((total - apart) / 1000 / requests).toFixed(3)} ms`,
    );
    console.log(
      `GET /persons/{id}/deadlines  ${fmt(personReads.rate)}/s (goal ≥ 1,000); ${lat(personReads.latencies)}`,
    );
    console.log(
      `worklist pages of 50        ${fmt(worklistReads.rate)}/s (goal ≥ 500); ${lat(worklistReads.latencies)}; ${worklistReads.listedPerRequest.toFixed(1)} items a page`,
    );
    console.log(
      `access log in $all          ${fmt(accessLog)} of ${fmt(all)} events: ${((accessLog / all) * 100).toFixed(1)} %; ${fmt(accessLogBytes / 1024)} of ${fmt(allBytes / 1024)} kB: ${((accessLogBytes / allBytes) * 100).toFixed(1)} % (${fmt(personReads.count + worklistReads.count)} reads above)`,
    );
    if (worklistReads.listedPerRequest === 0)
      console.log(
        `WARNING: every worklist page was empty — the bench's a-kasser have no open obligations on ${TODAY}, so the worklist figures measure empty answers`,
      );
  } finally {
    await app.close();
    node.child.kill('SIGTERM');
    await exited(node.child);
    rmSync(dir, { recursive: true, force: true });
  }
  // After the API and its node are down, so the import has the machine to itself, as bench:import has.
  const [first, rerun] = await measureImport(IMPORT_PERSONS, IMPORT_FACTS);
  console.log(`import rate (npm run import, ${IMPORT_PERSONS} persons × ${IMPORT_FACTS} facts, end to end):`);
  console.log(`  ${importRunLine(first)}\n  ${importRunLine(rerun)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
