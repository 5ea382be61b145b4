import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { FACT_TYPES } from '../src/contact-process/fact-requests';
import { as, createTestApp, factRecorder, type Client, fact } from './test-app';

/** A fact with exactly this data (no example fields merged in). */
const exact = (factType: keyof typeof FACT_TYPES, data: object, recordedBy = 'akasse') => ({
  eventId: randomUUID(),
  factType,
  recordedBy,
  data,
});

/**
 * Issue #5: cases from every era run end to end through the API — a 1995 action-plan case (HP, with the
 * availability rules of 1996), a 2003 guidance case (G03) — and issue #4's Min Plan view of a 2024 case.
 */
describe('cases from every era, end to end', () => {
  let app: INestApplication;
  let recordFact: Awaited<ReturnType<typeof factRecorder>>;
  let akasse: Client;
  let now = new Date('1995-01-09T09:00:00Z');
  const clock = { now: () => now };
  const record = (person: string, body: { recordedBy?: string }, status = 201) =>
    recordFact(`/persons/${person}/facts`, body).expect(status);
  const deadlines = async (person: string, asOf: string) =>
    (await akasse.get(`/persons/${person}/deadlines?asOf=${asOf}`).expect(200)).body as {
      regimes: Array<{ ruleSetId: string }>;
      deadlines: Array<{
        ruleId: string;
        key: string;
        status: string;
        dueOn: string | null;
        ruleSetId: string;
      }>;
    };
  const one = (body: Awaited<ReturnType<typeof deadlines>>, ruleId: string) =>
    body.deadlines.find((d) => d.ruleId === ruleId)!;

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recordFact = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    akasse = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
  });
  afterAll(() => app.close());

  it('a 1995 case: AF’s notice, the preparation meeting, the plan, an offer and availability during it', async () => {
    const p = 'p-1995';
    await record(p, fact('PersonFactsRecorded', { birthDate: '1960-05-05' }));
    await record(p, fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-1995', placedOn: '1995-01-09' }));
    await record(p, fact('RegisteredAsJobseeker', { registeredOn: '1995-01-09' }));
    now = new Date('1995-09-01T09:00:00Z');
    await record(
      p,
      fact('AfNoticeReceived', { noticeId: 'af-1', receivedOn: '1995-04-03', agreedPeriodWeeks: 3 }),
    );
    await record(p, fact('ActionPlanRequested', { planId: 'hp-1', requestedOn: '1995-04-10' }, 'jobcenter'));
    // The a-kasse may not make AF's plan.
    const refused = await record(p, fact('ActionPlanCompleted', { planId: 'hp-1' }), 422);
    expect(refused.body).toMatchObject({ ruleId: 'HP-PLAN', field: 'recordedBy' });
    await record(
      p,
      fact(
        'ActionPlanCompleted',
        {
          planId: 'hp-1',
          completedOn: '1995-06-01',
          offerStartsOn: '1995-06-15',
          copyToAkasseOn: '1995-06-01',
        },
        'jobcenter',
      ),
    );
    await record(
      p,
      fact(
        'AvailabilitySituationBegan',
        { situationId: 'av-1', kind: 'plan-offer-pool-job', from: '1995-06-15', to: '1995-12-15' },
        'jobcenter',
      ),
      201,
    );
    const body = await deadlines(p, '1995-07-01');
    expect(body.regimes[0].ruleSetId).toBe('HP');
    // #18 item 1: the plan was completed on 1995-06-01 without the preparation meeting, which served it: missed.
    expect(one(body, 'HP-PREP')).toMatchObject({ dueOn: '1995-04-24', status: 'missed' });
    expect(one(body, 'HP-PLAN')).toMatchObject({ dueOn: '1995-07-10', status: 'met' });
    expect(one(body, 'HP-OBJECT')).toMatchObject({ dueOn: '1995-06-15' });
    // #18 item 7: the person's 4 weeks to object (order §39) passed unused — lapsed, not "does not apply".
    expect(one(body, 'HP-OBJECT').status).toBe('lapsed');

    const availability = await akasse.get(`/persons/${p}/availability?on=1995-07-01`).expect(200);
    expect(availability.body).toMatchObject({
      applies: true,
      situation: 'plan-offer-pool-job',
      mustSearch: false,
      mustAcceptMediatedWork: true,
    });
  });

  it('a 2003 case: the guidance duties, recorded with what the member was told', async () => {
    const p = 'p-2003';
    now = new Date('2003-03-03T09:00:00Z');
    await record(p, fact('PersonFactsRecorded', { birthDate: '1950-06-02' }));
    await record(p, fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-2003', placedOn: '2003-03-03' }));
    await record(p, fact('RegisteredAsJobseeker', { registeredOn: '2003-03-03' }));
    const untold = await record(p, fact('GuidanceGiven', { givenOn: '2003-03-03', toldMember: ' ' }), 422);
    expect(untold.body).toMatchObject({ ruleId: 'G03-NOTE', field: 'toldMember' });
    await record(p, fact('GuidanceGiven', { givenOn: '2003-03-03' }));
    now = new Date('2003-06-10T09:00:00Z');
    await record(
      p,
      fact('GuidanceTriggerKnown', { triggerId: 'gt-1', section: '§16', knownOn: '2003-06-02' }),
    );
    const body = await deadlines(p, '2003-06-10');
    expect(body.regimes[0].ruleSetId).toBe('G03');
    expect(one(body, 'G03-INFO').status).toBe('met');
    expect(one(body, 'G03-EVENT')).toMatchObject({ dueOn: '2003-06-02', status: 'overdue' });
    expect(one(body, 'G03-MEET')).toMatchObject({ status: 'open', dueOn: null });
  });

  it('Min Plan with who entered each part, when and why, and every revision', async () => {
    const p = 'p-minplan';
    now = new Date('2024-03-04T09:00:00Z');
    await record(p, fact('PersonFactsRecorded', {}));
    await record(p, fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-2024', placedOn: '2024-03-01' }));
    await record(p, fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }));
    now = new Date('2024-04-12T09:00:00Z');
    await record(p, fact('JobInterviewHeld', { interviewId: 'i-1', heldOn: '2024-03-12' }));
    await record(
      p,
      exact('MinPlanPrepared', { preparedOn: '2024-03-12', by: 'akasse', jobGoals: ['bookkeeper'] }),
    );
    await record(
      p,
      exact('MinPlanRevised', {
        revisedOn: '2024-04-10',
        by: 'akasse',
        reason: 'a second goal agreed',
        jobGoals: ['bookkeeper', 'accountant'],
      }),
    );
    const response = await akasse.get(`/persons/${p}/min-plan?asOf=2024-04-12`).expect(200);
    const [plan] = response.body.periods;
    expect(plan.parts.jobGoals).toMatchObject({
      value: ['bookkeeper', 'accountant'],
      enteredBy: 'akasse',
      enteredOn: '2024-04-10',
      reason: 'a second goal agreed',
    });
    expect(plan.revisions.map((r: { kind: string }) => r.kind)).toEqual(['prepared', 'revised']);
    expect(plan.writtenBy).toMatchObject({ jobGoals: 'akasse', offerIds: 'jobcenter' });
    const analyst = await as(app, { role: 'star-analyst', org: 'star' });
    await analyst.get(`/persons/${p}/min-plan`).expect(403);

    // A NUPH sent without the person's notice is a visible breach in its view.
    await record(
      p,
      exact('NuphSent', { nuphId: 'n-1', sentOn: '2024-04-11', personNotifiedOn: null }, 'jobcenter'),
    );
    const nuphs = await akasse.get(`/persons/${p}/nuphs?asOf=2024-04-12`).expect(200);
    expect(nuphs.body.nuphs).toEqual([
      expect.objectContaining({
        nuphId: 'n-1',
        personNotifiedOn: null,
        obligations: [expect.objectContaining({ status: 'overdue' })],
      }),
    ]);
    const recommendations = await akasse.get(`/persons/${p}/recommendations`).expect(200);
    expect(recommendations.body.recommendations).toEqual([]);
  });
});
