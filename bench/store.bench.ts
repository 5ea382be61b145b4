/**
 * `npm run bench:store` — the embedded node through the real client, against the same work done directly on
 * better-sqlite3 (the ceiling). Prints events/s and the ratio to the ceiling.
 *
 * Options (env): BENCH_READ_EVENTS (default 100000) — size of the log for the read and catch-up figures;
 * BENCH_NODE_ARGS — extra node arguments for the node process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 * The node process inherits the environment: EVENTSTORE_EVENT_CACHE_SIZE=0 measures reads without the node's
 * event cache (every event read from SQLite and encoded), a size above the log's length with every event cached.
 *
 * The `node cpu` / `client cpu` columns are CPU seconds per wall second of each process during the measured
 * run (1.00 = one core busy all the time); they say which side limits a figure. `node µs/ev` is the node's CPU per
 * event appended or served. Linux only (/proc).
 *
 * With several writers the node commits the appends that arrive together in one transaction (group commit, one
 * fsync for all); the ceiling commits one transaction per append, as a single writer would, so those rows may
 * pass 100 %. With one writer both commit once per append: that row compares the same work.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { EventStoreDBClient, START, jsonEvent } from '@eventstore/db-client';
import { exited, spawnNodeProcess } from '../test/support/node-process';

const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 100_000);
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

interface Row {
  name: string;
  events: number;
  seconds: number;
  ceiling?: number;
  nodeCpu?: number;
  clientCpu?: number;
}

const rows: Row[] = [];
const rate = (r: { events: number; seconds: number }) => r.events / r.seconds;

/** The node process's pid, once started: `time` then also reports how busy that process was. */
let nodePid: number | undefined;

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is no /proc. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

async function time(
  fn: () => Promise<number>,
): Promise<{ events: number; seconds: number; nodeCpu?: number; clientCpu?: number }> {
  const nodeBefore = nodePid === undefined ? undefined : cpuSecondsOf(nodePid);
  const clientBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const events = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const client = process.cpuUsage(clientBefore);
  const nodeAfter = nodePid === undefined ? undefined : cpuSecondsOf(nodePid);
  return {
    events,
    seconds,
    clientCpu: (client.user + client.system) / 1e6 / seconds,
    nodeCpu:
      nodeBefore === undefined || nodeAfter === undefined ? undefined : (nodeAfter - nodeBefore) / seconds,
  };
}

/**
 * The ceiling: the same schema and transactions as the node's log, driven directly, with the same durability
 * (WAL, synchronous = FULL: one fsync of the WAL per commit, checkpoints as SQLite schedules them — the same
 * calls as the node's, checked with strace). One database for all cases, as the node keeps one log: each case
 * inserts into a table and indexes as large as the node's at that point (a fresh database per case made the
 * ceiling's inserts cheaper than the node's — the random event-id index dirties more pages the larger it is).
 */
