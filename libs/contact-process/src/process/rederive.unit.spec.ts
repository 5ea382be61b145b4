import type { LocalDate } from '@app/legal-time';
import { derivedHandover, evaluateObligations } from '../obligations';
import {
  aPerson,
  correctedToCrossing,
  d,
  interview,
  placed,
  RecordedStream,
  registered,
  reportHours,
  retractedCrossing,
} from '../testing/scenario';
import type { ContactProcessCommand } from './decide';
import type { CorrectionCommand } from './corrections';
import { effectiveFacts } from './evolve';
import type { ContactProcessState } from './state';

const ak3 = (state: ContactProcessState, asOf: string) =>
  evaluateObligations(state, d(asOf)).find((o) => o.ruleId === 'C24-AK3')!;

const handoverOf = (state: ContactProcessState) => {
  const h = state.periods[0].handover;
  return h && { handoverOn: h.handoverOn, reachedOn: h.reachedOn, hours: h.hoursRegistered };
};

describe('derived facts follow the facts they come from (issue #21)', () => {
  describe('case 1: given 150 + 160 + 110 hours, when the 110 that crossed 410 is retracted and 120 registered on 27 June', () => {
    const stream = retractedCrossing();
    const at = (type: string) => stream.facts.filter((f) => f.type === type);

    it('then the retraction withdraws the handover of 31 May, naming it and the retracted registration', () => {
      const [firstHandover] = at('ContactProcessHandedOver');
      expect(firstHandover.data).toMatchObject({ handoverOn: '2025-05-31', hoursRegistered: 420 });
      const retracted = at('BenefitHoursReported')[2];
      const retraction = at('FactRetracted')[0];
      const next = stream.facts[stream.facts.indexOf(retraction) + 1];
      expect(next).toMatchObject({
        type: 'DerivedFactWithdrawn',
        data: {
          withdrawnEventId: firstHandover.eventId,
          withdrawnType: 'ContactProcessHandedOver',
          benefitPeriodId: 'bp-1',
          obligationKey: null,
          because: { factEventId: retracted.eventId, correction: 'FactRetracted' },
          withdrawnOn: '2025-06-03',
        },
      });
    });

    it('then the 120 hours registered on 27 June hand over on 30 June (002 §2.2, BAB §7(2))', () => {
      const handovers = at('ContactProcessHandedOver');
      expect(handovers).toHaveLength(2);
      expect(handovers[1].data).toEqual({
        benefitPeriodId: 'bp-1',
        handoverOn: '2025-06-30',
        reachedOn: '2025-06-27',
        hoursRegistered: 430,
        ruleId: 'C24-HANDOVER',
      });
      expect(stream.facts[stream.facts.length - 1]).toBe(handovers[1]);
    });

    it('then the folded handover is the one the deadlines derive: C24-AK3 due 30 June, met by the third interview', () => {
      const state = stream.state;
      const { handoverOn, reachedOn, hours } = derivedHandover(state, state.periods[0])!;
      expect(handoverOf(state)).toEqual({ handoverOn, reachedOn, hours });
      expect(ak3(state, '2025-07-01')).toMatchObject({ dueOn: '2025-06-30', status: 'met' });
    });
  });

  describe('case 2: given 150 + 160 + 90 hours, when the 90 is corrected to 110 (420 in all)', () => {
    const stream = correctedToCrossing();
    const correction = stream.facts.find((f) => f.type === 'FactCorrected')!;
    const after = stream.facts.slice(stream.facts.indexOf(correction) + 1);

    it('then the correction appends the handover of 31 May and withdraws nothing', () => {
      expect(after).toEqual([
        {
          type: 'ContactProcessHandedOver',
          eventId: expect.any(String),
          data: {
            benefitPeriodId: 'bp-1',
            handoverOn: '2025-05-31',
            reachedOn: '2025-05-30',
            hoursRegistered: 420,
            ruleId: 'C24-HANDOVER',
          },
        },
      ]);
    });

    it('then the folded handover and C24-AK3 agree: due 31 May, missed with 2 interviews', () => {
      expect(handoverOf(stream.state)).toMatchObject({ handoverOn: '2025-05-31' });
      expect(ak3(stream.state, '2025-06-02')).toMatchObject({ dueOn: '2025-05-31', status: 'missed' });
    });
  });

  describe('given a missed deadline, when a correction meets it in time', () => {
    // Registered 4 March 2024: the first interview is due by 18 March (C24-FIRST); the sweep of 20 March
    // records it missed; an interview is then recorded as held on 25 March, and corrected to 15 March.
    const stream = new RecordedStream(aPerson(), placed(), registered('2024-03-04'));
    stream.record({ type: 'EvaluateDeadlines', asOf: d('2024-03-20') });
    const missed = stream.facts.find((f) => f.type === 'DeadlineMissed' && f.data.ruleId === 'C24-FIRST')!;
    stream.record(command('RecordJobInterview', d('2024-03-25'), interview('2024-03-25').data));
    const held = stream.lastId('JobInterviewHeld');
    const events = stream.record({
      type: 'CorrectFact',
      recordedBy: 'akasse',
      today: d('2024-04-02'),
      data: {
        correctedEventId: held,
        factType: 'JobInterviewHeld',
        reason: 'the date was typed wrong',
        correctedOn: d('2024-04-02'),
        data: { ...interview('2024-03-15').data },
      },
    });

    it('then the DeadlineMissed is withdrawn, naming it and the corrected fact', () => {
      const withdrawal = events.find(
        (e) => e.type === 'DerivedFactWithdrawn' && e.data.withdrawnEventId === missed.eventId,
      );
      expect(withdrawal?.data).toEqual({
        withdrawnEventId: missed.eventId,
        withdrawnType: 'DeadlineMissed',
        benefitPeriodId: 'bp-1',
        obligationKey: missed.type === 'DeadlineMissed' && missed.data.obligationKey,
        because: { factEventId: held, correction: 'FactCorrected' },
        withdrawnOn: '2024-04-02',
      });
    });

    it('then the fold no longer holds it missed, and a later sweep does not record it again', () => {
      const key = missed.type === 'DeadlineMissed' ? missed.data.obligationKey : '';
      expect(stream.state.missed[key]).toBeUndefined();
      const swept = stream.record({ type: 'EvaluateDeadlines', asOf: d('2024-04-03') });
      expect(swept.filter((e) => e.type === 'DeadlineMissed' && e.data.obligationKey === key)).toEqual([]);
    });
  });
});

