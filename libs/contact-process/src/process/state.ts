/**
 * A person's contact-process state, folded from their events by `evolve`. Pure data: no dates are read from
 * a clock, nothing is fetched.
 *
 * Older stored shapes: projections store the folded state, and a state stored before one of its parts existed
 * lacks that part. Until the folded state is stored with its version (issue #17, item 4), readers fall back to
 * the empty part (`?? []`, `?? emptyGuidance()`, `?? emptyActionPlans()`), each marked "Older stored shape" where
 * it is read. The parts so read: a period's `guidance`, `actionPlans`, `formChoices` and `interviewExemptions`;
 * guidance's `exchanges`; the action plans' `situations`, `waivers`, `refusedWork`, `backstops`,
 * `unemploymentMeetings`, `leavePeriods` and `subPeriodOneEnds`; and the optional `erased`, `startsOn` and a
 * Min Plan revision's `changed`.
 */
import type { ConsumptionRegistration, Insurance, LocalDate } from '@app/legal-time';
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
   * recorded: the form in force on a day is read from it (see formInForceOn). Absent in states stored before it
   * existed: nothing is derived from them.
   */
  formChoices?: InterviewFormChoice[];
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
  const made = (period.formChoices ?? [])
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
  /** G03-EXCH; absent in states stored before it existed. */
  exchanges?: Array<Fact<AfInformationExchanged>>;
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

export interface ContactProcessState {
  person: PersonFactsRecorded | null;
  periods: BenefitPeriodState[];
  /** Obligations the system has already recorded as missed (DeadlineMissed), by obligation key. */
  missed: Record<string, LocalDate>;
  /**
   * The due day each obligation was last noted as coming due soon (DeadlineDueSoon), by obligation key; a new
   * due day is noted anew. Absent until the first such note (and in states stored before there were any).
   */
  dueSoon?: Record<string, LocalDate>;
  /** Set once the person was erased (PersonErased); absent in states stored before erasure existed. */
  erased?: { erasedOn: LocalDate; reason: ErasureReason; eventId: string | undefined };
}

export const initialState = (): ContactProcessState => ({ person: null, periods: [], missed: {} });

export function currentPeriod(state: ContactProcessState): BenefitPeriodState | undefined {
  return state.periods[state.periods.length - 1];
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

/** Folds one event of a type into the state (see `evolve.ts`, whose table has one applier per event type). */
export type Applier<T extends ContactProcessEvent['type']> = (
  state: ContactProcessState,
  event: RecordedEventOf<T>,
) => ContactProcessState;

/** The appliers of a group of event types, one per type. */
export type Appliers<T extends ContactProcessEvent['type']> = { [K in T]: Applier<K> };

/** Changes the current benefit period; a well-formed old event without a period changes nothing (never throws). */
export function updateCurrent(
  state: ContactProcessState,
  update: (period: BenefitPeriodState) => BenefitPeriodState,
): ContactProcessState {
  const period = currentPeriod(state);
  if (!period) return state;
  return { ...state, periods: [...state.periods.slice(0, -1), update(period)] };
}

/** Older stored shape (`?? emptyGuidance()`): states stored before guidance existed lack it. */
export const updateGuidance = (state: ContactProcessState, update: (g: GuidanceState) => GuidanceState) =>
  updateCurrent(state, (p) => ({ ...p, guidance: update(p.guidance ?? emptyGuidance()) }));

/** Older stored shape (`?? emptyActionPlans()`): states stored before action plans existed lack them. */
export const updatePlans = (state: ContactProcessState, update: (a: ActionPlanState) => ActionPlanState) =>
  updateCurrent(state, (p) => ({ ...p, actionPlans: update(p.actionPlans ?? emptyActionPlans()) }));
