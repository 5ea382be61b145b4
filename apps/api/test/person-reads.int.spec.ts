import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { contactProcessStream } from '@app/contact-process';
import { EventStore, type EventStoreConnection, type RecordedEvent } from '@app/event-store';
import { freshPostgresDatabase, type TestDatabase } from '../../../test/support/postgres';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

jest.setTimeout(60_000);

/**
 * Issue #16 item 3: a read of a person's deadlines checks access on the person's standing kept from the last read,
 * after reading only what their stream holds beyond it — and every change appended since counts at once.
 */
describe('reading a person’s deadlines again', () => {
  let app: INestApplication;
  const now = new Date('2024-03-20T09:00:00Z');
  let threeF: Client;
  let krifa: Client;
  let threeFSystem: Client;
  /** Each read of a contact-process stream through the store, with what it returned. */
  let streamReads: Array<{ stream: string; events: RecordedEvent[] }>;

  /** A member of akasse-3f; the id of their placement's event. */
  async function aMember(personId: string): Promise<string> {
    const placement = fact('PlacedInBenefitPeriod', {
      benefitPeriodId: `bp-${personId}`,
      placedOn: '2024-03-01',
    });
    for (const body of [
      fact('PersonFactsRecorded'),
      placement,
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
    ])
      await threeFSystem.post(`/persons/${personId}/facts`).send(body).expect(201);
    return placement.eventId;
  }

  /** The events of `personId`'s stream read while `act` ran. */
  async function eventsReadDuring(personId: string, act: () => Promise<unknown>): Promise<number> {
    streamReads = [];
    await act();
    return streamReads
      .filter((r) => r.stream === contactProcessStream(personId))
      .reduce((n, r) => n + r.events.length, 0);
  }

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => now } });
    const readStream = EventStore.prototype.readStream;
    jest.spyOn(EventStore.prototype, 'readStream').mockImplementation(async function (
      this: EventStore,
      stream,
      options,
    ) {
      const events = await readStream.call(this, stream, options);
      streamReads?.push({ stream, events });
      return events;
    });
    [threeF, krifa, threeFSystem] = await Promise.all([
      as(app, { role: 'akasse-caseworker', org: 'akasse-3f' }),
      as(app, { role: 'akasse-caseworker', org: 'akasse-krifa' }),
      as(app, integrationOf('akasse-3f')),
    ]);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  it('reads none of the person’s events when nothing was appended since the last read, and answers the same', async () => {
    await aMember('p-again');
    const first = await threeF.get('/persons/p-again/deadlines').expect(200);
    let again: { body: unknown } | undefined;
    const read = await eventsReadDuring('p-again', async () => {
      again = await threeF.get('/persons/p-again/deadlines').expect(200);
    });
    expect(read).toBe(0);
    expect(again?.body).toEqual(first.body);
  });

  it('refuses at once the a-kasse whose placement was retracted, though it read the person a moment before', async () => {
    const placement = await aMember('p-retracted');
    await threeF.get('/persons/p-retracted/deadlines').expect(200);
    await threeFSystem
      .post('/persons/p-retracted/facts')
      .send(fact('FactRetracted', { retractedEventId: placement, retractedOn: '2024-03-20' }))
      .expect(201);
    const refused = await threeF.get('/persons/p-retracted/deadlines').expect(403);
    expect(refused.body).toMatchObject({ code: 'not-own-person' });
  });

  it('refuses at once the a-kasse the person left, and lets the new one read them', async () => {
    await aMember('p-moved');
    await threeF.get('/persons/p-moved/deadlines').expect(200);
    await krifa.get('/persons/p-moved/deadlines').expect(403);
    await (
      await as(app, integrationOf('akasse-krifa'))
    )
      .post('/persons/p-moved/facts')
      .send(
        fact('PlacedInBenefitPeriod', {
          benefitPeriodId: 'bp-p-moved-krifa',
          akasseId: 'akasse-krifa',
          placedOn: '2024-03-18',
        }),
      )
      .expect(201);
    await threeF.get('/persons/p-moved/deadlines').expect(403);
    await krifa.get('/persons/p-moved/deadlines').expect(200);
  });

  it('answers 410 at once once the person is erased, and nothing of them', async () => {
    await aMember('p-erased');
    await threeF.get('/persons/p-erased/deadlines').expect(200);
    await threeFSystem
      .post('/persons/p-erased/erasure')
      .send({ eventId: randomUUID(), reason: 'data-subject-request' })
      .expect(200);
    const gone = await threeF.get('/persons/p-erased/deadlines').expect(410);
    expect(gone.body).toMatchObject({ code: 'person-erased' });
    expect(gone.body).not.toHaveProperty('deadlines');
  });
});

/** The same, when the change is made through another instance on the same store (keys shared in PostgreSQL). */
describe('reading a person’s deadlines again after another instance changed them', () => {
  let keys: TestDatabase;
  let a: INestApplication;
  let b: INestApplication;
  const secret = randomBytes(32);
  const now = new Date('2024-03-20T09:00:00Z');

  beforeAll(async () => {
    keys = await freshPostgresDatabase('person_reads');
    const personalData = { keyringPath: ':memory:', secret, databaseUrl: keys.url };
    a = await createTestApp({ clock: { now: () => now }, personalData });
    const connectionString = a.get<EventStoreConnection>(EVENT_STORE_CONNECTION).connectionString;
    b = await createTestApp({
      clock: { now: () => now },
      personalData,
      eventStore: { connectionString, dataDir: ':memory:', host: '127.0.0.1', port: 0 },
    });
    const system = await as(a, integrationOf('akasse-3f'));
    for (const personId of ['p-moved-on-b', 'p-erased-on-b'])
      for (const body of [
        fact('PersonFactsRecorded'),
        fact('PlacedInBenefitPeriod', { benefitPeriodId: `bp-${personId}`, placedOn: '2024-03-01' }),
      ])
        await system.post(`/persons/${personId}/facts`).send(body).expect(201);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await keys.drop();
  });

  it('refuses on A at once the a-kasse the person left through B', async () => {
    const threeFOnA = await as(a, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await threeFOnA.get('/persons/p-moved-on-b/deadlines').expect(200);
    await (
      await as(b, integrationOf('akasse-krifa'))
    )
      .post('/persons/p-moved-on-b/facts')
      .send(
        fact('PlacedInBenefitPeriod', {
          benefitPeriodId: 'bp-krifa',
          akasseId: 'akasse-krifa',
          placedOn: '2024-03-18',
        }),
      )
      .expect(201);
    const refused = await threeFOnA.get('/persons/p-moved-on-b/deadlines').expect(403);
    expect(refused.body).toMatchObject({ code: 'not-own-person' });
  });

  it('answers 410 on A at once for a person erased through B', async () => {
    const threeFOnA = await as(a, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await threeFOnA.get('/persons/p-erased-on-b/deadlines').expect(200);
    await (
      await as(b, integrationOf('akasse-3f'))
    )
      .post('/persons/p-erased-on-b/erasure')
      .send({ eventId: randomUUID(), reason: 'data-subject-request' })
      .expect(200);
    const gone = await threeFOnA.get('/persons/p-erased-on-b/deadlines').expect(410);
    expect(gone.body).toMatchObject({ code: 'person-erased' });
  });
});
