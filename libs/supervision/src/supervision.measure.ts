/**
 * What STAR counts, from a person's folded contact process: pure functions, no I/O, no clock. A person's
 * benefit period contributes one case to the a-kasse measure (in the month of its handover) and one to the
 * jobcentre measure (in the month it reached 6 months of cumulative unemployment), each judged by the rule set
 * of the regime that governs the period (see docs/supervision.md, "Across 2026-07-01").
 */
import {
  derivedHandover,
  evaluateObligations,
  isRuleObligation,
  ruleSetIdOf,
  type BenefitPeriodState,
  type ContactProcessState,
  type ErasedSupervisedCase,
} from '@app/contact-process';
import { localDate, monthOf, type LocalDate } from '@app/legal-time';
import {
  ruleSetById,
  ruleSetForCase,
  ruleSetJudging,
  type Month,
  type SupervisedGroup,
  type SupervisedMeasure,
  type SupervisionRuleSet,
} from './supervision.rules';

/** One benefit period's contribution to one measure in one month. */
export interface SupervisedCase {
  measure: SupervisedMeasure;
  /** The a-kasse or the jobcentre measured. */
  organisationId: string;
  month: Month;
  benefitPeriodId: string;
  group: SupervisedGroup;
  /** Interviews held that count towards the requirement. */
  interviewsHeld: number;
  ruleSetId: string;
  required: number;
  /** In the numerator: fewer interviews held than required. */
  belowRequired: boolean;
}

/** Obligations are evaluated with every fact known, as the deadlines projection does. */
const ALL_FACTS = localDate('9999-12-31');

/**
 * Every case the person's benefit periods contribute, each judged by the rule set of the regime that governs
 * its benefit period — the deadlines' own choice (`ruleSetIdOf`, R26-RUNNING-CASES), so the person's
 * obligations and STAR's figure never disagree — in any month supervision had begun by.
 */
export function supervisedCases(state: ContactProcessState): SupervisedCase[] {
  return [...akasseCases(state), ...jobcentreCases(state)];
}

type CaseDraft = Omit<SupervisedCase, 'ruleSetId' | 'required' | 'belowRequired'>;

function measured(draft: CaseDraft, period: BenefitPeriodState): SupervisedCase | undefined {
  const ruleSet = ruleSetForCase(draft.measure, draft.month, ruleSetIdOf(period));
  const requirement = ruleSet?.requirements[draft.group];
  if (!ruleSet || !requirement) return undefined; // before supervision began, or a group it does not follow
  return {
    ...draft,
    ruleSetId: ruleSet.id,
    required: requirement.required,
    belowRequired: draft.interviewsHeld < requirement.required,
  };
}

/**
 * The handover the measure counts: the one derivation the deadlines read too (C24-AK3's window ends there), so
 * STAR's figures and the deadlines cannot disagree. The recorder keeps the stream's ContactProcessHandedOver
 * equal to it (re-derived, with withdrawals, on every correction); reading the function rather than the stored
 * event also holds for streams written before re-derivation, which may still carry a handover that no longer
 * follows.
 */
const handoverOf = (state: ContactProcessState, period: BenefitPeriodState) => derivedHandover(state, period);

/**
 * The a-kasse measure: a period whose a-kasse period ended (the handover its registered hours derive)
 * counts in the handover's month, with the interviews the a-kasse held from placement to the handover. Like
 * C24-AK3 (R26-AK2), only held interviews count, and only the a-kasse's own (a jobcentre interview in months
 * 0–3, held with every party's agreement, does not).
 */
function akasseCases(state: ContactProcessState): SupervisedCase[] {
  const cases: SupervisedCase[] = [];
  for (const period of state.periods) {
    const handover = handoverOf(state, period);
    if (!handover) continue;
    const handoverOn = handover.handoverOn;
    const interviewsHeld = period.interviews.filter(
      (i) => i.heldBy === 'akasse' && i.heldOn >= period.placedOn && i.heldOn <= handoverOn,
    ).length;
    const draft: CaseDraft = {
      measure: 'akasse',
      organisationId: period.akasseId,
      month: monthOf(handoverOn),
      benefitPeriodId: period.benefitPeriodId,
      group: 'standard',
      interviewsHeld,
    };
    const found = measured(draft, period);
    if (found) cases.push(found);
  }
  return cases;
}

/** The supervised group whose requirement an obligation is, under the rule set judging its period. */
function groupOf(ruleId: string, ruleSet: SupervisionRuleSet | undefined): SupervisedGroup | undefined {
  if (!ruleSet) return undefined;
  if (ruleSet.requirements.standard.ruleId === ruleId) return 'standard';
  if (ruleSet.requirements['education-injunction']?.ruleId === ruleId) return 'education-injunction';
  return undefined;
}

/**
 * The jobcentre measure, read off the contact process's own obligations — the ones the judging rule set
 * supervises (C24-JC3 or R26-MUN2, and C24-EDU6) — so that the counting window is the one the deadlines show:
 * the month is the month of the 6-month point, the count the jobcentre interviews held in the window. A period
 * whose a-kasse handed over only at or after 6 months gave the jobcentre no window and is left out.
 */
