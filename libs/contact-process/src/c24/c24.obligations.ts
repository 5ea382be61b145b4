/**
 * The obligations C24 attaches to one benefit period, evaluated on valid time as of a day: facts dated after
 * `asOf` are not yet true and are not seen. Pure: the same state and day always give the same answer.
 */
import {
  addDays,
  ageOn,
  akasseHandoverDate,
  jobcentreCounterReachedOn,
  monthOf,
  monthsOfUnemploymentInHours,
  AKASSE_PERIOD_HOURS,
  type LocalDate,
} from '@app/legal-time';
import type { Organisation } from '../contact-process.events';
import {
  formInForceOn,
  personFactsOn,
  lessIntensiveGroundHoldsOn,
  type BenefitPeriodState,
  type Fact,
  type LessIntensiveGroundState,
  type PersonState,
  type Registration,
} from '../process/state';
import type { JobInterviewHeld } from '../contact-process.events';
import { C24, C24_PARAMETERS as P, EXEMPTED_BY_LESS_INTENSIVE, NUPH_NOTICE_SECTIONS } from './c24.rules';
import { after, dueWithoutStatedLimit } from '../engine/parameter';
import { toObligation, type Draft, type PeriodFacts } from '../engine/draft';
import type { Obligation, RuleSet } from '../engine/rule';

export interface C24Facts extends PeriodFacts {
  /** Set for a benefit period placed before 2024 that C24 governs only in part (002 §15, see t15.obligations). */
  transition?: C24Transition;
}

/**
 * How C24 applies to a transition case (002 §15): from which day (the registration that brought the person
 * under the new rules; null while they are not), who owned the contact process before that day under the
 * earlier rules, and whether interviews held with the jobcentre count towards the a-kasse's 3 (§15.4).
 */
export interface C24Transition {
  c24From: LocalDate | null;
  ownerBefore: Organisation;
  jobcentreInterviewsCount: boolean;
}

/** What the rules need to know about a period, derived once. */
export interface Derived {
  firstRegistration: LocalDate | undefined;
  educationInjunctionGroup: boolean;
  visitatedOn: LocalDate | undefined;
  handoverOn: LocalDate | undefined;
  sixMonthsOn: LocalDate | undefined;
  sixteenMonthsOn: LocalDate | undefined;
  interviews: Array<Fact<JobInterviewHeld>>;
  ownerOn(date: LocalDate): Organisation;
  exemptingGround(date: LocalDate): LessIntensiveGroundState | undefined;
}

/**
 * C24-VISIT's objective criteria: under 25, no vocational education, no custody of children at home — judged
 * on the registration that starts the contact process (LAB §27(3), 002 §2.1: visitated within 2 weeks of it),
 * so by the facts in force on that day; a change after it does not move the person out of or into the group
 * (the reading C24-VISIT-JUDGED-ON names: the seeds do not say which day).
 */
export function inEducationInjunctionGroup(person: PersonState, registeredOn: LocalDate): boolean {
  const facts = personFactsOn(person, registeredOn);
  return (
    ageOn(facts.birthDate, registeredOn) < P.educationInjunctionAge.value &&
    !facts.hasVocationalEducation &&
    !facts.hasCustodyOfChildrenAtHome
  );
}

/**
 * The registrations C24 counts from `from`, each with the day it counts from: one begun before `from` and still
 * running then counts from `from` (a person registered before the placement — after a quarantine, or placed
 * again while registered — starts the contact process on the placement, 002 §3: "første tilmelding … i
 * dagpengeperioden"), the others from the day they were made.
 */
export function registrationsFrom(
  period: BenefitPeriodState,
  from: LocalDate,
  asOf: LocalDate,
): Array<Registration & { countsFrom: LocalDate }> {
  if (from > asOf) return [];
  return period.registrations
    .filter(
      (r) =>
        r.registeredOn <= asOf &&
        (r.registeredOn >= from || r.deregisteredOn === null || r.deregisteredOn >= from),
    )
    .map((r) => ({ ...r, countsFrom: r.registeredOn < from ? from : r.registeredOn }));
}

export function derive({ person, period, asOf, transition }: C24Facts): Derived {
  const c24From = transition ? transition.c24From : period.placedOn;
  const firstRegistration =
    c24From === null ? undefined : registrationsFrom(period, c24From, asOf)[0]?.countsFrom;
  const educationInjunctionGroup =
    firstRegistration !== undefined && inEducationInjunctionGroup(person, firstRegistration);
  const visitatedOn = period.visitations.find((v) => v.visitatedOn <= asOf)?.visitatedOn;
  // The handover keys on the day the a-kasse registered the hours: only registrations made by `asOf` count.
  const handover = educationInjunctionGroup
    ? undefined
    : akasseHandoverDate(
        period.hours.filter((h) => h.registeredOn <= asOf),
        period.insurance,
      );
  // The jobcentre's counter runs over the months the hours cover (valid time).
  const asOfMonth = monthOf(asOf);
  const covered = period.hours.filter((h) => h.month <= asOfMonth);
  const sixMonthsOn = jobcentreCounterReachedOn(
    covered,
    monthsOfUnemploymentInHours(P.jobcentrePhaseMonths.value, period.insurance),
  );
  const sixteenMonthsOn = jobcentreCounterReachedOn(
    covered,
    monthsOfUnemploymentInHours(P.intensifiedEffortMonths.value, period.insurance),
  );
  const interviews = period.interviews
    .filter((i) => i.heldOn <= asOf)
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
  return {
    firstRegistration,
    educationInjunctionGroup,
    visitatedOn,
    handoverOn: handover?.handoverOn,
    sixMonthsOn,
    sixteenMonthsOn,
    interviews,
    ownerOn(date) {
      if (transition && (transition.c24From === null || date < transition.c24From))
        return transition.ownerBefore;
      if (educationInjunctionGroup)
        return visitatedOn !== undefined && date >= visitatedOn ? 'jobcenter' : 'akasse';
      return handover === undefined || date <= handover.handoverOn ? 'akasse' : 'jobcenter';
    },
    exemptingGround(date) {
      // An overruling decision (LAB § 106(3)) ends the exemption from the day it was made, not before: what
      // the ground waived until then stays waived. A documented start (work, leave, retirement, study) ends it
      // after the day of the start (see lessIntensiveGroundHoldsOn).
      return period.lessIntensive.find(
        (g) =>
          (g.overruled === null || g.overruled.decidedOn > asOf || date < g.overruled.decidedOn) &&
          lessIntensiveGroundHoldsOn(g, date) &&
          g.from <= asOf,
      );
    },
  };
}

