/**
 * The facts every regime shares — the person, benefit periods, registration, hours, interviews, corrections and
 * erasure — each with its declaration (see `fact-declaration.ts`).
 */
import type { Insurance, LocalDate } from '@app/legal-time';
import type { CorrectableEvent, CorrectableEventType } from '../contact-process.events';
import {
  boolean,
  correctableFactType,
  correctedFactData,
  date,
  declareFact,
  decimal,
  id,
  integer,
  month,
  nullable,
  omittable,
  oneOf,
  optional,
  personal,
  text,
  uuid,
} from './fact-declaration';

export const ORGANISATIONS = ['akasse', 'jobcenter'] as const;
export type Organisation = (typeof ORGANISATIONS)[number];

export const INTERVIEW_FORMS = ['in-person', 'phone', 'video'] as const;
export type InterviewForm = (typeof INTERVIEW_FORMS)[number];

/**
 * What is known about the person. Education, custody and the repatriation facts are in force from
 * `effectiveFrom` until the next record's day (#18 item 5): a change is recorded with the day it happened, and
 * every rule reads the value in force on the day it judges. The birth date has no day of its own: a person's
 * birth date does not change, so the one recorded last stands for every day (a different one corrects it).
 */
export interface PersonFactsRecorded {
  birthDate: LocalDate;
  hasVocationalEducation: boolean;
  hasCustodyOfChildrenAtHome: boolean;
  coveredByRepatriationAct: boolean;
  /** Years of Danish residence permit (C24-REPAT applies up to 5); null when not relevant. */
  residencePermitYears: number | null;
  /**
   * The day these facts are in force from. Absent or null — on every record made before the field existed, and
   * on the person's first record — "from the start": in force on every day until a dated record, as every record
   * was always read, so no stored event changes meaning.
   */
  effectiveFrom?: LocalDate | null;
}

