/**
 * What happened to a person, as events of their contact-process stream (one stream per person, see
 * `contactProcessStream`). Past-tense names; every event type has a schema version (`.v1` on the store).
 * Dates are Danish calendar dates (`LocalDate`): when the thing happened, i.e. valid time.
 */
import type { LocalDate } from '@app/legal-time';
import type { Insurance } from '@app/legal-time';

export type Organisation = 'akasse' | 'jobcenter';
export type InterviewForm = 'in-person' | 'phone' | 'video';
export type OfferChapter = 11 | 12 | 13 | 14;
export type LessIntensiveGround =
  | 'ordinary-work-or-flex-job-within-6-weeks'
  | 'maternity-or-parental-leave'
  | 'early-retirement-or-pension'
  | 'sent-home-weather-or-materials'
  | 'work-sharing'
  | 'vocational-study-within-6-weeks';

export interface PersonFactsRecorded {
  birthDate: LocalDate;
  hasVocationalEducation: boolean;
  hasCustodyOfChildrenAtHome: boolean;
  coveredByRepatriationAct: boolean;
  /** Years of Danish residence permit (C24-REPAT applies up to 5); null when not relevant. */
  residencePermitYears: number | null;
}

export interface PlacedInBenefitPeriod {
  benefitPeriodId: string;
  akasseId: string;
  insurance: Insurance;
  placedOn: LocalDate;
  /** "Løbende genindplacering" inside an ongoing spell: no new contact process, no new first interview. */
  continuingPlacement: boolean;
}

export interface RegisteredAsJobseeker {
  registeredOn: LocalDate;
  jobcenterId: string;
}

export interface DeregisteredAsJobseeker {
  deregisteredOn: LocalDate;
}

export interface BenefitHoursReported {
  /** The month the hours cover ("YYYY-MM"). */
  month: string;
  benefitHours: number;
  wageSubsidyHours: number;
  /** The day the a-kasse registered the consumption: the handover keys on it (002 §2.2). */
  registeredOn: LocalDate;
}

export interface JobInterviewHeld {
  interviewId: string;
  heldOn: LocalDate;
  /** The organisation that held (and is responsible for) the interview. */
  heldBy: Organisation;
  /** Registered as a joint interview (fællessamtale: jobcentre and a-kasse), e.g. C24-M16's, even if the a-kasse stayed away. */
  registeredAs: 'individual' | 'joint';
  akasseAttended: boolean;
  form: InterviewForm;
  minPlanPrepared: boolean;
  joblogReviewed: boolean;
  repatriationGuidanceGiven: boolean;
  /** The obligatory intensified effort was offered at it (C24-M16, BAB § 47). */
  intensifiedEffortOffered: boolean;
  /** In months 0–3 the jobcentre takes part only when all parties, the person included, agree (002 §3.2). */
  allPartiesAgreed: boolean;
}

export interface AvailabilityInterviewHeld {
  heldOn: LocalDate;
}

export interface InterviewFormChosen {
  form: InterviewForm;
  chosenOn: LocalDate;
}

export interface InterviewFormChangedByOwner {
  form: InterviewForm;
  changedOn: LocalDate;
  by: Organisation;
}

export interface CvMarkedComplete {
  markedOn: LocalDate;
  by: Organisation;
}

export interface JobSearchRequirementsSet {
  setOn: LocalDate;
  by: Organisation;
  reportedToDfdg: boolean;
}

export interface VisitatedToJobcenter {
  visitatedOn: LocalDate;
}

export interface ControlActionDoubtReceived {
  receivedOn: LocalDate;
  abroad: boolean;
}

export interface OfferRequested {
  requestedOn: LocalDate;
  by: Organisation;
  reason: 'control-action' | 'joint-recommendation' | 'other';
}

export interface OfferGranted {
  offerId: string;
  grantedOn: LocalDate;
  by: Organisation;
  chapter: OfferChapter;
  startsOn: LocalDate;
}