/**
 * The a-kasse's last day with the contact process: the handover, or for the education-injunction group the day
 * before the visitation; undefined while it still holds it. Duties the a-kasse has only "i den periode, hvor de
 * hver især er ansvarlig for at varetage personens kontaktforløb" (002 §6; §3.1, §8.1, §9.1 alike) end then.
 */
export function akasseLastDay(d: Derived): LocalDate | undefined {
  if (!d.educationInjunctionGroup) return d.handoverOn;
  return d.visitatedOn === undefined ? undefined : addDays(d.visitatedOn, -1);
}

/**
 * The interview counts of the two phases, under their rule ids: C24's by default. A later law of the same
 * shape (R26) passes its own profile and rule set; the evaluation below is shared, not copied.
 */
export interface InterviewProfile {
  ruleSet: RuleSet;
  /** Interviews held by the a-kasse by the handover. */
  akassePhase: { ruleId: string; required: number };
  /** Interviews held by the jobcentre after the handover, before 6 months of cumulative unemployment. */
  jobcentrePhase: { ruleId: string; required: number };
}

export const C24_PROFILE: InterviewProfile = {
  ruleSet: C24,
  akassePhase: { ruleId: 'C24-AK3', required: P.akasseInterviews.value },
  jobcentrePhase: { ruleId: 'C24-JC3', required: P.jobcentreInterviews.value },
};

export function c24Obligations(facts: C24Facts, profile: InterviewProfile = C24_PROFILE): Obligation[] {
  const { transition } = facts;
  const d = derive(facts);
  const first = d.firstRegistration;
  // A transition case not (yet) under the new rules still has the duties that do not depend on the phase.
  if (first === undefined && !transition) return [];
  const drafts = first === undefined ? [] : phaseDrafts(facts, d, first, profile);
  drafts.push(...generalDrafts(facts, d));
  const phaseRules = [profile.akassePhase.ruleId, profile.jobcentrePhase.ruleId];
  const exemptingGround = (day: LocalDate) => d.exemptingGround(day);
  return drafts.map((draft) =>
    toObligation(profile.ruleSet, draft, facts, exemptingGround, {
      exemptedByGround: EXEMPTED_BY_LESS_INTENSIVE.has(draft.ruleId) || phaseRules.includes(draft.ruleId),
      // A transition case's duties that fell due before the law took effect were the earlier rules' (or the
      // trial's), never C24's (002 §15).
      notApplicable:
        draft.dueOn !== null && draft.dueOn < C24.effective.from
          ? `due before the 2024 rules took effect on ${C24.effective.from}: the earlier rules (or the a-kasse trial) governed it (002 §15)`
          : undefined,
    }),
  );
}

/** Exemptions of a phase's interview duty after a concrete assessment, where the rule set allows them (R26). */
const exemptionsOf = (facts: C24Facts, ruleId: string): string[] =>
  facts.period.interviewExemptions
    .filter((e) => e.ruleId === ruleId && e.exemptedOn <= facts.asOf)
    .flatMap((e) => (e.eventId ? [e.eventId] : []));

const asFulfilment = (i: { heldOn: LocalDate; eventId: string | undefined }) => ({
  on: i.heldOn,
  eventId: i.eventId,
});

/** What the phase duties share: the period's facts, what is derived from them, and the day C24 counts from. */
interface Phase {
  facts: C24Facts;
  d: Derived;
  /** The first registration C24 counts from. */
  first: LocalDate;
  profile: InterviewProfile;
  /** Why the a-kasse's phase is owed nothing, for a transition case that reached C24 after it; else undefined. */
  akassePhasePassed: string | undefined;
}

const EDU_ONLY =
  'applies only to the education-injunction group (under 25, no vocational education, no custody)';
const NOT_EDU =
  'not for the education-injunction group, whose contact process the jobcentre runs from visitation';

/** The duties tied to the contact process's phases: the a-kasse's first months, the jobcentre's next ones. */
function phaseDrafts(facts: C24Facts, d: Derived, first: LocalDate, profile: InterviewProfile): Draft[] {
  const { transition } = facts;
  // The a-kasse's months had passed before the new rules reached a transition case: nothing of them is owed.
  const akassePhasePassed =
    transition !== undefined && d.handoverOn !== undefined && d.handoverOn < first
      ? `the a-kasse's first 3 months ended (${d.handoverOn}) before C24 applied to this period (${first}; 002 §15.3)`
      : undefined;
  const phase: Phase = { facts, d, first, profile, akassePhasePassed };
  const firstHeld = firstAkasseInterview(phase);
  return [
    ...attendanceAfterHandover(phase),
    visitation(phase),
    firstInterview(phase, firstHeld),
    minPlanAtFirstInterview(phase, firstHeld),
    akassePhaseInterviews(phase),
    jobcentrePhaseInterviews(phase),
    educationInjunctionInterviews(phase),
    ...registrationDrafts(phase),
  ];
}

/**
 * The a-kasse attends the first individual jobcentre interview after the handover when the person wants it
 * (LAB §31(2); not for the education-injunction group) — a duty of the jobcentre phase's rule.
 */
