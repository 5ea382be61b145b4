import type { INestApplication } from '@nestjs/common';
import { as, createTestApp, factRecorder, type Client, fact } from './test-app';

interface DeadlinesAnswer {
  asOf: string;
  deadlines: Array<{ ruleId: string; benefitPeriodId: string; status: string; dueOn: string | null }>;
}

/**
 * Issue #18 item 5 through the API: a person fact recorded with the day it is in force from, and the deadlines
 * judging the education-injunction group (LAB §27(3), 002 §2.1: on the registration) by the facts of that day.
 */
describe('person facts in force from a day (#18 item 5)', () => {
  let app: INestApplication;
  let recordFact: Awaited<ReturnType<typeof factRecorder>>;
  let akasse: Client;
  let now = new Date('2025-08-10T09:00:00Z');
  const clock = { now: () => now };
  const at = (day: string) => (now = new Date(`${day}T09:00:00Z`));
  const post = (person: string, body: { recordedBy?: string }) =>
    recordFact(`/persons/${person}/facts`, body);
  const deadlines = async (person: string, asOf: string) =>
    (await akasse.get(`/persons/${person}/deadlines?asOf=${asOf}`).expect(200)).body as DeadlinesAnswer;
  const one = (body: DeadlinesAnswer, ruleId: string, benefitPeriodId: string) =>
    body.deadlines.find((d) => d.ruleId === ruleId && d.benefitPeriodId === benefitPeriodId);
  /** 23 years old, without vocational education or children at home: the education-injunction group. */
  const young = { birthDate: '2002-01-15', hasVocationalEducation: false, hasCustodyOfChildrenAtHome: false };

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recordFact = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    akasse = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
  });
  afterAll(() => app.close());

  describe('given a member registered on 2025-08-15 who has a vocational education from 2025-09-01, placed again on 2025-09-15', () => {
    const p = 'p-educated';
    beforeAll(async () => {
      at('2025-08-15');
      await post(p, fact('PersonFactsRecorded', young)).expect(201);
      await post(
        p,
        fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-1', placedOn: '2025-08-15' }),
      ).expect(201);
      await post(p, fact('RegisteredAsJobseeker', { registeredOn: '2025-08-15' })).expect(201);
      at('2025-09-15');
      await post(
        p,
        fact('PersonFactsRecorded', { ...young, hasVocationalEducation: true, effectiveFrom: '2025-09-01' }),
      ).expect(201);
      await post(
        p,
        fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-2', placedOn: '2025-09-15' }),
      ).expect(201);
    });

    it('as of 2025-08-20 the first period is judged by the facts before the education: visitation owed, no a-kasse first interview', async () => {
      const body = await deadlines(p, '2025-08-20');
      expect(one(body, 'C24-VISIT', 'bp-1')).toMatchObject({ dueOn: '2025-08-29', status: 'open' });
      expect(one(body, 'C24-FIRST', 'bp-1')).toMatchObject({ status: 'not-applicable' });
    });

    it('as of 2025-09-20 the new period is judged by the education in force on its registration: the a-kasse’s first interview owed, no visitation', async () => {
      const body = await deadlines(p, '2025-09-20');
      expect(one(body, 'C24-FIRST', 'bp-2')).toMatchObject({ dueOn: '2025-09-29', status: 'open' });
      expect(one(body, 'C24-VISIT', 'bp-2')).toMatchObject({ status: 'not-applicable' });
      // The first period's group was decided on its registration, before the education; its visitation, owed
      // and not held, is missed once the placement of 2025-09-15 ended that period (C24-PERIOD-ENDS, 002 §3.2).
      expect(one(body, 'C24-VISIT', 'bp-1')).toMatchObject({ status: 'missed' });
    });
  });

  describe('an effective day that cannot be', () => {
    const p = 'p-refused';
    beforeAll(async () => {
      at('2025-09-15');
      await post(p, fact('PersonFactsRecorded', young)).expect(201);
    });

    it('refuses a day after today with 422 naming effectiveFrom', async () => {
      const response = await post(
        p,
        fact('PersonFactsRecorded', { ...young, effectiveFrom: '2025-09-16' }),
      ).expect(422);
      expect(response.body).toMatchObject({ code: 'precondition-failed', field: 'effectiveFrom' });
    });

    it('refuses a day that is not a date with 400 naming data.effectiveFrom', async () => {
      const response = await post(
        p,
        fact('PersonFactsRecorded', { ...young, effectiveFrom: '2025-02-30' }),
      ).expect(400);
      expect(response.body.message.join('\n')).toContain('data.effectiveFrom');
    });

    it('refuses a dated first record with 422: the first facts are in force from the start', async () => {
      const response = await post(
        'p-first-dated',
        fact('PersonFactsRecorded', { ...young, effectiveFrom: '2025-09-01' }),
      ).expect(422);
      expect(response.body).toMatchObject({ field: 'effectiveFrom' });
    });
  });
});
