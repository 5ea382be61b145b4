/**
 * The transition of 002 §15 for benefit periods placed before 2024-01-01, as of a day (valid time):
 * - §15.2 the a-kasse trial: the a-kasse keeps the contact process until 3 months of unemployment — C24 applies,
 *   and interviews held in the trial, joint ones included, count towards the a-kasse's 3 (§15.4);
 * - §15.3 registered as jobseeker on 2023-12-31 (the IT cut-off) with less than 3 months of cumulative
 *   unemployment by 2024-01-01: the contact process stays with the jobcentre under the earlier rules — a CV
 *   interview, 4 individual jobcentre interviews and 2 joint interviews within the first 6 months, no obligatory
 *   availability interviews; deregistered and registered again after 2024-01-01, the person is no longer a
 *   transition person and C24 applies from that registration, with the a-kasse for the rest of the first 3 months;
 * - registered on 2023-12-31 with 3 months or more by 2024-01-01: not a transition person (§15.3 names only those
 *   unemployed for less than 3 months then). Their running contact process stays with the jobcentre under the
 *   earlier rules, which this system does not evaluate: no T15 or C24 obligations for it. Registered again after
 *   2024-01-01, C24 applies from that registration, with the jobcentre (the a-kasse's 3 months have passed);
 * - §15.3 not unemployed on 2024-01-01: when they register again, C24 for the remaining part of their first
 *   3 months with the a-kasse — no fresh 3 months: the a-kasse's hours count from the placement.
 * Interviews held with the jobcentre count towards the a-kasse's 3 for every transition case (§15.4). No T15 duty
 * is owed that fell due before the law took effect on 2024-01-01.
 * The 16-month interview (C24-M16) and the duties that do not depend on the phase hold for all of them.
 */
import {
  jobcentreCounterReachedOn,
  monthOf,
  monthsOfUnemploymentInHours,
  type LocalDate,
} from '@app/legal-time';
import type { Organisation } from '../contact-process.events';
import type { BenefitPeriodState, Registration } from '../process/state';
import {
  c24EducationInjunctionGroup,
  c24Handover,
  c24MinPlanOwnerOn,
  c24Obligations,
  derive,
  type C24Facts,
  type C24Transition,
} from '../c24/c24.obligations';
import { toObligation, type Draft, type PeriodFacts } from '../engine/draft';
import type { Obligation } from '../engine/rule';
import { NEW_RULES_FROM, T15, T15_PARAMETERS as P, TRANSITION_CUT_OFF } from './t15.rules';

export type TransitionGroup =
  | { kind: 'trial'; c24From: LocalDate }
  | { kind: 'earlier-rules'; spell: Registration; c24From: LocalDate | null }
  /** Registered on 2023-12-31 with 3 months or more of unemployment by then: not a transition person. */
  | { kind: 'past-three-months'; spell: Registration; reachedOn: LocalDate; c24From: LocalDate | null }
  | { kind: 'returning'; c24From: LocalDate | null };

/**
 * A period placed before 2024 that is running on or after the new rules' start: §15 decides it — which
 * transition group, or (3 months or more of unemployment by 2024-01-01) that it is no transition case.
 */
export function governedByTransition(facts: Pick<PeriodFacts, 'period'>): boolean {
  const { period } = facts;
  return (
    period.placedOn < NEW_RULES_FROM &&
    period.placedOn >= P.oldestRunningPlacement.value &&
    period.registrations.some((r) => r.deregisteredOn === null || r.deregisteredOn > TRANSITION_CUT_OFF)
  );
}

const activeOnCutOff = (r: Registration) =>
  r.registeredOn <= TRANSITION_CUT_OFF &&
  (r.deregisteredOn === null || r.deregisteredOn > TRANSITION_CUT_OFF);

/**
 * 002 §15.3 "ledige i mindre end 3 måneder den 1. januar 2024": 3 months of cumulative unemployment in hours, and
 * the day the jobcentre's counter reached them over the months up to 2023-12 (undefined: less than 3 months).
 */
function threeMonthsBeforeNewRules(period: BenefitPeriodState): { hours: number; reachedOn?: LocalDate } {
  const hours = monthsOfUnemploymentInHours(P.transitionPersonBelowMonths.value, period.insurance);
  const reachedOn = jobcentreCounterReachedOn(
    period.hours.filter((h) => h.month <= monthOf(TRANSITION_CUT_OFF)),
    hours,
  );
  return { hours, reachedOn };
}

