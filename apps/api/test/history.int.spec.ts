import type { INestApplication } from '@nestjs/common';
import { actorFor, as, createTestApp, factRecorder, integrationOf, type Client, fact } from './test-app';

const actor = actorFor(integrationOf('akasse-3f'));

/**
 * The auditor's two questions (issue #6): an interview held on 15 March but recorded on 25 March met the
 * 18 March deadline in truth, yet looked overdue to anyone who checked on 20 March.
 */
describe('what was true, and what the system knew, on a day', () => {
  let app: INestApplication;
  let recordFact: Awaited<ReturnType<typeof factRecorder>>;
  let reader: Client;
  // One clock for the API's "today" and the store's recorded time.
  let now = new Date('2024-03-04T09:00:00Z');
  const clock = { now: () => now };
  const post = (body: object) => recordFact('/persons/p-late/facts', body).expect(201);
  const deadlines = (query: string) => reader.get(`/persons/p-late/deadlines?${query}`).expect(200);
  const first = (body: { deadlines: Array<{ ruleId: string; status: string }> }) =>
    body.deadlines.find((d) => d.ruleId === 'C24-FIRST')!.status;

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recordFact = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    reader = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await post(fact('PersonFactsRecorded', {}));
    await post(fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01' }));
    await post(fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }));
    now = new Date('2024-03-25T10:00:00Z');
    await post(fact('JobInterviewHeld', { interviewId: 'i-late', heldOn: '2024-03-15' }));
  });
  afterAll(() => app.close());

  it('was met in truth: the interview happened before the deadline', async () => {
    const response = await deadlines('asOf=2024-03-20');
    expect(first(response.body)).toBe('met');
  });

  it('looked overdue to anyone who checked on 20 March', async () => {
    const response = await deadlines('asOf=2024-03-20&knownAt=2024-03-20');
    expect(response.body).toMatchObject({ asOf: '2024-03-20', knownAt: '2024-03-20', basedOnRevision: '2' });
    expect(first(response.body)).toBe('overdue');
    expect(response.body.regimes).toEqual([
      expect.objectContaining({ benefitPeriodId: 'bp-2024-0001', ruleSetId: 'C24' }),
    ]);
  });

  it('agrees with the read model when everything known is replayed', async () => {
    const live = await deadlines('asOf=2024-03-25');
    const replayed = await deadlines('asOf=2024-03-25&knownAt=2024-03-25');
    expect(replayed.body.deadlines).toEqual(live.body.deadlines);
  });

  it('lists the history with occurred and recorded time, actor and causation', async () => {
    const response = await reader.get('/persons/p-late/history').expect(200);
    const interview = response.body.events.find((e: { type: string }) => e.type === 'JobInterviewHeld');
    expect(interview).toMatchObject({
      revision: '3',
      occurredAt: new Date('2024-03-14T23:00:00Z').toISOString(), // 15 March, Copenhagen
      actor,
      derivedFrom: null,
    });
    expect(interview.recordedAt.slice(0, 10)).toBe('2024-03-25');
    const before = await reader.get('/persons/p-late/history?knownAt=2024-03-20').expect(200);
    expect(before.body.events.map((e: { type: string }) => e.type)).toEqual([
      'PersonFactsRecorded',
      'PlacedInBenefitPeriod',
      'RegisteredAsJobseeker',
    ]);
  });

  it('names the rule and the hours behind a handover the system derived', async () => {
    now = new Date('2024-06-10T10:00:00Z');
    const months = [
      ['2024-03', '2024-04-05'],
      ['2024-04', '2024-05-05'],
      ['2024-05', '2024-06-05'],
    ];
    const ids: string[] = [];
    for (const [month, registeredOn] of months) {
      const body = fact('BenefitHoursReported', { month, benefitHours: 160.33, registeredOn });
      ids.push(body.eventId);
      await post(body);
    }
    const response = await reader.get('/persons/p-late/history').expect(200);
    const handover = response.body.events.find(
      (e: { type: string }) => e.type === 'ContactProcessHandedOver',
    );
    expect(handover).toMatchObject({
      data: { handoverOn: '2024-06-30' },
      causationId: ids[2],
      derivedFrom: {
        ruleId: 'C24-HANDOVER',
        facts: ids,
        legalReference: expect.stringContaining('002 §2.2'),
      },
    });
  });

  it('refuses a malformed knownAt, and answers 404 for an unknown person', async () => {
    await reader.get('/persons/p-late/deadlines?knownAt=2024-13-01').expect(400);
    // Nothing recorded: 404 to an auditor, who may see anyone; a caseworker is refused any person not its own.
    await (await as(app, { role: 'auditor', org: 'audit' })).get('/persons/p-nobody/history').expect(404);
    await reader.get('/persons/p-nobody/history').expect(403);
  });
});
