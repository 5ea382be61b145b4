/**
 * Which rule set governs a benefit period, and the obligations it attaches — chosen by effective dates, so a
 * later law is a new rule set with its own evaluator, not an edit here.
 */
import type { LocalDate } from '@app/legal-time';
import type { Organisation } from './contact-process.events';
import type { BenefitPeriodState, ContactProcessState } from './process/state';
import {
  C24,
  C24_PARAMETERS,
  EXEMPTED_BY_LESS_INTENSIVE,
  LESS_INTENSIVE_STARTS_WITHIN_SIX_WEEKS,
  NUPH_NOTICE_SECTIONS,
  NUPH_SECTIONS,
} from './c24/c24.rules';
import {
  c24EducationInjunctionGroup,
  c24Handover,
  c24MinPlanOwnerOn,
  c24Obligations,
  c24OwnerOn,
  C24_PROFILE,
} from './c24/c24.obligations';
import type { PeriodFacts } from './engine/draft';
import { endedWithPeriod, lastDayOfPeriod, type PeriodEndParameter } from './engine/period-end';
import type { ContactProcessOwnership, Obligation, RuleSet } from './engine/rule';
import { c24Ownership } from './c24/c24.ownership';
import { NEW_RULES_FROM, T15, TRANSITION_CUT_OFF } from './t15/t15.rules';
import {
  AT_ONCE_AND_IN_GOOD_TIME_SECTIONS,
  G03,
  G03_IN_FORCE,
  G03_PARAMETERS,
  GUIDANCE_TRIGGERS,
  IN_GOOD_TIME_SECTIONS,
  OFFER_RULE_FROM,
} from './g03/g03.rules';
import { explainG03, g03Obligations, g03OwnerOn, governedByG03 } from './g03/g03.obligations';
import { HP, HP_PERIOD_ENDS, LEAVE_PERIOD_KINDS, MEETING_SECTIONS, PLAN_OFFER_KINDS } from './hp/hp.rules';
import {
  ABROAD_EXEMPT,
  AV,
  CONSIDERATIONS_REQUIRED,
  NO_WAIVER,
  SANCTION_AFTER_OFFER,
  WAIVER_FROM_LEAVE_START,
} from './av/av.rules';
import { explainHp, governedByHp, hpObligations, hpOwnerOn } from './hp/hp.obligations';
import { R26, R26_PARAMETERS, R26_PROFILE } from './r26/r26.rules';
import {
  explainTransition,
  governedByTransition,
  t15EducationInjunctionGroup,
  t15Handover,
  t15MinPlanOwnerOn,
  t15Obligations,
  t15OwnerOn,
  withTransition,
} from './t15/t15.obligations';

interface Regime {
  ruleSet: RuleSet;
  /** Whether this regime governs the period (by its placement date, or for a transition the facts around it). */
  governs(period: BenefitPeriodState): boolean;
  /** Why it governs: the facts and dates that chose it, and the group within it where the law makes groups. */
  explain(facts: PeriodFacts): { group?: string; reason: string };
  obligations(facts: PeriodFacts): Obligation[];
  ownerOn(facts: PeriodFacts, date: LocalDate): Organisation;
  /** The owner on a day with since when and why (the same derivation as ownerOn). */
  ownership(facts: PeriodFacts, date: LocalDate): ContactProcessOwnership;
  /** Who writes the job (and education) goals in Min Plan on a day. */
  minPlanOwnerOn(facts: PeriodFacts, date: LocalDate): Organisation;
  educationInjunctionGroup(facts: PeriodFacts): boolean;
  /** The day responsibility passes to the jobcentre, when the regime has such a handover. */
  handover(facts: PeriodFacts): { handoverOn: LocalDate; reachedOn: LocalDate; hours: number } | undefined;
  /** Interview duties a concrete assessment may exempt a person from, and who assesses. */
  exemptableInterviewDuties: ReadonlyArray<{ ruleId: string; owner: Organisation }>;
  /** Its reading of what the next placement does to a period's duties (see endedWithPeriod). */
  periodEnds: PeriodEndParameter;
}

/** Before the contact-process reform the public employment service holds it throughout, from the placement. */
const employmentServiceOwnership =
  (ruleSet: RuleSet) =>
  ({ period }: PeriodFacts): ContactProcessOwnership => ({
    owner: 'jobcenter',
    since: period.placedOn,
    basis: 'placement',
    reason: `placed on ${period.placedOn} under ${ruleSet.id} (${ruleSet.source}): the public employment service (arbejdsformidlingen, later the jobcentre) holds the contact process throughout; the a-kasse's duties are its own rules'`,
  });

