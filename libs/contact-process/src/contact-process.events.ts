/**
 * What happened to a person, as events of their contact-process stream (one stream per person, see
 * `contactProcessStream`). Past-tense names; every event type has a schema version (`.v1` on the store).
 * Dates are Danish calendar dates (`LocalDate`): when the thing happened, i.e. valid time.
 */
import type { LocalDate } from '@app/legal-time';
import { DERIVED_EVENT_DAY, FACT_DECLARATIONS, isFactType } from './facts.registry';
import type { AnyFactDeclaration, FactType } from './process/fact-declaration';
import type {
  BenefitHoursReported,
  DeadlineDueSoon,
  DeadlineMissed,
  DerivedFactWithdrawn,
  DeregisteredAsJobseeker,
  FactCorrected,
  FactRetracted,
  AvailabilityInterviewHeld,
  InterviewFormChangedByOwner,
  InterviewFormChosen,
  JobInterviewHeld,
  PersonErased,
  PersonFactsRecorded,
  PlacedInBenefitPeriod,
  RegisteredAsJobseeker,
} from './process/process.facts';
import type {
  ContactProcessHandedOver,
  ControlActionDoubtReceived,
  CvMarkedComplete,
  JobSearchRequirementsSet,
  JointRecommendationAnswered,
  JointRecommendationSent,
  LessIntensiveEffortGroundDocumented,
  LessIntensiveEffortGroundEnded,
  LessIntensiveEffortOverruled,
  MinPlanPrepared,
  MinPlanRevised,
  NuphAnswered,
  NuphSent,
  OfferGranted,
  OfferRefused,
  OfferRequested,
  SelfBookingRevoked,
  VisitatedToJobcenter,
} from './c24/c24.facts';
import type { InterviewDutyExempted } from './r26/r26.facts';
import type {
  ActionPlanCopyReceived,
  AfInformationExchanged,
  GuidanceGiven,
  GuidanceMeetingHeld,
  GuidanceRequested,
  GuidanceTriggerKnown,
} from './g03/g03.facts';
import type {
  ActionPlanCompleted,
  ActionPlanObjected,
  ActionPlanRequested,
  ActionPlanRevised,
  AfNoticeReceived,
  CumulativeUnemploymentMeetingHeld,
  LeavePeriodBegan,
  LeavePeriodEnded,
  OfferOutsidePlanGiven,
  PlanParticipationRefused,
  PreparationMeetingHeld,
  SubPeriodOneEndKnown,
  UncalledTargetGroupMemberNoticed,
} from './hp/hp.facts';
import type {
  AvailabilitySituationBegan,
  AvailabilitySituationEnded,
  MediatedWorkRefused,
  MediatedWorkWaived,
} from './av/av.facts';

// The payload types and the domain's closed lists live with their regime's facts; this is the barrel.
export * from './process/process.facts';
export * from './c24/c24.facts';
export * from './r26/r26.facts';
export * from './g03/g03.facts';
export * from './hp/hp.facts';
export * from './av/av.facts';
export { COMMAND_FOR_FACT, FACT_DECLARATIONS, FACT_TYPE_NAMES, isFactType } from './facts.registry';
export type {
  AnyFactDeclaration,
  FactDeclaration,
  FactType,
  Field,
  FieldKind,
} from './process/fact-declaration';

export type DerivedEventType =
  'ContactProcessHandedOver' | 'DeadlineMissed' | 'DerivedFactWithdrawn' | 'DeadlineDueSoon';
export type CorrectionEventType = 'FactRetracted' | 'FactCorrected';
export type CorrectableEventType = Exclude<
  ContactProcessEventType,
  DerivedEventType | CorrectionEventType | 'PersonErased'
>;

export type CorrectableEvent = Extract<ContactProcessEvent, { type: CorrectableEventType }>;

