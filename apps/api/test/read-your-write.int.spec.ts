import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { freshPostgresDatabase, type TestDatabase } from '../../../test/support/postgres';
import { as, createTestApp, fact, factRecorder, type Client } from './test-app';

// Two API instances and a 5 s bounded wait: more than jest's default timeout.
jest.setTimeout(30_000);

describe('read-your-write across instances (X-Min-Position)', () => {
  let database: TestDatabase;
  /** Instance A records and runs the projections; instance B only reads, from the same PostgreSQL. */
  let a: INestApplication;
  let b: INestApplication;
  let record: Awaited<ReturnType<typeof factRecorder>>;
  let readerOnB: Client;

  beforeAll(async () => {
    database = await freshPostgresDatabase('read_your_write');
    const readModel = { sqlitePath: ':memory:', databaseUrl: database.url };
    // Both instances open the same person keys, as every instance of a deployment does: B's read model holds
    // each person's state sealed under the key A made.
    const personalData = { keyringPath: ':memory:', secret: randomBytes(32), databaseUrl: database.url };
    a = await createTestApp({ readModel, personalData });
    const store = a.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    b = await createTestApp({
      readModel: { ...readModel, projections: 'off' },
      personalData,
      eventStore: {
        dataDir: ':memory:',
        host: '127.0.0.1',
        port: 0,
        connectionString: store.connectionString,
      },
    });
    record = await factRecorder(a, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    readerOnB = await as(b, { role: 'akasse-caseworker', org: 'akasse-3f' });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.drop();
  });

  async function aPersonRegisteredThroughA(personId: string): Promise<string> {
    await record(`/persons/${personId}/facts`, fact('PersonFactsRecorded')).expect(201);
    await record(
      `/persons/${personId}/facts`,
      fact('PlacedInBenefitPeriod', { benefitPeriodId: `bp-${personId}`, akasseId: 'akasse-3f' }),
    ).expect(201);
    const registered = await record(
      `/persons/${personId}/facts`,
      fact('RegisteredAsJobseeker', { jobcenterId: 'jc-101' }),
    ).expect(201);
    return registered.body.position as string;
  }

  it('answers a recording with its commit position', async () => {
    const position = await aPersonRegisteredThroughA('p-ryw-1');
    expect(position).toMatch(/^\d+$/);
  });

  it("reads a write made through A on B, which runs no projection, once B's read model includes it", async () => {
    const position = await aPersonRegisteredThroughA('p-ryw-2');
    const response = await readerOnB
      .get('/persons/p-ryw-2/deadlines')
      .set('X-Min-Position', position)
      .expect(200);
    expect(response.body.deadlines.length).toBeGreaterThan(0);
    // The same through the query parameter, which the endpoint's own query validation never sees.
    await readerOnB.get(`/persons/p-ryw-2/deadlines?minPosition=${position}`).expect(200);
  });

  it('refuses a malformed position, naming the header or the parameter', async () => {
    const header = await readerOnB
      .get('/persons/p-ryw-2/deadlines')
      .set('X-Min-Position', '12abc')
      .expect(400);
    expect(JSON.stringify(header.body)).toContain('X-Min-Position must be a commit position');
    const query = await readerOnB.get('/persons/p-ryw-2/deadlines?minPosition=-1').expect(400);
    expect(JSON.stringify(query.body)).toContain('minPosition must be a commit position');
  });

  it('answers 503 with Retry-After when the read model does not reach the position in time', async () => {
    const analystOnB = await as(b, { role: 'star-analyst', org: 'star' });
    const response = await analystOnB
      .get('/supervision/akasser')
      .set('X-Min-Position', '999999999999')
      .expect(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(JSON.stringify(response.body)).toContain('has not reached position 999999999999');
  });
});
