/**
 * A person's contact-process state, folded from their events by `evolve`. Pure data: no dates are read from
 * a clock, nothing is fetched.
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
} from './contact-process.events';

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

function updateCurrent(
  state: ContactProcessState,
  update: (period: BenefitPeriodState) => BenefitPeriodState,
): ContactProcessState {
  const period = currentPeriod(state);
  if (!period) return state; // a well-formed old event without a period changes nothing (never throws)
  return { ...state, periods: [...state.periods.slice(0, -1), update(period)] };
}

/** `?? emptyGuidance()`: states stored before guidance existed lack it. */
const updateGuidance = (state: ContactProcessState, update: (g: GuidanceState) => GuidanceState) =>
  updateCurrent(state, (p) => ({ ...p, guidance: update(p.guidance ?? emptyGuidance()) }));

/** `?? emptyActionPlans()`: states stored before action plans existed lack them. */
const updatePlans = (state: ContactProcessState, update: (a: ActionPlanState) => ActionPlanState) =>
  updateCurrent(state, (p) => ({ ...p, actionPlans: update(p.actionPlans ?? emptyActionPlans()) }));

export function evolve(state: ContactProcessState, event: RecordedContactProcessEvent): ContactProcessState {
  const eventId = event.eventId;
  switch (event.type) {
    case 'PersonFactsRecorded':
      return { ...state, person: event.data };
    case 'PlacedInBenefitPeriod': {
      // "Løbende genindplacering" continues the ongoing contact process.
      if (event.data.continuingPlacement && currentPeriod(state)) return state;
      // Placed again while registered as a jobseeker: the registration runs on into the new period.
      const previous = currentPeriod(state);
      const stillRegistered = previous ? currentRegistration(previous) : undefined;
      const period: BenefitPeriodState = {
        benefitPeriodId: event.data.benefitPeriodId,
        akasseId: event.data.akasseId,
        insurance: event.data.insurance,
        placedOn: event.data.placedOn,
        akasseTrial: event.data.akasseTrial ?? false,
        registrations: stillRegistered ? [stillRegistered] : [],
        hours: [],
        interviews: [],
        availabilityInterviews: [],
        visitations: [],
        cvCompletions: [],
        jobSearchRequirements: [],
        controlActions: [],
        offerRequests: [],
        offers: [],
        offerRefusals: [],
        minPlan: null,
        recommendations: [],
        selfBookingRevocations: [],
        lessIntensive: [],
        nuphs: [],
        interviewExemptions: [],
        guidance: emptyGuidance(),
        actionPlans: emptyActionPlans(),
        formChoices: [],
        handover: null,
      };
      return { ...state, periods: [...state.periods, period] };
    }
    case 'RegisteredAsJobseeker':
      return updateCurrent(state, (p) => ({
        ...p,
        registrations: [...p.registrations, { ...event.data, deregisteredOn: null, eventId }],
      }));
    case 'DeregisteredAsJobseeker':
      return updateCurrent(state, (p) => ({
        ...p,
        registrations: p.registrations.map((r, i) =>
          i === p.registrations.length - 1 && r.deregisteredOn === null
            ? { ...r, deregisteredOn: event.data.deregisteredOn }
            : r,
        ),
      }));
    case 'BenefitHoursReported':
      return updateCurrent(state, (p) => ({ ...p, hours: [...p.hours, { ...event.data, eventId }] }));
    case 'JobInterviewHeld':
      return updateCurrent(state, (p) => ({
        ...p,
        interviews: [...p.interviews, { ...event.data, eventId }],
      }));
    case 'AvailabilityInterviewHeld':
      return updateCurrent(state, (p) => ({
        ...p,
        availabilityInterviews: [...p.availabilityInterviews, event.data.heldOn],
      }));
    case 'InterviewFormChosen':
      return updateCurrent(state, (p) => ({
        ...p,
        formChoices: [
          ...(p.formChoices ?? []),
          { form: event.data.form, on: event.data.chosenOn, by: 'person', eventId },
        ],
      }));
    case 'InterviewFormChangedByOwner':
      return updateCurrent(state, (p) => ({
        ...p,
        formChoices: [
          ...(p.formChoices ?? []),
          { form: event.data.form, on: event.data.changedOn, by: event.data.by, eventId },
        ],
      }));
    case 'CvMarkedComplete':
      return updateCurrent(state, (p) => ({
        ...p,
        cvCompletions: [...p.cvCompletions, { ...event.data, eventId }],
      }));
    case 'JobSearchRequirementsSet':
      return updateCurrent(state, (p) => ({
        ...p,
        jobSearchRequirements: [...p.jobSearchRequirements, { ...event.data, eventId }],
      }));
    case 'VisitatedToJobcenter':
      return updateCurrent(state, (p) => ({
        ...p,
        visitations: [...p.visitations, { ...event.data, eventId }],
      }));
    case 'ControlActionDoubtReceived':
      return updateCurrent(state, (p) => ({
        ...p,
        controlActions: [...p.controlActions, { ...event.data, eventId }],
      }));
    case 'OfferRequested':
      return updateCurrent(state, (p) => ({
        ...p,
        offerRequests: [...p.offerRequests, { ...event.data, eventId }],
      }));
    case 'OfferGranted':
      return updateCurrent(state, (p) => ({ ...p, offers: [...p.offers, { ...event.data, eventId }] }));
    case 'OfferRefused':
      return updateCurrent(state, (p) => ({
        ...p,
        offerRefusals: [...p.offerRefusals, { ...event.data, eventId }],
      }));
    case 'MinPlanPrepared':
    case 'MinPlanRevised': {
      const { by, reason, on, kind } =
        event.type === 'MinPlanPrepared'
          ? { by: event.data.by, reason: null, on: event.data.preparedOn, kind: 'prepared' as const }
          : {
              by: event.data.by,
              reason: event.data.reason,
              on: event.data.revisedOn,
              kind: 'revised' as const,
            };
      const data: MinPlanParts = event.data;
      return updateCurrent(state, (p) => {
        const parts = { ...(p.minPlan?.parts ?? EMPTY_MIN_PLAN_PARTS) };
        // Null once the person was erased (a personal field): nothing known of the entries then.
        const efforts = data.otherAgreedEfforts ?? undefined;
        const kept = (p.minPlan?.effortsByJobcentre ?? []).filter((e) => efforts?.includes(e) ?? true);
        const effortsByJobcentre =
          efforts !== undefined && by === 'jobcenter'
            ? [...kept, ...efforts.filter((e) => !parts.otherAgreedEfforts.includes(e) && !kept.includes(e))]
            : kept;
        const changed: Array<keyof MinPlanParts> = [];
        for (const part of Object.keys(EMPTY_MIN_PLAN_PARTS) as Array<keyof MinPlanParts>) {
          const value = data[part];
          if (value === undefined) continue;
          parts[part] = value;
          changed.push(part);
        }
        const revisions = [
          ...(p.minPlan?.revisions ?? []),
          { on, by, kind, reason, eventId, offerIds: parts.offerIds, changed },
        ];
        return { ...p, minPlan: { parts, revisions, effortsByJobcentre } };
      });
    }
    case 'JointRecommendationSent':
      return updateCurrent(state, (p) => ({
        ...p,
        recommendations: [...p.recommendations, { ...event.data, eventId, answer: null }],
      }));
    case 'JointRecommendationAnswered':
      return updateCurrent(state, (p) => ({
        ...p,
        recommendations: p.recommendations.map((r) =>
          r.recommendationId === event.data.recommendationId
            ? { ...r, answer: { ...event.data, eventId } }
            : r,
        ),
      }));
    case 'SelfBookingRevoked':
      return updateCurrent(state, (p) => ({
        ...p,
        selfBookingRevocations: [...p.selfBookingRevocations, { ...event.data, eventId }],
      }));
    case 'LessIntensiveEffortGroundDocumented':
      return updateCurrent(state, (p) => ({
        ...p,
        lessIntensive: [...p.lessIntensive, { ...event.data, endedOn: null, overruled: null, eventId }],
      }));
    case 'LessIntensiveEffortGroundEnded':
      return updateCurrent(state, (p) => ({
        ...p,
        lessIntensive: p.lessIntensive.map((g) =>
          g.groundId === event.data.groundId ? { ...g, endedOn: event.data.endedOn } : g,
        ),
      }));
    case 'LessIntensiveEffortOverruled':
      return updateCurrent(state, (p) => ({
        ...p,
        lessIntensive: p.lessIntensive.map((g) =>
          g.groundId === event.data.groundId
            ? {
                ...g,
                overruled: {
                  decidedOn: event.data.decidedOn,
                  notifiedOn: event.data.notifiedOn,
                  by: event.data.by,
                  eventId,
                },
              }
            : g,
        ),
      }));
    case 'NuphSent':
      return updateCurrent(state, (p) => ({
        ...p,
        nuphs: [...p.nuphs, { ...event.data, eventId, answer: null }],
      }));
    case 'NuphAnswered':
      return updateCurrent(state, (p) => ({
        ...p,
        nuphs: p.nuphs.map((n) =>
          n.nuphId === event.data.nuphId ? { ...n, answer: { ...event.data, eventId } } : n,
        ),
      }));
    case 'InterviewDutyExempted':
      return updateCurrent(state, (p) => ({
        ...p,
        // `?? []`: states stored before exemptions existed lack the list.
        interviewExemptions: [...(p.interviewExemptions ?? []), { ...event.data, eventId }],
      }));
    case 'GuidanceGiven':
      return updateGuidance(state, (g) => ({ ...g, given: [...g.given, { ...event.data, eventId }] }));
    case 'GuidanceMeetingHeld':
      return updateGuidance(state, (g) => ({ ...g, meetings: [...g.meetings, { ...event.data, eventId }] }));
    case 'AfInformationExchanged':
      return updateGuidance(state, (g) => ({
        ...g,
        exchanges: [...(g.exchanges ?? []), { ...event.data, eventId }],
      }));
    case 'GuidanceTriggerKnown':
      return updateGuidance(state, (g) => ({ ...g, triggers: [...g.triggers, { ...event.data, eventId }] }));
    case 'GuidanceRequested':
      return updateGuidance(state, (g) => ({ ...g, requests: [...g.requests, { ...event.data, eventId }] }));
    case 'ActionPlanCopyReceived':
      return updateGuidance(state, (g) => ({
        ...g,
        planCopies: [...g.planCopies, { ...event.data, eventId }],
      }));
    case 'AfNoticeReceived':
      return updatePlans(state, (a) => ({ ...a, notices: [...a.notices, { ...event.data, eventId }] }));
    case 'PreparationMeetingHeld':
      return updatePlans(state, (a) => ({
        ...a,
        preparations: [...a.preparations, { ...event.data, eventId }],
      }));
    case 'ActionPlanRequested':
      return updatePlans(state, (a) => ({ ...a, requests: [...a.requests, { ...event.data, eventId }] }));
    case 'ActionPlanCompleted':
      return updatePlans(state, (a) => ({
        ...a,
        plans: [
          ...a.plans,
          { planId: event.data.planId, completed: { ...event.data, eventId }, revisions: [], objections: [] },
        ],
      }));
    case 'ActionPlanRevised':
      return updatePlans(state, (a) => ({
        ...a,
        plans: a.plans.map((p) =>
          p.planId === event.data.planId
            ? { ...p, revisions: [...p.revisions, { ...event.data, eventId }] }
            : p,
        ),
      }));
    case 'ActionPlanObjected':
      return updatePlans(state, (a) => ({
        ...a,
        plans: a.plans.map((p) =>
          p.planId === event.data.planId
            ? { ...p, objections: [...p.objections, { ...event.data, eventId }] }
            : p,
        ),
      }));
    case 'OfferOutsidePlanGiven':
      return updatePlans(state, (a) => ({
        ...a,
        offersOutsidePlan: [...a.offersOutsidePlan, { ...event.data, eventId }],
      }));
    case 'PlanParticipationRefused':
      return updatePlans(state, (a) => ({ ...a, refusals: [...a.refusals, { ...event.data, eventId }] }));
    case 'AvailabilitySituationBegan':
      return updatePlans(state, (a) => ({
        ...a,
        situations: [...(a.situations ?? []), { ...event.data, endedOn: null, eventId }],
      }));
    case 'AvailabilitySituationEnded':
      return updatePlans(state, (a) => ({
        ...a,
        situations: (a.situations ?? []).map((s) =>
          s.situationId === event.data.situationId ? { ...s, endedOn: event.data.endedOn } : s,
        ),
      }));
    case 'MediatedWorkWaived':
      return updatePlans(state, (a) => ({
        ...a,
        waivers: [...(a.waivers ?? []), { ...event.data, eventId }],
      }));
    case 'MediatedWorkRefused':
      return updatePlans(state, (a) => ({
        ...a,
        refusedWork: [...(a.refusedWork ?? []), { ...event.data, eventId }],
      }));
    case 'UncalledTargetGroupMemberNoticed':
      return updatePlans(state, (a) => ({
        ...a,
        backstops: [...(a.backstops ?? []), { ...event.data, eventId }],
      }));
    case 'CumulativeUnemploymentMeetingHeld':
      return updatePlans(state, (a) => ({
        ...a,
        unemploymentMeetings: [...(a.unemploymentMeetings ?? []), { ...event.data, eventId }],
      }));
    case 'LeavePeriodBegan':
      return updatePlans(state, (a) => ({
        ...a,
        leavePeriods: [...(a.leavePeriods ?? []), { ...event.data, endedOn: null, eventId }],
      }));
    case 'LeavePeriodEnded':
      return updatePlans(state, (a) => ({
        ...a,
        leavePeriods: (a.leavePeriods ?? []).map((l) =>
          l.leaveId === event.data.leaveId ? { ...l, endedOn: event.data.endedOn } : l,
        ),
      }));
    case 'SubPeriodOneEndKnown':
      return updatePlans(state, (a) => ({
        ...a,
        subPeriodOneEnds: [...(a.subPeriodOneEnds ?? []), { ...event.data, eventId }],
      }));
    case 'ContactProcessHandedOver':
      return {
        ...state,
        periods: state.periods.map((p) =>
          p.benefitPeriodId === event.data.benefitPeriodId
            ? { ...p, handover: { ...event.data, eventId } }
            : p,
        ),
      };
    case 'DeadlineMissed':
      return { ...state, missed: { ...state.missed, [event.data.obligationKey]: event.data.detectedOn } };
    case 'PersonErased':
      return {
        ...state,
        erased: { erasedOn: event.data.erasedOn, reason: event.data.reason, eventId },
      };
    case 'FactRetracted':
    case 'FactCorrected':
      // A correction changes what an earlier fact says, which no step from the current state can undo: it is
      // honoured by `foldFacts`, which folds the stream with corrected facts in their place.
      return state;
    default: {
      const exhaustive: never = event;
      void exhaustive;
      return state; // an event type this version does not know changes nothing
    }
  }
}