function attendanceAfterHandover({ d, profile }: Phase): Draft[] {
  const firstAfterHandover =
    d.handoverOn === undefined || d.educationInjunctionGroup
      ? undefined
      : d.interviews.find(
          (i) => i.heldBy === 'jobcenter' && i.heldOn > d.handoverOn! && i.registeredAs === 'individual',
        );
  return firstAfterHandover?.akasseAttendanceWanted === true
    ? [akasseAttends(profile.jobcentrePhase.ruleId, 'first-after-handover', firstAfterHandover)]
    : [];
}

/** C24-VISIT: within 14 days of registration, education-injunction group only. */
function visitation({ facts: { person, period, asOf }, d, first }: Phase): Draft {
  const dueOn = after(first, P.visitationWithin);
  const judged = judgedOnNote(person, first, dueOn, asOf);
  return {
    ruleId: 'C24-VISIT',
    owner: 'akasse',
    dueOn,
    fulfilled: period.visitations
      .filter((v) => v.visitatedOn <= asOf)
      .map((v) => ({ on: v.visitatedOn, eventId: v.eventId })),
    notApplicable: d.educationInjunctionGroup ? undefined : joinNotes(EDU_ONLY, judged),
    note: judged,
  };
}

/**
 * Why the group stands although the person facts changed between the registration and the visitation's due
 * day: the reading C24-VISIT-JUDGED-ON names. Undefined when they did not change then (as known on `asOf`).
 */
function judgedOnNote(person: PersonState, first: LocalDate, dueOn: LocalDate, asOf: LocalDate) {
  const change = person.history.find(
    (e) => e.from !== null && e.from > first && e.from <= dueOn && e.from <= asOf,
  );
  if (!change) return undefined;
  const reading = P.educationInjunctionJudgedOn;
  return `the education-injunction group is judged by the person facts in force on the registration (${first}), not by those from ${change.from} (${reading.legalReference}; ${reading.id}, ${reading.verified ? 'verified' : 'unverified'} reading)`;
}

/** The a-kasse's own interviews (for a transition case: since C24 applied; §15.4 counts others only towards the 3). */
const ownInterviews = ({ facts: { period, transition }, d, first }: Phase) =>
  d.interviews.filter((i) => i.heldBy === 'akasse' && i.heldOn >= (transition ? first : period.placedOn));

const firstAkasseInterview = (phase: Phase): Fact<JobInterviewHeld> | undefined => ownInterviews(phase)[0];

/**
 * C24-FIRST: in person, held by the a-kasse, within 14 days of the first registration in the period, and the
 * applications in the person's joblog reviewed at it (002 §3.1; Min Plan at it is C24-MINPLAN). Until an
 * interview is all of that, the duty stays open: a later one that is meets it late.
 */
function firstInterview(phase: Phase, firstHeld: Fact<JobInterviewHeld> | undefined): Draft {
  const { d, first, akassePhasePassed } = phase;
  const firstFalls = firstHeld
    ? [
        ...(firstHeld.form !== 'in-person'
          ? [`was held by ${firstHeld.form}; the first must be in person`]
          : []),
        ...(!firstHeld.joblogReviewed ? ['did not review the applications in the joblog (002 §3.1)'] : []),
      ]
    : [];
  return {
    ruleId: 'C24-FIRST',
    owner: 'akasse',
    dueOn: after(first, P.firstInterviewWithin),
    fulfilled: ownInterviews(phase)
      .filter((i) => i.form === 'in-person' && i.joblogReviewed)
      .slice(0, 1)
      .map(asFulfilment),
    windowClosesOn: d.handoverOn ?? null,
    notApplicable: akassePhasePassed ?? (d.educationInjunctionGroup ? NOT_EDU : undefined),
    note: joinNotes(
      firstFalls.length > 0
        ? `the first a-kasse interview (${firstHeld!.heldOn}) ${firstFalls.join(', and ')}`
        : undefined,
      interruptionNote(phase.facts, first, after(first, P.firstInterviewWithin)),
    ),
  };
}

const joinNotes = (...notes: Array<string | undefined>): string | undefined =>
  notes.filter((n) => n !== undefined).join('; ') || undefined;

/**
 * Why a 14-day deadline of the first registration stays on it although the person deregistered before it fell
 * due: the reading C24-FIRST-REGISTRATION names (002 §3.2's letter; the seeds do not address the interruption).
 * Undefined when the first registration ran past `dueOn` or its end is not yet known on `asOf`.
 */
function interruptionNote(
  { period, asOf }: C24Facts,
  first: LocalDate,
  dueOn: LocalDate,
): string | undefined {
  const firstRegistration = registrationsFrom(period, first, asOf)[0];
  const endedOn = firstRegistration?.deregisteredOn ?? null;
  if (endedOn === null || endedOn > dueOn || endedOn > asOf) return undefined;
  const again = period.registrations.find((r) => r.registeredOn > endedOn && r.registeredOn <= asOf);
  const reading = P.firstRegistrationAfterInterruption;
  return (
    `deregistered on ${endedOn}${again ? ` and registered again on ${again.registeredOn}` : ''}, before this fell due: ` +
    `it stays on the first registration in the benefit period (${first}), the letter of 002 §3.2 ("første tilmelding som jobsøgende i dagpengeperioden"), ` +
    `which the seeds do not apply to an interruption (${reading.id}, ${reading.verified ? 'verified' : 'unverified'} reading)`
  );
}

/**
 * C24-MINPLAN: prepared at the first interview, with job goals (flagged on the interview, or recorded as
 * MinPlanPrepared by the a-kasse on the day of it).
 */
