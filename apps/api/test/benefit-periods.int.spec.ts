import type { INestApplication } from '@nestjs/common';
import { DeadlinesProjection, type DeadlinesReadModel } from '@app/deadlines';
import { EventStore, type Position } from '@app/event-store';
import { headPosition, openSqliteReadModel, ProjectionRunner } from '@app/projections';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { SupervisionReadSide } from '../src/supervision/supervision.providers';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

jest.setTimeout(120_000);

interface Deadline {
  ruleId: string;
  benefitPeriodId: string;
  dueOn: string | null;
  status: string;
  metBy: string[];
}

/**
 * Issue #21, case 3, through the API: a member re-placed in a new benefit period on 2 June 2025. A fact belongs to
 * the period it happened in — its day, or for hours the month they cover — not to the one current when it is
 * recorded (002 §3.2: a re-placement starts a new contact process; 002 §2.2, AFL §55: the new period's 410 hours).
 * Counted in the new period, the first period's May 2025 hours would reach 410 with July's registration and hand
 * it over on 31 July with two of its three interviews; its own hours reach 410 only on 29 August.
 */
describe('facts attributed to the benefit period they happened in (#21 case 3)', () => {
  let app: INestApplication;
  let now = new Date('2024-03-04T09:00:00Z');
  const clock = { now: () => now };
  let recorder: Client;
  let reader: Client;
  const person = 'p-replaced';
  const on = (day: string) => (now = new Date(`${day}T10:00:00Z`));
  const post = (body: ReturnType<typeof fact>) => recorder.post(`/persons/${person}/facts`).send(body);
  const deadline = async (ruleId: string, benefitPeriodId: string) =>
    ((await reader.get(`/persons/${person}/deadlines`).expect(200)).body.deadlines as Deadline[]).find(
      (d) => d.ruleId === ruleId && d.benefitPeriodId === benefitPeriodId,
    );
  const hours = (month: string, benefitHours: number, registeredOn: string) =>
    fact('BenefitHoursReported', { month, benefitHours, wageSubsidyHours: 0, registeredOn });
  const interview = (interviewId: string, heldOn: string) =>
    fact('JobInterviewHeld', { interviewId, heldOn, heldBy: 'akasse' });
  const lateFirstInterview = interview('i-1-1', '2024-03-11');
  let lateFirstInterviewStatus: number;
  let recorded: Position;

  /** Records each fact on its day; all but the late first interview must be accepted in any reading. */
  async function record(day: string, ...bodies: Array<ReturnType<typeof fact>>) {
    on(day);
    for (const body of bodies) await post(body).expect(201);
  }

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recorder = await as(app, integrationOf('akasse-3f'));
    reader = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    // Period 1 from 1 March 2024, handed over on 30 June 2024 (410 h registered on 5 June).
    await record(
      '2024-03-04',
      fact('PersonFactsRecorded', {}),
      fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-1', placedOn: '2024-03-01' }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
    );
    for (const [month, registeredOn] of [
      ['2024-03', '2024-04-05'],
      ['2024-04', '2024-05-05'],
      ['2024-05', '2024-06-05'],
    ])
      await record(registeredOn, hours(month, 160.33, registeredOn));
    await record('2025-05-30', fact('DeregisteredAsJobseeker', { deregisteredOn: '2025-05-30' }));
    // Re-placed: a new benefit period, registered again on 2 June 2025.
    await record(
      '2025-06-02',
      fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-2', placedOn: '2025-06-02' }),
      fact('RegisteredAsJobseeker', { registeredOn: '2025-06-02' }),
    );
    // The first period's May 2025 hours, registered on 3 June 2025.
    await record('2025-06-03', hours('2025-05', 160.33, '2025-06-03'));
    // The first period's first interview, held 11 March 2024, recorded on 10 June 2025: asserted below.
    on('2025-06-10');
    lateFirstInterviewStatus = (await post(lateFirstInterview)).status;
    // Period 2: three a-kasse interviews; its own 410 hours reached with August's, registered 29 August.
    await record('2025-06-10', interview('i-2-1', '2025-06-10'));
    await record('2025-06-30', hours('2025-06', 150, '2025-06-30'));
    await record('2025-07-15', interview('i-2-2', '2025-07-15'));
    await record('2025-07-31', hours('2025-07', 160, '2025-07-31'));
    await record('2025-08-20', interview('i-2-3', '2025-08-20'));
    await record('2025-08-29', hours('2025-08', 160, '2025-08-29'));
    on('2025-09-15');
    // Read models caught up before any read: each read appends to the access log, which no projection follows,
    // so the store's head moves past what the projections' filters ever checkpoint at.
    recorded = (await headPosition(app.get(EventStore)))!;
    await app.get(DeadlinesReadSide).includes(recorded);
    await app.get(SupervisionReadSide).caughtUp();
  });
  afterAll(() => app.close());

  it("accepts the first period's late first interview into that period: its C24-FIRST is met (LAB §31(4))", async () => {
    expect(lateFirstInterviewStatus).toBe(201);
    expect(await deadline('C24-FIRST', 'bp-1')).toMatchObject({
      dueOn: '2024-03-18',
      status: 'met',
      metBy: [lateFirstInterview.eventId],
    });
    expect(await deadline('C24-FIRST', 'bp-2')).toMatchObject({ dueOn: '2025-06-16', status: 'met' });
  });

  it("counts May's hours in the first period: the new period is handed over on 31 August, in the history too", async () => {
    const history = (await reader.get(`/persons/${person}/history`).expect(200)).body.events as Array<{
      type: string;
      data: { benefitPeriodId: string; handoverOn: string };
    }>;
    expect(history.filter((e) => e.type === 'ContactProcessHandedOver').map((e) => e.data)).toEqual([
      expect.objectContaining({ benefitPeriodId: 'bp-1', handoverOn: '2024-06-30' }),
      expect.objectContaining({ benefitPeriodId: 'bp-2', handoverOn: '2025-08-31' }),
    ]);
  });

  it('leaves the new period with the a-kasse until the handover on 31 August (002 §2.2)', async () => {
    const goalsWriter = async (asOf: string) =>
      (
        (await reader.get(`/persons/${person}/min-plan`).query({ asOf }).expect(200)).body.periods as Array<{
          benefitPeriodId: string;
          writtenBy: { jobGoals: string };
        }>
      ).find((p) => p.benefitPeriodId === 'bp-2')?.writtenBy.jobGoals;
    expect(await goalsWriter('2025-08-15')).toBe('akasse');
    expect(await goalsWriter('2025-08-31')).toBe('akasse');
    expect(await goalsWriter('2025-09-01')).toBe('jobcenter');
  });

  it("meets the new period's C24-AK3 with its three interviews by the handover (002 §3.2)", async () => {
    expect(await deadline('C24-AK3', 'bp-2')).toMatchObject({ dueOn: '2025-08-31', status: 'met' });
  });

  it('puts the new period in August’s a-kasse population and not in its numerator (002 §13.2)', async () => {
    const analyst = await as(app, { role: 'star-analyst', org: 'star' });
    const { months } = (await analyst.get('/supervision/akasser/akasse-3f').expect(200)).body as {
      months: Array<{ month: string; population: number; numerator: number }>;
    };
    expect(months.find((m) => m.month === '2025-08')).toMatchObject({ population: 1, numerator: 0 });
    expect(months.find((m) => m.month === '2025-07')).toBeUndefined();
  });

  it('refuses a fact whose day falls in no benefit period with 422, naming the field', async () => {
    const response = await post(interview('i-0', '2024-02-20')).expect(422);
    expect(response.body).toMatchObject({ code: 'precondition-failed', field: 'heldOn' });
    expect(response.body.message).toContain('before the first placement in a benefit period (2024-03-01)');
    expect(response.body.message).toContain('002 §3.2');
  });

  it('rebuilds the deadlines read model to the same deadlines', async () => {
    const store = app.get(EventStore);
    const db = openSqliteReadModel<DeadlinesReadModel>({ sqlitePath: ':memory:' });
    const runner = new ProjectionRunner(store, db as never, new DeadlinesProjection(store));
    try {
      await runner.start();
      await runner.waitFor(recorded);
      await runner.stop();
      const rows = (read: typeof db) =>
        read
          .selectFrom('deadlines')
          .select(['obligation_key', 'rule_id', 'benefit_period_id', 'due_on', 'fulfilled_on'])
          .where('person_id', '=', person)
          .orderBy('obligation_key')
          .execute();
      const rebuilt = await rows(db);
      expect(rebuilt).toEqual(await rows(app.get(DeadlinesReadSide).db as never));
      expect(rebuilt).toContainEqual(
        expect.objectContaining({
          rule_id: 'C24-AK3',
          benefit_period_id: 'bp-2',
          due_on: '2025-08-31',
          fulfilled_on: '2025-08-20',
        }),
      );
    } finally {
      await db.destroy();
    }
  });
});