/**
 * Folds a person's facts, oldest first, honouring corrections: a retracted fact is left out and a corrected
 * one is folded with its latest corrected details, in its original place. Every reader of a stream — the
 * recorder, the projections, the as-of replays — folds through here, so they all agree.
 */
export function foldFacts(facts: readonly RecordedContactProcessEvent[]): ContactProcessState {
  return effectiveFacts(facts).reduce(evolve, initialState());
}

/**
 * The facts as they stand after every correction: retracted ones left out, corrected ones with their latest
 * details in their original place (the corrections themselves stay in, as facts that change nothing).
 */
export function effectiveFacts(facts: readonly RecordedContactProcessEvent[]): RecordedContactProcessEvent[] {
  const retracted = new Set<string>();
  const corrected = new Map<string, ContactProcessEvent['data']>();
  for (const fact of facts) {
    if (fact.type === 'FactRetracted') retracted.add(fact.data.retractedEventId);
    else if (fact.type === 'FactCorrected') corrected.set(fact.data.correctedEventId, fact.data.data);
  }
  const effective: RecordedContactProcessEvent[] = [];
  for (const fact of facts) {
    const id = fact.eventId;
    if (id !== undefined && retracted.has(id)) continue;
    const correction = id === undefined ? undefined : corrected.get(id);
    effective.push(correction ? ({ ...fact, data: correction } as RecordedContactProcessEvent) : fact);
  }
  return effective;
}

/** Whether a fact changes the meaning of earlier facts, so that state must be refolded from the stream. */
export const isCorrection = (fact: { type: string }) =>
  fact.type === 'FactRetracted' || fact.type === 'FactCorrected';
