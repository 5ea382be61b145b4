import type { INestApplication } from '@nestjs/common';
import type { EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

/** Issue 15, items 3, 4, 5, 8 and 13: each reproduction, refused with a 400 naming the field, nothing stored. */
describe('well-formed but hostile input', () => {
  let app: INestApplication;
  let system: Client;
  let caseworker: Client;
  const person = 'p-hostile';

  /** The commit position of the newest event: unchanged after a refused request. */
  const head = async () => {
    const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    let last = -1n;
    for await (const event of store.readAll({ direction: 'backwards', maxCount: 1 }))
      last = event.position.commit;
    return last;
  };
  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => new Date('2024-03-20T09:00:00Z') } });
    system = await as(app, integrationOf('akasse-3f'));
    caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await start(person);
  });
  /** A member of akasse-3f, placed and registered. */
  async function start(personId: string) {
    for (const body of [
      fact('PersonFactsRecorded'),
      fact('PlacedInBenefitPeriod', { akasseId: 'akasse-3f', placedOn: '2024-03-01' }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }),
    ])
      await system.post(`/persons/${personId}/facts`).send(body).expect(201);
  }
  afterAll(() => app.close());

  describe('dates the law cannot need (item 3)', () => {
    it.each(['0000-01-01', '0001-01-01', '0099-12-31', '1000-06-15', '1899-12-31', '2200-01-01'])(
      'refuses placedOn %s naming the field, storing nothing',
      async (placedOn) => {
        const before = await head();
        const response = await system
          .post(`/persons/p-early-${placedOn}/facts`)
          .send(fact('PlacedInBenefitPeriod', { akasseId: 'akasse-3f', placedOn }))
          .expect(400);
        expect(response.body.message).toEqual(['data.placedOn must be a date from 1900-01-01 to 2199-12-31']);
        expect(await head()).toBe(before);
      },
    );

    it.each([
      ['history', 'knownAt=1890-01-01', 'knownAt'],
      ['nuphs', 'knownAt=1890-01-01', 'knownAt'],
      ['deadlines', 'knownAt=0001-01-01', 'knownAt'],
      ['deadlines', 'asOf=0099-12-31', 'asOf'],
      ['recommendations', 'asOf=2200-01-01', 'asOf'],
    ])('refuses GET /persons/{id}/%s?%s naming %s', async (view, query, field) => {
      const response = await caseworker.get(`/persons/${person}/${view}?${query}`).expect(400);
      expect(response.body.message).toEqual([`${field} must be a date from 1900-01-01 to 2199-12-31`]);
    });

    it('refuses a month outside the supported dates, and takes the first and last supported day', async () => {
      const month = await system
        .post(`/persons/${person}/facts`)
        .send(fact('BenefitHoursReported', { month: '0099-12' }))
        .expect(400);
      expect(month.body.message).toEqual(['data.month must be a month from 1900-01 to 2199-12']);
      await caseworker.get(`/persons/${person}/history?knownAt=1900-01-01`).expect(200);
      await caseworker.get(`/persons/${person}/deadlines?asOf=2199-12-31`).expect(200);
    });
  });
});
