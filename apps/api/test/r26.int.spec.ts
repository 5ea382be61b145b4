import type { INestApplication } from '@nestjs/common';
import { as, createTestApp, factRecorder, type Client, fact } from './test-app';

/** Issue #5: a case placed after 2026-07-01 runs under R26 through the API, with an exemption recorded. */
describe('a contact process under the rules from 2026-07-01 (R26), end to end', () => {
  let app: INestApplication;
  let recordFact: Awaited<ReturnType<typeof factRecorder>>;
  let reader: Client;
  let now = new Date('2026-07-06T09:00:00Z');
  const clock = { now: () => now };
  const record = (body: object, status = 201) => recordFact('/persons/p-r26/facts', body).expect(status);

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recordFact = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    reader = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await record(fact('PersonFactsRecorded', {}));
    await record(fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-2026', placedOn: '2026-07-01' }));
    await record(fact('RegisteredAsJobseeker', { registeredOn: '2026-07-06' }));
  });
  afterAll(() => app.close());

  it('shows the R26 rule set and the a-kasse’s 2 interviews', async () => {
    const body = (await reader.get('/persons/p-r26/deadlines').expect(200)).body;
    expect(body.regimes).toEqual([expect.objectContaining({ benefitPeriodId: 'bp-2026', ruleSetId: 'R26' })]);
    expect(body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'R26-AK2')).toMatchObject({
      ruleSetId: 'R26',
      owner: 'akasse',
      required: 2,
      status: 'open',
    });
  });

  it('refuses an exemption from the jobcentre for the a-kasse’s interviews, then takes the a-kasse’s', async () => {
    now = new Date('2026-07-21T09:00:00Z');
    const refused = await record(
      fact('InterviewDutyExempted', { exemptedOn: '2026-07-20', by: 'jobcenter' }, 'jobcenter'),
      422,
    );
    expect(refused.body).toMatchObject({ ruleId: 'R26-AK2', field: 'by' });
    const accepted = fact('InterviewDutyExempted', { exemptedOn: '2026-07-20' });
    await record(accepted);
    const body = (await reader.get('/persons/p-r26/deadlines').expect(200)).body;
    expect(body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'R26-AK2')).toMatchObject({
      status: 'waived',
      waivedBy: [accepted.eventId],
    });
  });
});
