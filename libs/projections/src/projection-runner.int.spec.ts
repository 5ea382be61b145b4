import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import {
  connectEventStore,
  EmbeddedEventStoreNode,
  EventStore,
  type EventStoreConnection,
  type SubscriptionMessage,
} from '@app/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import {
  READ_MODEL_DIALECTS,
  testReadModels,
  type Dialect,
  type TestReadModels,
} from '../../../test/support/read-models';
import { openGenerationsAdmin, writeGenerationsRow } from './postgres-read-model';
import { openReadModel } from './read-model-database';
import { generationPath, switchLiveGeneration } from './read-model-generations';
import { eventually } from '../../../test/support/eventually';
import {
  aCountedEvent,
  countingProjection as counting,
  type CountsDatabase,
  type CountsDb,
} from '../../../test/support/counting-projection';

type Db = CountsDb;
/** Counts events per stream; its version decides whether an existing read model is kept. */
const countingProjection = (schemaVersion: number) => counting({ prefix: 'counted-', schemaVersion });
const anEvent = aCountedEvent;

describe.each(READ_MODEL_DIALECTS)('projection runner, read model in %s', (dialect) => {
  let connection: EventStoreConnection;
  let readModels: TestReadModels;
  let db: Kysely<Db>;
  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    readModels = await testReadModels(dialect);
    db = readModels.open<Db>('counts');
  });
  afterAll(async () => {
    await db.destroy();
    await readModels.drop();
    await connection.close();
  });

  const countOf = async () =>
    (await db.selectFrom('counts').select('n').where('stream_name', '=', 'counted-1').executeTakeFirst())?.n;

  it('resumes from its checkpoint with the same schema version, and rebuilds from $all after a version change', async () => {
    await connection.store.append('counted-1', [anEvent(), anEvent()]);
    const first = new ProjectionRunner(connection.store, db, countingProjection(1));
    await first.start();
    const { position } = await connection.store.append('counted-1', [anEvent()]);
    await first.waitFor(position!);
    await first.stop();
    expect(await countOf()).toBe(3);

    // Same version: resumes after its checkpoint, nothing counted twice.
    const again = new ProjectionRunner(connection.store, db, countingProjection(1));
    await again.start();
    const next = await connection.store.append('counted-1', [anEvent()]);
    await again.waitFor(next.position!);
    await again.stop();
    expect(await countOf()).toBe(4);

    // A new version: the old table is dropped and the model rebuilt from the start of $all.
    await sql`INSERT INTO counts (stream_name, n) VALUES ('stale-row', 99)`.execute(db);
    const rebuilt = new ProjectionRunner(connection.store, db, countingProjection(2));
    await rebuilt.start();
    await rebuilt.waitFor(next.position!);
    await rebuilt.stop();
    expect(await countOf()).toBe(4);
    expect(
      await db.selectFrom('counts').select('n').where('stream_name', '=', 'stale-row').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('fills whole batches while catching up, however often the filter checkpoints', async () => {
    const appended = await connection.store.append(
      'batched-1',
      Array.from({ length: 100 }, () => anEvent()),
    );
    const batches: number[] = [];
    const batching: Projection<CountsDatabase> = {
      ...countingProjection(1),
      name: 'batches',
      // A checkpoint every 32 events examined: three of them fall inside the batches below.
      filter: { on: 'stream-name', prefixes: ['batched-'], checkpointInterval: 1 },
      tables: [],
      async migrate() {},
      async apply(_trx, events) {
        batches.push(events.length);
      },
    };
    const runner = new ProjectionRunner(connection.store, db, batching, { batchSize: 40 });
    await runner.start();
    await runner.waitFor(appended.position!);
    await runner.stop();
    expect(batches).toEqual([40, 40, 20]);
    expect(runner.status().eventsApplied).toBe(100);
  });
});

/** A store whose subscriptions start at the beginning of $all whatever they ask for, and deliver every event twice. */
function deliveringTwice(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property !== 'subscribeToAll') {
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (options: Parameters<EventStore['subscribeToAll']>[0] = {}) => {
        const inner = target.subscribeToAll({ ...options, fromPosition: 'start' });
        return {
          unsubscribe: () => inner.unsubscribe(),
          buffered: () => inner.buffered(),
          async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
            for await (const message of inner) {
              yield message;
              if (message.kind === 'event') yield message;
            }
          },
        };
      };
    },
  });
}