function minPlanAtFirstInterview(
  { facts: { period }, d, first, akassePhasePassed }: Phase,
  firstHeld: Fact<JobInterviewHeld> | undefined,
): Draft {
  const preparedAtIt = firstHeld
    ? period.minPlan?.revisions.find(
        (r) => r.kind === 'prepared' && r.by === 'akasse' && r.on === firstHeld.heldOn,
      )
    : undefined;
  return {
    ruleId: 'C24-MINPLAN',
    owner: 'akasse',
    dueOn: firstHeld ? firstHeld.heldOn : after(first, P.firstInterviewWithin),
    fulfilled: !firstHeld
      ? []
      : firstHeld.minPlanPrepared
        ? [asFulfilment(firstHeld)]
        : preparedAtIt
          ? [{ on: preparedAtIt.on, eventId: preparedAtIt.eventId }]
          : [],
    // Prepared at the first interview, or — none held — by the a-kasse while it holds the contact process: the
    // jobcentre has the job goals after the handover (002 §9.1: "i de første 3 måneder"; LAB §41(2) nr. 1).
    windowClosesOn: firstHeld ? firstHeld.heldOn : (d.handoverOn ?? null),
    notApplicable: akassePhasePassed ?? (d.educationInjunctionGroup ? NOT_EDU : undefined),
  };
}

/** C24-AK3 (R26-AK2): the interviews held by the a-kasse by the handover (held, not planned). */
function akassePhaseInterviews({ facts, d, profile, akassePhasePassed }: Phase): Draft {
  const { period, transition } = facts;
  // 002 §15.4: for transition cases, interviews held with the jobcentre count towards the a-kasse's 3.
  const beforeHandover = d.interviews.filter(
    (i) =>
      (i.heldBy === 'akasse' || transition?.jobcentreInterviewsCount) &&
      i.heldOn >= period.placedOn &&
      (d.handoverOn === undefined || i.heldOn <= d.handoverOn),
  );
  return {
    ruleId: profile.akassePhase.ruleId,
    owner: 'akasse',
    dueOn: d.handoverOn ?? null,
    hourThreshold: { hours: AKASSE_PERIOD_HOURS.value[period.insurance], counter: 'akasse' },
    required: profile.akassePhase.required,
    waivedByFacts: exemptionsOf(facts, profile.akassePhase.ruleId),
    fulfilled: beforeHandover.map(asFulfilment),
    windowClosesOn: d.handoverOn ?? null,
    notApplicable: akassePhasePassed ?? (d.educationInjunctionGroup ? NOT_EDU : undefined),
  };
}

/** The hour threshold of 6 months of cumulative unemployment, on the jobcentre's counter. */
const sixMonthsThreshold = (period: BenefitPeriodState) => ({
  hours: monthsOfUnemploymentInHours(P.jobcentrePhaseMonths.value, period.insurance),
  counter: 'jobcentre' as const,
});

/** C24-JC3 (R26-MUN2): jobcentre interviews after the handover, before 6 months of cumulative unemployment. */
function jobcentrePhaseInterviews({ facts, d, profile }: Phase): Draft {
  return {
    ruleId: profile.jobcentrePhase.ruleId,
    owner: 'jobcenter',
    dueOn: d.handoverOn === undefined ? null : (d.sixMonthsOn ?? null),
    hourThreshold: sixMonthsThreshold(facts.period),
    required: profile.jobcentrePhase.required,
    waivedByFacts: exemptionsOf(facts, profile.jobcentrePhase.ruleId),
    fulfilled: d.interviews
      .filter(
        (i) =>
          i.heldBy === 'jobcenter' &&
          d.handoverOn !== undefined &&
          i.heldOn > d.handoverOn &&
          (d.sixMonthsOn === undefined || i.heldOn <= d.sixMonthsOn),
      )
      .map(asFulfilment),
    windowClosesOn: d.sixMonthsOn ?? null,
    notApplicable: d.educationInjunctionGroup ? NOT_EDU : undefined,
    note:
      d.handoverOn !== undefined && d.sixMonthsOn !== undefined && d.handoverOn >= d.sixMonthsOn
        ? `the handover (${d.handoverOn}) came after 6 months of cumulative unemployment (${d.sixMonthsOn})`
        : undefined,
  };
}

/** C24-EDU6: 6 jobcentre interviews within 6 months, education-injunction group. */
function educationInjunctionInterviews({ facts, d, first }: Phase): Draft {
  return {
    ruleId: 'C24-EDU6',
    owner: 'jobcenter',
    dueOn: d.sixMonthsOn ?? null,
    hourThreshold: sixMonthsThreshold(facts.period),
    required: P.educationInjunctionInterviews.value,
    fulfilled: d.interviews
      .filter(
        (i) =>
          i.heldBy === 'jobcenter' &&
          i.heldOn >= first &&
          (d.sixMonthsOn === undefined || i.heldOn <= d.sixMonthsOn),
      )
      .map(asFulfilment),
    windowClosesOn: d.sixMonthsOn ?? null,
    notApplicable: d.educationInjunctionGroup ? undefined : EDU_ONLY,
  };
}

/** C24-CV and C24-JSR: within 14 days of each registration C24 counts. */
function registrationDrafts({ facts, first, d }: Phase): Draft[] {
  const { period, asOf } = facts;
  return registrationsFrom(period, first, asOf).flatMap((registration, index) => {
    const drafts = [
      cvDraft(period, asOf, d, registration, index),
      jobSearchRequirementsDraft(period, asOf, registration.countsFrom),
    ];
    if (index > 0) return drafts;
    return drafts.map((draft) => ({
      ...draft,
      note: joinNotes(draft.note, interruptionNote(facts, first, draft.dueOn!)),
    }));
  });
}

/**
 * C24-CV: not on re-registration within 3 months of the last deregistration (which may lie before the new rules,
 * for a transition person).
 */
