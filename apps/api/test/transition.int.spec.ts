import type { INestApplication } from '@nestjs/common';
import { as, createTestApp, factRecorder, type Client, fact } from './test-app';

/**
 * Issue #5: a transition case (002 §15.3) through the API — placed in 2023, registered on 2023-12-31, kept by
 * the jobcentre under the earlier rules; then deregistered and registered again, under C24 with the a-kasse.
 */
describe('a transition case of 002 §15, end to end', () => {
  let app: INestApplication;
  let recordFact: Awaited<ReturnType<typeof factRecorder>>;
  let reader: Client;
  let now = new Date('2024-01-10T09:00:00Z');
  const clock = { now: () => now };
  const record = (body: object) => recordFact('/persons/p-transition/facts', body).expect(201);
  const deadlines = async (asOf: string) =>
    (await reader.get(`/persons/p-transition/deadlines?asOf=${asOf}`).expect(200)).body;

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recordFact = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    reader = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await record(fact('PersonFactsRecorded', {}));
    await record(fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-2023', placedOn: '2023-11-01' }));
    await record(fact('RegisteredAsJobseeker', { registeredOn: '2023-11-06', jobcenterId: 'jc-101' }));
    for (const [month, registeredOn] of [
      ['2023-11', '2023-12-05'],
      ['2023-12', '2024-01-05'],
    ])
      await record(fact('BenefitHoursReported', { month, benefitHours: 160.33, registeredOn }));
    await record(
      fact(
        'JobInterviewHeld',
        { interviewId: 'jc-1', heldOn: '2024-01-08', heldBy: 'jobcenter', registeredAs: 'individual' },
        'jobcenter',
      ),
    );
  });
  afterAll(() => app.close());

  it('shows the regime, its group and why, with the earlier rules’ deadlines owned by the jobcentre', async () => {
    const body = await deadlines('2024-01-10');
    expect(body.regimes).toEqual([
      {
        benefitPeriodId: 'bp-2023',
        ruleSetId: 'T15',
        group: '002 §15.3 (registered on 2023-12-31)',
        reason: expect.stringContaining('the jobcentre keeps the contact process under the earlier rules'),
      },
    ]);
    const jc4 = body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'T15-JC4');
    expect(jc4).toMatchObject({
      owner: 'jobcenter',
      status: 'open',
      dueOn: null,
      fulfilledCount: 1,
      legalReference: 'Law 727/2023 § 5; 002 §15.3',
    });
    expect(body.deadlines.map((d: { ruleId: string }) => d.ruleId)).not.toContain('C24-FIRST');
    const jobcentre = await as(app, { role: 'jobcenter-caseworker', org: 'jc-101' });
    const worklist = await jobcentre.get('/worklists/jobcentres/jc-101?kind=open').expect(200);
    expect(worklist.body.items.map((i: { ruleId: string }) => i.ruleId)).toEqual(
      expect.arrayContaining(['T15-JC4', 'T15-JOINT2']),
    );
  });

  it('moves to C24 with the a-kasse when the person is deregistered and registers again', async () => {
    now = new Date('2024-02-01T09:00:00Z');
    await record(fact('DeregisteredAsJobseeker', { deregisteredOn: '2024-01-20' }));
    now = new Date('2024-03-04T09:00:00Z');
    await record(fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }));
    const body = await deadlines('2024-03-05');
    expect(body.regimes[0].reason).toContain('C24 applies from the registration on 2024-03-04');
    expect(body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'C24-FIRST')).toMatchObject({
      owner: 'akasse',
      dueOn: '2024-03-18',
      status: 'open',
    });
    expect(body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'T15-JC4')).toMatchObject({
      status: 'not-applicable',
    });
    const akasse = await reader.get('/worklists/akasser/akasse-3f?kind=open').expect(200);
    expect(akasse.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ personId: 'p-transition', ruleId: 'C24-FIRST' })]),
    );
  });

  it('refuses the a-kasse trial on a placement under the new rules, naming the field', async () => {
    const response = await recordFact(
      '/persons/p-trial-new/facts',
      fact('PlacedInBenefitPeriod', { placedOn: '2024-02-01', akasseTrial: true }),
    ).expect(422);
    expect(response.body).toMatchObject({ field: 'akasseTrial', message: expect.stringContaining('§15.2') });
  });
});