const placedFrom =
  (ruleSet: RuleSet) =>
  ({ placedOn }: BenefitPeriodState): boolean =>
    placedOn >= ruleSet.effective.from && (ruleSet.effective.to === null || placedOn <= ruleSet.effective.to);

/** For a C24 period placed before R26's first placement day: why it runs on under C24 after 2026-07-01. */
const runsOnUnderC24 = ({ placedOn }: BenefitPeriodState): string =>
  placedOn < R26_PARAMETERS.governs.value
    ? `; placed before ${R26_PARAMETERS.governs.value}, so it runs on under C24 until the benefit period ends, in its deadlines and in STAR's supervision alike (${R26_PARAMETERS.governs.id}, unverified)`
    : '';

/**
 * The regimes, newest first: the first that governs a period is its regime. A later law is a new entry at
 * the top (its own rule set and evaluator); the older entries stay as they are.
 */
const REGIMES: Regime[] = [
  {
    ruleSet: R26,
    governs: ({ placedOn }) => placedOn >= R26_PARAMETERS.governs.value,
    explain: ({ period }) => ({
      reason: `placed in benefit period ${period.benefitPeriodId} on ${period.placedOn}, on or after ${R26_PARAMETERS.governs.value} (${R26.source}); contact processes placed before that day stay under C24 (${R26_PARAMETERS.governs.id}, unverified)`,
    }),
    obligations: (facts) => c24Obligations(facts, R26_PROFILE),
    ownerOn: c24OwnerOn,
    ownership: c24Ownership,
    minPlanOwnerOn: c24MinPlanOwnerOn,
    educationInjunctionGroup: c24EducationInjunctionGroup,
    handover: c24Handover,
    exemptableInterviewDuties: [
      { ruleId: 'R26-AK2', owner: 'akasse' },
      { ruleId: 'R26-MUN2', owner: 'jobcenter' },
    ],
    periodEnds: C24_PARAMETERS.periodEnds,
  },
  {
    ruleSet: C24,
    governs: placedFrom(C24),
    explain: ({ period }) => ({
      reason: `placed in benefit period ${period.benefitPeriodId} on ${period.placedOn}, on or after ${C24.effective.from} (${C24.source})${runsOnUnderC24(period)}`,
    }),
    obligations: c24Obligations,
    ownerOn: c24OwnerOn,
    ownership: c24Ownership,
    minPlanOwnerOn: c24MinPlanOwnerOn,
    educationInjunctionGroup: c24EducationInjunctionGroup,
    handover: c24Handover,
    exemptableInterviewDuties: [],
    periodEnds: C24_PARAMETERS.periodEnds,
  },
  {
    ruleSet: T15,
    governs: (period) => governedByTransition({ period }),
    explain: explainTransition,
    obligations: t15Obligations,
    ownerOn: t15OwnerOn,
    ownership: (facts, date) => c24Ownership(withTransition(facts), date),
    minPlanOwnerOn: t15MinPlanOwnerOn,
    educationInjunctionGroup: t15EducationInjunctionGroup,
    handover: t15Handover,
    exemptableInterviewDuties: [],
    // A transition case runs on C24's contact process (002 §15), which ends with the next placement (§3.2).
    periodEnds: C24_PARAMETERS.periodEnds,
  },
  {
    ruleSet: G03,
    governs: governedByG03,
    explain: explainG03,
    obligations: g03Obligations,
    ownerOn: g03OwnerOn,
    ownership: employmentServiceOwnership(G03),
    minPlanOwnerOn: g03OwnerOn,
    educationInjunctionGroup: () => false,
    handover: () => undefined,
    exemptableInterviewDuties: [],
    periodEnds: G03_PARAMETERS.periodEnds,
  },
  {
    ruleSet: HP,
    governs: governedByHp,
    explain: explainHp,
    obligations: hpObligations,
    ownerOn: hpOwnerOn,
    ownership: employmentServiceOwnership(HP),
    minPlanOwnerOn: hpOwnerOn,
    educationInjunctionGroup: () => false,
    handover: () => undefined,
    exemptableInterviewDuties: [],
    periodEnds: HP_PERIOD_ENDS,
  },
];

/**
 * The rule sets whose rules the obligations are evaluated with: every regime's, and AV's (its duties are HP's
 * periods'). What the deadlines read model is built from (see readModelVersion).
 */
export const RULE_SETS: readonly RuleSet[] = [...REGIMES.map((regime) => regime.ruleSet), AV];

/**
 * The tables the rules read besides their rule sets' parameters (closed lists of sections and situations, days the
 * regimes turn on, the interview profiles), per regime: rule data too, so the read models' versions hash them.
 */