export interface SelfBookingRevoked {
  decidedOn: LocalDate;
  notifiedOn: LocalDate;
  by: Organisation;
}

export interface LessIntensiveEffortGroundDocumented {
  groundId: string;
  ground: LessIntensiveGround;
  from: LocalDate;
}

export interface LessIntensiveEffortGroundEnded {
  groundId: string;
  endedOn: LocalDate;
}

export interface LessIntensiveEffortOverruled {
  groundId: string;
  decidedOn: LocalDate;
  notifiedOn: LocalDate;
  by: Organisation;
  reason: 'to-the-persons-benefit' | 'abuse-or-speculation';
}

export interface NuphSent {
  nuphId: string;
  sentOn: LocalDate;
  /** The Digital Post notice to the person; C24-NUPH asks for it at the same time. */
  personNotifiedOn: LocalDate | null;
}

export interface NuphAnswered {
  nuphId: string;
  answeredOn: LocalDate;
  memberNotifiedOn: LocalDate | null;
}

/** Derived by the system (C24-HANDOVER): appended when the a-kasse's registered hours reach the threshold. */
export interface ContactProcessHandedOver {
  benefitPeriodId: string;
  handoverOn: LocalDate;
  reachedOn: LocalDate;
  hoursRegistered: number;
  ruleId: 'C24-HANDOVER';
}

/** Derived by the system: an obligation's deadline passed without it being met. */
export interface DeadlineMissed {
  obligationKey: string;
  ruleId: string;
  dueOn: LocalDate;
  detectedOn: LocalDate;
}

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
  | { type: 'SelfBookingRevoked'; data: SelfBookingRevoked }
  | { type: 'LessIntensiveEffortGroundDocumented'; data: LessIntensiveEffortGroundDocumented }
  | { type: 'LessIntensiveEffortGroundEnded'; data: LessIntensiveEffortGroundEnded }
  | { type: 'LessIntensiveEffortOverruled'; data: LessIntensiveEffortOverruled }
  | { type: 'NuphSent'; data: NuphSent }
  | { type: 'NuphAnswered'; data: NuphAnswered }
  | { type: 'ContactProcessHandedOver'; data: ContactProcessHandedOver }
  | { type: 'DeadlineMissed'; data: DeadlineMissed };

export type ContactProcessEventType = ContactProcessEvent['type'];

/** Every event type of this process is at schema version 1. */
export const SCHEMA_VERSION = 1;

/** The one function that names a person's contact-process stream (an opaque id, never a CPR number). */
export function contactProcessStream(personId: string): string {
  return `contact-process-${personId}`;
}

const EVENT_TYPES: ReadonlySet<string> = new Set<ContactProcessEventType>([
  'PersonFactsRecorded',
  'PlacedInBenefitPeriod',
  'RegisteredAsJobseeker',
  'DeregisteredAsJobseeker',
  'BenefitHoursReported',
  'JobInterviewHeld',
  'AvailabilityInterviewHeld',
  'InterviewFormChosen',
  'InterviewFormChangedByOwner',
  'CvMarkedComplete',
  'JobSearchRequirementsSet',
  'VisitatedToJobcenter',
  'ControlActionDoubtReceived',
  'OfferRequested',
  'OfferGranted',
  'SelfBookingRevoked',
  'LessIntensiveEffortGroundDocumented',
  'LessIntensiveEffortGroundEnded',
  'LessIntensiveEffortOverruled',
  'NuphSent',
  'NuphAnswered',
  'ContactProcessHandedOver',
  'DeadlineMissed',
]);

/** Whether a stored event (type and schema version) is one this version of the process understands. */
export function isContactProcessEvent(type: string, schemaVersion: number): type is ContactProcessEventType {
  return schemaVersion === SCHEMA_VERSION && EVENT_TYPES.has(type);
}

/** The person id of a contact-process stream name, or undefined for other streams. */
export function personIdOfStream(streamName: string): string | undefined {
  const prefix = contactProcessStream('');
  return streamName.startsWith(prefix) ? streamName.slice(prefix.length) : undefined;
}
