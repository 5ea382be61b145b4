import type { INestApplication } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DeadlinesProjection } from '@app/deadlines';
import { EventStore } from '@app/event-store';
import { headPosition } from '@app/projections';
import { SupervisionProjection } from '@app/supervision';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { DeadlineSweeper } from '../src/contact-process/deadline-sweeper';
import { SupervisionReadSide } from '../src/supervision/supervision.providers';
import { freshRebuild, rowsOf } from '../../../test/support/read-models';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

jest.setTimeout(120_000);

/**
 * Issue #21 cases 1 and 2 through the API: a correction or retraction re-derives the handover, and the
 * history, the deadlines and STAR's figures agree — live, and after a rebuild of the read models. And a
 * missed deadline that a correction later meets in time is withdrawn.
 */
describe('derived facts follow their sources through the API', () => {
  let app: INestApplication;
  let now = new Date('2025-03-03T09:00:00Z');
  const clock = { now: () => now };
  const recorders = new Map<string, Client>();
  let analyst: Client;

  async function post(akasseId: string, person: string, on: string, body: ReturnType<typeof fact>) {
    now = new Date(`${on}T12:00:00Z`);
    if (!recorders.has(akasseId)) recorders.set(akasseId, await as(app, integrationOf(akasseId)));
    const response = await recorders.get(akasseId)!.post(`/persons/${person}/facts`).send(body);
    if (response.status !== 201) throw new Error(`${body.factType}: ${JSON.stringify(response.body)}`);
    return body;
  }
  const hours = (month: string, benefitHours: number, registeredOn: string) =>
    fact('BenefitHoursReported', { month, benefitHours, wageSubsidyHours: 0, registeredOn });

  /** 150 + 160 hours and two a-kasse interviews, placed and registered 3 March 2025 (as the domain spec). */
  async function member(akasseId: string, person: string) {
    await post(akasseId, person, '2025-03-03', fact('PersonFactsRecorded', {}));
    await post(
      akasseId,
      person,
      '2025-03-03',
      fact('PlacedInBenefitPeriod', {
        benefitPeriodId: `bp-${person}`,
        akasseId,
        insurance: 'full-time',
        placedOn: '2025-03-03',
        continuingPlacement: false,
      }),
    );
    await post(
      akasseId,
      person,
      '2025-03-03',
      fact('RegisteredAsJobseeker', { registeredOn: '2025-03-03', jobcenterId: 'jc-101' }),
    );
    await post(
      akasseId,
      person,
      '2025-03-10',
      fact('JobInterviewHeld', { interviewId: 'i-1', heldOn: '2025-03-10', heldBy: 'akasse' }),
    );
    await post(
      akasseId,
      person,
      '2025-04-14',
      fact('JobInterviewHeld', { interviewId: 'i-2', heldOn: '2025-04-14', heldBy: 'akasse' }),
    );
    await post(akasseId, person, '2025-04-03', hours('2025-03', 150, '2025-04-03'));
    await post(akasseId, person, '2025-05-02', hours('2025-04', 160, '2025-05-02'));
  }

  const history = async (akasseId: string, person: string) =>
    (
      await (
        await as(app, { role: 'akasse-caseworker', org: akasseId })
      )
        .get(`/persons/${person}/history`)
        .expect(200)
    ).body.events as Array<{
      type: string;
      eventId: string;
      data: Record<string, unknown>;
      derivedFrom: { facts: string[] } | null;
    }>;
  const ak3 = async (akasseId: string, person: string) =>
    (
      await (
        await as(app, { role: 'akasse-caseworker', org: akasseId })
      )
        .get(`/persons/${person}/deadlines`)
        .expect(200)
    ).body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'C24-AK3');
  const month = async (akasseId: string, m: string) => {
    const response = await analyst.get(`/supervision/akasser/${akasseId}`);
    if (response.status === 404) return undefined;
    return (response.body.months as Array<Record<string, unknown>>).find((x) => x.month === m);
  };
  const caughtUp = async () => {
    const head = (await headPosition(app.get(EventStore)))!;
    await app.get(DeadlinesReadSide).runner.waitFor(head);
    await app.get(SupervisionReadSide).runner.waitFor(head);
    return head;
  };

  /**
   * Registered 4 March 2024, so the first interview is due by 18 March (C24-FIRST); the sweep of 20 March records
   * it missed; an interview recorded as held on 25 March is corrected on 2 April to 15 March, in time.
   */
  async function missedThenMetByCorrection(akasseId: string, person: string) {
    await post(akasseId, person, '2024-03-01', fact('PersonFactsRecorded', {}));
    await post(
      akasseId,
      person,
      '2024-03-01',
      fact('PlacedInBenefitPeriod', { benefitPeriodId: `bp-${person}`, akasseId, placedOn: '2024-03-01' }),
    );
    await post(
      akasseId,
      person,
      '2024-03-04',
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }),
    );
    now = new Date('2024-03-20T09:00:00Z');
    await caughtUp();
    await app.get(DeadlineSweeper).sweep();
    const held = await post(
      akasseId,
      person,
      '2024-03-25',
      fact('JobInterviewHeld', { interviewId: 'i-late', heldOn: '2024-03-25', heldBy: 'akasse' }),
    );
    await post(
      akasseId,
      person,
      '2024-04-02',
      fact('FactCorrected', {
        correctedEventId: held.eventId,
        factType: 'JobInterviewHeld',
        reason: 'the date was typed wrong',
        correctedOn: '2024-04-02',
        data: { ...held.data, heldOn: '2024-03-15' },
      }),
    );
    return held.eventId;
  }

  let retracted110: string;
  let crossing120: string;
  let lateInterview: string;
  /** The last fact written (reads append access-log events after it, which these projections never see). */
  let written: Awaited<ReturnType<typeof caughtUp>>;
  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    analyst = await as(app, { role: 'star-analyst', org: 'star' });
    // First, in 2024, before the 2025 cases exist, so its sweep sees only this member.
    lateInterview = await missedThenMetByCorrection('akasse-case3', 'p-case3');
    // Case 1: the 110 that crossed 410 on 30 May, retracted on 3 June; a third interview; 120 on 27 June.
    await member('akasse-case1', 'p-case1');
    retracted110 = (await post('akasse-case1', 'p-case1', '2025-05-30', hours('2025-05', 110, '2025-05-30')))
      .eventId;
    await post(
      'akasse-case1',
      'p-case1',
      '2025-06-03',
      fact('FactRetracted', {
        retractedEventId: retracted110,
        reason: 'registered on the wrong member',
        retractedOn: '2025-06-03',
      }),
    );
    await post(
      'akasse-case1',
      'p-case1',
      '2025-06-12',
      fact('JobInterviewHeld', { interviewId: 'i-3', heldOn: '2025-06-12', heldBy: 'akasse' }),
    );
    crossing120 = (await post('akasse-case1', 'p-case1', '2025-06-27', hours('2025-06', 120, '2025-06-27')))
      .eventId;
    // Case 2: 90 on 30 May, corrected on 2 June to 110 (420 in all).
    await member('akasse-case2', 'p-case2');
    const ninety = await post('akasse-case2', 'p-case2', '2025-05-30', hours('2025-05', 90, '2025-05-30'));
    await post(
      'akasse-case2',
      'p-case2',
      '2025-06-02',
      fact('FactCorrected', {
        correctedEventId: ninety.eventId,
        factType: 'BenefitHoursReported',
        reason: 'typed wrong',
        correctedOn: '2025-06-02',
        data: { month: '2025-05', benefitHours: 110, wageSubsidyHours: 0, registeredOn: '2025-05-30' },
      }),
    );
    now = new Date('2025-07-15T12:00:00Z');
    written = await caughtUp();
  });
  afterAll(() => app.close());

  it('case 1: the history withdraws the handover of 31 May, naming the retraction, and hands over on 30 June', async () => {
    const entries = await history('akasse-case1', 'p-case1');
    const handovers = entries.filter((e) => e.type === 'ContactProcessHandedOver');
    expect(handovers.map((h) => h.data.handoverOn)).toEqual(['2025-05-31', '2025-06-30']);
    const withdrawal = entries.find((e) => e.type === 'DerivedFactWithdrawn')!;
    expect(withdrawal.data).toMatchObject({
      withdrawnEventId: handovers[0].eventId,
      because: { factEventId: retracted110, correction: 'FactRetracted' },
    });
    const retraction = entries.find((e) => e.type === 'FactRetracted')!;
    expect(withdrawal.derivedFrom!.facts).toEqual(
      expect.arrayContaining([handovers[0].eventId, retraction.eventId, retracted110]),
    );
    expect(handovers[1].derivedFrom!.facts).not.toContain(retracted110);
    expect(handovers[1].derivedFrom!.facts).toContain(crossing120);
  });

  it('case 1: C24-AK3 is due 30 June and met; STAR’s May has no population, June’s member has 3 interviews and is in no numerator', async () => {
    expect(await ak3('akasse-case1', 'p-case1')).toMatchObject({ dueOn: '2025-06-30', status: 'met' });
    expect(await month('akasse-case1', '2025-05')).toBeUndefined();
    expect(await month('akasse-case1', '2025-06')).toMatchObject({ population: 1, numerator: 0 });
  });

  it('case 2: the correction appends the handover of 31 May; C24-AK3 missed; in May’s population and numerator', async () => {
    const entries = await history('akasse-case2', 'p-case2');
    expect(
      entries.filter((e) => e.type === 'ContactProcessHandedOver').map((h) => h.data.handoverOn),
    ).toEqual(['2025-05-31']);
    expect(await ak3('akasse-case2', 'p-case2')).toMatchObject({ dueOn: '2025-05-31', status: 'missed' });
    expect(await month('akasse-case2', '2025-05')).toMatchObject({ population: 1, numerator: 1 });
  });

  it('a missed deadline that a correction meets in time is withdrawn, naming the correction; the deadline is met', async () => {
    const entries = await history('akasse-case3', 'p-case3');
    const missed = entries.find((e) => e.type === 'DeadlineMissed' && e.data.ruleId === 'C24-FIRST')!;
    expect(missed).toBeDefined();
    const withdrawal = entries.find(
      (e) => e.type === 'DerivedFactWithdrawn' && e.data.withdrawnEventId === missed.eventId,
    )!;
    expect(withdrawal.data).toMatchObject({
      withdrawnType: 'DeadlineMissed',
      obligationKey: missed.data.obligationKey,
      because: { factEventId: lateInterview, correction: 'FactCorrected' },
      withdrawnOn: '2024-04-02',
    });
    const first = (
      await (
        await as(app, { role: 'akasse-caseworker', org: 'akasse-case3' })
      )
        .get('/persons/p-case3/deadlines')
        .expect(200)
    ).body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'C24-FIRST');
    expect(first).toMatchObject({ dueOn: '2024-03-18', status: 'met' });
  });

  it('the live read models hold what a fresh rebuild from $all holds, row for row', async () => {
    const store = app.get(EventStore);
    const head = written;
    const deadlines = new DeadlinesProjection(store);
    const supervision = new SupervisionProjection(store);
    expect(
      await rowsOf(app.get(DeadlinesReadSide).db as unknown as Kysely<unknown>, deadlines.tables),
    ).toEqual(await freshRebuild(store, deadlines, head));
    expect(
      await rowsOf(app.get(SupervisionReadSide).db as unknown as Kysely<unknown>, supervision.tables),
    ).toEqual(await freshRebuild(store, supervision, head));
  });
});