export const RULE_TABLES = {
  C24: {
    EXEMPTED_BY_LESS_INTENSIVE,
    LESS_INTENSIVE_STARTS_WITHIN_SIX_WEEKS,
    NUPH_NOTICE_SECTIONS,
    NUPH_SECTIONS,
    profiles: [C24_PROFILE, R26_PROFILE],
  },
  T15: { NEW_RULES_FROM, TRANSITION_CUT_OFF },
  G03: {
    AT_ONCE_AND_IN_GOOD_TIME_SECTIONS,
    G03_IN_FORCE,
    GUIDANCE_TRIGGERS,
    IN_GOOD_TIME_SECTIONS,
    OFFER_RULE_FROM,
  },
  HP: { LEAVE_PERIOD_KINDS, MEETING_SECTIONS, PLAN_OFFER_KINDS },
  AV: { ABROAD_EXEMPT, CONSIDERATIONS_REQUIRED, NO_WAIVER, SANCTION_AFTER_OFFER, WAIVER_FROM_LEAVE_START },
};

export interface RegimeChoice {
  ruleSetId: string | null;
  /** The group within the regime, where the law makes groups (e.g. the transition's). */
  group?: string;
  reason: string;
}

function regimeOf(period: BenefitPeriodState): Regime | undefined {
  return REGIMES.find((regime) => regime.governs(period));
}

/** Which regime applies to a benefit period, and why (the facts and dates that chose it), as of a day. */
export function explainRegime(
  state: ContactProcessState,
  period: BenefitPeriodState,
  asOf: LocalDate = '9999-12-31' as LocalDate,
): RegimeChoice {
  const regime = regimeOf(period);
  if (regime && state.person) {
    return { ruleSetId: regime.ruleSet.id, ...regime.explain({ person: state.person, period, asOf }) };
  }
  if (regime) {
    return {
      ruleSetId: regime.ruleSet.id,
      reason: 'no person facts (birth date, education, custody) recorded yet: nothing can be evaluated',
    };
  }
  return {
    ruleSetId: null,
    reason: `placed on ${period.placedOn} and ended before ${HP.effective.from}: governed by rules this system does not evaluate (before the act on an active labour-market policy)`,
  };
}

/**
 * Every obligation of every benefit period of the person, evaluated on valid time as of `asOf`. A period placed
 * again by then has ended: its obligations are as its regime's reading of that end makes them (#18 item 1).
 */
export function evaluateObligations(state: ContactProcessState, asOf: LocalDate): Obligation[] {
  const person = state.person;
  if (!person) return [];
  const placed = state.periods.filter((period) => period.placedOn <= asOf);
  const placements = placed.map((period) => period.placedOn);
  return placed.flatMap((period) => {
    const regime = regimeOf(period);
    const obligations = regime?.obligations({ person, period, asOf }) ?? [];
    const lastDay = lastDayOfPeriod(period.placedOn, placements);
    return lastDay === undefined || !regime
      ? obligations
      : obligations.map((o) => endedWithPeriod(o, lastDay, asOf, regime.periodEnds));
  });
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

/**
 * Who holds each benefit period's contact process on `asOf`, since when and why (#18 item 4), for the periods
 * placed by then — evaluated on the facts that had happened by `asOf`, like the obligations.
 */
export function contactProcessOwners(
  state: ContactProcessState,
  asOf: LocalDate,
): Array<ContactProcessOwnership & { benefitPeriodId: string }> {
  const person = state.person;
  if (!person) return [];
  return state.periods
    .filter((period) => period.placedOn <= asOf)
    .flatMap((period) => {
      const regime = regimeOf(period);
      if (!regime) return [];
      return [
        { benefitPeriodId: period.benefitPeriodId, ...regime.ownership({ person, period, asOf }, asOf) },
      ];
    });
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

/** The id of the rule set that governs a period, or null when no regime this system evaluates does. */
export function ruleSetIdOf(period: BenefitPeriodState): string | null {
  return regimeOf(period)?.ruleSet.id ?? null;
}

export function exemptableInterviewDuties(period: BenefitPeriodState): {
  ruleSetId: string | null;
  duties: ReadonlyArray<{ ruleId: string; owner: Organisation }>;
} {
  const regime = regimeOf(period);
  return { ruleSetId: regime?.ruleSet.id ?? null, duties: regime?.exemptableInterviewDuties ?? [] };
}

/** The handover the period's regime derives from the facts recorded so far (all of them: `asOf` open-ended). */
export function derivedHandover(state: ContactProcessState, period: BenefitPeriodState) {
  const regime = regimeOf(period);
  if (!regime || !state.person) return undefined;
  return regime.handover({ person: state.person, period, asOf: '9999-12-31' as LocalDate });
}