/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day: LocalDate, n: number): LocalDate =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10) as LocalDate;

/**
 * One random case: a member placed 3 March 2025 whose a-kasse registers hours month by month and holds
 * interviews, with corrections and retractions of the hours (and of interviews) mixed in, and deadline sweeps.
 */
function randomCommands(random: () => number): Array<(stream: RecordedStream) => void> {
  const steps: Array<(stream: RecordedStream) => void> = [];
  let today = d('2025-03-03');
  for (let month = 3; month <= 9; month += 1) {
    const covered = `2025-${String(month).padStart(2, '0')}`;
    today = addDays(today, 2 + Math.floor(random() * 20));
    const day = today;
    if (random() < 0.6) {
      const heldOn = day;
      steps.push((s) => void s.record(command('RecordJobInterview', day, interview(heldOn).data)));
    }
    today = addDays(today, 10 + Math.floor(random() * 15));
    const registeredOn = today < `${covered}-01` ? (`${covered}-28` as LocalDate) : today;
    if (registeredOn > today) today = registeredOn;
    const hours = 40 + Math.floor(random() * 160);
    steps.push((s) => void s.record(reportHours(covered, hours, registeredOn)));
    const correctOn = addDays(today, 1);
    if (random() < 0.25) steps.push((s) => correctSomeHours(s, random, correctOn));
    if (random() < 0.2) steps.push((s) => retractSomething(s, random, correctOn));
    if (random() < 0.3) steps.push((s) => void s.record({ type: 'EvaluateDeadlines', asOf: correctOn }));
    today = correctOn;
  }
  const end = addDays(today, 1);
  steps.push((s) => void s.record({ type: 'EvaluateDeadlines', asOf: end }));
  return steps;
}

