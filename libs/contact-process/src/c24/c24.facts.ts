/**
 * The facts of the contact process of 2024 (C24: LAB as of 2024, bekendtgørelse 002) that no other regime
 * records — the CV, job-search requirements, offers, Min Plan, joint recommendations, self-booking,
 * less intensive efforts, NUPH — each with its declaration (see `../process/fact-declaration.ts`).
 */
import type { LocalDate } from '@app/legal-time';
import type { Organisation } from '../process/process.facts';
import { ORGANISATIONS } from '../process/process.facts';
import {
  boolean,
  date,
  declareFact,
  id,
  idList,
  integer,
  nullable,
  omittable,
  oneOf,
  optional,
  pattern,
  text,
  textList,
} from '../process/fact-declaration';

export const OFFER_CHAPTERS = [11, 12, 13, 14] as const;
export type OfferChapter = (typeof OFFER_CHAPTERS)[number];

export const LESS_INTENSIVE_GROUNDS = [
  'ordinary-work-or-flex-job-within-6-weeks',
  'maternity-or-parental-leave',
  'early-retirement-or-pension',
  'sent-home-weather-or-materials',
  'work-sharing',
  'vocational-study-within-6-weeks',
] as const;
export type LessIntensiveGround = (typeof LESS_INTENSIVE_GROUNDS)[number];

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

export const OFFER_REQUEST_REASONS = ['control-action', 'joint-recommendation', 'other'] as const;
export interface OfferRequested {
  /** Refers to this request from an OfferRefused; absent on requests recorded before it existed. */
  requestId?: string;
  requestedOn: LocalDate;
  by: Organisation;
  reason: (typeof OFFER_REQUEST_REASONS)[number];
}

export interface OfferGranted {
  offerId: string;
  grantedOn: LocalDate;
  by: Organisation;
  chapter: OfferChapter;
  startsOn: LocalDate;
}

/** The jobcentre's refusal of a requested offer: an administrative decision sent to the person. */
export interface OfferRefused {
  requestId: string;
  refusedOn: LocalDate;
  by: Organisation;
  reason: string;
  /** The decision sent to the person by Digital Post (BAB § 132). */
  personNotifiedOn: LocalDate | null;
}

/**
 * The parts of the person's Min Plan a revision writes (LAB § 41(2)); a part left out is unchanged. Each part
 * has its own responsible party: job (and education) goals the owner of Min Plan, job-search requirements the
 * a-kasse (C24-JSR), offers the jobcentre (C24-MINPLAN), other agreed efforts either.
 */
export interface MinPlanParts {
  jobGoals?: string[];
  /** For the education-injunction group, whose Min Plan the jobcentre keeps with job and education goals. */
  educationGoals?: string[];
  jobSearchRequirements?: string[];
  /** Offers (LAB ch. 11–14) granted by the jobcentre, by offerId. */
  offerIds?: string[];
  otherAgreedEfforts?: string[];
}

export interface MinPlanPrepared extends MinPlanParts {
  preparedOn: LocalDate;
  by: Organisation;
  jobGoals: string[];
}

export interface MinPlanRevised extends MinPlanParts {
  revisedOn: LocalDate;
  by: Organisation;
  reason: string;
}

export const RECOMMENDATION_SUBJECTS = ['offer', 'supporting-effort'] as const;
/** C24-REC: the a-kasse and the person jointly recommend an offer or a supporting effort to the jobcentre. */
export interface JointRecommendationSent {
  recommendationId: string;
  sentOn: LocalDate;
  /** The a-kasse may send one only when it and the person agree on its content (002 §10). */
  personAgreed: boolean;
  subject: (typeof RECOMMENDATION_SUBJECTS)[number];
  /** LAB chapter: 11–14 for offers, 26–28 for supporting efforts. */
  chapter: number;
  description: string;
}

export const RECOMMENDATION_DECISIONS = ['granted', 'refused'] as const;
/** C24-REC: the jobcentre's decision on a joint recommendation (not bound by it). */
export interface JointRecommendationAnswered {
  recommendationId: string;
  answeredOn: LocalDate;
  decision: (typeof RECOMMENDATION_DECISIONS)[number];
  /** A granted offer, as recorded by OfferGranted (the jobcentre enters it in Min Plan). */
  offerId: string | null;
  /** A refusal is reasoned to the a-kasse (LAB § 180 a). */
  reason: string | null;
  /** The decision sent to the person by Digital Post (BAB § 132). */
  personNotifiedOn: LocalDate | null;
  /** The reasoned reply to the a-kasse's Dialogmodulet message. */
  akasseToldOn: LocalDate | null;
}

