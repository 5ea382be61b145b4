/**
 * Issue #21, case 3: every fact belongs to the benefit period it happened in (its day; hours: the month they
 * cover), not to the one current when it is recorded — live (decide, then evolve) and on rebuild (a fold of the
 * stored facts) alike. 002 §3.2: a re-placement starts a new contact process; AFL §55 / 002 §2.2: the new
 * period's 410 hours are counted from its own placement.
 */
import type { ContactProcessEvent } from '../contact-process.events';
import { decide, type ContactProcessCommand } from './decide';
import { evolve, foldFacts } from './evolve';
import { periodFor, periodOf, type ContactProcessState, type RecordedContactProcessEvent } from './state';
import { evaluateObligations } from '../obligations';
import {
  aPerson,
  d,
  deregistered,
  fullMonths,
  given,
  hours,
  interview,
  obligationOf,
  placed,
  refusal,
  registered,
} from '../testing/scenario';

/** Period 1 from 1 March 2024 (handed over on 30 June 2024); the member re-placed in period 2 on 2 June 2025. */
const rePlaced: ContactProcessEvent[] = [
  aPerson(),
  placed(),
  registered('2024-03-04'),
  ...fullMonths('2024-03', 3),
  {
    type: 'ContactProcessHandedOver',
    data: {
      benefitPeriodId: 'bp-1',
      handoverOn: d('2024-06-30'),
      reachedOn: d('2024-06-05'),
      hoursRegistered: 480.99,
      ruleId: 'C24-HANDOVER',
    },
  },
  deregistered('2025-05-30'),
  placed({ benefitPeriodId: 'bp-2', placedOn: d('2025-06-02') }),
  registered('2025-06-02'),
];

/** Decides a command on the state and folds what it decides, as the recorder does; keeps the stream too. */
function record(
  { state, stream }: { state: ContactProcessState; stream: RecordedContactProcessEvent[] },
  command: ContactProcessCommand,
) {
  const events = decide(command, state).map((e, i) => ({ ...e, eventId: `r${stream.length + i + 1}` }));
  return { state: events.reduce(evolve, state), stream: [...stream, ...events] };
}

const start = () => {
  const stream = rePlaced.map((e, i) => ({ ...e, eventId: `e${i + 1}` }));
  return { state: given(...rePlaced), stream };
};

const lateInterview = (heldOn: string, today: string, id = 'i-late'): ContactProcessCommand => ({
  type: 'RecordJobInterview',
  recordedBy: 'akasse',
  today: d(today),
  data: { ...interview(heldOn).data, interviewId: id },
});

const reportHours = (month: string, benefitHours: number, registeredOn: string): ContactProcessCommand => ({
  type: 'ReportBenefitHours',
  recordedBy: 'akasse',
  today: d(registeredOn),
  data: (
    hours(month, benefitHours, registeredOn) as Extract<ContactProcessEvent, { type: 'BenefitHoursReported' }>
  ).data,
});