function cvDraft(
  period: BenefitPeriodState,
  asOf: LocalDate,
  d: Derived,
  registration: Registration & { countsFrom: LocalDate },
  index: number,
): Draft {
  const on = registration.countsFrom;
  const lastDeregistration = period.registrations
    .flatMap((r) => (r.deregisteredOn !== null && r.deregisteredOn <= on ? [r.deregisteredOn] : []))
    .sort()
    .pop();
  const recentlyDeregistered =
    lastDeregistration !== undefined &&
    registration.registeredOn < after(lastDeregistration, P.cvNotAfterDeregistrationWithin);
  const cvOwner: Organisation = d.educationInjunctionGroup && index === 0 ? 'akasse' : d.ownerOn(on);
  return {
    ruleId: 'C24-CV',
    suffix: on,
    owner: cvOwner,
    dueOn: after(on, P.cvWithin),
    // The a-kasse ensures the CV "inden for de første 3 måneder i kontaktforløbet"; "Herefter skal jobcentret
    // løbende påse" it (002 §8.1): the a-kasse's duty ends at the handover (the education-injunction group's
    // first one it owes "uanset at personen visiteres", and it has no handover).
    windowClosesOn: cvOwner === 'akasse' ? (d.handoverOn ?? null) : null,
    fulfilled: period.cvCompletions
      .filter((c) => c.markedOn >= on && c.markedOn <= asOf)
      .map((c) => ({ on: c.markedOn, eventId: c.eventId })),
    notApplicable: recentlyDeregistered
      ? `re-registration less than 3 months after the last deregistration (${lastDeregistration})`
      : undefined,
  };
}

/** C24-JSR: the a-kasse registers the requirements and reports them to DFDG (002 §9): set but not reported is not met. */
function jobSearchRequirementsDraft(period: BenefitPeriodState, asOf: LocalDate, on: LocalDate): Draft {
  return {
    ruleId: 'C24-JSR',
    suffix: on,
    owner: 'akasse',
    dueOn: after(on, P.jobSearchRequirementsWithin),
    fulfilled: period.jobSearchRequirements
      .filter((j) => j.setOn >= on && j.setOn <= asOf && j.reportedToDfdg)
      .map((j) => ({ on: j.setOn, eventId: j.eventId })),
    note: period.jobSearchRequirements.some((j) => j.setOn >= on && j.setOn <= asOf && !j.reportedToDfdg)
      ? 'requirements were set but not reported to DFDG: the a-kasse reports them when it sets them (002, "Krav til jobsøgning"; rådighedsbekendtgørelsen § 14(12))'
      : undefined,
  };
}

/** The duties that hold whoever owns the contact process: the 16-month interview, control actions, notices. */
export function generalDrafts(facts: C24Facts, d: Derived): Draft[] {
  return [
    ...sixteenMonthDrafts(facts, d),
    ...controlActionDrafts(facts, d),
    ...repatriationDrafts(facts, d),
    ...formDrafts(facts, d),
    ...nuphDrafts(facts),
    ...recommendationDrafts(facts),
    ...grantedOfferDrafts(facts),
    ...complaintDrafts(facts),
  ];
}

/** C24-M16, with the a-kasse's attendance at that interview. */
function sixteenMonthDrafts({ period }: C24Facts, d: Derived): Draft[] {
  const drafts: Draft[] = [];
  const jobcenterInterviews = d.interviews.filter((i) => i.heldBy === 'jobcenter');
  // The a-kasse attends the 16-month interview unless the person does not want it (LAB §32(2)).
  const sixteenMonths = jobcenterInterviews.find(
    (i) => i.registeredAs === 'joint' && i.intensifiedEffortOffered,
  );
  if (sixteenMonths && sixteenMonths.akasseAttendanceWanted !== false)
    drafts.push(akasseAttends('C24-M16', 'sixteen-months', sixteenMonths));

  // C24-M16: by 16 months, a jobcentre interview registered as joint, offering the intensified effort.
  drafts.push({
    ruleId: 'C24-M16',
    owner: 'jobcenter',
    dueOn: d.sixteenMonthsOn ?? null,
    hourThreshold: {
      hours: monthsOfUnemploymentInHours(P.intensifiedEffortMonths.value, period.insurance),
      counter: 'jobcentre',
    },
    fulfilled: jobcenterInterviews
      .filter((i) => i.registeredAs === 'joint' && i.intensifiedEffortOffered)
      .slice(0, 1)
      .map(asFulfilment),
  });
  return drafts;
}

/** C24-CTRL, C24-CTRLREQ, C24-CTRLOFFER: per control action. */
function controlActionDrafts(facts: C24Facts, d: Derived): Draft[] {
  return facts.period.controlActions
    .filter((c) => c.receivedOn <= facts.asOf)
    .flatMap((action) => controlDrafts(facts, d, action));
}

/**
 * The last day a control course's duty of `owner` can be met: the a-kasse holds the interviews "i den periode,
 * hvor de hver især er ansvarlig for at varetage personens kontaktforløb" (002 §6), so its duty ends with that
 * period; the jobcentre's runs on (null).
 */
const endsWithAkasse = (owner: Organisation, d: Derived): LocalDate | null =>
  owner === 'akasse' ? (akasseLastDay(d) ?? null) : null;

/** One control action's duties: the interview within 7 days, the request for an offer, the offer. */
function controlDrafts(
  facts: C24Facts,
  d: Derived,
  action: BenefitPeriodState['controlActions'][number],
): Draft[] {
  const { period, asOf } = facts;
  const drafts: Draft[] = [];
  const owner = d.ownerOn(action.receivedOn);
  const due = after(action.receivedOn, P.controlInterviewWithin);
  const byOwner = (o: Organisation) =>
    d.interviews.filter((i) => i.heldBy === o && i.heldOn >= action.receivedOn);
  const firstOfCourse = byOwner(owner)[0];
  drafts.push({
    ruleId: 'C24-CTRL',
    suffix: action.receivedOn,
    owner,
    dueOn: due,
    windowClosesOn: endsWithAkasse(owner, d),
    fulfilled: firstOfCourse ? [asFulfilment(firstOfCourse)] : [],
  });
  if (!firstOfCourse) return drafts;
  if (action.abroad) drafts.push(...abroadControlDrafts(facts, d, action.receivedOn, firstOfCourse));
  if (owner === 'akasse') {
    drafts.push({
      ruleId: 'C24-CTRLREQ',
      suffix: action.receivedOn,
      owner: 'akasse',
      dueOn: dueWithoutStatedLimit(firstOfCourse.heldOn, P.controlRequestDue),
      // The a-kasse asks "inden for de første 3 måneder, hvor a-kassen varetager kontaktforløbet" (002 §6): after
      // the handover the request is no longer the a-kasse's to make, so one not made is missed, not overdue.
      windowClosesOn: endsWithAkasse('akasse', d),
      fulfilled: period.offerRequests
        .filter(
          (r) =>
            r.by === 'akasse' &&
            r.reason === 'control-action' &&
            r.requestedOn >= action.receivedOn &&
            r.requestedOn <= asOf,
        )
        .map((r) => ({ on: r.requestedOn, eventId: r.eventId })),
    });
  }
  drafts.push({
    ruleId: 'C24-CTRLOFFER',
    suffix: action.receivedOn,
    owner: 'jobcenter',
    dueOn: after(firstOfCourse.heldOn, P.controlOfferWithin),
    fulfilled: period.offers
      .filter((o) => o.grantedOn >= action.receivedOn && o.grantedOn <= asOf)
      .map((o) => ({ on: o.grantedOn, eventId: o.eventId })),
  });
  return drafts;
}