/**
 * C24-SELFBOOK: what a revocation of self-booking may rest on (LAB § 35; 002 §4.2 "Fratagelsen kan ske ud fra en
 * konkret vurdering, i tilfælde hvor"): the person books interviews other than agreed, or in a way that keeps the
 * contact process from being carried out as intended — by booking too many beyond what was agreed, several close
 * together in time, or rebooking often ("Dette kan være tilfældet, hvis …"), or otherwise.
 */
export const SELF_BOOKING_REVOCATION_GROUNDS = [
  'booked-other-than-agreed',
  'too-many-bookings',
  'bookings-too-close-together',
  'frequent-rebooking',
  'otherwise-prevents-contact-process',
] as const;

export type SelfBookingRevocationGround = (typeof SELF_BOOKING_REVOCATION_GROUNDS)[number];

export interface SelfBookingRevoked {
  decidedOn: LocalDate;
  notifiedOn: LocalDate;
  by: Organisation;
  /** The ground of the concrete assessment (C24-SELFBOOK). Absent on facts recorded before it existed: not recorded. */
  ground?: SelfBookingRevocationGround;
  /**
   * The decision carried complaint guidance (C24-COMPLAINT; 002 §11 "herunder indeholde klagevejledning").
   * Absent on facts recorded before it existed: not recorded.
   */
  complaintGuidanceGiven?: boolean;
}

export interface LessIntensiveEffortGroundDocumented {
  groundId: string;
  ground: LessIntensiveGround;
  from: LocalDate;
  /**
   * LAB § 106(1) nos. 1 and 4: the documented day the work, leave, retirement or study begins — within the next
   * 6 weeks. Null for the other grounds; absent on facts recorded before it existed: not known.
   */
  startsOn?: LocalDate | null;
}

export interface LessIntensiveEffortGroundEnded {
  groundId: string;
  endedOn: LocalDate;
}

export const OVERRULE_REASONS = ['to-the-persons-benefit', 'abuse-or-speculation'] as const;
export interface LessIntensiveEffortOverruled {
  groundId: string;
  decidedOn: LocalDate;
  notifiedOn: LocalDate;
  by: Organisation;
  reason: (typeof OVERRULE_REASONS)[number];
  /**
   * The decision carried complaint guidance (C24-COMPLAINT; 002 §11 "herunder indeholde klagevejledning").
   * Absent on facts recorded before it existed: not recorded.
   */
  complaintGuidanceGiven?: boolean;
}

