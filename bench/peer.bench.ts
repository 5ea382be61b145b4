/**
 * `npm run bench:peer` — the embedded node beside a peer, in the same run and on the same events: Emmett's SQLite
 * event store (`@event-driven-io/emmett-sqlite` on `sqlite3`). Both keep the log in SQLite with WAL and
 * synchronous=FULL (Emmett sets WAL itself; FULL is SQLite's default, set here on its file as well).
 *
 * The peer is not a project dependency: on first run it is installed into bench/.peer (git-ignored) with
 * `npm install --prefix`; sqlite3 is built from source there against this Node's own headers when no prebuilt
 * binary can be fetched. Rows: single appends (1 writer), batches of 100, reading 100k events back stream by stream,
 * and consuming them from the start (our catch-up subscription; Emmett's polling consumer).
 *
 * Env: BENCH_PEER_SINGLE (2000 appends), BENCH_PEER_BATCHES (200 of 100), BENCH_PEER_READ (100000 events).
 * The node runs as its own process, as in production; Emmett runs in this process, as it is built to.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EventStoreDBClient, START, jsonEvent } from '@eventstore/db-client';
import { exited, spawnNodeProcess } from '../test/support/node-process';

const SINGLE = Number(process.env.BENCH_PEER_SINGLE ?? 2000);
const BATCHES = Number(process.env.BENCH_PEER_BATCHES ?? 200);
const READ = Number(process.env.BENCH_PEER_READ ?? 100_000);
const PEER_DIR = join(__dirname, '.peer');
/** Versions that install on Node 20 (emmett-sqlite 0.42 wants emmett 0.42 and Node 22's APIs). */
const PEER_PACKAGES = [
  '@event-driven-io/emmett-sqlite@0.38.5',
  '@event-driven-io/emmett@0.38.5',
  'sqlite3@5.1.7',
];

const payload = {
  personId: 'p-0001',
  heldBy: 'akasse',
  form: 'in-person',
  occurredAt: '2026-03-15T09:00:00.000Z',
};
const metadata = {
  actor: { organisation: 'akasse-3f', role: 'integration', user: 'sys' },
  correlationId: randomUUID(),
};

interface PeerStore {
  appendToStream(stream: string, events: unknown[]): Promise<unknown>;
  readStream(stream: string): Promise<{ events: unknown[] }>;
  consumer(options?: object): {
    processor(options: object): unknown;
    start(): Promise<void>;
    stop(): Promise<void>;
    close(): Promise<void>;
  };
}

/** Emmett, installed into bench/.peer on first run. */
function peer(): {
  getSQLiteEventStore(options: { fileName: string }): PeerStore;
  sqlite3: {
    Database: new (f: string) => {
      exec(sql: string, cb: (e: Error | null) => void): void;
      close(cb: () => void): void;
    };
  };
} {
  if (!existsSync(join(PEER_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) {
    mkdirSync(PEER_DIR, { recursive: true });
    writeFileSync(join(PEER_DIR, 'package.json'), '{ "name": "bench-peer", "private": true }\n');
    console.error(
      `installing ${PEER_PACKAGES.join(', ')} into ${PEER_DIR} (once; sqlite3 may build from source)`,
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', PEER_DIR, ...PEER_PACKAGES], {
      stdio: 'inherit',
      // node-gyp builds against the headers of the Node that runs us, with no download.
      env: { ...process.env, npm_config_nodedir: dirname(dirname(process.execPath)) },
    });
  }
  const require = createRequire(join(PEER_DIR, 'package.json'));
  return { ...require('@event-driven-io/emmett-sqlite'), sqlite3: require('sqlite3') };
}

/**
 * Emmett 0.38.5 opens a connection per operation and sets WAL on it without waiting; now and then its COMMIT then
 * fails with SQLITE_BUSY ("SQL statements in progress") and the append is rolled back. It is tried again, as a user
 * would, within the measured time; the retries are counted and printed.
 */
let peerRetries = 0;
async function retryBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || peerRetries > 10_000) throw error;
      peerRetries += 1;
    }
  }
}

interface Row {
  name: string;
  ours: number;
  theirs: number;
}

async function rate(events: number, fn: () => Promise<unknown>): Promise<number> {
  console.error(`  ${events} events…`);
  const start = process.hrtime.bigint();
  await fn();
  return events / (Number(process.hrtime.bigint() - start) / 1e9);
}

const ourEvents = (n: number) =>
  Array.from({ length: n }, () => jsonEvent({ type: 'JobInterviewHeld.v1', data: payload, metadata }));
const theirEvents = (n: number) =>
  Array.from({ length: n }, () => ({ type: 'JobInterviewHeld.v1', data: payload, metadata }));

