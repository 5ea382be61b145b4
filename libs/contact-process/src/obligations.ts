/**
 * Which rule set governs a benefit period, and the obligations it attaches — chosen by effective dates, so a
 * later law is a new rule set with its own evaluator, not an edit here.
 */
import type { LocalDate } from '@app/legal-time';
import type { Organisation } from './contact-process.events';
import type { BenefitPeriodState, ContactProcessState } from './contact-process.state';
import { C24 } from './rules/c24.rules';
import {
  c24EducationInjunctionGroup,
  c24Handover,
  c24MinPlanOwnerOn,
  c24Obligations,
  c24OwnerOn,
  type PeriodFacts,
} from './rules/c24.obligations';
import type { Obligation, RuleSet } from './rules/rule';

interface Regime {
  ruleSet: RuleSet;
  obligations(facts: PeriodFacts): Obligation[];
  ownerOn(facts: PeriodFacts, date: LocalDate): Organisation;
  /** Who writes the job (and education) goals in Min Plan on a day. */
  minPlanOwnerOn(facts: PeriodFacts, date: LocalDate): Organisation;
  educationInjunctionGroup(facts: PeriodFacts): boolean;
  /** The day responsibility passes to the jobcentre, when the regime has such a handover. */
  handover(facts: PeriodFacts): { handoverOn: LocalDate; reachedOn: LocalDate; hours: number } | undefined;
}

const REGIMES: Regime[] = [
  {
    ruleSet: C24,
    obligations: c24Obligations,
    ownerOn: c24OwnerOn,
    minPlanOwnerOn: c24MinPlanOwnerOn,
    educationInjunctionGroup: c24EducationInjunctionGroup,
    handover: c24Handover,
  },
];

export interface RegimeChoice {
  ruleSetId: string | null;
  reason: string;
}

function regimeOf(period: BenefitPeriodState): Regime | undefined {
  return REGIMES.find(
    ({ ruleSet: { effective } }) =>
      period.placedOn >= effective.from && (effective.to === null || period.placedOn <= effective.to),
  );
}

/** Which regime applies to a benefit period, and why (the fact and date that chose it). */
export function explainRegime(period: BenefitPeriodState): RegimeChoice {
  const regime = regimeOf(period);
  if (regime) {
    const { id, effective, source } = regime.ruleSet;
    return {
      ruleSetId: id,
      reason: `placed in benefit period ${period.benefitPeriodId} on ${period.placedOn}, on or after ${effective.from} (${source})`,
    };
  }
  return {
    ruleSetId: null,
    reason: `placed on ${period.placedOn}, before the rule sets this system evaluates; the transition rules of 002 §15 are not evaluated yet`,
  };
}

/** Every obligation of every benefit period of the person, evaluated on valid time as of `asOf`. */
export function evaluateObligations(state: ContactProcessState, asOf: LocalDate): Obligation[] {
  const person = state.person;
  if (!person) return [];
  return state.periods
    .filter((period) => period.placedOn <= asOf)
    .flatMap((period) => regimeOf(period)?.obligations({ person, period, asOf }) ?? []);
}

export function ownerOfContactProcess(
  state: ContactProcessState,
  period: BenefitPeriodState,
  date: LocalDate,
): Organisation {
  const regime = regimeOf(period);
  if (!regime || !state.person) return 'akasse';
  return regime.ownerOn({ person: state.person, period, asOf: date }, date);
}

export function ownerOfMinPlan(
  state: ContactProcessState,
  period: BenefitPeriodState,
  date: LocalDate,
): Organisation {
  const regime = regimeOf(period);
  if (!regime || !state.person) return 'akasse';
  return regime.minPlanOwnerOn({ person: state.person, period, asOf: date }, date);
}

export function inEducationInjunctionGroup(state: ContactProcessState, period: BenefitPeriodState): boolean {
  const regime = regimeOf(period);
  if (!regime || !state.person) return false;
  return regime.educationInjunctionGroup({ person: state.person, period, asOf: '9999-12-31' as LocalDate });
}

/** The handover the period's regime derives from the facts recorded so far (all of them: `asOf` open-ended). */
export function derivedHandover(state: ContactProcessState, period: BenefitPeriodState) {
  const regime = regimeOf(period);
  if (!regime || !state.person) return undefined;
  return regime.handover({ person: state.person, period, asOf: '9999-12-31' as LocalDate });
}
