import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { INestApplication } from '@nestjs/common';
import { EmbeddedEventStoreNode, EmbeddedNodeThread, type EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { as, createTestApp, fact, factRecorder } from './test-app';

jest.setTimeout(60_000);

/** The layout `npm start` runs: the embedded node on a data folder, in its own thread (main.ts sets nodeThread). */
describe('the API with its embedded node in a worker thread', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sagsforloeb-node-thread-'));
  let app: INestApplication;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    app = await createTestApp({ eventStore: { dataDir, host: '127.0.0.1', port: 0, nodeThread: true } });
  });

  it('records a fact and reads it back through the node in its thread', async () => {
    const connection = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    expect(connection.embeddedNode).toBeInstanceOf(EmbeddedNodeThread);
    const record = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    const recorded = await record('/persons/p-thread/facts', fact('PlacedInBenefitPeriod', {})).expect(201);
    const reader = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    const deadlines = await reader
      .get('/persons/p-thread/deadlines')
      .set('X-Min-Position', recorded.body.position)
      .expect(200);
    expect(deadlines.body.personId).toBe('p-thread');
    const health = await reader.get('/health').expect(200);
    expect(health.body.eventStore).toMatchObject({ reachable: true, embedded: true });
  });

  it('on shutdown checkpoints the WAL and releases the data folder, with the fact stored', async () => {
    await app.close();
    const wal = join(dataDir, 'events.sqlite-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const stored = db.prepare("SELECT count(*) AS n FROM events WHERE stream_name LIKE '%p-thread%'").get();
    db.close();
    expect(stored).toEqual({ n: 1 });
    // Released: another node may open the folder now.
    const next = await EmbeddedEventStoreNode.start({ dataDir, port: 0 });
    await next.stop();
  });
});
