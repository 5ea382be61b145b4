import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { EventStoreConnection } from '@app/event-store';
import type { PersonalDataSettings } from '@app/personal-data';
import { freshPostgresDatabase, type TestDatabase } from '../../../test/support/postgres';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

jest.setTimeout(120_000);

const JOB_GOAL = 'lagerarbejder hos Brødrene Mortensens Lager';

/**
 * Issue #14 item 3: two API instances on one event store. With the keys in PostgreSQL, what A wrote reads the
 * same through B and an erasure through B is honoured by A; with a key store that lacks the key, B answers 503
 * and its projection stops with an error — never a person read as erased (404, rows dropped).
 */
describe('two API instances over one event store', () => {
  let keys: TestDatabase;
  let a: INestApplication;
  const secret = randomBytes(32);
  const started: INestApplication[] = [];
  const person = 'p-shared';

  /** Another instance on A's node (its event store, its own read model in memory). */
  const instanceOn = async (personalData: PersonalDataSettings) => {
    const connectionString = a.get<EventStoreConnection>(EVENT_STORE_CONNECTION).connectionString;
    const app = await createTestApp({
      eventStore: { connectionString, dataDir: ':memory:', host: '127.0.0.1', port: 0 },
      personalData,
    });
    started.push(app);
    return app;
  };
  const caseworkerOf = (app: INestApplication): Promise<Client> =>
    as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
  const minPlanOf = async (app: INestApplication, status: number) =>
    (await caseworkerOf(app)).get(`/persons/${person}/min-plan`).expect(status);

  beforeAll(async () => {
    keys = await freshPostgresDatabase('shared_keys');
    a = await createTestApp({ personalData: { keyringPath: ':memory:', secret, databaseUrl: keys.url } });
    started.push(a);
    const system = await as(a, integrationOf('akasse-3f'));
    for (const body of [
      fact('PersonFactsRecorded', { birthDate: '1988-08-08' }),
      fact('PlacedInBenefitPeriod', {
        benefitPeriodId: 'bp-1',
        akasseId: 'akasse-3f',
        placedOn: '2024-02-01',
      }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-02-02', jobcenterId: 'jc-101' }),
      fact('MinPlanPrepared', { preparedOn: '2024-02-10', jobGoals: [JOB_GOAL] }),
    ])
      await system.post(`/persons/${person}/facts`).send(body).expect(201);
  });
  afterAll(async () => {
    for (const app of started.reverse()) await app.close();
    await keys.drop();
  });

  it('reads through B, with the keys in PostgreSQL, exactly what A wrote', async () => {
    const b = await instanceOn({ keyringPath: ':memory:', secret, databaseUrl: keys.url });
    const onA = await minPlanOf(a, 200);
    const onB = await minPlanOf(b, 200);
    expect(onB.text).toContain(JOB_GOAL);
    expect(onB.body).toEqual(onA.body);
  });

  it('answers 503, not "unknown" or "erased", where the instance’s key store lacks the key; its projection stops with the error', async () => {
    const stranger = await instanceOn({ keyringPath: ':memory:', secret });
    const response = await minPlanOf(stranger, 503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).toMatchObject({ code: 'person-key-missing' });
    expect(response.text).not.toContain(person);

    // Whether the runner then stops or retries is its own policy: the error is what it must show.
    const runner = stranger.get(DeadlinesReadSide).runner;
    for (let i = 0; i < 400 && !runner.status().lastError; i++) await new Promise((r) => setTimeout(r, 25));
    expect(runner.status().lastError).toMatch(
      /person p-shared cannot be opened: the person has no key in the key store/,
    );
    expect(runner.status().eventsApplied).toBe(0);
  });

  it('honours on A an erasure made through B', async () => {
    const b = await instanceOn({ keyringPath: ':memory:', secret, databaseUrl: keys.url });
    await minPlanOf(a, 200); // A holds the key in its cache
    await (
      await as(b, integrationOf('akasse-3f'))
    )
      .post(`/persons/${person}/erasure`)
      .send({ eventId: randomUUID(), reason: 'data-subject-request' })
      .expect(200);
    const onA = await minPlanOf(a, 410);
    expect(onA.body).toMatchObject({ code: 'person-erased' });
    expect(onA.text).not.toContain('Mortensens');
  });
});