describe.each(READ_MODEL_DIALECTS)(
  'projection runner, stopping and redelivery, read model in %s',
  (dialect: Dialect) => {
    let connection: EventStoreConnection;
    let folder: string;
    let readModels: TestReadModels;
    let opened = 0;
    /** An empty read model of its own (in PostgreSQL, a schema of its own). */
    const freshReadModel = () => readModels.open<Db>(`counts_${(opened += 1)}`);
    beforeAll(async () => {
      connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
      folder = mkdtempSync(join(tmpdir(), 'runner-'));
      readModels = await testReadModels(dialect);
    });
    afterAll(async () => {
      await readModels.drop();
      await connection.close();
      rmSync(folder, { recursive: true, force: true });
    });

    const countIn = async (db: Kysely<Db>, stream: string) =>
      (await db.selectFrom('counts').select('n').where('stream_name', '=', stream).executeTakeFirst())?.n;

    describe('given an until position', () => {
      it('applies the events up to it, stores it as the checkpoint and finishes on its own', async () => {
        const first = await connection.store.append('counted-until', [anEvent(), anEvent(), anEvent()]);
        await connection.store.append('counted-until', [anEvent(), anEvent()]);
        const db = freshReadModel();
        const runner = new ProjectionRunner(connection.store, db, countingProjection(1), {
          batchSize: 2,
          until: first.position!,
        });
        await runner.start();
        await runner.finished();
        expect(await countIn(db, 'counted-until')).toBe(3);
        expect(runner.status()).toMatchObject({
          checkpoint: first.position,
          eventsApplied: 3,
          lastError: null,
        });

        // Started again with the same bound, it has nothing left to do.
        const again = new ProjectionRunner(connection.store, db, countingProjection(1), {
          until: first.position!,
        });
        await again.start();
        await again.finished();
        expect(await countIn(db, 'counted-until')).toBe(3);
        await db.destroy();
      });
    });

    describe('when events are delivered again', () => {
      it('applies each once, however often and from however far back it is delivered', async () => {
        const { position } = await connection.store.append(
          'counted-twice',
          Array.from({ length: 25 }, () => anEvent()),
        );
        const db = freshReadModel();
        const projection = countingProjection(1);
        const first = new ProjectionRunner(deliveringTwice(connection.store), db, projection, {
          batchSize: 4,
        });
        await first.start();
        await first.waitFor(position!);
        await first.stop();
        // Restarted, it is sent everything from the start again.
        const restarted = new ProjectionRunner(deliveringTwice(connection.store), db, projection, {
          batchSize: 4,
        });
        await restarted.start();
        const more = await connection.store.append('counted-twice', [anEvent()]);
        await restarted.waitFor(more.position!);
        await restarted.stop();
        expect(await countIn(db, 'counted-twice')).toBe(26);
        await db.destroy();
      });
    });

    describe('when applying fails', () => {
      it('stops, and keeps the error in the read model for the operator', async () => {
        const { position } = await connection.store.append('counted-broken', [anEvent()]);
        const db = freshReadModel();
        const broken: Projection<CountsDatabase> = {
          ...countingProjection(1),
          name: 'broken',
          filter: { on: 'stream-name', prefixes: ['counted-broken'] },
          async apply() {
            throw new Error('no such column: n2');
          },
        };
        const runner = new ProjectionRunner(connection.store, db, broken, { until: position! });
        await runner.start();
        await expect(runner.finished()).rejects.toThrow('no such column: n2');
        const { rows } = await sql<{ message: string }>`
        SELECT message FROM projection_errors WHERE name = 'broken'`.execute(db);
        expect(rows).toEqual([{ message: `no such column: n2 (at position ${position!.commit})` }]);
        await db.destroy();
      });
    });

    describe('when the database it writes through switches to another generation', () => {
      it("resumes from the new generation's checkpoint, losing and repeating nothing", async () => {
        const basePath = join(folder, 'read-models.sqlite');
        const config = { ...readModels.config('switching'), sqlitePath: basePath };
        const early = await connection.store.append('counted-switch', [anEvent(), anEvent()]);
        // Generation 2 is built up to an earlier position than the live runner has reached.
        const generation2 = openReadModel<Db>({
          ...config,
          sqlitePath: generationPath(basePath, 2),
          generation: 2,
        });
        const builder = new ProjectionRunner(connection.store, generation2, countingProjection(1), {
          until: early.position!,
        });
        await builder.start();
        await builder.finished();
        await generation2.destroy();

        const following = openReadModel<Db>({
          ...config,
          followLiveGeneration: true,
          pointerCheckMs: 0,
        });
        const live = new ProjectionRunner(connection.store, following, countingProjection(1));
        await live.start();
        const later = await connection.store.append('counted-switch', [anEvent(), anEvent(), anEvent()]);
        await live.waitFor(later.position!);
        await sql`INSERT INTO counts (stream_name, n) VALUES ('generation-1', 1)`.execute(following);

        await switchTo(config, 2, new Date('2024-05-01T10:00:00Z'));
        // Generation 2 answers from now on: it has not seen the three later events yet, nor generation 1's row.
        expect(await countIn(following, 'generation-1')).toBeUndefined();
        const last = await connection.store.append('counted-switch', [anEvent()]);
        await live.waitFor(last.position!);
        expect(await countIn(following, 'counted-switch')).toBe(6);
        await live.stop();
        await following.destroy();
      });

      it('forgets what the projection kept in memory of the old generation, and reads the new one', async () => {
        // Counts kept in memory and written as numbers: a count kept from generation 1 would write 5 + 1.
        const kept = counting({ prefix: 'counted-', name: 'kept', keptInMemory: true });
        const basePath = join(folder, 'kept-read-models.sqlite');
        const config = { ...readModels.config('kept_switching'), sqlitePath: basePath };
        const early = await connection.store.append('counted-kept', [anEvent(), anEvent()]);
        const generation2 = openReadModel<Db>({
          ...config,
          sqlitePath: generationPath(basePath, 2),
          generation: 2,
        });
        const builder = new ProjectionRunner(connection.store, generation2, kept, { until: early.position! });
        await builder.start();
        await builder.finished();
        await generation2.destroy();

        const following = openReadModel<Db>({ ...config, followLiveGeneration: true, pointerCheckMs: 0 });
        const live = new ProjectionRunner(connection.store, following, kept);
        await live.start();
        const later = await connection.store.append('counted-kept', [anEvent(), anEvent(), anEvent()]);
        await live.waitFor(later.position!);
        expect(await countIn(following, 'counted-kept')).toBe(5);

        await switchTo(config, 2, new Date('2024-05-01T10:00:00Z'));
        const last = await connection.store.append('counted-kept', [anEvent()]);
        await live.waitFor(last.position!);
        expect(await countIn(following, 'counted-kept')).toBe(6);
        await live.stop();
        await following.destroy();
      });
    });
  },
);

