/**
 * #18 item 3: a person's deadlines and STAR's figure agree for every placement around 2026-07-01. The one
 * transition parameter, R26-RUNNING-CASES (law 1750/2025's transition provisions as far as they are known:
 * unverified, our default follows the last reform's cut, 002 §15.1), chooses the regime of a benefit period by
 * its placement day; the deadlines evaluate the period under it and STAR's supervision judges its cases by it.
 */
import {
  decide,
  evaluateObligations,
  evolve,
  R26_PARAMETERS,
  type ContactProcessState,
  type Obligation,
} from '@app/contact-process';
import {
  aPerson,
  d,
  given,
  interview,
  jobcentreInterview,
  placed,
  registered,
} from '@app/contact-process/testing';
import { addDays, type LocalDate } from '@app/legal-time';
import { addMonths, monthsFromTo, supervisedCases, type SupervisedCase } from './supervision.measure';
import { ruleSetById, type SupervisedMeasure } from './supervision.rules';

/** Every fact below has happened by then: the deadlines as they finally stand. */
const AFTER_ALL = d('2027-12-31');

const endOfMonth = (month: string): LocalDate => addDays(d(`${addMonths(month, 1)}-01`), -1);

/** The facts of one month's hours, through the decider, so the handover is the one the system appends. */
function reportHours(state: ContactProcessState, month: string): ContactProcessState {
  const events = decide(
    {
      type: 'ReportBenefitHours',
      recordedBy: 'akasse',
      today: AFTER_ALL,
      data: { month, benefitHours: 160.33, wageSubsidyHours: 0, registeredOn: endOfMonth(month) },
    },
    state,
  );
  return events.reduce((s, event, i) => evolve(s, { ...event, eventId: `h-${month}-${i}` }), state);
}

/**
 * A full-time member placed on `placedOn` and registered the same day, who has 2 job interviews with the
 * a-kasse in the first weeks and, after the handover, 2 with the jobcentre. The a-kasse registers each month's
 * full hours on its last day: 410 hours are reached in the third month, so the a-kasse period ends then
 * (C24-HANDOVER, 002 §2.2) — a placement in June 2026 is handed over at the end of August.
 */
function placedOn(placedOn: string): ContactProcessState {
  let state = given(
    aPerson(),
    placed({ placedOn: d(placedOn) }),
    registered(placedOn),
    interview(addDays(d(placedOn), 7)),
    interview(addDays(d(placedOn), 35)),
  );
  for (const month of monthsFromTo(placedOn.slice(0, 7), addMonths(placedOn.slice(0, 7), 6)))
    state = reportHours(state, month);
  const handoverOn = state.periods[0].handover!.handoverOn;
  return [jobcentreInterview(addDays(handoverOn, 10)), jobcentreInterview(addDays(handoverOn, 40))].reduce(
    (s, event, i) => evolve(s, { ...event, eventId: `jc-${i}` }),
    state,
  );
}

/** The person's own deadline for a measure's count: the a-kasse's phase or the jobcentre's. */
const PHASE_RULES: Record<SupervisedMeasure, readonly string[]> = {
  akasse: ['C24-AK3', 'R26-AK2'],
  jobcentre: ['C24-JC3', 'R26-MUN2'],
};
function deadline(state: ContactProcessState, measure: SupervisedMeasure): Obligation {
  const found = evaluateObligations(state, AFTER_ALL).filter((o) => PHASE_RULES[measure].includes(o.ruleId));
  if (found.length !== 1) throw new Error(`expected one ${measure} phase obligation, found ${found.length}`);
  return found[0];
}

/** What STAR counts for the person in a month of a measure: their case there, or nothing. */
const starSees = (state: ContactProcessState, measure: SupervisedMeasure, month: string) =>
  supervisedCases(state).filter((c) => c.measure === measure && c.month === month);

/** The deadline and STAR's case say the same: the same rule, the same count, the same verdict. */
function expectAgreement(obligation: Obligation, found: SupervisedCase) {
  expect(ruleSetById(found.ruleSetId)?.requirements.standard.ruleId).toBe(obligation.ruleId);
  expect(found.required).toBe(obligation.required);
  expect(found.interviewsHeld).toBe(obligation.fulfilledCount);
  expect(['met', 'missed']).toContain(obligation.status);
  expect(found.belowRequired).toBe(obligation.status === 'missed');
}

