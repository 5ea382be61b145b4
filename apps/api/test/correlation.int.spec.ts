import type { INestApplication } from '@nestjs/common';
import type { EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

describe('the correlation id of a request', () => {
  let app: INestApplication;
  let system: Client;
  const stored = async (personId: string) =>
    (
      await app
        .get<EventStoreConnection>(EVENT_STORE_CONNECTION)
        .store.readStream(`contact-process-${personId}`)
    ).map((e) => e.metadata?.correlationId);

  beforeAll(async () => {
    app = await createTestApp();
    system = await as(app, integrationOf('akasse-3f'));
  });
  afterAll(() => app.close());

  it('is taken from X-Correlation-Id, echoed back, stored with the events and read back with their history', async () => {
    const response = await system
      .post('/persons/p-corr-1/facts')
      .set('X-Correlation-Id', 'caseworker-system-run-42')
      .send(fact('PersonFactsRecorded'))
      .expect(201);
    expect(response.headers['x-correlation-id']).toBe('caseworker-system-run-42');
    expect(await stored('p-corr-1')).toEqual(['caseworker-system-run-42']);
    // Placed at the a-kasse, so that its caseworker system may read the person's history.
    await system.post('/persons/p-corr-1/facts').send(fact('PlacedInBenefitPeriod')).expect(201);
    const history = await system.get('/persons/p-corr-1/history').expect(200);
    expect(JSON.stringify(history.body)).toContain('"correlationId":"caseworker-system-run-42"');
  });

  it('is made when missing (or not a plain id), and the events carry the one echoed', async () => {
    const made = await system.post('/persons/p-corr-2/facts').send(fact('PersonFactsRecorded')).expect(201);
    const id = made.headers['x-correlation-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = await system
      .post('/persons/p-corr-2/facts')
      .set('X-Correlation-Id', 'not a plain id; CPR 010190-1234')
      .send(fact('PlacedInBenefitPeriod'))
      .expect(201);
    const other = replaced.headers['x-correlation-id'] as string;
    expect(other).toMatch(/^[0-9a-f-]{36}$/);
    expect(await stored('p-corr-2')).toEqual([id, other]);
  });
});