export interface PlacedInBenefitPeriod {
  benefitPeriodId: string;
  akasseId: string;
  insurance: Insurance;
  placedOn: LocalDate;
  /** "Løbende genindplacering" inside an ongoing spell: no new contact process, no new first interview. */
  continuingPlacement: boolean;
  /**
   * Placed before 2024 and begun a contact process in the a-kasse trial (forsøg med mere ansvar til
   * a-kasserne): the transition rule of 002 §15.2 applies. Absent on events recorded before it existed: false.
   */
  akasseTrial?: boolean;
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

export const INTERVIEW_REGISTRATIONS = ['individual', 'joint'] as const;
export const AKASSE_ATTENDANCE_FORMS = ['in-person', 'video'] as const;
export interface JobInterviewHeld {
  interviewId: string;
  heldOn: LocalDate;
  /** The organisation that held (and is responsible for) the interview. */
  heldBy: Organisation;
  /** Registered as a joint interview (fællessamtale: jobcentre and a-kasse), e.g. C24-M16's, even if the a-kasse stayed away. */
  registeredAs: (typeof INTERVIEW_REGISTRATIONS)[number];
  akasseAttended: boolean;
  form: InterviewForm;
  minPlanPrepared: boolean;
  joblogReviewed: boolean;
  repatriationGuidanceGiven: boolean;
  /** The obligatory intensified effort was offered at it (C24-M16, BAB § 47). */
  intensifiedEffortOffered: boolean;
  /** In months 0–3 the jobcentre takes part only when all parties, the person included, agree (002 §3.2). */
  allPartiesAgreed: boolean;
  /**
   * The person's choice whether the a-kasse attends: at the first jobcentre interview after the handover the
   * a-kasse must when the person wants it (LAB §31(2)); at the 16-month interview it must unless the person does
   * not want it (LAB §32(2)). Absent or null: not recorded.
   */
  akasseAttendanceWanted?: boolean | null;
  /**
   * How the a-kasse attended a jobcentre interview (LAB §33(4)): in person with the person, or by video
   * ("personligt digitalt fremmøde"). Only with akasseAttended: true. Absent or null: not recorded.
   */
  akasseAttendanceForm?: (typeof AKASSE_ATTENDANCE_FORMS)[number] | null;
  /**
   * The person asked the a-kasse to attend in person with them (LAB §33(4)): then only in-person attendance
   * meets the a-kasse's duty to attend. Absent or null: not recorded.
   */
  personAskedAkasseInPerson?: boolean | null;
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

/** Derived by the system: an obligation's deadline passed without it being met. */
export interface DeadlineMissed {
  obligationKey: string;
  ruleId: string;
  dueOn: LocalDate;
  detectedOn: LocalDate;
}

/**
 * Derived by the system: a derived fact (the handover, a missed deadline) no longer follows from the facts it
 * came from, because a correction or retraction changed them. The derived event stays in the stream; every
 * fold honours the withdrawal, and the history shows both.
 */
export interface DerivedFactWithdrawn {
  /** The derived event withdrawn. */
  withdrawnEventId: string;
  withdrawnType: 'ContactProcessHandedOver' | 'DeadlineMissed';
  /** What it was about: the benefit period of a handover, the obligation of a missed deadline. */
  benefitPeriodId: string | null;
  obligationKey: string | null;
  /** The fact whose correction or retraction (or later registration) it no longer follows from. */
  because: { factEventId: string | null; correction: 'FactRetracted' | 'FactCorrected' | null };
  withdrawnOn: LocalDate;
}

/**
 * Derived by the system: an open duty of an organisation came within that organisation's reminder window — its
 * due day is at most `windowDays` days after `detectedOn`. Recorded once per obligation and due day, with the
 * window then in force, so the feeds' `due-soon` entries are a function of stored facts (a rebuild derives the
 * same ones) although the window itself is a setting that may change.
 */
export interface DeadlineDueSoon {
  obligationKey: string;
  ruleId: string;
  dueOn: LocalDate;
  detectedOn: LocalDate;
  windowDays: number;
}

export const ERASURE_REASONS = [
  'retention-period-expired',
  'data-subject-request',
  'registered-in-error',
] as const;
/** Why a person's personal data was erased (crypto-shredded). */
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/**
 * What STAR counted for one of the person's benefit periods (see the supervision projection), kept in the
 * erasure fact without anything personal, so the supervision figures stay the same once the facts are unreadable.
 */
export interface ErasedSupervisedCase {
  measure: string;
  organisationId: string;
  month: string;
  benefitPeriodId: string;
  group: string;
  interviewsHeld: number;
  ruleSetId: string;
  required: number;
  belowRequired: boolean;
}

/** The person's key was destroyed: their personal fields can never be read again. Nothing after it is recorded. */
export interface PersonErased {
  erasedOn: LocalDate;
  reason: ErasureReason;
  supervisedCases: ErasedSupervisedCase[];
}

/**
 * A fact recorded in error is withdrawn: from now on every fold of the stream leaves it out, as if never
 * recorded. The fact itself stays in the stream (history is never rewritten); an as-of question about a day
 * before the retraction was recorded still sees it.
 */
export interface FactRetracted {
  retractedEventId: string;
  /** The type of the retracted fact, so the history reads without looking it up. */
  factType: CorrectableEventType;
  reason: string;
  /** The day the error was established (valid time of the retraction itself). */
  retractedOn: LocalDate;
}

/**
 * A fact recorded with wrong details is replaced, in its place in the stream, by the same kind of fact with
 * the corrected details. A later correction of the same fact supersedes an earlier one.
 */
export interface FactCorrected {
  correctedEventId: string;
  factType: CorrectableEventType;
  reason: string;
  correctedOn: LocalDate;
  /** The whole corrected fact, of type `factType`. */
  data: CorrectableEvent['data'];
}

const INSURANCES: readonly Insurance[] = ['full-time', 'part-time'];

export const PROCESS_FACTS = {
  PersonFactsRecorded: declareFact('PersonFactsRecorded', {
    command: 'RecordPersonFacts',
    recordedBy: 'akasse',
    // Undated facts state no day: the day they are recorded is used.
    occurredOn: (e) => e.effectiveFrom ?? null,
    fields: {
      birthDate: personal(date()),
      hasVocationalEducation: personal(boolean()),
      hasCustodyOfChildrenAtHome: personal(boolean()),
      coveredByRepatriationAct: personal(boolean()),
      residencePermitYears: personal(nullable(integer(0, 100))),
      // The day a change is in force from is not personal, like every other fact's day.
      effectiveFrom: optional(date()),
    },
    example: {
      birthDate: '1990-05-17',
      hasVocationalEducation: true,
      hasCustodyOfChildrenAtHome: false,
      coveredByRepatriationAct: false,
      residencePermitYears: null,
    },
  }),
  PlacedInBenefitPeriod: declareFact('PlacedInBenefitPeriod', {
    command: 'PlaceInBenefitPeriod',
    recordedBy: 'akasse',
    occurredOn: (e) => e.placedOn,
    fields: {
      benefitPeriodId: id(),
      akasseId: id(),
      insurance: oneOf(INSURANCES),
      placedOn: date(),
      continuingPlacement: boolean(),
      akasseTrial: omittable(boolean()),
    },
    example: {
      benefitPeriodId: 'bp-2024-0001',
      akasseId: 'akasse-3f',
      insurance: 'full-time',
      placedOn: '2024-03-01',
      continuingPlacement: false,
    },
  }),
  RegisteredAsJobseeker: declareFact('RegisteredAsJobseeker', {
    command: 'RegisterAsJobseeker',
    recordedBy: 'akasse',
    occurredOn: (e) => e.registeredOn,
    fields: { registeredOn: date(), jobcenterId: id() },
    example: { registeredOn: '2024-03-04', jobcenterId: 'jc-101' },
  }),
  DeregisteredAsJobseeker: declareFact('DeregisteredAsJobseeker', {
    command: 'DeregisterAsJobseeker',
    recordedBy: 'akasse',
    occurredOn: (e) => e.deregisteredOn,
    fields: { deregisteredOn: date() },
    example: { deregisteredOn: '2024-08-30' },
  }),
  BenefitHoursReported: declareFact('BenefitHoursReported', {
    command: 'ReportBenefitHours',
    recordedBy: 'akasse',
    // The consumption happened over the month, but the a-kasse's registration is the fact recorded (002 §2.2).
    occurredOn: (e) => e.registeredOn,
    fields: {
      month: month(),
      benefitHours: decimal(2, 0, 744),
      wageSubsidyHours: decimal(2, 0, 744),
      registeredOn: date(),
    },
    example: { month: '2024-03', benefitHours: 148.5, wageSubsidyHours: 0, registeredOn: '2024-04-05' },
  }),
  JobInterviewHeld: declareFact('JobInterviewHeld', {
    command: 'RecordJobInterview',
    recordedBy: 'akasse',
    occurredOn: (e) => e.heldOn,
    fields: {
      interviewId: id(),
      heldOn: date(),
      heldBy: oneOf(ORGANISATIONS),
      registeredAs: oneOf(INTERVIEW_REGISTRATIONS),
      akasseAttended: boolean(),
      form: oneOf(INTERVIEW_FORMS),
      minPlanPrepared: boolean(),
      joblogReviewed: boolean(),
      repatriationGuidanceGiven: boolean(),
      intensifiedEffortOffered: boolean(),
      allPartiesAgreed: boolean(),
      akasseAttendanceWanted: optional(boolean()),
      akasseAttendanceForm: optional(oneOf(AKASSE_ATTENDANCE_FORMS)),
      personAskedAkasseInPerson: optional(boolean()),
    },
    example: {
      interviewId: 'i-0001',
      heldOn: '2024-03-15',
      heldBy: 'akasse',
      registeredAs: 'individual',
      akasseAttended: true,
      form: 'in-person',
      minPlanPrepared: true,
      joblogReviewed: true,
      repatriationGuidanceGiven: false,
      intensifiedEffortOffered: false,
      allPartiesAgreed: false,
    },
  }),
  AvailabilityInterviewHeld: declareFact('AvailabilityInterviewHeld', {
    command: 'RecordAvailabilityInterview',
    recordedBy: 'akasse',
    occurredOn: (e) => e.heldOn,
    fields: { heldOn: date() },
    example: { heldOn: '2024-04-02' },
  }),
  InterviewFormChosen: declareFact('InterviewFormChosen', {
    command: 'ChooseInterviewForm',
    recordedBy: 'akasse',
    occurredOn: (e) => e.chosenOn,
    fields: { form: oneOf(INTERVIEW_FORMS), chosenOn: date() },
    example: { form: 'video', chosenOn: '2024-03-15' },
  }),
  InterviewFormChangedByOwner: declareFact('InterviewFormChangedByOwner', {
    command: 'ChangeInterviewForm',
    recordedBy: 'akasse',
    occurredOn: (e) => e.changedOn,
    fields: { form: oneOf(INTERVIEW_FORMS), changedOn: date(), by: oneOf(ORGANISATIONS) },
    example: { form: 'in-person', changedOn: '2024-04-10', by: 'akasse' },
  }),
};

/** Retracting and correcting a fact: recorded last, after the facts they may name. */
export const CORRECTION_FACTS = {
  FactRetracted: declareFact('FactRetracted', {
    command: 'RetractFact',
    recordedBy: 'akasse',
    occurredOn: (e) => e.retractedOn,
    fields: { retractedEventId: uuid(), reason: text(2000, 'personal'), retractedOn: date() },
    example: {
      retractedEventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00',
      reason: 'recorded on the wrong person',
      retractedOn: '2024-04-02',
    },
  }),
  FactCorrected: declareFact('FactCorrected', {
    command: 'CorrectFact',
    recordedBy: 'akasse',
    occurredOn: (e) => e.correctedOn,
    fields: {
      correctedEventId: uuid(),
      factType: correctableFactType(),
      reason: text(2000, 'personal'),
      correctedOn: date(),
      // The corrected details may be any fact's, personal fields included.
      data: correctedFactData(),
    },
    example: {
      correctedEventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00',
      factType: 'AvailabilityInterviewHeld',
      reason: 'the date was typed wrong',
      correctedOn: '2024-04-02',
      data: { heldOn: '2024-03-15' },
    },
  }),
};

/** The day of the events no one records (derived by the system, or the erasure that ends the stream). */
export const DERIVED_EVENT_DAYS = {
  DeadlineMissed: (e: DeadlineMissed) => e.dueOn,
  DerivedFactWithdrawn: (e: DerivedFactWithdrawn) => e.withdrawnOn,
  DeadlineDueSoon: (e: DeadlineDueSoon) => e.detectedOn,
  PersonErased: (e: PersonErased) => e.erasedOn,
};