/** What a finished rebuild does: the pointer file (SQLite) or the pointer row (PostgreSQL) names `generation`. */
async function switchTo(
  config: { sqlitePath: string; databaseUrl?: string; name?: string },
  generation: number,
  at: Date,
): Promise<void> {
  if (!config.databaseUrl) return switchLiveGeneration(config.sqlitePath, generation, at);
  const admin = openGenerationsAdmin(config.databaseUrl);
  try {
    await writeGenerationsRow(admin, {
      name: config.name!,
      live: generation,
      switched_at: at.toISOString(),
      building: null,
      building_started_at: null,
      building_owner: null,
    });
  } finally {
    await admin.destroy();
  }
}

describe('projection runner, when the event store goes away', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'runner-outage-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('retries while the store is away, showing why, and resumes from its checkpoint once it is back', async () => {
    const dataDir = join(folder, 'node');
    let node = await EmbeddedEventStoreNode.start({ dataDir, port: 0 });
    const { port } = node;
    const store = EventStore.fromConnectionString(node.connectionString);
    const db = openReadModel<Db>({ sqlitePath: ':memory:' });
    const runner = new ProjectionRunner(store, db, countingProjection(1), {
      retry: { initialDelayMs: 20, maxDelayMs: 200 },
    });
    try {
      await runner.start();
      const before = await store.append('counted-outage', [anEvent(), anEvent()]);
      await runner.waitFor(before.position!);

      await node.stop();
      await eventually(() => runner.status().lastError !== null, 'the runner to notice the outage');
      expect(runner.status()).toMatchObject({ caughtUp: false, checkpoint: before.position });

      node = await EmbeddedEventStoreNode.start({ dataDir, port });
      await eventually(() => runner.status().caughtUp, 'the runner to catch up again');
      const after = await store.append('counted-outage', [anEvent()]);
      await runner.waitFor(after.position!);
      expect(runner.status()).toMatchObject({ lastError: null, eventsApplied: 3 });
      const counted = await db
        .selectFrom('counts')
        .select('n')
        .where('stream_name', '=', 'counted-outage')
        .executeTakeFirst();
      expect(counted?.n).toBe(3);
    } finally {
      await runner.stop();
      await db.destroy();
      await store.close();
      await node.stop();
    }
  });

  it('stops it, waiting or not, when told to stop during an outage', async () => {
    const node = await EmbeddedEventStoreNode.start({ dataDir: join(folder, 'stopped'), port: 0 });
    const store = EventStore.fromConnectionString(node.connectionString);
    const db = openReadModel<Db>({ sqlitePath: ':memory:' });
    const runner = new ProjectionRunner(store, db, countingProjection(1), {
      retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await runner.start();
    await node.stop();
    await eventually(() => runner.status().lastError !== null, 'the runner to notice the outage');
    await runner.stop();
    await expect(runner.finished()).resolves.toBeUndefined();
    await db.destroy();
    await store.close();
  });
});
