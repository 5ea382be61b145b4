/**
 * `npm run bench:apply` — the projections' apply path alone: a synthetic population's events (as the feed hands
 * them over: decoded, decrypted) fed from memory to each projection's runner, into fresh SQLite read models. No
 * node, no gRPC, no decode: what is measured is what applying costs, in CPU µs per event, projection by projection.
 *
 * Env: BENCH_APPLY_PERSONS (default 3000), BENCH_APPLY_BATCH (default 1000, as `rebuild --all`),
 * BENCH_PROFILE (a file to write a CPU profile of the applying to), BENCH_APPLY_DIGEST=1 (print a digest of every
 * table each projection wrote: equal digests, equal read models — how a change of the apply path is checked
 * against the code before it, besides the specs).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { CONTACT_PROCESS_CATALOGUE, contactProcessStream, SCHEMA_VERSION } from '@app/contact-process';
import {
  EventStore,
  type AllSubscription,
  type RecordedEvent,
  type SubscriptionMessage,
} from '@app/event-store';
import { protectPersonalData } from '@app/personal-data';
import { openReadModel, ProjectionRunner } from '@app/projections';
import { PROJECTIONS } from '../apps/projections/src/registry';
import { personEvents } from '../apps/demo/src/population';
import { startProfiler } from './bench-support';

const PERSONS = Number(process.env.BENCH_APPLY_PERSONS ?? 3_000);
const BATCH = Number(process.env.BENCH_APPLY_BATCH ?? 1_000);
const PROFILE = process.env.BENCH_PROFILE;
const DIGEST = process.env.BENCH_APPLY_DIGEST === '1';

/** The population's events in `$all` order: each person's appended at once, as bench:deadlines appends them. */
function population(): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let commit = 0n;
  for (let index = 0; index < PERSONS; index += 1) {
    const streamName = contactProcessStream(`bench-${index}`);
    personEvents(index).forEach((event, revision) => {
      commit += 1n;
      events.push({
        streamName,
        revision: BigInt(revision),
        position: { commit: commit * 100n, prepare: commit * 100n },
        type: event.type,
        schemaVersion: SCHEMA_VERSION,
        data: event.data,
        metadata: {
          eventId: `00000000-0000-4000-8000-${commit.toString().padStart(12, '0')}`,
          occurredAt: '2024-01-01T00:00:00.000Z',
          actor: { organisation: 'bench', role: 'integration', user: 'bench' },
          correlationId: `corr-${commit}`,
          causationId: null,
        },
        recordedAt: new Date(Date.UTC(2024, 0, 1) + Number(commit) * 1000),
        isSystem: false,
        erased: false,
      });
    });
  }
  return events;
}

/** A subscription delivering `events` from memory, then caught-up (what a catching-up runner is fed). */
function fromMemory(events: readonly RecordedEvent[]): AllSubscription {
  let closed = false;
  let next = 0;
  return {
    unsubscribe: async () => void (closed = true),
    buffered: () => events.length - next,
    async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
      for (; next < events.length && !closed;) yield { kind: 'event', event: events[next++] };
      if (!closed) yield { kind: 'caught-up' };
      while (!closed) await new Promise((r) => setTimeout(r, 10));
    },
  };
}

/** Sealed states are compared opened: each run makes its persons' keys anew. */
async function digestOf(db: Kysely<unknown>, tables: readonly string[], store: EventStore): Promise<string> {
  const hash = createHash('sha256');
  const counts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    for (const row of rows)
      if (typeof row.state === 'string')
        row.state = await store.openPersonal(contactProcessStream(row.person_id as string), table, row.state);
    const lines = rows.map((row) => JSON.stringify(Object.entries(row).sort())).sort();
    hash.update(`${table}:${lines.length}\n${lines.join('\n')}\n`);
    counts.push(`${table} ${lines.length}`);
  }
  return `${hash.digest('hex').slice(0, 16)} (${counts.join(', ')})`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sagsforloeb-bench-apply-'));
  // Never connected: the runners are fed from memory; the store only seals and opens the folded states.
  const { store, keyring } = await protectPersonalData(
    EventStore.fromConnectionString('esdb://127.0.0.1:1?tls=false'),
    { keyringPath: join(dir, 'person-keys.sqlite'), secret: randomBytes(32) },
    CONTACT_PROCESS_CATALOGUE,
  );
  try {
    const events = population();
    console.log(`bench:apply — ${PERSONS.toLocaleString('en-US')} persons, ${events.length} events`);
    // Keys made before the timing: in the service the append made them.
    for (let index = 0; index < PERSONS; index += 1)
      await store.sealPersonal(contactProcessStream(`bench-${index}`), 'warm-up', '{}');
    const profiler = PROFILE ? await startProfiler() : undefined;
    let total = 0;
    for (const registered of PROJECTIONS) {
      const projection = registered.create(store);
      const db = openReadModel<unknown>({ sqlitePath: join(dir, `${registered.name}.sqlite`) });
      const runner = new ProjectionRunner(store, db as never, projection, {
        batchSize: BATCH,
        source: () => fromMemory(events),
      });
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      await runner.start();
      while (!runner.status().caughtUp) {
        if (runner.status().lastError) throw new Error(runner.status().lastError!);
        await new Promise((r) => setImmediate(r));
      }
      const used = process.cpuUsage(cpu);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      await runner.stop();
      const perEvent = (used.user + used.system) / events.length;
      total += perEvent;
      const digest = DIGEST ? `, digest ${await digestOf(db, projection.tables, store)}` : '';
      console.log(
        `  ${registered.name.padEnd(12)} ${perEvent.toFixed(1)} µs CPU per event (${seconds.toFixed(1)} s)${digest}`,
      );
      await db.destroy();
    }
    console.log(`  every projection ${total.toFixed(1)} µs CPU per event`);
    if (profiler) await profiler.stop(PROFILE);
  } finally {
    await keyring.close();
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