/**
 * A control action caused by a stay abroad: an interview every 14 days after the previous one held, until 3 months
 * after the first of the course.
 */
function abroadControlDrafts(
  { asOf }: C24Facts,
  d: Derived,
  receivedOn: LocalDate,
  firstOfCourse: Fact<JobInterviewHeld>,
): Draft[] {
  const drafts: Draft[] = [];
  // Every 14 days after the previous interview held, until 3 months after the first of the course. Each
  // interview fulfils one slot only: the next slot counts from the day it was actually held, early or late.
  const until = after(firstOfCourse.heldOn, P.controlAbroadFor);
  let previous = firstOfCourse.heldOn;
  for (let n = 2; ; n += 1) {
    const nextDue = after(previous, P.controlAbroadEvery);
    if (nextDue > until) break;
    const nextOwner = d.ownerOn(nextDue);
    const next = d.interviews.find((i) => i.heldOn > previous && i.heldBy === nextOwner);
    drafts.push({
      ruleId: 'C24-CTRL',
      suffix: `${receivedOn}#${n}`,
      owner: nextOwner,
      dueOn: nextDue,
      windowClosesOn: endsWithAkasse(nextOwner, d),
      fulfilled: next ? [asFulfilment(next)] : [],
      note: 'control action caused by a stay abroad: an interview every 14 days',
    });
    if (!next && asOf <= nextDue) break; // the rest of the chain hangs on this interview
    // None held at all (overdue): the chain runs on from the due day, so the missed slots show.
    previous = next ? next.heldOn : nextDue;
  }
  return drafts;
}

/** C24-REPAT. */
function repatriationDrafts({ person }: C24Facts, d: Derived): Draft[] {
  const drafts: Draft[] = [];
  // C24-REPAT: guidance at every job interview, when covered by the repatriation act with ≤ 5 years' permit —
  // judged on each interview's day, by the facts in force then (BAB §43; 002 §3.1: at every job interview).
  const repatriationOn = (day: LocalDate) => {
    const facts = personFactsOn(person, day);
    return (
      facts.coveredByRepatriationAct &&
      facts.residencePermitYears !== null &&
      facts.residencePermitYears <= P.repatriationPermitYears.value
    );
  };
  for (const interview of d.interviews) {
    if (repatriationOn(interview.heldOn)) {
      drafts.push({
        ruleId: 'C24-REPAT',
        suffix: interview.interviewId,
        owner: interview.heldBy,
        dueOn: interview.heldOn,
        fulfilled: interview.repatriationGuidanceGiven ? [asFulfilment(interview)] : [],
        windowClosesOn: interview.heldOn,
      });
    }
  }
  return drafts;
}

/** C24-FORM, per interview after the first. */
function formDrafts({ period }: C24Facts, d: Derived): Draft[] {
  const drafts: Draft[] = [];
  // C24-FORM: every job interview after the first (which is in person, C24-FIRST) is held in the form in force on
  // its day — the person's latest choice by then, or in person when the owner changed it so after that choice
  // (LAB §33; 002 §4.1). Recording an interview in another form is not refused: it was held; this shows the breach.
  // No choice recorded by then: nothing to judge it by. Availability interviews are not job interviews.
  for (const held of d.interviews.slice(1)) {
    const owner = d.ownerOn(held.heldOn);
    const inForce = formInForceOn(period, held.heldOn, owner);
    if (!inForce) continue;
    const met = held.form === inForce.form;
    drafts.push({
      ruleId: 'C24-FORM',
      suffix: held.interviewId,
      owner,
      dueOn: held.heldOn,
      windowClosesOn: held.heldOn,
      fulfilled: met ? [asFulfilment(held)] : [],
      note: met
        ? undefined
        : `the interview of ${held.heldOn} was held by ${held.form}, but ${inForce.form} was in force since ${inForce.on} by ${
            inForce.by === 'person'
              ? 'the person’s choice'
              : `the ${inForce.by === 'akasse' ? 'a-kasse' : 'jobcentre'}’s change to in person (LAB §33(2))`
          }`,
    });
  }
  return drafts;
}

