import type { INestApplication } from '@nestjs/common';
import { as, createTestApp, factRecorder, type Client, fact } from './test-app';

interface DeadlinesAnswer {
  asOf: string;
  knownAt: string | null;
  owners: Array<{ benefitPeriodId: string; owner: string; since: string; basis: string; reason: string }>;
  deadlines: Array<{ ruleId: string; status: string; dueOn: string | null }>;
}

/**
 * Issue #18 items 4, 6 and 7 through the API: who holds the contact process on `asOf` and why; `knownAt` alone
 * evaluates "what was due then, as known then"; a right of the person that passed unused is `lapsed`.
 */
describe('the deadlines answer: its two days, the owner, lapsed rights (#18)', () => {
  let app: INestApplication;
  let recordFact: Awaited<ReturnType<typeof factRecorder>>;
  let akasse: Client;
  let now = new Date('2024-03-01T09:00:00Z');
  const clock = { now: () => now };
  const at = (day: string) => (now = new Date(`${day}T09:00:00Z`));
  const record = (person: string, body: { recordedBy?: string }) =>
    recordFact(`/persons/${person}/facts`, body).expect(201);
  const deadlines = async (person: string, query: string) =>
    (await akasse.get(`/persons/${person}/deadlines${query}`).expect(200)).body as DeadlinesAnswer;
  const one = (body: DeadlinesAnswer, ruleId: string) => body.deadlines.find((d) => d.ruleId === ruleId)!;

  /** Placed 1 March 2024, registered 4 March (C24-FIRST due 18 March); 410 h registered by 5 June. */
  const placedInMarch = async (p: string) => {
    at('2024-03-04');
    await record(p, fact('PersonFactsRecorded', { birthDate: '1980-01-01' }));
    await record(p, fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-1', placedOn: '2024-03-01' }));
    await record(p, fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }));
    for (const [month, registeredOn] of [
      ['2024-03', '2024-04-05'],
      ['2024-04', '2024-05-05'],
      ['2024-05', '2024-06-05'],
    ]) {
      at(registeredOn);
      await record(p, fact('BenefitHoursReported', { month, benefitHours: 160.33, registeredOn }));
    }
  };

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recordFact = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    akasse = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
  });
  afterAll(() => app.close());

  describe('item 6: knownAt alone (002 §3.2 for the first interview)', () => {
    const p = 'p-known-at';
    beforeAll(async () => {
      await placedInMarch(p);
      at('2024-07-01');
    });

    it('given only knownAt, then asOf is the same day — what was due then, as known then — and both days are stated', async () => {
      const body = await deadlines(p, '?knownAt=2024-03-10');
      expect(body).toMatchObject({ asOf: '2024-03-10', knownAt: '2024-03-10' });
      // On 10 March the first interview (due 18 March) was still open; as of today it would be overdue.
      expect(one(body, 'C24-FIRST')).toMatchObject({ dueOn: '2024-03-18', status: 'open' });
    });

    it('given both, then each is used as given and stated', async () => {
      const body = await deadlines(p, '?asOf=2024-04-01&knownAt=2024-03-10');
      expect(body).toMatchObject({ asOf: '2024-04-01', knownAt: '2024-03-10' });
      expect(one(body, 'C24-FIRST').status).toBe('overdue');
    });

    it('given neither, then asOf is today and knownAt null (everything recorded)', async () => {
      expect(await deadlines(p, '')).toMatchObject({ asOf: '2024-07-01', knownAt: null });
    });

    it('given only knownAt on Min Plan, recommendations and NUPHs, then they answer as of that day and state both', async () => {
      for (const view of ['min-plan', 'recommendations', 'nuphs']) {
        const res = await akasse.get(`/persons/${p}/${view}?knownAt=2024-03-10`).expect(200);
        expect(res.body).toMatchObject({ asOf: '2024-03-10', knownAt: '2024-03-10' });
      }
    });
  });

  describe('item 4: the owner of the contact process on asOf (BAB §7(2); 002 §2.2)', () => {
    const p = 'p-owner';
    beforeAll(async () => {
      await placedInMarch(p);
      at('2024-07-10');
    });

    it('given a day before the handover, then the a-kasse, since the placement', async () => {
      expect((await deadlines(p, '?asOf=2024-06-30')).owners).toEqual([
        {
          benefitPeriodId: 'bp-1',
          owner: 'akasse',
          since: '2024-03-01',
          basis: 'placement',
          reason: expect.stringContaining('410 h'),
        },
      ]);
    });

    it('given the day after the a-kasse’s period ended with the month it registered 410 h, then the jobcentre, since then', async () => {
      expect((await deadlines(p, '?asOf=2024-07-01')).owners[0]).toMatchObject({
        owner: 'jobcenter',
        since: '2024-07-01',
        basis: 'handover',
        reason: expect.stringContaining('2024-06-30'),
      });
    });

    it('given today (the read model), then the jobcentre too; given a day before the 410th hour was registered, the a-kasse', async () => {
      expect((await deadlines(p, '')).owners[0]).toMatchObject({ owner: 'jobcenter', basis: 'handover' });
      // The handover keys on the day the a-kasse registered the hours: May's, registered 5 June, not yet on 4 June.
      expect((await deadlines(p, '?asOf=2024-06-04')).owners[0]).toMatchObject({
        owner: 'akasse',
        basis: 'placement',
      });
    });
  });

  describe('item 7: a lapsed right (LAB §204; 002 §11)', () => {
    const p = 'p-complaint';
    beforeAll(async () => {
      await placedInMarch(p);
      at('2024-04-11');
      await record(p, fact('SelfBookingRevoked', { decidedOn: '2024-04-10', notifiedOn: '2024-04-11' }));
      at('2024-07-01');
    });

    it('given no complaint within 4 weeks of the notification, then C24-COMPLAINT is lapsed, not not-applicable', async () => {
      expect(one(await deadlines(p, '?asOf=2024-05-09'), 'C24-COMPLAINT').status).toBe('open');
      expect(one(await deadlines(p, '?asOf=2024-05-10'), 'C24-COMPLAINT').status).toBe('lapsed');
      // The read model's status for today says the same.
      expect(one(await deadlines(p, ''), 'C24-COMPLAINT').status).toBe('lapsed');
    });

    it('given the lapsed right, then no a-kasse worklist lists it: it is nobody’s breach', async () => {
      for (const kind of ['open', 'overdue']) {
        const list = await akasse.get(`/worklists/akasser/akasse-3f?kind=${kind}&pageSize=500`).expect(200);
        const items = list.body.items as Array<{ personId: string; ruleId: string }>;
        expect(items.filter((i) => i.personId === p).map((i) => i.ruleId)).not.toContain('C24-COMPLAINT');
      }
    });
  });

  describe('the OpenAPI description', () => {
    it('documents both days, the owners and the lapsed status', async () => {
      const doc = (await akasse.get('/docs/json').expect(200)).body as {
        paths: Record<string, { get: { parameters: Array<{ name: string; description?: string }> } }>;
        components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
      };
      const { schemas } = doc.components;
      expect(Object.keys(schemas.PersonDeadlinesDto.properties)).toEqual(
        expect.arrayContaining(['asOf', 'knownAt', 'owners', 'deadlines']),
      );
      expect(schemas.ContactProcessOwnerDto.properties.basis.enum).toEqual([
        'placement',
        'handover',
        'education-injunction-group',
        'transition',
      ]);
      expect(schemas.DeadlineDto.properties.status.enum).toContain('lapsed');
      for (const path of ['/persons/{personId}/deadlines', '/persons/{personId}/min-plan']) {
        const asOf = doc.paths[path].get.parameters.find((q) => q.name === 'asOf');
        expect(asOf?.description).toContain('Default: `knownAt` when that is given');
      }
    });
  });
});