describe('a fact belongs to the benefit period it happened in (issue #21, case 3)', () => {
  describe('periodFor', () => {
    const state = given(...rePlaced);

    it('is the period placed last on or before the day: a placement runs until the next one', () => {
      expect(periodFor(state, d('2024-03-01'))?.benefitPeriodId).toBe('bp-1');
      expect(periodFor(state, d('2025-06-01'))?.benefitPeriodId).toBe('bp-1');
      expect(periodFor(state, d('2025-06-02'))?.benefitPeriodId).toBe('bp-2');
    });

    it('is no period before the first placement', () => {
      expect(periodFor(state, d('2024-02-29'))).toBeUndefined();
    });

    it('attributes hours by the month they cover, not the day they were registered', () => {
      expect(periodOf(state, hours('2025-05', 160.33, '2025-06-03'))?.benefitPeriodId).toBe('bp-1');
      expect(periodOf(state, hours('2025-06', 150, '2025-07-03'))?.benefitPeriodId).toBe('bp-2');
    });

    it('adds no period for a continuing placement (løbende genindplacering)', () => {
      const continuing = given(
        ...rePlaced,
        placed({ benefitPeriodId: 'bp-2b', placedOn: d('2025-07-01'), continuingPlacement: true }),
      );
      expect(periodFor(continuing, d('2025-07-10'))?.benefitPeriodId).toBe('bp-2');
    });
  });

  describe('given a member re-placed in a new benefit period on 2 June 2025', () => {
    describe("when the first period's first interview, held 11 March 2024, is recorded on 10 June 2025", () => {
      it('is accepted into the first period and meets its C24-FIRST (LAB §31(4); 002 §3.2)', () => {
        const { state } = record(start(), lateInterview('2024-03-11', '2025-06-10'));
        expect(state.periods[0].interviews.map((i) => i.interviewId)).toEqual(['i-late']);
        expect(state.periods[1].interviews).toEqual([]);
        expect(obligationOf(state, '2025-06-10', 'C24-FIRST', 'bp-1')).toMatchObject({
          dueOn: '2024-03-18',
          status: 'met',
        });
      });

      it("leaves the new period's C24-FIRST to its own contact process (a new first interview is due)", () => {
        const { state } = record(start(), lateInterview('2024-03-11', '2025-06-10'));
        expect(obligationOf(state, '2025-06-10', 'C24-FIRST', 'bp-2')).toMatchObject({
          dueOn: '2025-06-16',
          status: 'open',
        });
      });

      it("is judged against the first period's preconditions: not before its registration", () => {
        expect(refusal(lateInterview('2024-03-02', '2025-06-10'), start().state)).toMatchObject({
          ruleId: 'C24-FIRST',
          field: 'heldOn',
          message: expect.stringContaining('(2024-03-04)'),
        });
      });
    });

    describe("when the first period's May 2025 hours are registered on 3 June 2025", () => {
      // Period 2: June and July 2025 (310 h) do not reach 410; August's registration (3 Sep) does.
      const afterwards = (from = start()) =>
        [
          reportHours('2025-06', 150, '2025-07-03'),
          reportHours('2025-07', 160, '2025-08-04'),
          lateInterview('2025-06-10', '2025-06-10', 'i-2-1'),
          lateInterview('2025-07-15', '2025-07-15', 'i-2-2'),
          lateInterview('2025-09-15', '2025-09-15', 'i-2-3'),
          reportHours('2025-08', 160, '2025-09-03'),
        ].reduce(record, record(from, reportHours('2025-05', 160.33, '2025-06-03')));

      it('counts them in the first period', () => {
        const { state } = afterwards();
        expect(state.periods[0].hours.map((h) => h.month)).toContain('2025-05');
        expect(state.periods[1].hours.map((h) => h.month)).toEqual(['2025-06', '2025-07', '2025-08']);
      });

      it('hands the new period over at the end of the month its own 410 hours were registered in (002 §2.2)', () => {
        const { state, stream } = afterwards();
        const recorded = stream.slice(rePlaced.length);
        const handovers = recorded.filter((e) => e.type === 'ContactProcessHandedOver');
        expect(handovers.map((e) => e.data)).toEqual([
          expect.objectContaining({
            benefitPeriodId: 'bp-2',
            handoverOn: '2025-09-30',
            reachedOn: '2025-09-03',
          }),
        ]);
        expect(state.periods[1].handover?.handoverOn).toBe('2025-09-30');
      });

      it("meets the new period's C24-AK3 with its three interviews by the handover", () => {
        const { state } = afterwards();
        expect(obligationOf(state, '2025-10-01', 'C24-AK3', 'bp-2')).toMatchObject({
          dueOn: '2025-09-30',
          status: 'met',
        });
      });

      it('gives the same periods and deadlines on rebuild as live', () => {
        const { state, stream } = afterwards();
        const rebuilt = foldFacts(stream);
        expect(rebuilt.periods).toEqual(state.periods);
        expect(evaluateObligations(rebuilt, d('2025-10-01'))).toEqual(
          evaluateObligations(state, d('2025-10-01')),
        );
      });
    });
  });

  describe('a fact whose day falls in no benefit period', () => {
    it('is refused, naming the field', () => {
      expect(refusal(lateInterview('2024-02-20', '2025-06-10'), start().state)).toMatchObject({
        code: 'precondition-failed',
        field: 'heldOn',
        message: expect.stringContaining('before the first placement in a benefit period (2024-03-01)'),
      });
    });

    it('is refused for hours of a month before the first placement, naming the month', () => {
      expect(refusal(reportHours('2024-02', 100, '2024-03-05'), start().state)).toMatchObject({
        field: 'month',
        message: expect.stringContaining('2024-02-29'),
      });
    });

    it('accepts a registration before the first placement: the contact process starts at the placement', () => {
      const state = given(aPerson(), placed({ placedOn: d('2024-03-11') }));
      const events = decide(
        {
          type: 'RegisterAsJobseeker',
          recordedBy: 'akasse',
          today: d('2024-03-12'),
          data: { registeredOn: d('2024-03-01'), jobcenterId: 'jc-101' },
        },
        state,
      );
      expect(events.reduce(evolve, state).periods[0].registrations).toHaveLength(1);
    });
  });

  describe('placements', () => {
    it('are recorded in order: one before the last would take over part of a recorded period', () => {
      const command: ContactProcessCommand = {
        type: 'PlaceInBenefitPeriod',
        recordedBy: 'akasse',
        today: d('2025-06-10'),
        data: {
          benefitPeriodId: 'bp-0',
          akasseId: 'akasse-3f',
          insurance: 'full-time',
          placedOn: d('2025-01-01'),
          continuingPlacement: false,
        },
      };
      expect(refusal(command, start().state)).toMatchObject({ field: 'placedOn' });
    });
  });
});