/** C24-NUPH, per notification and per answer. */
function nuphDrafts({ period, asOf }: C24Facts): Draft[] {
  const drafts: Draft[] = [];
  // C24-NUPH: the person notified at the same time — for the events of BAB §146(1), §§147–150 and §§152–154
  // (BAB §156); the a-kasse tells the member the result.
  for (const nuph of period.nuphs.filter((n) => n.sentOn <= asOf)) {
    const covered = !nuph.babSection || NUPH_NOTICE_SECTIONS.has(nuph.babSection);
    const answeredOn = nuph.answer && nuph.answer.answeredOn <= asOf ? nuph.answer.answeredOn : null;
    drafts.push({
      ruleId: 'C24-NUPH',
      suffix: nuph.nuphId,
      owner: 'jobcenter',
      dueOn: nuph.sentOn,
      windowClosesOn: P.nuphNoticeEnds.value === 'answer' ? answeredOn : null,
      fulfilled:
        nuph.personNotifiedOn !== null && nuph.personNotifiedOn <= asOf
          ? [{ on: nuph.personNotifiedOn, eventId: nuph.eventId }]
          : [],
      notApplicable: covered
        ? undefined
        : `a notification under BAB ${nuph.babSection}: the person's notice is owed only for §146(1), §§147–150 and §§152–154 (BAB §156)`,
      note:
        covered && nuph.personNotifiedOn === null ? 'no notice to the person has been recorded' : undefined,
    });
    const answer = nuph.answer;
    if (answer && answer.answeredOn <= asOf) {
      drafts.push({
        ruleId: 'C24-NUPH',
        suffix: `${nuph.nuphId}/answer`,
        owner: 'akasse',
        dueOn: answer.answeredOn,
        fulfilled:
          answer.memberNotifiedOn !== null && answer.memberNotifiedOn <= asOf
            ? [{ on: answer.memberNotifiedOn, eventId: answer.eventId }]
            : [],
        note: answer.memberNotifiedOn === null ? 'the member has not been told the result' : undefined,
      });
    }
  }
  return drafts;
}

// C24-REC: the jobcentre decides on each joint recommendation (the law sets no time limit); a refusal goes to
// the person by Digital Post and, reasoned, to the a-kasse as a reply — at the same time.
function recommendationDrafts({ period, asOf }: C24Facts): Draft[] {
  return period.recommendations
    .filter((r) => r.sentOn <= asOf)
    .flatMap((recommendation) => recommendationDraftsOf(period, asOf, recommendation));
}

/** One joint recommendation's duties: the decision, and what a grant or a refusal then asks of the jobcentre. */
function recommendationDraftsOf(
  period: BenefitPeriodState,
  asOf: LocalDate,
  recommendation: BenefitPeriodState['recommendations'][number],
): Draft[] {
  const drafts: Draft[] = [];
  const answer =
    recommendation.answer && recommendation.answer.answeredOn <= asOf ? recommendation.answer : null;
  drafts.push({
    ruleId: 'C24-REC',
    suffix: recommendation.recommendationId,
    owner: 'jobcenter',
    dueOn: null,
    fulfilled: answer ? [{ on: answer.answeredOn, eventId: answer.eventId }] : [],
    note: answer
      ? `${answer.decision} on ${answer.answeredOn}`
      : 'awaiting the jobcentre’s decision; the law sets no time limit, the jobcentre decides as on any request',
  });
  if (answer?.decision === 'granted' && answer.offerId !== null) {
    // The granted offer's entry in Min Plan, under the recommendation's key (C24-MINPLAN, see offerInMinPlan).
    drafts.push(
      offerInMinPlan(period, asOf, answer.offerId, answer.answeredOn, {
        ruleId: 'C24-REC',
        suffix: `${recommendation.recommendationId}/min-plan`,
      }),
    );
  }
  if (answer?.decision === 'granted' && recommendation.subject === 'supporting-effort') {
    // The jobcentre enters a granted supporting effort as an activity in Min Plan, though the a-kasse holds the
    // contact process (002 §10: "indsætte understøttende indsatser, som aktiviteter i personens »Min Plan«").
    const entered = (period.minPlan?.revisions ?? []).find(
      (r) =>
        r.on >= answer.answeredOn &&
        r.on <= asOf &&
        r.by === 'jobcenter' &&
        (r.changed ?? []).includes('otherAgreedEfforts'),
    );
    // Its own key: an answer may name an offer too, whose entry in Min Plan is `…/min-plan`.
    drafts.push({
      ruleId: 'C24-REC',
      suffix: `${recommendation.recommendationId}/min-plan-activity`,
      owner: 'jobcenter',
      dueOn: null,
      fulfilled: entered ? [{ on: entered.on, eventId: entered.eventId }] : [],
      note: entered
        ? undefined
        : 'the granted supporting effort is not yet entered as an activity in Min Plan (otherAgreedEfforts)',
    });
  }
  if (answer?.decision === 'refused') {
    const told = [answer.personNotifiedOn, answer.akasseToldOn];
    const both = told.every((day): day is LocalDate => day !== null && day <= asOf);
    const missing = [
      answer.personNotifiedOn === null ? 'the person’s Digital Post notice (BAB § 132)' : null,
      answer.akasseToldOn === null ? 'the reasoned reply to the a-kasse (LAB § 180 a)' : null,
    ].filter((m) => m !== null);
    drafts.push({
      ruleId: 'C24-REC',
      suffix: `${recommendation.recommendationId}/refusal`,
      owner: 'jobcenter',
      dueOn: answer.answeredOn,
      fulfilled: both ? [{ on: told[0]! > told[1]! ? told[0]! : told[1]!, eventId: answer.eventId }] : [],
      note: missing.length ? `not recorded: ${missing.join(' and ')}` : undefined,
    });
  }
  return drafts;
}

/** C24-MINPLAN for the offers granted other than on a joint recommendation. */
function grantedOfferDrafts({ period, asOf }: C24Facts): Draft[] {
  const drafts: Draft[] = [];
  // C24-MINPLAN: every other offer the jobcentre grants (control-course offers included) is entered in Min Plan
  // by it too (002 §9.3) — one duty per offer: one granted on a joint recommendation has it above, under C24-REC.
  const onRecommendation = new Set(
    period.recommendations.flatMap((r) =>
      r.answer && r.answer.answeredOn <= asOf && r.answer.decision === 'granted' && r.answer.offerId !== null
        ? [r.answer.offerId]
        : [],
    ),
  );
  const offerIds = new Set<string>();
  for (const offer of period.offers.filter((o) => o.grantedOn <= asOf)) {
    if (onRecommendation.has(offer.offerId) || offerIds.has(offer.offerId)) continue;
    offerIds.add(offer.offerId);
    drafts.push(
      offerInMinPlan(period, asOf, offer.offerId, offer.grantedOn, {
        ruleId: 'C24-MINPLAN',
        suffix: `offer/${offer.offerId}`,
      }),
    );
  }
  return drafts;
}