function command(type: 'RecordJobInterview', today: LocalDate, data: unknown): ContactProcessCommand {
  return { type, recordedBy: 'akasse', today, data } as ContactProcessCommand;
}

const live = (s: RecordedStream, type: string) => {
  const effective = new Set(effectiveFacts(s.facts).map((f) => f.eventId));
  const retracted = new Set(
    s.facts.flatMap((f) => (f.type === 'FactRetracted' ? [f.data.retractedEventId] : [])),
  );
  return s.facts.filter((f) => f.type === type && effective.has(f.eventId) && !retracted.has(f.eventId!));
};

function correctSomeHours(s: RecordedStream, random: () => number, on: LocalDate): void {
  const candidates = live(s, 'BenefitHoursReported');
  if (candidates.length === 0) return;
  const fact = candidates[Math.floor(random() * candidates.length)];
  const current = effectiveFacts(s.facts).find((f) => f.eventId === fact.eventId)!;
  if (current.type !== 'BenefitHoursReported') return;
  s.record({
    type: 'CorrectFact',
    recordedBy: 'akasse',
    today: on,
    data: {
      correctedEventId: fact.eventId!,
      factType: 'BenefitHoursReported',
      reason: 'typed wrong',
      correctedOn: on,
      data: { ...current.data, benefitHours: 40 + Math.floor(random() * 160) },
    },
  } satisfies CorrectionCommand);
}

function retractSomething(s: RecordedStream, random: () => number, on: LocalDate): void {
  const candidates = [...live(s, 'BenefitHoursReported'), ...live(s, 'JobInterviewHeld')];
  if (candidates.length === 0) return;
  const fact = candidates[Math.floor(random() * candidates.length)];
  s.record({
    type: 'RetractFact',
    recordedBy: 'akasse',
    today: on,
    data: { retractedEventId: fact.eventId!, reason: 'recorded in error', retractedOn: on },
  });
}

/**
 * The same run with its corrections applied up front: each fact recorded with its latest details (a retracted
 * one not at all), each deadline sweep run at the same point, no correction recorded.
 */
function upFront(s: RecordedStream): RecordedStream {
  const again = new RecordedStream(...s.facts.slice(0, 3));
  const effective = new Map(effectiveFacts(s.facts).map((f) => [f.eventId, f]));
  for (const { command: c, firstId } of s.log) {
    if (c.type === 'EvaluateDeadlines') again.record(c);
    if (c.type !== 'ReportBenefitHours' && c.type !== 'RecordJobInterview') continue;
    const fact = effective.get(firstId);
    if (fact?.type === 'BenefitHoursReported')
      again.record(reportHours(fact.data.month, fact.data.benefitHours, fact.data.registeredOn));
    else if (fact?.type === 'JobInterviewHeld')
      again.record(command('RecordJobInterview', fact.data.heldOn, fact.data));
  }
  return again;
}

/** What the derived facts say once folded: the handover and the deadlines recorded as missed and never met. */
function derivedFacts(s: RecordedStream) {
  const state = s.state;
  const unmet = new Set(
    evaluateObligations(state, d('9999-12-31'))
      .filter((o) => o.metBy.length === 0)
      .map((o) => o.key),
  );
  return {
    handover: handoverOf(state),
    missed: Object.entries(state.missed)
      .filter(([key]) => unmet.has(key))
      .map(([key, m]) => [key, m.dueOn])
      .sort(),
  };
}

describe('property: derived facts after folding equal those of the same facts with corrections applied up front', () => {
  it('holds for 200 seeded random sequences of hours, interviews, corrections, retractions and sweeps', () => {
    let withdrawals = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = prng(seed);
      const stream = new RecordedStream(
        aPerson(),
        placed({ placedOn: d('2025-03-03') }),
        registered('2025-03-03'),
      );
      for (const step of randomCommands(random)) step(stream);
      withdrawals += stream.facts.filter((f) => f.type === 'DerivedFactWithdrawn').length;
      const expected = derivedFacts(upFront(stream));
      expect({ seed, ...derivedFacts(stream) }).toEqual({ seed, ...expected });
    }
    // The cases do exercise the re-derivation, not only sequences without a correction that matters.
    expect(withdrawals).toBeGreaterThan(20);
  });
});
