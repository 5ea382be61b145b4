import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectEventStore,
  type AllSubscription,
  type EventStore,
  type EventStoreConnection,
} from '@app/event-store';
import {
  READ_MODEL_DIALECTS,
  rowsOf,
  testReadModels,
  type TestReadModels,
} from '../../../test/support/read-models';
import { aCountedEvent, countingProjection } from '../../../test/support/counting-projection';
import type { Projection } from './projection';
import { openReadModel } from './read-model-database';
import { rebuildAllReadModels, rebuildReadModel, type RebuildTarget } from './rebuild';

/** Three projections over one `$all`: two by stream name, one by event type (so no one server-side filter). */
const PROJECTIONS: Array<() => Projection<unknown>> = [
  () => countingProjection({ name: 'alpha', prefix: 'alpha-' }) as Projection<unknown>,
  () => countingProjection({ name: 'beta', prefix: 'beta-' }) as Projection<unknown>,
  () =>
    countingProjection({
      name: 'typed',
      prefix: '',
      filter: { on: 'event-type', prefixes: ['Counted'] },
    }) as Projection<unknown>,
];

/** The store, with every `$all` subscription opened and every event it delivered (so decoded) counted. */
function countingReads(store: EventStore) {
  const counts = { subscriptions: 0, delivered: [] as bigint[] };
  const subscribeToAll = (...args: Parameters<EventStore['subscribeToAll']>): AllSubscription => {
    counts.subscriptions += 1;
    const inner = store.subscribeToAll(...args);
    return {
      buffered: () => inner.buffered(),
      unsubscribe: () => inner.unsubscribe(),
      async *[Symbol.asyncIterator]() {
        for await (const message of inner) {
          if (message.kind === 'event') counts.delivered.push(message.event.position.commit);
          yield message;
        }
      },
    };
  };
  const counted = new Proxy(store, {
    get(target, property) {
      if (property === 'subscribeToAll') return subscribeToAll;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, counts };
}

describe.each(READ_MODEL_DIALECTS)(
  'rebuild of every projection from one read, read model in %s',
  (dialect) => {
    let connection: EventStoreConnection;
    let readModels: TestReadModels;
    let folder: string;
    const positionsInAll: bigint[] = [];

    beforeAll(async () => {
      connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
      readModels = await testReadModels(dialect);
      folder = mkdtempSync(join(tmpdir(), 'rebuild-all-'));
      for (const stream of ['alpha-1', 'alpha-2', 'beta-1', 'other-1']) {
        await connection.store.append(stream, [aCountedEvent(), aCountedEvent()]);
      }
      await connection.store.append('alpha-1', [aCountedEvent()]);
      for await (const event of connection.store.readAll()) positionsInAll.push(event.position.commit);
    }, 60_000);
    afterAll(async () => {
      await readModels.drop();
      await connection.close();
      rmSync(folder, { recursive: true, force: true });
    });

    const databaseUrl = () => readModels.config('counts').databaseUrl;
    const targetsIn = (sub: string): RebuildTarget[] =>
      PROJECTIONS.map((projection) => ({
        projection,
        readModelPath: join(folder, sub, `${projection().name}.sqlite`),
      }));

    async function liveRows(target: RebuildTarget): Promise<Record<string, string[]>> {
      const db = openReadModel<unknown>({
        sqlitePath: target.readModelPath,
        // Each run's own schemas in PostgreSQL: the folder names them apart.
        databaseUrl: databaseUrl(),
        name: target.projection(connection.store).name,
        followLiveGeneration: true,
        pointerCheckMs: 0,
      });
      try {
        return await rowsOf(db, ['counts']);
      } finally {
        await db.destroy();
      }
    }

    it('reads $all once, each event delivered once, and ends with the read models each rebuild alone ends with', async () => {
      const alone: Record<string, string[]>[] = [];
      for (const target of targetsIn('alone')) {
        await rebuildReadModel({
          store: connection.store,
          projection: target.projection,
          readModelPath: target.readModelPath,
          databaseUrl: databaseUrl(),
        });
        alone.push(await liveRows(target));
      }

      const { store, counts } = countingReads(connection.store);
      const targets = targetsIn('all');
      const outcomes = await rebuildAllReadModels(targets, { store, databaseUrl: databaseUrl() });

      expect(outcomes).toEqual(
        ['alpha', 'beta', 'typed'].map((name) => ({
          name,
          result: expect.objectContaining({ switched: true }),
        })),
      );
      expect(counts.subscriptions).toBe(1);
      // Every event of $all, each once (a bare read of $all delivers the same).
      expect(counts.delivered).toEqual(positionsInAll);
      const together: Record<string, string[]>[] = [];
      for (const target of targets) together.push(await liveRows(target));
      expect(together).toEqual(alone);
      expect(together.map((rows) => rows.counts.length)).toEqual([2, 1, 4]);
    });

    it('when one projection fails, the others still switch and the failed one says why and keeps serving', async () => {
      const failing: RebuildTarget = {
        projection: () =>
          countingProjection({
            name: 'broken',
            prefix: 'beta-',
            beforeApply: () => Promise.reject(new Error('cannot apply')),
          }) as Projection<unknown>,
        readModelPath: join(folder, 'failing', 'broken.sqlite'),
      };
      const [alpha, , typed] = targetsIn('failing');

      const outcomes = await rebuildAllReadModels([alpha, failing, typed], {
        store: connection.store,
        databaseUrl: databaseUrl(),
      });

      expect(outcomes).toEqual([
        { name: 'alpha', result: expect.objectContaining({ switched: true }) },
        { name: 'broken', error: expect.objectContaining({ message: 'cannot apply' }) },
        { name: 'typed', result: expect.objectContaining({ switched: true }) },
      ]);
      expect((await liveRows(alpha)).counts).toHaveLength(2);
      expect((await liveRows(typed)).counts).toHaveLength(4);
    });
  },
);