/** C24-COMPLAINT. */
function complaintDrafts({ period, asOf }: C24Facts): Draft[] {
  const drafts: Draft[] = [];
  // C24-COMPLAINT: the person's 4 weeks to complain about a revoked self-booking or an overruled exemption.
  const complaintWindows = [
    ...period.selfBookingRevocations.map((r) => ({
      notifiedOn: r.notifiedOn,
      id: `self-booking/${r.decidedOn}`,
    })),
    ...period.lessIntensive.flatMap((g) =>
      g.overruled ? [{ notifiedOn: g.overruled.notifiedOn, id: `less-intensive/${g.groundId}` }] : [],
    ),
  ];
  for (const window of complaintWindows.filter((w) => w.notifiedOn <= asOf)) {
    const dueOn = after(window.notifiedOn, P.complaintWithin);
    drafts.push({
      ruleId: 'C24-COMPLAINT',
      suffix: window.id,
      owner: 'person',
      dueOn,
      note: 'a right of the person, not a duty: open until the window closes, then it lapses',
    });
  }
  return drafts;
}

/**
 * C24-MINPLAN: the jobcentre enters every offer it grants in the person's Min Plan (002 §9.3: "Jobcentret er
 * derfor også ansvarlig for at indsætte de afgivne tilbud i personens »Min Plan«"), also one granted on a joint
 * recommendation while the a-kasse holds the contact process (002 §9.3, §10); the a-kasse never does (002 §9.3).
 * Met by the first version of Min Plan the jobcentre prepared or revised, from the grant (or the decision on the
 * recommendation, whichever came first) to `asOf`, that holds the offer. The law sets no time limit. Entering a
 * granted offer is not waived by a less-intensive-effort ground: that exempts the person from offers, not the
 * jobcentre from recording one it did grant.
 */
function offerInMinPlan(
  period: BenefitPeriodState,
  asOf: LocalDate,
  offerId: string,
  decidedOn: LocalDate,
  key: { ruleId: string; suffix: string },
): Draft {
  const grantedOn = period.offers.find((o) => o.offerId === offerId && o.grantedOn <= asOf)?.grantedOn;
  const from = grantedOn !== undefined && grantedOn < decidedOn ? grantedOn : decidedOn;
  const entered = (period.minPlan?.revisions ?? []).find(
    (r) => r.by === 'jobcenter' && r.on >= from && r.on <= asOf && r.offerIds.includes(offerId),
  );
  return {
    ...key,
    owner: 'jobcenter',
    dueOn: null,
    exemptedByGround: false,
    fulfilled: entered ? [{ on: entered.on, eventId: entered.eventId }] : [],
    note: entered ? undefined : `the granted offer ${offerId} is not yet in Min Plan`,
  };
}

/** Who owns the contact process on a day: the a-kasse until the handover (or visitation), then the jobcentre. */
export function c24OwnerOn(facts: C24Facts, date: LocalDate): Organisation {
  return derive(facts).ownerOn(date);
}

/**
 * Who writes the person's job (and education) goals in Min Plan on a day (C24-MINPLAN, 002 §9.1, §9.3): the
 * jobcentre throughout for the education-injunction group, otherwise the owner of the contact process.
 */
export function c24MinPlanOwnerOn(facts: C24Facts, date: LocalDate): Organisation {
  const d = derive(facts);
  return d.educationInjunctionGroup ? 'jobcenter' : d.ownerOn(date);
}

/** Whether the period's person is in the education-injunction group (decided at the first registration). */
export function c24EducationInjunctionGroup(facts: C24Facts): boolean {
  return derive(facts).educationInjunctionGroup;
}

/** C24-HANDOVER: the a-kasse's period ends with the month it registered 410 h / 333 h — not for the education-injunction group. */
export function c24Handover(
  facts: C24Facts,
): { handoverOn: LocalDate; reachedOn: LocalDate; hours: number } | undefined {
  const { period, asOf } = facts;
  const d = derive(facts);
  if (d.firstRegistration === undefined || d.educationInjunctionGroup) return undefined;
  return akasseHandoverDate(
    period.hours.filter((h) => h.registeredOn <= asOf),
    period.insurance,
  );
}

/**
 * The a-kasse's attendance at a jobcentre interview the person wanted it at (LAB §31(2), §32(2), §33(4)): by
 * video unless the person asked it to attend in person, in which case only in-person attendance counts.
 */
function akasseAttends(ruleId: string, which: string, interview: Fact<JobInterviewHeld>): Draft {
  const inPersonAsked = interview.personAskedAkasseInPerson === true;
  const counts =
    interview.akasseAttended && (!inPersonAsked || interview.akasseAttendanceForm === 'in-person');
  return {
    ruleId,
    suffix: `${which}/akasse-attends`,
    owner: 'akasse',
    dueOn: interview.heldOn,
    // Attending is possible on the day only.
    windowClosesOn: interview.heldOn,
    fulfilled: counts ? [{ on: interview.heldOn, eventId: interview.eventId }] : [],
    note: counts
      ? undefined
      : interview.akasseAttended
        ? interview.akasseAttendanceForm === 'video'
          ? `the a-kasse attended the interview of ${interview.heldOn} by video, but the person asked it to attend in person, so video attendance does not count (LAB §33(4))`
          : `the a-kasse attended the interview of ${interview.heldOn}, but the person asked it to attend in person and the form of its attendance was not recorded (LAB §33(4))`
        : `the a-kasse did not attend the interview of ${interview.heldOn}, which the person ${interview.akasseAttendanceWanted === true ? 'wanted it at' : 'did not decline it at'} (${inPersonAsked ? 'the person asked for it in person' : 'video allowed unless the person asked for it in person'})`,
  };
}
