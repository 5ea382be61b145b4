import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { connectEventStore, type EventStoreConnection, type RecordedEvent } from '@app/event-store';
import type { Projection, WithCheckpoints } from './projection';
import { ProjectionRunner } from './projection-runner';
import { openSqliteReadModel } from './read-model-database';

interface CountsDatabase {
  counts: { stream_name: string; n: number };
}
type Db = WithCheckpoints<CountsDatabase>;

/** Counts events per stream; its version decides whether an existing read model is kept. */
const countingProjection = (schemaVersion: number): Projection<CountsDatabase> => ({
  name: 'counts',
  filter: { on: 'stream-name', prefixes: ['counted-'] },
  schemaVersion,
  tables: ['counts'],
  async migrate(db: Kysely<Db>) {
    await db.schema
      .createTable('counts')
      .ifNotExists()
      .addColumn('stream_name', 'text', (c) => c.primaryKey())
      .addColumn('n', 'integer', (c) => c.notNull())
      .execute();
  },
  async apply(trx: Transaction<Db>, events: RecordedEvent[]) {
    for (const e of events) {
      await sql`INSERT INTO counts (stream_name, n) VALUES (${e.streamName}, 1)
        ON CONFLICT (stream_name) DO UPDATE SET n = counts.n + 1`.execute(trx);
    }
  },
});

const anEvent = () => ({
  type: 'Counted',
  schemaVersion: 1,
  data: {},
  metadata: {
    eventId: randomUUID(),
    occurredAt: '2024-01-01T00:00:00.000Z',
    actor: { organisation: 'o', role: 'r', user: 'u' },
    correlationId: randomUUID(),
    causationId: null,
  },
});

describe('projection runner', () => {
  let connection: EventStoreConnection;
  let db: Kysely<Db>;
  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    db = openSqliteReadModel<Db>({ sqlitePath: ':memory:' });
  });
  afterAll(async () => {
    await db.destroy();
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