export type ContactProcessEvent =
  | { type: 'PersonFactsRecorded'; data: PersonFactsRecorded }
  | { type: 'PlacedInBenefitPeriod'; data: PlacedInBenefitPeriod }
  | { type: 'RegisteredAsJobseeker'; data: RegisteredAsJobseeker }
  | { type: 'DeregisteredAsJobseeker'; data: DeregisteredAsJobseeker }
  | { type: 'BenefitHoursReported'; data: BenefitHoursReported }
  | { type: 'JobInterviewHeld'; data: JobInterviewHeld }
  | { type: 'AvailabilityInterviewHeld'; data: AvailabilityInterviewHeld }
  | { type: 'InterviewFormChosen'; data: InterviewFormChosen }
  | { type: 'InterviewFormChangedByOwner'; data: InterviewFormChangedByOwner }
  | { type: 'CvMarkedComplete'; data: CvMarkedComplete }
  | { type: 'JobSearchRequirementsSet'; data: JobSearchRequirementsSet }
  | { type: 'VisitatedToJobcenter'; data: VisitatedToJobcenter }
  | { type: 'ControlActionDoubtReceived'; data: ControlActionDoubtReceived }
  | { type: 'OfferRequested'; data: OfferRequested }
  | { type: 'OfferGranted'; data: OfferGranted }
  | { type: 'OfferRefused'; data: OfferRefused }
  | { type: 'MinPlanPrepared'; data: MinPlanPrepared }
  | { type: 'MinPlanRevised'; data: MinPlanRevised }
  | { type: 'JointRecommendationSent'; data: JointRecommendationSent }
  | { type: 'JointRecommendationAnswered'; data: JointRecommendationAnswered }
  | { type: 'SelfBookingRevoked'; data: SelfBookingRevoked }
  | { type: 'LessIntensiveEffortGroundDocumented'; data: LessIntensiveEffortGroundDocumented }
  | { type: 'LessIntensiveEffortGroundEnded'; data: LessIntensiveEffortGroundEnded }
  | { type: 'LessIntensiveEffortOverruled'; data: LessIntensiveEffortOverruled }
  | { type: 'NuphSent'; data: NuphSent }
  | { type: 'NuphAnswered'; data: NuphAnswered }
  | { type: 'InterviewDutyExempted'; data: InterviewDutyExempted }
  | { type: 'GuidanceGiven'; data: GuidanceGiven }
  | { type: 'GuidanceMeetingHeld'; data: GuidanceMeetingHeld }
  | { type: 'AfInformationExchanged'; data: AfInformationExchanged }
  | { type: 'GuidanceTriggerKnown'; data: GuidanceTriggerKnown }
  | { type: 'GuidanceRequested'; data: GuidanceRequested }
  | { type: 'ActionPlanCopyReceived'; data: ActionPlanCopyReceived }
  | { type: 'AfNoticeReceived'; data: AfNoticeReceived }
  | { type: 'PreparationMeetingHeld'; data: PreparationMeetingHeld }
  | { type: 'ActionPlanRequested'; data: ActionPlanRequested }
  | { type: 'ActionPlanCompleted'; data: ActionPlanCompleted }
  | { type: 'ActionPlanRevised'; data: ActionPlanRevised }
  | { type: 'ActionPlanObjected'; data: ActionPlanObjected }
  | { type: 'OfferOutsidePlanGiven'; data: OfferOutsidePlanGiven }
  | { type: 'PlanParticipationRefused'; data: PlanParticipationRefused }
  | { type: 'UncalledTargetGroupMemberNoticed'; data: UncalledTargetGroupMemberNoticed }
  | { type: 'CumulativeUnemploymentMeetingHeld'; data: CumulativeUnemploymentMeetingHeld }
  | { type: 'AvailabilitySituationBegan'; data: AvailabilitySituationBegan }
  | { type: 'AvailabilitySituationEnded'; data: AvailabilitySituationEnded }
  | { type: 'MediatedWorkWaived'; data: MediatedWorkWaived }
  | { type: 'MediatedWorkRefused'; data: MediatedWorkRefused }
  | { type: 'LeavePeriodBegan'; data: LeavePeriodBegan }
  | { type: 'LeavePeriodEnded'; data: LeavePeriodEnded }
  | { type: 'SubPeriodOneEndKnown'; data: SubPeriodOneEndKnown }
  | { type: 'ContactProcessHandedOver'; data: ContactProcessHandedOver }
  | { type: 'DeadlineMissed'; data: DeadlineMissed }
  | { type: 'DerivedFactWithdrawn'; data: DerivedFactWithdrawn }
  | { type: 'DeadlineDueSoon'; data: DeadlineDueSoon }
  | { type: 'FactRetracted'; data: FactRetracted }
  | { type: 'FactCorrected'; data: FactCorrected }
  | { type: 'PersonErased'; data: PersonErased };

export type ContactProcessEventType = ContactProcessEvent['type'];

/** Every event type of this process is at schema version 1. */
export const SCHEMA_VERSION = 1;

/** The one function that names a person's contact-process stream (an opaque id, never a CPR number). */
export function contactProcessStream(personId: string): string {
  return `contact-process-${personId}`;
}

type DataOf<T extends ContactProcessEventType> = Extract<ContactProcessEvent, { type: T }>['data'];

/**
 * The day each event happened on (valid time, the envelope's occurredAt); null when the event states no day of
 * its own (the person facts), so the day it was recorded is used. Read from each fact's declaration, and for the
 * events no one records from theirs: a new event type does not compile until it says which of its dates is the one.
 */
export const OCCURRED_ON: { [T in ContactProcessEventType]: (data: DataOf<T>) => LocalDate | null } = {
  ...(Object.fromEntries(
    Object.values<AnyFactDeclaration>(FACT_DECLARATIONS).map((d) => [d.type, d.occurredOn]),
  ) as { [T in FactType]: (data: DataOf<T>) => LocalDate | null }),
  ...DERIVED_EVENT_DAY,
};

export const DERIVED_EVENT_TYPES: ReadonlySet<string> = new Set<DerivedEventType>([
  'ContactProcessHandedOver',
  'DeadlineMissed',
  'DerivedFactWithdrawn',
  'DeadlineDueSoon',
]);
export const CORRECTION_EVENT_TYPES: ReadonlySet<string> = new Set<CorrectionEventType>([
  'FactRetracted',
  'FactCorrected',
]);

/** A fact people record that is not itself a correction: what a retraction or a correction may name. */
export function isCorrectableEventType(type: string): type is CorrectableEventType {
  return isFactType(type) && !CORRECTION_EVENT_TYPES.has(type);
}

/** The day an event happened on, or `fallback` (the day it is recorded) when it states none. */
export function occurredOn(event: ContactProcessEvent, fallback: LocalDate): LocalDate {
  const day = (OCCURRED_ON[event.type] as (data: ContactProcessEvent['data']) => LocalDate | null)(
    event.data,
  );
  return day ?? fallback;
}

const EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(OCCURRED_ON));

/** Whether a stored event (type and schema version) is one this version of the process understands. */
export function isContactProcessEvent(type: string, schemaVersion: number): type is ContactProcessEventType {
  return schemaVersion === SCHEMA_VERSION && EVENT_TYPES.has(type);
}

/** The person id of a contact-process stream name, or undefined for other streams. */
export function personIdOfStream(streamName: string): string | undefined {
  const prefix = contactProcessStream('');
  return streamName.startsWith(prefix) ? streamName.slice(prefix.length) : undefined;
}
