/**
 * A person's contact-process state, folded from their events by `evolve`. Pure data: no dates are read from
 * a clock, nothing is fetched.
 *
 * Stored states: projections store the folded state with its shape (`STATE_SHAPE`, person-batches.ts); a state of
 * another shape is folded again from the person's stream, never read as this one, so every part below is always
 * there. The optional fields left (`erased`, a ground's `startsOn`, a Min Plan revision's `changed`) say what an
 * event recorded before the field existed did not state, not what an old stored state lacks.
 */
import {
  endOfMonth,
  localDate,
  type ConsumptionRegistration,
  type Insurance,
  type LocalDate,
} from '@app/legal-time';
import { OCCURRED_ON } from '../contact-process.events';
import type {
  ErasureReason,
  ContactProcessEvent,
  ContactProcessHandedOver,
  ControlActionDoubtReceived,
  CvMarkedComplete,
  JobInterviewHeld,
  JobSearchRequirementsSet,
  JointRecommendationAnswered,
  JointRecommendationSent,
  ActionPlanCompleted,
  ActionPlanCopyReceived,
  AvailabilitySituationBegan,
  MediatedWorkRefused,
  MediatedWorkWaived,
  ActionPlanObjected,
  ActionPlanRequested,
  ActionPlanRevised,
  AfNoticeReceived,
  OfferOutsidePlanGiven,
  PlanParticipationRefused,
  PreparationMeetingHeld,
  CumulativeUnemploymentMeetingHeld,
  LeavePeriodBegan,
  SubPeriodOneEndKnown,
  UncalledTargetGroupMemberNoticed,
  GuidanceGiven,
  GuidanceMeetingHeld,
  AfInformationExchanged,
  GuidanceRequested,
  GuidanceTriggerKnown,
  InterviewDutyExempted,
  LessIntensiveGround,
  MinPlanParts,
  NuphAnswered,
  NuphSent,
  OfferGranted,
  OfferRefused,
  OfferRequested,
  Organisation,
  PersonFactsRecorded,
  SelfBookingRevoked,
  InterviewForm,
} from '../contact-process.events';

/** A fact as held in state, with the id of the event that recorded it (for "met by" in the deadlines). */
export type Fact<T> = T & { eventId: string | undefined };

export interface Registration {
  registeredOn: LocalDate;
  jobcenterId: string;
  deregisteredOn: LocalDate | null;
  eventId: string | undefined;
}

export interface LessIntensiveGroundState {
  groundId: string;
  ground: LessIntensiveGround;
  from: LocalDate;
  /** The documented start of work, leave, retirement or study (LAB § 106(1) nos. 1, 4); absent or null otherwise. */
  startsOn?: LocalDate | null;
  endedOn: LocalDate | null;
  overruled: {
    decidedOn: LocalDate;
    notifiedOn: LocalDate;
    by: Organisation;
    eventId: string | undefined;
  } | null;
  eventId: string | undefined;
}

/** Min Plan as its parts stand after every revision so far (C24-MINPLAN), with the revisions themselves. */
export interface MinPlanState {
  parts: Required<MinPlanParts>;
  revisions: Array<
    Fact<{
      on: LocalDate;
      by: Organisation;
      kind: 'prepared' | 'revised';
      reason: string | null;
      /** The offers in Min Plan after this revision (C24-REC: a granted recommendation's offer entered). */
      offerIds: string[];
      /** The parts this version set (C24-REC: a granted supporting effort entered as an activity). */
      changed?: Array<keyof MinPlanParts>;
    }>
  >;
  /**
   * The entries of the other agreed efforts that the jobcentre entered and that are still in Min Plan: the
   * a-kasse neither removes nor changes them (002 §9.3, C24-MINPLAN).
   */
  effortsByJobcentre: string[];
}

export const EMPTY_MIN_PLAN_PARTS: Required<MinPlanParts> = {
  jobGoals: [],
  educationGoals: [],
  jobSearchRequirements: [],
  offerIds: [],
  otherAgreedEfforts: [],
};