export interface NuphSent {
  nuphId: string;
  sentOn: LocalDate;
  /** The Digital Post notice to the person; C24-NUPH asks for it at the same time. */
  personNotifiedOn: LocalDate | null;
  /**
   * The provision of BAB the event falls under ("§146(1)", "§147", …): the notice to the person is owed for
   * §146(1), §§147–150 and §§152–154 (BAB §156). Absent (recorded before it existed): taken as covered.
   */
  babSection?: string | null;
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

/** A list of short texts in Min Plan (goals, requirements, efforts): at most 50 entries of 1–500 characters. */
const planEntries = (minItems = 0) => textList(500, 'personal', { minItems, style: 'plan-entries' });
/** The parts of Min Plan a revision may leave out (unchanged); job goals differ per fact, see below. */
const MIN_PLAN_PARTS = {
  educationGoals: omittable(planEntries()),
  jobSearchRequirements: omittable(planEntries()),
  offerIds: omittable(idList(50)),
  otherAgreedEfforts: omittable(planEntries()),
};

export const C24_FACTS = {
  CvMarkedComplete: declareFact('CvMarkedComplete', {
    command: 'MarkCvComplete',
    recordedBy: 'akasse',
    occurredOn: (e) => e.markedOn,
    fields: { markedOn: date(), by: oneOf(ORGANISATIONS) },
    example: { markedOn: '2024-03-12', by: 'akasse' },
  }),
  JobSearchRequirementsSet: declareFact('JobSearchRequirementsSet', {
    command: 'SetJobSearchRequirements',
    recordedBy: 'akasse',
    occurredOn: (e) => e.setOn,
    fields: { setOn: date(), by: oneOf(ORGANISATIONS), reportedToDfdg: boolean() },
    example: { setOn: '2024-03-15', by: 'akasse', reportedToDfdg: true },
  }),
  VisitatedToJobcenter: declareFact('VisitatedToJobcenter', {
    command: 'VisitateToJobcenter',
    recordedBy: 'akasse',
    occurredOn: (e) => e.visitatedOn,
    fields: { visitatedOn: date() },
    example: { visitatedOn: '2024-03-11' },
  }),
  ControlActionDoubtReceived: declareFact('ControlActionDoubtReceived', {
    command: 'ReceiveControlActionDoubt',
    recordedBy: 'akasse',
    occurredOn: (e) => e.receivedOn,
    fields: { receivedOn: date(), abroad: boolean() },
    example: { receivedOn: '2024-04-10', abroad: false },
  }),
  OfferRequested: declareFact('OfferRequested', {
    command: 'RequestOffer',
    recordedBy: 'akasse',
    occurredOn: (e) => e.requestedOn,
    // Required of new requests, though requests recorded before it existed have none.
    fields: {
      requestId: id(),
      requestedOn: date(),
      by: oneOf(ORGANISATIONS),
      reason: oneOf(OFFER_REQUEST_REASONS),
    },
    example: { requestId: 'q-0001', requestedOn: '2024-04-12', by: 'akasse', reason: 'control-action' },
  }),
  OfferGranted: declareFact('OfferGranted', {
    command: 'GrantOffer',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.grantedOn,
    fields: {
      offerId: id(),
      grantedOn: date(),
      by: oneOf(ORGANISATIONS),
      chapter: oneOf(OFFER_CHAPTERS),
      startsOn: date(),
    },
    example: {
      offerId: 'o-0001',
      grantedOn: '2024-04-20',
      by: 'jobcenter',
      chapter: 11,
      startsOn: '2024-05-01',
    },
  }),
  OfferRefused: declareFact('OfferRefused', {
    command: 'RefuseOffer',
    recordedBy: 'akasse',
    occurredOn: (e) => e.refusedOn,
    fields: {
      requestId: id(),
      refusedOn: date(),
      by: oneOf(ORGANISATIONS),
      reason: text(2000, 'personal'),
      personNotifiedOn: nullable(date()),
    },
    example: {
      requestId: 'q-0002',
      refusedOn: '2024-04-25',
      by: 'jobcenter',
      reason: 'the requested course does not match the job goal',
      personNotifiedOn: '2024-04-25',
    },
  }),
  MinPlanPrepared: declareFact('MinPlanPrepared', {
    command: 'PrepareMinPlan',
    recordedBy: 'akasse',
    occurredOn: (e) => e.preparedOn,
    fields: { ...MIN_PLAN_PARTS, preparedOn: date(), by: oneOf(ORGANISATIONS), jobGoals: planEntries(1) },
    example: {
      preparedOn: '2024-03-15',
      by: 'akasse',
      jobGoals: ['warehouse worker', 'forklift driver'],
      otherAgreedEfforts: ['forklift certificate course'],
    },
  }),
  MinPlanRevised: declareFact('MinPlanRevised', {
    command: 'ReviseMinPlan',
    recordedBy: 'akasse',
    occurredOn: (e) => e.revisedOn,
    fields: {
      ...MIN_PLAN_PARTS,
      revisedOn: date(),
      by: oneOf(ORGANISATIONS),
      reason: text(2000, 'personal'),
      jobGoals: omittable(planEntries()),
    },
    example: {
      revisedOn: '2024-07-10',
      by: 'jobcenter',
      reason: 'company internship granted',
      offerIds: ['o-0001'],
    },
  }),
  JointRecommendationSent: declareFact('JointRecommendationSent', {
    command: 'SendJointRecommendation',
    recordedBy: 'akasse',
    occurredOn: (e) => e.sentOn,
    fields: {
      recommendationId: id(),
      sentOn: date(),
      personAgreed: boolean(),
      subject: oneOf(RECOMMENDATION_SUBJECTS),
      chapter: integer(11, 28),
      description: text(2000, 'personal'),
    },
    example: {
      recommendationId: 'r-0001',
      sentOn: '2024-04-02',
      personAgreed: true,
      subject: 'offer',
      chapter: 11,
      description: 'company internship at a warehouse the person found',
    },
  }),
  JointRecommendationAnswered: declareFact('JointRecommendationAnswered', {
    command: 'AnswerJointRecommendation',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.answeredOn,
    fields: {
      recommendationId: id(),
      answeredOn: date(),
      decision: oneOf(RECOMMENDATION_DECISIONS),
      offerId: nullable(id()),
      reason: nullable(text(2000, 'personal')),
      personNotifiedOn: nullable(date()),
      akasseToldOn: nullable(date()),
    },
    example: {
      recommendationId: 'r-0001',
      answeredOn: '2024-04-09',
      decision: 'refused',
      offerId: null,
      reason: 'the internship does not lead towards the job goal',
      personNotifiedOn: '2024-04-09',
      akasseToldOn: '2024-04-09',
    },
  }),
  SelfBookingRevoked: declareFact('SelfBookingRevoked', {
    command: 'RevokeSelfBooking',
    recordedBy: 'akasse',
    occurredOn: (e) => e.decidedOn,
    // Ground and complaint guidance are required of new revocations (C24-SELFBOOK, C24-COMPLAINT).
    fields: {
      decidedOn: date(),
      notifiedOn: date(),
      by: oneOf(ORGANISATIONS),
      ground: oneOf(SELF_BOOKING_REVOCATION_GROUNDS),
      complaintGuidanceGiven: boolean(),
    },
    example: {
      decidedOn: '2024-04-10',
      notifiedOn: '2024-04-11',
      by: 'akasse',
      ground: 'frequent-rebooking',
      complaintGuidanceGiven: true,
    },
  }),
  LessIntensiveEffortGroundDocumented: declareFact('LessIntensiveEffortGroundDocumented', {
    command: 'DocumentLessIntensiveGround',
    recordedBy: 'akasse',
    occurredOn: (e) => e.from,
    fields: {
      groundId: id(),
      ground: oneOf(LESS_INTENSIVE_GROUNDS),
      from: date(),
      startsOn: optional(date()),
    },
    example: {
      groundId: 'g-0001',
      ground: 'maternity-or-parental-leave',
      from: '2024-05-01',
      startsOn: '2024-06-03',
    },
  }),
  LessIntensiveEffortGroundEnded: declareFact('LessIntensiveEffortGroundEnded', {
    command: 'EndLessIntensiveGround',
    recordedBy: 'akasse',
    occurredOn: (e) => e.endedOn,
    fields: { groundId: id(), endedOn: date() },
    example: { groundId: 'g-0001', endedOn: '2024-09-30' },
  }),
  LessIntensiveEffortOverruled: declareFact('LessIntensiveEffortOverruled', {
    command: 'OverruleLessIntensiveEffort',
    recordedBy: 'akasse',
    occurredOn: (e) => e.decidedOn,
    fields: {
      groundId: id(),
      decidedOn: date(),
      notifiedOn: date(),
      by: oneOf(ORGANISATIONS),
      reason: oneOf(OVERRULE_REASONS),
      complaintGuidanceGiven: boolean(),
    },
    example: {
      groundId: 'g-0001',
      decidedOn: '2024-05-03',
      notifiedOn: '2024-05-03',
      by: 'akasse',
      reason: 'abuse-or-speculation',
      complaintGuidanceGiven: true,
    },
  }),
  NuphSent: declareFact('NuphSent', {
    command: 'SendNuph',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.sentOn,
    fields: {
      nuphId: id(),
      sentOn: date(),
      personNotifiedOn: nullable(date()),
      babSection: optional(
        pattern(/^§\d{1,3}(\(\d{1,2}\))?$/, 'babSection must read like "§147" or "§146(1)"'),
      ),
    },
    example: { nuphId: 'n-0001', sentOn: '2024-07-10', personNotifiedOn: '2024-07-10', babSection: '§147' },
  }),
  NuphAnswered: declareFact('NuphAnswered', {
    command: 'AnswerNuph',
    recordedBy: 'akasse',
    occurredOn: (e) => e.answeredOn,
    fields: { nuphId: id(), answeredOn: date(), memberNotifiedOn: nullable(date()) },
    example: { nuphId: 'n-0001', answeredOn: '2024-07-20', memberNotifiedOn: '2024-07-20' },
  }),
};

/** C24-HANDOVER's derived event: its day is the handover's. */
export const C24_DERIVED_EVENT_DAYS = {
  ContactProcessHandedOver: (e: ContactProcessHandedOver) => e.handoverOn,
};