/** Which §15 group the period's person is in, from the facts that had happened by `asOf`. */
export function transitionGroup({ period, asOf }: PeriodFacts): TransitionGroup {
  const registrations = period.registrations.filter((r) => r.registeredOn <= asOf);
  const newRegistration = registrations.find((r) => r.registeredOn >= NEW_RULES_FROM)?.registeredOn ?? null;
  if (period.akasseTrial) return { kind: 'trial', c24From: period.placedOn };
  const spell = registrations.find(activeOnCutOff);
  if (spell) {
    // Deregistered (by asOf) and registered again: no longer a transition person.
    const ended = spell.deregisteredOn !== null && spell.deregisteredOn <= asOf;
    const c24From = ended ? newRegistration : null;
    const { reachedOn } = threeMonthsBeforeNewRules(period);
    return reachedOn === undefined
      ? { kind: 'earlier-rules', spell, c24From }
      : { kind: 'past-three-months', spell, reachedOn, c24From };
  }
  return { kind: 'returning', c24From: newRegistration };
}

function c24Transition(group: TransitionGroup): C24Transition {
  const ownerBefore: Organisation = group.kind === 'trial' ? 'akasse' : 'jobcenter';
  return { c24From: group.c24From, ownerBefore, jobcentreInterviewsCount: true };
}

export const withTransition = (facts: PeriodFacts): C24Facts => ({
  ...facts,
  transition: c24Transition(transitionGroup(facts)),
});

export function t15Obligations(facts: PeriodFacts): Obligation[] {
  const group = transitionGroup(facts);
  // Not a transition person, in the spell that ran into 2024: the earlier rules, which are not evaluated here.
  if (group.kind === 'past-three-months' && group.c24From === null) return [];
  const c24 = c24Obligations({ ...facts, transition: c24Transition(group) });
  if (group.kind !== 'earlier-rules') return c24;
  return [...earlierRulesObligations(facts, group), ...c24];
}

/**
 * The earlier rules' set of a §15.3 transition person as T15 obligations. A duty that fell due before the law
 * took effect on 2024-01-01 was the earlier rules' own, never the transition's: not applicable.
 */
export function earlierRulesObligations(
  facts: PeriodFacts,
  group: Extract<TransitionGroup, { kind: 'earlier-rules' }>,
): Obligation[] {
  const view: C24Facts = { ...facts, transition: c24Transition(group) };
  const d = derive(view);
  return earlierRulesDrafts(view, group).map((draft) =>
    toObligation(
      T15,
      {
        ...draft,
        notApplicable:
          draft.notApplicable ??
          (draft.dueOn !== null && draft.dueOn < NEW_RULES_FROM
            ? `due on ${draft.dueOn}, before the 2024 rules took effect on ${NEW_RULES_FROM}: the earlier rules governed it, not the transition (002 §15)`
            : undefined),
      },
      view,
      (day) => d.exemptingGround(day),
    ),
  );
}

/** 002 §15.3: the earlier rules' set for the first 6 months of cumulative unemployment, counted in hours. */
function earlierRulesDrafts(
  facts: PeriodFacts,
  group: Extract<TransitionGroup, { kind: 'earlier-rules' }>,
): Draft[] {
  const { period, asOf } = facts;
  const sixMonths = monthsOfUnemploymentInHours(P.earlierRulesMonths.value, period.insurance);
  // The jobcentre's counter over the months the hours cover (valid time), as for C24's 6 months.
  const sixMonthsOn = jobcentreCounterReachedOn(
    period.hours.filter((h) => h.month <= monthOf(asOf)),
    sixMonths,
  );
  // Interviews of the transition spell count; after a new registration C24 counts them instead.
  const inSpell = period.interviews.filter(
    (i) =>
      i.heldOn >= period.placedOn &&
      i.heldOn <= asOf &&
      (sixMonthsOn === undefined || i.heldOn <= sixMonthsOn) &&
      (group.c24From === null || i.heldOn < group.c24From),
  );
  inSpell.sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
  const ended = group.spell.deregisteredOn;
  const notApplicable =
    group.c24From !== null && ended !== null && (sixMonthsOn === undefined || sixMonthsOn > ended)
      ? `no longer a transition person: deregistered on ${ended} and registered again on ${group.c24From}, so C24 applies (002 §15.3)`
      : undefined;
  const common = {
    dueOn: sixMonthsOn ?? null,
    hourThreshold: { hours: sixMonths, counter: 'jobcentre' as const },
    windowClosesOn: sixMonthsOn ?? null,
    exemptedByGround: true,
    notApplicable,
  };
  const held = (list: typeof inSpell) => list.map((i) => ({ on: i.heldOn, eventId: i.eventId }));
  return [
    {
      ...common,
      ruleId: 'T15-CV',
      owner: 'akasse',
      required: P.cvInterviews.value,
      // The events name no "CV interview": an individual interview the a-kasse held is taken as it.
      fulfilled: held(inSpell.filter((i) => i.heldBy === 'akasse' && i.registeredAs === 'individual')),
      note:
        notApplicable === undefined
          ? 'the CV interview is the a-kasse’s individual job interview under the earlier rules'
          : undefined,
    },
    {
      ...common,
      ruleId: 'T15-JC4',
      owner: 'jobcenter',
      required: P.jobcentreInterviews.value,
      fulfilled: held(inSpell.filter((i) => i.heldBy === 'jobcenter' && i.registeredAs === 'individual')),
    },
    {
      ...common,
      ruleId: 'T15-JOINT2',
      owner: 'jobcenter',
      required: P.jointInterviews.value,
      fulfilled: held(inSpell.filter((i) => i.registeredAs === 'joint' && i.akasseAttended)),
    },
  ];
}