export interface BenefitPeriodState {
  benefitPeriodId: string;
  akasseId: string;
  insurance: Insurance;
  placedOn: LocalDate;
  /** In the a-kasse trial before 2024 (002 §15.2). */
  akasseTrial: boolean;
  registrations: Registration[];
  hours: Array<Fact<ConsumptionRegistration>>;
  interviews: Array<Fact<JobInterviewHeld>>;
  availabilityInterviews: LocalDate[];
  visitations: Array<Fact<{ visitatedOn: LocalDate }>>;
  cvCompletions: Array<Fact<CvMarkedComplete>>;
  jobSearchRequirements: Array<Fact<JobSearchRequirementsSet>>;
  controlActions: Array<Fact<ControlActionDoubtReceived>>;
  offerRequests: Array<Fact<OfferRequested>>;
  offers: Array<Fact<OfferGranted>>;
  offerRefusals: Array<Fact<OfferRefused>>;
  minPlan: MinPlanState | null;
  recommendations: Array<
    Fact<JointRecommendationSent> & { answer: Fact<JointRecommendationAnswered> | null }
  >;
  selfBookingRevocations: Array<Fact<SelfBookingRevoked>>;
  lessIntensive: LessIntensiveGroundState[];
  nuphs: Array<Fact<NuphSent> & { answer: Fact<NuphAnswered> | null }>;
  interviewExemptions: Array<Fact<InterviewDutyExempted>>;
  /** The a-kasse's guidance under G03 (seed 003). */
  guidance: GuidanceState;
  /** Action plans under HP (seeds 000, 001, 004). */
  actionPlans: ActionPlanState;
  /**
   * The person's choices of interview form and the owner's changes to in person (C24-FORM, LAB §33), in the order
   * recorded: the form in force on a day is read from it (see formInForceOn).
   */
  formChoices: InterviewFormChoice[];
  handover: Fact<ContactProcessHandedOver> | null;
}

/** A choice of interview form by the person, or the owner's change of it to in person (LAB §33(2)). */
export interface InterviewFormChoice {
  form: InterviewForm;
  on: LocalDate;
  by: 'person' | Organisation;
  eventId: string | undefined;
}

/**
 * The form of job interview in force on a day (C24-FORM; 002 §4.1): the person's latest choice made by then, or
 * in person when the owner of the contact process on that day (`ownerOn`) changed it to in person after that
 * choice — each party changes the form only of the interviews it is responsible for, in the time it owns the
 * contact process (LAB §33(2)). Undefined when the person had not chosen by then.
 */
export function formInForceOn(
  period: BenefitPeriodState,
  date: LocalDate,
  ownerOn: Organisation,
): InterviewFormChoice | undefined {
  const made = period.formChoices
    .filter((c) => c.on <= date && (c.by === 'person' || c.by === ownerOn))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  // Sorted stably: on one day, the one recorded last governs.
  return made.some((c) => c.by === 'person') ? made[made.length - 1] : undefined;
}

export interface GuidanceState {
  given: Array<Fact<GuidanceGiven>>;
  meetings: Array<Fact<GuidanceMeetingHeld>>;
  triggers: Array<Fact<GuidanceTriggerKnown>>;
  requests: Array<Fact<GuidanceRequested>>;
  planCopies: Array<Fact<ActionPlanCopyReceived>>;
  /** G03-EXCH. */
  exchanges: Array<Fact<AfInformationExchanged>>;
}

export interface ActionPlanState {
  notices: Array<Fact<AfNoticeReceived>>;
  preparations: Array<Fact<PreparationMeetingHeld>>;
  requests: Array<Fact<ActionPlanRequested>>;
  /** Each plan with its versions: the completion first, then every revision (earlier agreements stay). */
  plans: Array<{
    planId: string;
    completed: Fact<ActionPlanCompleted>;
    revisions: Array<Fact<ActionPlanRevised>>;
    objections: Array<Fact<ActionPlanObjected>>;
  }>;
  offersOutsidePlan: Array<Fact<OfferOutsidePlanGiven>>;
  refusals: Array<Fact<PlanParticipationRefused>>;
  /** AV (seed 004): situations during the plan, AF's waivers, refused mediated work. */
  situations: Array<Fact<AvailabilitySituationBegan> & { endedOn: LocalDate | null }>;
  waivers: Array<Fact<MediatedWorkWaived>>;
  refusedWork: Array<Fact<MediatedWorkRefused>>;
  /** HP-TARGET: target-group members the a-kasse noticed AF had not called (its backstop). */
  backstops: Array<Fact<UncalledTargetGroupMemberNoticed>>;
  /** HP-MEET39 / HP-NOTES: the a-kasse's guidance meetings under 001 §8. */
  unemploymentMeetings: Array<Fact<CumulativeUnemploymentMeetingHeld>>;
  /** HP-MEET39: sabbatical leave (AFL §55(7)) and activity benefit (AFL §97 g) periods, with their actual end. */
  leavePeriods: Array<Fact<LeavePeriodBegan> & { endedOn: LocalDate | null }>;
  /** HP-MEET39: when the reference period of sub-period 1 ends, each as the a-kasse knew it (the latest counts). */
  subPeriodOneEnds: Array<Fact<SubPeriodOneEndKnown>>;
}