function jobcentreCases(state: ContactProcessState): SupervisedCase[] {
  const cases: SupervisedCase[] = [];
  for (const obligation of evaluateObligations(state, ALL_FACTS)) {
    // The phase's interview count itself, not a duty attached to it (the a-kasse's attendance at an interview).
    if (!isRuleObligation(obligation)) continue;
    if (obligation.notApplicable || obligation.dueOn === null) continue;
    const period = state.periods.find((p) => p.benefitPeriodId === obligation.benefitPeriodId);
    if (!period) continue;
    const group = groupOf(obligation.ruleId, ruleSetJudging('jobcentre', ruleSetIdOf(period)));
    if (!group) continue;
    const sixMonthsOn = obligation.dueOn;
    const handover = handoverOf(state, period);
    if (group === 'standard' && handover && handover.handoverOn >= sixMonthsOn) continue;
    const jobcenterId = jobcentreOn(period, sixMonthsOn);
    if (jobcenterId === undefined) continue;
    const draft: CaseDraft = {
      measure: 'jobcentre',
      organisationId: jobcenterId,
      month: monthOf(sixMonthsOn),
      benefitPeriodId: period.benefitPeriodId,
      group,
      interviewsHeld: obligation.fulfilledCount ?? 0,
    };
    const found = measured(draft, period);
    if (found) cases.push(found);
  }
  return cases;
}

/** The jobcentre the person was registered with on a day (the latest registration begun by then). */
function jobcentreOn(period: BenefitPeriodState, day: LocalDate): string | undefined {
  const begun = period.registrations.filter((r) => r.registeredOn <= day);
  return (begun[begun.length - 1] ?? period.registrations[0])?.jobcenterId;
}

/** The part of a month's count judged by one rule set. */
export interface RuleSetCount {
  ruleSetId: string;
  population: number;
  numerator: number;
}

/** A month's count for one organisation, as the read model keeps it. */
export interface MonthCount extends RuleSetCount {
  organisationId: string;
  month: Month;
  /** The rule set in force for the month: its threshold and streak judge the month. */
  ruleSetId: string;
  /** Its population and numerator per rule set that judged its cases; absent: all under `ruleSetId`. */
  byRuleSet?: readonly RuleSetCount[];
}

/** One rule set's part of a month: its cases each below its own requirement or not. */
export interface RuleSetFigures extends RuleSetCount {
  /** The rule set's requirement for the standard group (as the month's `required`). */
  required: number;
  share: number;
}

export interface AssessedMonth extends Omit<MonthCount, 'byRuleSet'> {
  /**
   * Who judged the month's cases: a month from 2026-07 holds C24 periods (R26-RUNNING-CASES) beside R26 ones,
   * each below its own rule set's requirement (SUP-MIXED-MONTH); their sums are the month's figures.
   */
  byRuleSet: RuleSetFigures[];
  /** numerator / population. */
  share: number;
  required: number;
  deficientAbovePercent: number;
  deficient: boolean;
  /** Consecutive deficient months ending with this one (0 when this one is not deficient). */
  streak: number;
  /** The streak reached the rule set's number of months: STAR takes it up with the management. */
  flagged: boolean;
}

/** "More than" the threshold, compared in integers: exactly 20 % of 5 (1 person) is not deficient. */
export function isDeficient(
  numerator: number,
  population: number,
  ruleSet: Pick<SupervisionRuleSet, 'deficientAbovePercent'>,
): boolean {
  return population > 0 && numerator * 100 > ruleSet.deficientAbovePercent * population;
}

/**
 * Shares, deficiency and streaks of one organisation's months. A streak counts calendar months in a row: a
 * month with no one in the population (no handovers) was not deficient and ends the streak. A streak may run
 * across a change of rule set, each month judged by its own.
 */
export function assessMonths(counts: readonly MonthCount[]): AssessedMonth[] {
  const ordered = [...counts].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const assessed: AssessedMonth[] = [];
  let previous: AssessedMonth | undefined;
  for (const count of ordered) {
    const ruleSet = ruleSetById(count.ruleSetId);
    if (!ruleSet) continue; // a rule set this version no longer knows: the read model is rebuilt (schemaVersion)
    const deficient = isDeficient(count.numerator, count.population, ruleSet);
    const continues =
      previous !== undefined && previous.deficient && previous.month === addMonths(count.month, -1);
    const streak = deficient ? (continues ? previous!.streak + 1 : 1) : 0;
    const { byRuleSet, ...figures } = count;
    const month: AssessedMonth = {
      ...figures,
      byRuleSet: (byRuleSet ?? [count]).map(figuresOf),
      share: shareOf(count),
      required: ruleSet.requirements.standard.required,
      deficientAbovePercent: ruleSet.deficientAbovePercent,
      deficient,
      streak,
      flagged:
        ruleSet.dialogueAfterDeficientMonths !== null && streak >= ruleSet.dialogueAfterDeficientMonths,
    };
    assessed.push(month);
    previous = month;
  }
  return assessed;
}

const shareOf = ({ population, numerator }: RuleSetCount) => (population === 0 ? 0 : numerator / population);

function figuresOf({ ruleSetId, population, numerator }: RuleSetCount): RuleSetFigures {
  const required = ruleSetById(ruleSetId)?.requirements.standard.required ?? 0;
  return { ruleSetId, required, population, numerator, share: shareOf({ ruleSetId, population, numerator }) };
}

/** "YYYY-MM" plus n calendar months (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsFromTo(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/**
 * What STAR counted for a person, kept in their erasure fact without them, so the supervision figures do not
 * change when the person is forgotten.
 */
export function erasedSupervisedCases(state: ContactProcessState): ErasedSupervisedCase[] {
  return supervisedCases(state).map((c) => ({
    measure: c.measure,
    organisationId: c.organisationId,
    month: c.month,
    benefitPeriodId: c.benefitPeriodId,
    group: c.group,
    interviewsHeld: c.interviewsHeld,
    ruleSetId: c.ruleSetId,
    required: c.required,
    belowRequired: c.belowRequired,
  }));
}