export function t15OwnerOn(facts: PeriodFacts, date: LocalDate): Organisation {
  return derive(withTransition(facts)).ownerOn(date);
}

export function t15MinPlanOwnerOn(facts: PeriodFacts, date: LocalDate): Organisation {
  return c24MinPlanOwnerOn(withTransition(facts), date);
}

export function t15EducationInjunctionGroup(facts: PeriodFacts): boolean {
  return c24EducationInjunctionGroup(withTransition(facts));
}

/** The C24 handover, once C24 applies — never one dated before it did (the a-kasse never had the case then). */
export function t15Handover(facts: PeriodFacts) {
  const { c24From } = transitionGroup(facts);
  if (c24From === null) return undefined;
  const handover = c24Handover(withTransition(facts));
  return handover && handover.handoverOn >= c24From ? handover : undefined;
}

/** Why the transition governs this period, in the words of 002 §15, with the facts and dates that decided. */
export function explainTransition(facts: PeriodFacts): { group: string; reason: string } {
  const { period } = facts;
  const group = transitionGroup(facts);
  const { hours: threeMonths, reachedOn: reached } = threeMonthsBeforeNewRules(period);
  const placed = `placed in benefit period ${period.benefitPeriodId} on ${period.placedOn}, before ${NEW_RULES_FROM}`;
  const unemployment =
    reached === undefined
      ? `under 3 months (${threeMonths} h) of cumulative unemployment by ${NEW_RULES_FROM}`
      : `3 months (${threeMonths} h) of cumulative unemployment reached on ${reached}, before ${NEW_RULES_FROM}`;
  const c24 = (from: LocalDate | null, what: string) =>
    (from === null ? `C24 will apply ${what}` : `C24 applies from the registration on ${from}`) +
    (reached === undefined
      ? ', with the a-kasse for the remaining part of the first 3 months'
      : ', with the jobcentre: the a-kasse’s first 3 months have passed');
  switch (group.kind) {
    case 'trial':
      return {
        group: '002 §15.2',
        reason: `${placed}, in the a-kasse trial: the a-kasse keeps the contact process until 3 months of unemployment, and the trial's interviews (joint ones included) count towards its 3 (§15.2, §15.4)`,
      };
    case 'earlier-rules':
      return {
        group: '002 §15.3 (registered on 2023-12-31)',
        reason: `${placed}; registered as jobseeker on ${group.spell.registeredOn} and still on ${TRANSITION_CUT_OFF}; ${unemployment}: the jobcentre keeps the contact process under the earlier rules (a CV interview, 4 individual and 2 joint interviews within the first 6 months); ${c24(group.c24From, 'if the person is deregistered and registers again')} (§15.3)`,
      };
    case 'past-three-months':
      return {
        group: '002 §15.3 (3 months or more on 2024-01-01: not a transition person)',
        reason: `${placed}; registered as jobseeker on ${group.spell.registeredOn} and still on ${TRANSITION_CUT_OFF}; ${unemployment}: not a transition person — §15.3 keeps in the jobcentre under the transition only those unemployed for less than 3 months on ${NEW_RULES_FROM} — so the transition's set (T15) does not apply: the contact process of that registration ${group.c24From === null ? 'continues' : 'continued'} with the jobcentre under the earlier rules (IT cut-off: registered on ${TRANSITION_CUT_OFF}), which this system does not evaluate — no T15 or C24 obligations for it; ${c24(group.c24From, 'if the person is deregistered and registers again')} (§15.3)`,
      };
    case 'returning':
      return {
        group: '002 §15.3 (not unemployed on 2024-01-01)',
        reason: `${placed}; not registered as jobseeker on ${TRANSITION_CUT_OFF}; ${unemployment}: ${c24(group.c24From, 'when the person registers again')} (§15.3)`,
      };
  }
}