function ceilingDb(dir: string) {
  const db = new Database(join(dir, 'ceiling.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE streams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, last_revision INTEGER NOT NULL, tombstoned INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL, type TEXT NOT NULL, content_type TEXT NOT NULL, created INTEGER NOT NULL, data BLOB NOT NULL, metadata BLOB NOT NULL);
    CREATE UNIQUE INDEX events_by_stream ON events(stream_id, revision);
    CREATE INDEX events_by_id ON events(event_id);`);
  const insertStream = db.prepare('INSERT INTO streams (name, last_revision) VALUES (?, -1)');
  const insertEvent = db.prepare('INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)');
  const updateStream = db.prepare('UPDATE streams SET last_revision = ? WHERE id = ?');
  const streams = new Map<string, { id: number; last: number }>();
  let position = 1;
  const data = Buffer.from(JSON.stringify(payload));
  const meta = Buffer.from(JSON.stringify(metadata));
  const append = db.transaction((stream: string, count: number) => {
    let s = streams.get(stream);
    if (!s) {
      s = { id: Number(insertStream.run(stream).lastInsertRowid), last: -1 };
      streams.set(stream, s);
    }
    for (let i = 0; i < count; i += 1) {
      s.last += 1;
      insertEvent.run(
        position++,
        s.id,
        stream,
        s.last,
        randomUUID(),
        'JobInterviewHeld.v1',
        'application/json',
        Date.now() * 1000,
        data,
        meta,
      );
    }
    updateStream.run(s.last, s.id);
  });
  return { db, append };
}

async function appendFigures(client: EventStoreDBClient, dir: string): Promise<void> {
  const cases: Array<{ batch: number; writers: number; appends: number }> = [
    { batch: 1, writers: 1, appends: 2000 },
    { batch: 1, writers: 16, appends: 4000 },
    { batch: 100, writers: 1, appends: 200 },
    { batch: 100, writers: 16, appends: 320 },
  ];
  const ceiling = ceilingDb(mkdtempSync(join(dir, 'c-')));
  for (const c of cases) {
    const tag = randomUUID().slice(0, 8);
    const measured = await time(async () => {
      let next = 0;
      const writer = async (w: number) => {
        while (next < c.appends) {
          next += 1;
          const events = Array.from({ length: c.batch }, () =>
            jsonEvent({ type: 'JobInterviewHeld.v1', data: payload, metadata }),
          );
          await client.appendToStream(`bench-${tag}-${w}`, events);
        }
      };
      await Promise.all(Array.from({ length: c.writers }, (_, w) => writer(w)));
      return c.appends * c.batch;
    });
    const direct = await time(async () => {
      for (let i = 0; i < c.appends; i += 1) ceiling.append(`bench-${tag}-${i % c.writers}`, c.batch);
      return c.appends * c.batch;
    });
    rows.push({
      name: `append, batch ${c.batch}, ${c.writers} writer${c.writers > 1 ? 's' : ''}`,
      ...measured,
      ceiling: rate(direct),
    });
  }
  ceiling.db.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-bench-'));
  // The node runs as its own process, as EventStoreDB does in production; the client is this process.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const node = await spawnNodeProcess(
    { EVENTSTORE_DATA_DIR: join(dir, 'node'), EVENTSTORE_PORT: '0' },
    nodeArgs,
  );
  nodePid = node.child.pid;
  const client = EventStoreDBClient.connectionString(node.connectionString);
  try {
    await appendFigures(client, dir);

    // Fill the log for the read figures with 100-event batches.
    let total = 0;
    for await (const _ of client.readAll()) total += 1;
    for (let written = total; written < READ_EVENTS; written += 100) {
      const events = Array.from({ length: 100 }, () =>
        jsonEvent({ type: 'JobInterviewHeld.v1', data: payload, metadata }),
      );
      await client.appendToStream(`fill-${written % 1000}`, events);
    }

    const read = await time(async () => {
      let n = 0;
      for await (const _ of client.readAll({ maxCount: Number.MAX_SAFE_INTEGER })) n += 1;
      return n;
    });
    const ceilingRead = await time(async () => {
      const db = new Database(join(dir, 'node', 'events.sqlite'), { readonly: true });
      let n = 0;
      for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate()) if (row) n += 1;
      db.close();
      return n;
    });
    rows.push({ name: '$all read', ...read, ceiling: rate(ceilingRead) });

    const catchUp = await time(
      () =>
        new Promise<number>((resolve, reject) => {
          let n = 0;
          const sub = client.subscribeToAll({ fromPosition: START });
          sub.on('data', () => (n += 1));
          sub.on('caughtUp', () => {
            void sub.unsubscribe();
            resolve(n);
          });
          sub.on('error', reject);
        }),
    );
    rows.push({ name: 'catch-up subscription', ...catchUp, ceiling: rate(ceilingRead) });
  } finally {
    await client.dispose();
    node.child.kill('SIGTERM');
    await exited(node.child);
    rmSync(dir, { recursive: true, force: true });
  }

  const targets: Record<string, string> = {
    'append, batch 100, 1 writer': '≥ 40 % of ceiling',
    'append, batch 100, 16 writers': '≥ 40 % of ceiling',
    '$all read': '≥ 100,000 events/s; node ≤ 8 µs/event',
    'catch-up subscription': '≥ 50,000 events/s',
  };
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const cpu = (n: number | undefined) => (n === undefined ? '' : n.toFixed(2));
  console.log('\nbench:store — embedded node through @eventstore/db-client vs. better-sqlite3 directly');
  console.log(
    `${'case'.padEnd(32)}${'events'.padStart(10)}${'events/s'.padStart(12)}${'ceiling/s'.padStart(12)}${'ratio'.padStart(8)}${'node cpu'.padStart(10)}${'client cpu'.padStart(12)}${'node µs/ev'.padStart(12)}  target`,
  );
  for (const r of rows) {
    const ratio = r.ceiling ? `${Math.round((rate(r) / r.ceiling) * 100)} %` : '';
    console.log(
      `${r.name.padEnd(32)}${fmt(r.events).padStart(10)}${fmt(rate(r)).padStart(12)}${(r.ceiling ? fmt(r.ceiling) : '').padStart(12)}${ratio.padStart(8)}${cpu(r.nodeCpu).padStart(10)}${cpu(r.clientCpu).padStart(12)}${(r.nodeCpu === undefined ? '' : ((r.nodeCpu * 1e6) / rate(r)).toFixed(1)).padStart(12)}  ${targets[r.name] ?? ''}`,
    );
  }
  console.log(
    `client process peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB; node in its own process`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