describe('deadlines and STAR across 2026-07-01 (R26-RUNNING-CASES, #18 item 3)', () => {
  it('reads the one transition parameter: R26 governs placements from 2026-07-01, unverified', () => {
    expect(R26_PARAMETERS.governs).toMatchObject({
      id: 'R26-RUNNING-CASES',
      value: '2026-07-01',
      verified: false,
    });
  });

  describe.each([
    ['2026-06-15', '2026-08'],
    ['2026-06-30', '2026-08'],
  ])('given a person placed on %s (before 2026-07-01: C24 governs until the period ends)', (on, month) => {
    const state = placedOn(on);

    it(`then their deadlines show C24-AK3 missed with 2 a-kasse interviews held of 3 (002 §13.1), handed over in ${month}`, () => {
      expect(deadline(state, 'akasse')).toMatchObject({
        ruleId: 'C24-AK3',
        ruleSetId: 'C24',
        required: 3,
        fulfilledCount: 2,
        status: 'missed',
      });
      expect(deadline(state, 'akasse').dueOn?.slice(0, 7)).toBe(month);
    });

    it(`and STAR counts them in ${month}'s numerator under C24's 3, in no other month of 2026-07..2026-09`, () => {
      for (const m of monthsFromTo('2026-07', '2026-09'))
        expect(starSees(state, 'akasse', m)).toEqual(
          m === month
            ? [
                expect.objectContaining({
                  ruleSetId: 'C24-SUP-AKASSE',
                  required: 3,
                  interviewsHeld: 2,
                  belowRequired: true,
                }),
              ]
            : [],
        );
    });

    it('and the jobcentre’s C24-JC3 (3 from the handover to 6 months) and STAR’s jobcentre case agree', () => {
      const obligation = deadline(state, 'jobcentre');
      expect(obligation).toMatchObject({ ruleId: 'C24-JC3', status: 'missed', fulfilledCount: 2 });
      const [found] = starSees(state, 'jobcentre', obligation.dueOn!.slice(0, 7));
      expectAgreement(obligation, found);
    });
  });

  describe.each([
    ['2026-07-01', '2026-09'],
    ['2026-07-15', '2026-09'],
  ])('given a person placed on %s (on or after 2026-07-01: R26 governs)', (on, month) => {
    const state = placedOn(on);

    it(`then their deadlines show R26-AK2 met by 2 a-kasse interviews (law 1750/2025), handed over in ${month}`, () => {
      expect(deadline(state, 'akasse')).toMatchObject({
        ruleId: 'R26-AK2',
        ruleSetId: 'R26',
        required: 2,
        fulfilledCount: 2,
        status: 'met',
      });
      expect(deadline(state, 'akasse').dueOn?.slice(0, 7)).toBe(month);
    });

    it(`and STAR counts them as compliant in ${month} under R26's 2, in no other month of 2026-07..2026-09`, () => {
      for (const m of monthsFromTo('2026-07', '2026-09'))
        expect(starSees(state, 'akasse', m)).toEqual(
          m === month
            ? [
                expect.objectContaining({
                  ruleSetId: 'R26-SUP-AKASSE',
                  required: 2,
                  interviewsHeld: 2,
                  belowRequired: false,
                }),
              ]
            : [],
        );
    });

    it('and the municipality’s R26-MUN2 (2 from the handover to 6 months) and STAR’s jobcentre case agree', () => {
      const obligation = deadline(state, 'jobcentre');
      expect(obligation).toMatchObject({ ruleId: 'R26-MUN2', status: 'met', fulfilledCount: 2 });
      const [found] = starSees(state, 'jobcentre', obligation.dueOn!.slice(0, 7));
      expectAgreement(obligation, found);
    });
  });

  describe('when the reading moves the cut (a later source says placements until 2026-07-31 stay under C24)', () => {
    const published = R26_PARAMETERS.governs.value;
    beforeEach(() => {
      R26_PARAMETERS.governs.value = d('2026-08-01');
    });
    afterEach(() => {
      R26_PARAMETERS.governs.value = published;
    });

    it('moves the deadlines and STAR together: a placement on 2026-07-15 is C24’s in both', () => {
      const state = placedOn('2026-07-15');
      const obligation = deadline(state, 'akasse');
      expect(obligation).toMatchObject({ ruleId: 'C24-AK3', status: 'missed' });
      const [found] = starSees(state, 'akasse', '2026-09');
      expect(found.ruleSetId).toBe('C24-SUP-AKASSE');
      expectAgreement(obligation, found);
    });
  });

  it('agree for every placement day from 2026-05-01 to 2026-08-31, in both measures', () => {
    const checked: string[] = [];
    for (let on = d('2026-05-01'); on <= d('2026-08-31'); on = addDays(on, 1)) {
      const state = placedOn(on);
      const regime = on < R26_PARAMETERS.governs.value ? 'C24' : 'R26';
      for (const measure of ['akasse', 'jobcentre'] as const) {
        const obligation = deadline(state, measure);
        expect(obligation.ruleSetId).toBe(regime);
        const cases = starSees(state, measure, obligation.dueOn!.slice(0, 7));
        expect(cases).toHaveLength(1);
        expectAgreement(obligation, cases[0]);
      }
      checked.push(on);
    }
    expect(checked).toHaveLength(123);
  });
});
