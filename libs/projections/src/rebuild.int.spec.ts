import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connectEventStore, type EventStoreConnection } from '@app/event-store';
import { READ_MODEL_DIALECTS, testReadModels, type TestReadModels } from '../../../test/support/read-models';
import { openReadModel } from './read-model-database';
import { readModelStatus } from './read-model-status';
import { rebuildReadModel } from './rebuild';
import { aCountedEvent, countingProjection, type CountsDb } from '../../../test/support/counting-projection';

type Db = CountsDb;
const counting = countingProjection({ prefix: 'rebuilt-' });
const anEvent = aCountedEvent;

describe.each(READ_MODEL_DIALECTS)('blue/green rebuild, read model in %s', (dialect) => {
  let connection: EventStoreConnection;
  let readModels: TestReadModels;
  let folder: string;

  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    readModels = await testReadModels(dialect);
    folder = mkdtempSync(join(tmpdir(), 'rebuild-'));
  });
  afterAll(async () => {
    await readModels.drop();
    await connection.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('fills a new generation while the live one serves, then switches every reader to it at once', async () => {
    const config = { ...readModels.config('counts'), sqlitePath: join(folder, 'read-models.sqlite') };
    await connection.store.append('rebuilt-1', [anEvent(), anEvent(), anEvent()]);
    const serving = openReadModel<Db>({ ...config, followLiveGeneration: true, pointerCheckMs: 0 });
    try {
      await counting.migrate(serving);
      // The live generation holds a row no rebuild derives: after the switch it is no longer what readers see.
      await sql`INSERT INTO counts (stream_name, n) VALUES ('stale', 1)`.execute(serving);

      const result = await rebuildReadModel({
        store: connection.store,
        projection: () => counting,
        readModelPath: config.sqlitePath,
        databaseUrl: config.databaseUrl,
      });
      expect(result).toMatchObject({
        generation: 2,
        switched: true,
        eventsApplied: 3,
        previous: { generation: 1 },
      });

      const rows = await serving.selectFrom('counts').selectAll().orderBy('stream_name').execute();
      expect(rows).toEqual([{ stream_name: 'rebuilt-1', n: 3 }]);
      const status = await readModelStatus(
        connection.store,
        'counts',
        config.sqlitePath,
        new Date(),
        config.databaseUrl,
      );
      expect(status).toMatchObject({
        live: { generation: 2, exists: true },
        checkpoint: result.checkpoint,
        eventsApplied: 3,
        building: null,
      });
    } finally {
      await serving.destroy();
    }
  });
});