export const emptyActionPlans = (): ActionPlanState => ({
  notices: [],
  preparations: [],
  requests: [],
  plans: [],
  offersOutsidePlan: [],
  refusals: [],
  situations: [],
  waivers: [],
  refusedWork: [],
  backstops: [],
  unemploymentMeetings: [],
  leavePeriods: [],
  subPeriodOneEnds: [],
});

export const emptyGuidance = (): GuidanceState => ({
  given: [],
  meetings: [],
  triggers: [],
  requests: [],
  planCopies: [],
  exchanges: [],
});

/** The person facts that change with time (#18 item 5): everything recorded but the birth date and the day. */
export type DatedPersonFacts = Omit<PersonFactsRecorded, 'birthDate' | 'effectiveFrom'>;

/** Person facts in force from a day (`from` null: from the start), and the event that recorded them. */
export interface PersonFactsInForce {
  from: LocalDate | null;
  facts: DatedPersonFacts;
  eventId: string | undefined;
}

/**
 * What is known about the person as a dated history, not one current value: a rule reads the facts in force on
 * the day it judges (`personFactsOn`). The birth date has no day: the one recorded last stands for every day.
 */
export interface PersonState {
  birthDate: LocalDate;
  /** Earliest day first, one entry per day: a later record of the same day replaces the earlier. */
  history: PersonFactsInForce[];
}

/** The person's facts on a day: the birth date, and the dated facts in force then. */
export type PersonFactsOnDay = DatedPersonFacts & { birthDate: LocalDate };

/** Folds a PersonFactsRecorded into the history: undated records are in force from the start. */
export function withPersonFacts(
  person: PersonState | null,
  { birthDate, effectiveFrom, ...facts }: PersonFactsRecorded,
  eventId: string | undefined,
): PersonState {
  const from = effectiveFrom ?? null;
  const others = (person?.history ?? []).filter((entry) => entry.from !== from);
  const history = [...others, { from, facts, eventId }].sort((a, b) =>
    a.from === b.from ? 0 : a.from === null || (b.from !== null && a.from < b.from) ? -1 : 1,
  );
  return { birthDate, history };
}

/**
 * The facts in force on `day`: those of the latest record dated on or before it. Before the first dated record,
 * when none is undated (the undated one retracted), the earliest stands: nothing earlier is known.
 */
export function personFactsOn(person: PersonState, day: LocalDate): PersonFactsOnDay {
  const inForce = person.history.filter((entry) => entry.from === null || entry.from <= day);
  const entry = inForce[inForce.length - 1] ?? person.history[0];
  return { ...entry.facts, birthDate: person.birthDate };
}

export interface ContactProcessState {
  person: PersonState | null;
  periods: BenefitPeriodState[];
  /**
   * Obligations the system has recorded as missed (DeadlineMissed) and not withdrawn, by obligation key: the day
   * it was detected and the event that says so (for a withdrawal to name).
   */
  missed: Record<string, { detectedOn: LocalDate; dueOn: LocalDate; eventId: string | undefined }>;
  /**
   * The due day each obligation was last noted as coming due soon (DeadlineDueSoon), by obligation key; a new
   * due day is noted anew.
   */
  dueSoon: Record<string, LocalDate>;
  /** Set once the person was erased (PersonErased); absent in states stored before erasure existed. */
  erased?: { erasedOn: LocalDate; reason: ErasureReason; eventId: string | undefined };
}

export const initialState = (): ContactProcessState => ({
  person: null,
  periods: [],
  missed: {},
  dueSoon: {},
});

/** The benefit period placed last: the one a fact with no day of its own (the person's facts) goes with. */
export function currentPeriod(state: ContactProcessState): BenefitPeriodState | undefined {
  return state.periods[state.periods.length - 1];
}

/**
 * The benefit period a day falls in: the one placed last on or before it. A placement runs until the next one
 * (002 §3.2: a re-placement starts a new contact process; a continuing placement adds no period), so a fact
 * belongs to the period it happened in, whenever it is recorded. Undefined before the first placement.
 * Decide and evolve both attribute through here, so a fact lands in the same period live and on rebuild.
 */
export function periodFor(state: ContactProcessState, day: LocalDate): BenefitPeriodState | undefined {
  let found: BenefitPeriodState | undefined;
  for (const period of state.periods)
    if (period.placedOn <= day && (!found || period.placedOn >= found.placedOn)) found = period;
  return found;
}