async function main(): Promise<void> {
  const emmett = peer();
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-bench-peer-'));
  const fileName = join(dir, 'emmett.sqlite');
  // The schema first, then FULL on the file (WAL persists in the file; synchronous is per connection and FULL by default).
  const theirs = emmett.getSQLiteEventStore({ fileName });
  await retryBusy(() => theirs.appendToStream('warm-up', theirEvents(1)));
  await new Promise<void>((resolve, reject) => {
    const db = new emmett.sqlite3.Database(fileName);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;', (e) =>
      e ? reject(e) : db.close(resolve),
    );
  });
  const node = await spawnNodeProcess({ EVENTSTORE_DATA_DIR: join(dir, 'node'), EVENTSTORE_PORT: '0' });
  const ours = EventStoreDBClient.connectionString(node.connectionString);
  await ours.appendToStream('warm-up', ourEvents(1));
  const rows: Row[] = [];
  try {
    rows.push({
      name: `single appends (${SINGLE}, 1 writer)`,
      ours: await rate(SINGLE, async () => {
        for (let i = 0; i < SINGLE; i += 1) await ours.appendToStream(`single-${i % 100}`, ourEvents(1));
      }),
      theirs: await rate(SINGLE, async () => {
        for (let i = 0; i < SINGLE; i += 1)
          await retryBusy(() => theirs.appendToStream(`single-${i % 100}`, theirEvents(1)));
      }),
    });
    rows.push({
      name: `batches of 100 (${BATCHES}, 1 writer)`,
      ours: await rate(BATCHES * 100, async () => {
        for (let i = 0; i < BATCHES; i += 1) await ours.appendToStream(`batch-${i % 100}`, ourEvents(100));
      }),
      theirs: await rate(BATCHES * 100, async () => {
        for (let i = 0; i < BATCHES; i += 1)
          await theirs.appendToStream(`batch-${i % 100}`, theirEvents(100));
      }),
    });
    // The read-back log (each store also holds its one warm-up event): READ events in streams of 100, written in batches to both.
    const streams = Math.ceil(READ / 100);
    for (let s = 0; s < streams; s += 1) {
      await ours.appendToStream(`read-${s}`, ourEvents(100));
      await retryBusy(() => theirs.appendToStream(`read-${s}`, theirEvents(100)));
    }
    rows.push({
      name: `reading ${READ.toLocaleString('en-US')} back (streams of 100)`,
      ours: await rate(streams * 100, async () => {
        for (let s = 0; s < streams; s += 1) for await (const _ of ours.readStream(`read-${s}`)) void _;
      }),
      theirs: await rate(streams * 100, async () => {
        for (let s = 0; s < streams; s += 1) await retryBusy(() => theirs.readStream(`read-${s}`));
      }),
    });
    const total = 1 + SINGLE + BATCHES * 100 + streams * 100;
    rows.push({
      name: `consuming all ${total.toLocaleString('en-US')} from the start`,
      ours: await rate(total, () => consumeOurs(ours)),
      theirs: await rate(total, () => consumeTheirs(theirs, total)),
    });
  } finally {
    await ours.dispose();
    node.child.kill('SIGTERM');
    await exited(node.child);
    rmSync(dir, { recursive: true, force: true });
  }

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `\nbench:peer — embedded node (own process, @eventstore/db-client) vs Emmett SQLite 0.38.5 on sqlite3 (in process)`,
  );
  console.log(
    `${'case'.padEnd(44)}${'ours/s'.padStart(10)}${'Emmett/s'.padStart(10)}${'ratio'.padStart(8)}  goal`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(44)}${fmt(r.ours).padStart(10)}${fmt(r.theirs).padStart(10)}${`${(r.ours / r.theirs).toFixed(2)}×`.padStart(8)}  ${r.name.startsWith('reading') ? '' : '≥ 1×'}`,
    );
  console.log(`Emmett appends or reads tried again after SQLITE_BUSY: ${peerRetries}`);
}
/** Our catch-up subscription from the start of `$all` until caught up (system events included: the same log). */
function consumeOurs(client: EventStoreDBClient): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const sub = client.subscribeToAll({ fromPosition: START });
    sub.on('data', () => (n += 1));
    sub.on('caughtUp', () => void sub.unsubscribe().then(() => resolve(n)));
    sub.on('error', reject);
  });
}

/**
 * Emmett's consumer (its default pulling) with one processor from the beginning, until it has handled the last of
 * the `total` events (Emmett numbers its global positions 1, 2, …). A batch failing with SQLITE_BUSY stops the
 * consumer; it is started again and resumes from the processor's checkpoint, counted as a retry.
 */
async function consumeTheirs(store: PeerStore, total: number): Promise<void> {
  const processorId = `bench-${randomUUID()}`;
  const last = BigInt(total);
  let reached = false;
  const isLast = (message: { metadata: { globalPosition: bigint } }) =>
    message.metadata.globalPosition >= last;
  while (!reached) {
    const consumer = store.consumer();
    consumer.processor({
      processorId,
      startFrom: 'CURRENT',
      eachMessage: (message: { metadata: { globalPosition: bigint } }) => {
        if (isLast(message)) reached = true;
      },
      stopAfter: isLast,
    });
    await consumer.start().catch(() => undefined);
    await consumer.close().catch(() => undefined);
    if (!reached) peerRetries += 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