/**
 * The day that attributes benefit hours to a period: the last day of the month they cover. Hours name their month
 * — a month's hours registered after a re-placement are still the old period's (AFL §55: the new period's right
 * is counted from its own placement). A month a re-placement splits is the new period's: our reading (a
 * placement is as a rule made from the first day of a month), unverified; the seeds say nothing of it.
 */
export const periodDayOfHours = (month: string): LocalDate => endOfMonth(localDate(`${month}-01`));

/** The day an event is attributed to its period by: its own day (hours: their month's), null when it has none. */
export function periodDayOf(event: ContactProcessEvent): LocalDate | null {
  if (event.type === 'BenefitHoursReported') return periodDayOfHours(event.data.month);
  return (OCCURRED_ON[event.type] as (data: ContactProcessEvent['data']) => LocalDate | null)(event.data);
}

/**
 * The benefit period an event belongs to: the one it names, else the one its day falls in (`periodFor`), else —
 * a day before every placement: a registration before the placement (002 §3: the contact process starts at the
 * placement), or a fact stored before facts were attributed by their day — the first period; an event without
 * a day of its own, the current one. Undefined only when there is no period at all.
 */
export function periodOf(
  state: ContactProcessState,
  event: ContactProcessEvent,
): BenefitPeriodState | undefined {
  if ('benefitPeriodId' in event.data)
    return state.periods.find(
      (p) => p.benefitPeriodId === (event.data as { benefitPeriodId: string }).benefitPeriodId,
    );
  const day = periodDayOf(event);
  if (day === null) return currentPeriod(state);
  return periodFor(state, day) ?? state.periods[0];
}

/**
 * Whether a less-intensive-effort ground holds on a day (C24-LESS), overruling aside: from the day it was
 * documented until it ended; a ground that is a documented start of work, leave, retirement or study ("inden for
 * de næste 6 uger skal påbegynde", LAB § 106(1) nos. 1, 4; 002 §7.1) holds up to and including the day of the
 * start — after it the person no longer "skal påbegynde" anything. A ground without `startsOn` runs until ended.
 */
export function lessIntensiveGroundHoldsOn(ground: LessIntensiveGroundState, date: LocalDate): boolean {
  return (
    ground.from <= date &&
    (ground.endedOn === null || ground.endedOn >= date) &&
    (ground.startsOn === undefined || ground.startsOn === null || ground.startsOn >= date)
  );
}

export function currentRegistration(period: BenefitPeriodState): Registration | undefined {
  const last = period.registrations[period.registrations.length - 1];
  return last && last.deregisteredOn === null ? last : undefined;
}

/** A recorded event, with the id it was stored under when known. */
export type RecordedContactProcessEvent = ContactProcessEvent & { eventId?: string };

/** A recorded event of one type, so an applier sees its precise data. */
export type RecordedEventOf<T extends ContactProcessEvent['type']> = Extract<
  ContactProcessEvent,
  { type: T }
> & {
  eventId?: string;
};

/**
 * Folds one event of a type into the state (see `evolve.ts`, whose table has one applier per event type), into
 * `periodId`, the benefit period the event belongs to (`periodOf`, worked out once by `evolve`).
 */
export type Applier<T extends ContactProcessEvent['type']> = (
  state: ContactProcessState,
  event: RecordedEventOf<T>,
  periodId: string | undefined,
) => ContactProcessState;

/** The appliers of a group of event types, one per type. */
export type Appliers<T extends ContactProcessEvent['type']> = { [K in T]: Applier<K> };

/**
 * Changes the benefit period a fact belongs to (`periodId`, from `periodOf`); a well-formed old event without
 * a period changes nothing (never throws).
 */
export function updatePeriod(
  state: ContactProcessState,
  periodId: string | undefined,
  update: (period: BenefitPeriodState) => BenefitPeriodState,
): ContactProcessState {
  const index = state.periods.findIndex((p) => p.benefitPeriodId === periodId);
  if (index < 0) return state;
  return { ...state, periods: state.periods.map((p, i) => (i === index ? update(p) : p)) };
}

export const updateGuidance = (
  state: ContactProcessState,
  periodId: string | undefined,
  update: (g: GuidanceState) => GuidanceState,
) => updatePeriod(state, periodId, (p) => ({ ...p, guidance: update(p.guidance) }));

export const updatePlans = (
  state: ContactProcessState,
  periodId: string | undefined,
  update: (a: ActionPlanState) => ActionPlanState,
) => updatePeriod(state, periodId, (p) => ({ ...p, actionPlans: update(p.actionPlans) }));
