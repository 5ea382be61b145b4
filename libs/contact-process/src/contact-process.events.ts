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
  akasseAttendanceForm?: 'in-person' | 'video' | null;
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
  /** Refers to this request from an OfferRefused; absent on requests recorded before it existed. */
  requestId?: string;
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

/** C24-REC: the a-kasse and the person jointly recommend an offer or a supporting effort to the jobcentre. */
export interface JointRecommendationSent {
  recommendationId: string;
  sentOn: LocalDate;
  /** The a-kasse may send one only when it and the person agree on its content (002 §10). */
  personAgreed: boolean;
  subject: 'offer' | 'supporting-effort';
  /** LAB chapter: 11–14 for offers, 26–28 for supporting efforts. */
  chapter: number;
  description: string;
}

/** C24-REC: the jobcentre's decision on a joint recommendation (not bound by it). */
export interface JointRecommendationAnswered {
  recommendationId: string;
  answeredOn: LocalDate;
  decision: 'granted' | 'refused';
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

export interface LessIntensiveEffortOverruled {
  groundId: string;
  decidedOn: LocalDate;
  notifiedOn: LocalDate;
  by: Organisation;
  reason: 'to-the-persons-benefit' | 'abuse-or-speculation';
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

/**
 * A concrete assessment exempts the person from a phase's interview duty, where the rule set allows it: under
 * the rules in force from 2026-07-01 (R26) the a-kasse's 2 and the municipality's 2 interviews are owed to at
 * least 75 % of the recipients, so an exemption must be recorded with its reason.
 */
export interface InterviewDutyExempted {
  ruleId: string;
  exemptedOn: LocalDate;
  by: Organisation;
  reason: string;
}

/**
 * G03 (seed 003): guidance the a-kasse gave, for one of its guidance duties. What the member was told is
 * recorded with it, as § 28 requires (G03-NOTE).
 */
export interface GuidanceGiven {
  /** The G03 rule the guidance fulfils: G03-INFO, -59, -60CERT, -60LIMIT, -60RIGHT, -30, -PLAN, -HELP, -PERSONAL, -EVENT. */
  duty: string;
  givenOn: LocalDate;
  /** The trigger, request or plan it answers (triggerId / requestId / planId); null for duties without one. */
  relatesTo: string | null;
  form: 'written' | 'conversation';
  toldMember: string;
  /**
   * What the member told the a-kasse that matters to the guidance (003 § 27, § 28(1)); absent or null: nothing
   * recorded.
   */
  memberInformation?: string | null;
  /**
   * HP-AFTER (000; 001 §7): a personal conversation was offered with written guidance on a plan. Absent on
   * guidance recorded before it existed: not recorded as offered.
   */
  personalConversationOffered?: boolean;
}

/** G03-MEET: the guidance meeting of 003 § 6, and when its date was reported to AF (§ 29, G03-EXCH). */
export interface GuidanceMeetingHeld {
  meetingId: string;
  heldOn: LocalDate;
  toldMember: string;
  /** What the member told the a-kasse that matters to the guidance (003 § 27, § 28(1)); absent or null: none. */
  memberInformation?: string | null;
  reportedToAfOn: LocalDate | null;
}

/**
 * G03-EXCH (003 § 29): information the a-kasse gave AF, or received from it, for the guidance of an unemployed
 * member. The meeting's date goes with GuidanceMeetingHeld (`reportedToAfOn`).
 */
export interface AfInformationExchanged {
  exchangeId: string;
  exchangedOn: LocalDate;
  /** 'to-af': the a-kasse told AF (§ 29(3)); 'from-af': AF told the a-kasse (§ 29(2)). */
  direction: 'to-af' | 'from-af';
  /** Who the member's contact person is (§ 29(3) no. 3, § 29(2)), or information that matters to the effort (no. 2). */
  subject: 'contact-person' | 'relevant-information';
  /** The guidance meeting the information came up at (§ 29(3) no. 2); null for none. */
  meetingId: string | null;
  content: string;
}

/** G03-EVENT: the a-kasse learned of an event that triggers a guidance duty of §§ 10–25. */
export interface GuidanceTriggerKnown {
  triggerId: string;
  section: string;
  knownOn: LocalDate;
  /** The day the limited period or right expires where guidance is due "in good time" before it (§§ 17–20, 22(2)); else null. */
  eventOn: LocalDate | null;
}

/** G03-HELP / G03-PERSONAL: the member asked for help (§ 4) or a special need became known (§ 5). */
export interface GuidanceRequested {
  requestId: string;
  kind: 'digital-registration' | 'cv-on-jobnet' | 'personal-need';
  requestedOn: LocalDate;
}

/** G03-PLAN: AF's copy of a new or revised action or education plan reached the a-kasse (003 § 14). */
export interface ActionPlanCopyReceived {
  planId: string;
  receivedOn: LocalDate;
  /** The revision the copy is of (the day it was revised); absent or null: the plan as first made. */
  revisedOn?: LocalDate | null;
  /**
   * For a revision: whether it changes the member's availability obligation (003 § 14(2): only then is the a-kasse
   * to guide on it); absent or null: not recorded.
   */
  changesAvailability?: boolean | null;
}

/** HP-PREP: the a-kasse received AF's notice that a member is called for a plan interview, or wishes guidance. */
export interface AfNoticeReceived {
  noticeId: string;
  receivedOn: LocalDate;
  /** HP-NOTIFY: mediation-relevant information after 3 months' unemployment in 5; HP-PREP: the other two. */
  reason: 'mediation-relevant-information' | 'called-for-plan' | 'member-wishes-guidance';
  /** From 1995: the preparation period agreed regionally (at most 4 weeks); null where none was agreed. */
  agreedPeriodWeeks: number | null;
}

/**
 * HP-PREP: the preparation meeting (may be a group meeting), after AF's notice or on the member's own approach;
 * the member gets a copy of the a-kasse's notes, and the notes go to AF (000 phase 2, bilag 1; 001 §7, §10).
 */
export interface PreparationMeetingHeld {
  /**
   * AF's notice the meeting answers; null when the member approached the a-kasse unprompted to have a plan made
   * ("henvender sig uopfordret", 000 phase 2; 001 §7): then `approachedOn` says when.
   */
  noticeId: string | null;
  heldOn: LocalDate;
  toldMember: string;
  notesSentToAfOn: LocalDate | null;
  /** The member handed a copy of the a-kasse's notes (000 phase 2; 001 §10); absent or null: not recorded. */
  copyGivenToMemberOn?: LocalDate | null;
  /** Without a notice: the day the member approached the a-kasse unprompted for a plan; null with a notice. */
  approachedOn?: LocalDate | null;
  /**
   * Without a notice: the day the a-kasse referred the member to AF to have the plan made (000 phase 2; 001 §7);
   * absent or null: not recorded.
   */
  referredToAfOn?: LocalDate | null;
}

/** HP-PLAN: the person asked AF for an action plan. */
export interface ActionPlanRequested {
  planId: string;
  requestedOn: LocalDate;
  /** Covered by the transitional order (overgangsordninger): the 3-month limit does not apply. */
  transitionalOrder: boolean;
}

/** An action plan agreed between the person and AF, or a revision of it (earlier agreements stay visible). */
export interface ActionPlanCompleted {
  planId: string;
  completedOn: LocalDate;
  employmentGoal: string;
  activities: string[];
  /** HP-FOLLOWUP: the follow-up contact the plan contains; null when it has none. */
  followUpContactOn: LocalDate | null;
  /** A concrete offer the plan starts, which ends the objection window early (HP-OBJECT). */
  offerStartsOn: LocalDate | null;
  /** HP-COPY: the copy sent to the a-kasse. */
  copyToAkasseOn: LocalDate | null;
  /** AF started without the a-kasse's preparation meeting: at the person's wish (§37(2)) or for a current offer (§37(3)). */
  preparationSkipped: 'person-wished' | 'current-offer' | null;
  /**
   * Whether making the plan changes the member's availability obligation: from the 1995 order the a-kasse guides on
   * a plan only then (001 §7, HP-AFTER). Null or absent (facts recorded before it existed): not known.
   */
  changesAvailability?: boolean | null;
  /**
   * HP-PREP (000 phase 2, order §37(2)): the day AF told the person of the option of a meeting with the a-kasse,
   * before beginning a plan without one at the person's wish. Absent or null: not recorded.
   */
  personToldOfAkasseMeetingOn?: LocalDate | null;
}

export interface ActionPlanRevised {
  planId: string;
  revisedOn: LocalDate;
  reason: string;
  cause: 'offer-outside-plan' | 'follow-up' | 'person-request' | 'labour-market-change';
  /** The offer the revision adds, when it is one not in the plan (HP-REVISE). */
  offerId: string | null;
  changes: string[];
  offerStartsOn: LocalDate | null;
  copyToAkasseOn: LocalDate | null;
  /** Whether the revision changes the availability obligation (001 §7, HP-AFTER); null or absent: not known. */
  changesAvailability?: boolean | null;
  /**
   * HP-PREP (000 phase 3, order §37(2)): the day AF told the person of the option of a conversation with the
   * a-kasse before the revision is made (not owed for a revision with a current offer). Absent or null: not recorded.
   */
  personToldOfAkasseMeetingOn?: LocalDate | null;
}

/** HP-OBJECT: the person objects to the plan or its latest revision. */
export interface ActionPlanObjected {
  planId: string;
  objectedOn: LocalDate;
}

/** HP-REVISE: AF gives an offer that the plan does not contain. */
export interface OfferOutsidePlanGiven {
  planId: string;
  offerId: string;
  givenOn: LocalDate;
}

/** HP-REFUSE: the person refused to take part in making or revising a plan. */
export interface PlanParticipationRefused {
  refusalId: string;
  refusedOn: LocalDate;
  akasseNotifiedOn: LocalDate | null;
  /** AF tells the person, at the same time, that the a-kasse was notified and of the right to complain. */
  personToldOn: LocalDate | null;
}

/**
 * HP-TARGET, the a-kasse's "backstop" (000 phase 2; 001 §7): it noticed that a member belongs to a target group
 * of the Arbejdsmarkedsråd, but has not been told by AF that the member is called for a plan interview.
 */
export interface UncalledTargetGroupMemberNoticed {
  backstopId: string;
  noticedOn: LocalDate;
  /** The Arbejdsmarkedsråd's target group, by its code in the council's description (not free text). */
  targetGroup: string;
  /** The day the a-kasse told AF; null while it has not. */
  reportedToAfOn: LocalDate | null;
}

/** The subsections of 001 §8 whose guidance meeting the a-kasse holds (§8(2)'s content is not in the seeds). */
export type MeetingSection = '§8(1)' | '§8(2)' | '§8(3)' | '§8(4)';

/**
 * HP-MEET39: a guidance meeting the a-kasse held under 001 §8 (on cumulative unemployment), with what HP-NOTES
 * asks it to note (001 §10, §11). Deliberately without the date, workplace, hours or way of each application,
 * which the a-kasse must not note.
 */
export interface CumulativeUnemploymentMeetingHeld {
  meetingId: string;
  heldOn: LocalDate;
  /** The duties of 001 §8 the meeting answers: §8(1) each 39-week period, §8(3) the right to a reasonable offer, §8(4) moving to sub-period 2. */
  sections: MeetingSection[];
  /** What the member said (employment and education wishes and needs) and was informed and guided about. */
  toldMember: string;
  /** Applications since unemployment began or the last meeting, within and outside the a-kasse's trade. */
  applicationsWithinTrade: number;
  applicationsOutsideTrade: number;
  /**
   * The months those counts cover: any period up to 6 ("indtil 6 måneder", 001 §10), a part of a month as a
   * fraction (e.g. 1.5); at least 6 when more than 39 weeks passed since the last meeting.
   */
  applicationsPeriodMonths: number;
  /** The kind and time of each course the member completed. */
  coursesTaken: string[];
  /** Whether the member followed the action plan (and so met the availability obligation); null without a plan. */
  followedPlan: boolean | null;
  /** 001 §11: the member's signature confirming the meeting and its content; null while not signed. */
  memberSignedOn: LocalDate | null;
  /** 001 §10, bilag 1: the noted information sent to AF in immediate continuation of the meeting. */
  reportedToAfOn: LocalDate | null;
}

/**
 * HP-MEET39 (001 §8): the periods that count towards §8(4)'s weeks although the member is not on benefits, and
 * during which the a-kasse need not call the member to a guidance meeting: sabbatical leave (AFL §55(7)) and
 * activity benefit (aktivitetsydelse, AFL §97 g).
 */
export type LeavePeriodKind = 'sabbatical-55-7' | 'activity-benefit-97g';

export interface LeavePeriodBegan {
  leaveId: string;
  kind: LeavePeriodKind;
  from: LocalDate;
  /** Planned end (the last day), when known; LeavePeriodEnded records the actual one. */
  to: LocalDate | null;
}

export interface LeavePeriodEnded {
  leaveId: string;
  /** The last day of the leave. */
  endedOn: LocalDate;
}

/**
 * HP-MEET39 (001 §8): the day the member's reference period in sub-period 1 ends, as the a-kasse knows it on
 * `knownOn`; from 3 months before it the a-kasse holds the meeting on moving to sub-period 2. A later one
 * (by `knownOn`) replaces an earlier one.
 */
export interface SubPeriodOneEndKnown {
  knownOn: LocalDate;
  endsOn: LocalDate;
}

/** AV (seed 004): the situations that change what availability asks of a person during a plan. */
export type AvailabilitySituationKind =
  | 'plan-offer-job-training'
  | 'plan-offer-pool-job'
  | 'plan-offer-education'
  | 'plan-offer-other'
  | 'education-62a'
  | 'amu-retraining'
  | 'educational-leave-granted'
  | 'educational-leave'
  | 'establishment-allowance'
  | 'under-25-education-plan-offer';

export interface AvailabilitySituationBegan {
  situationId: string;
  kind: AvailabilitySituationKind;
  from: LocalDate;
  /** Planned end, when known; AvailabilitySituationEnded records the actual one. */
  to: LocalDate | null;
  /** In an offer under an action plan the person searches for work only when the plan says so. */
  planRequiresSearch: boolean;
  /**
   * In education paid with uddannelsesgodtgørelse or uddannelsesorlovsydelse (an education offer, educational
   * leave), abroad and not residing in Denmark: not available for mediated work (004 §2, §7). Ignored elsewhere.
   */
  studyAbroadNotResident: boolean;
}

export interface AvailabilitySituationEnded {
  situationId: string;
  endedOn: LocalDate;
}

/** AV-WAIVE: AF concretely exempts the person from accepting mediated work during an offer or education. */
export interface MediatedWorkWaived {
  situationId: string;
  decidedOn: LocalDate;
  reason: string;
}

/** AV-SANCTION / AV-NOTIFY: the person refused a mediated ordinary job. */
export interface MediatedWorkRefused {
  refusalId: string;
  refusedOn: LocalDate;
  /** AF weighed the considerations of 004 §6 (someone not in an offer first, time left, lasting employment, duration). */
  considerationsWeighed: boolean;
  akasseNotifiedOn: LocalDate | null;
  /** For a person receiving elevstøtte the education institution is notified too. */
  receivesElevstoette: boolean;
  institutionNotifiedOn: LocalDate | null;
}

/** Derived by the system: an obligation's deadline passed without it being met. */
export interface DeadlineMissed {
  obligationKey: string;
  ruleId: string;
  dueOn: LocalDate;
  detectedOn: LocalDate;
}

/** The facts people record, which they may later correct or retract; derived facts are the system's own. */
/** Why a person's personal data was erased (crypto-shredded). */
export type ErasureReason = 'retention-period-expired' | 'data-subject-request' | 'registered-in-error';

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

export type DerivedEventType = 'ContactProcessHandedOver' | 'DeadlineMissed';
export type CorrectionEventType = 'FactRetracted' | 'FactCorrected';
export type CorrectableEventType = Exclude<
  ContactProcessEventType,
  DerivedEventType | CorrectionEventType | 'PersonErased'
>;

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
 * its own (the person facts), so the day it was recorded is used. One entry per type: a new event type does not
 * compile until it says which of its dates is the one.
 */
export const OCCURRED_ON: { [T in ContactProcessEventType]: (data: DataOf<T>) => LocalDate | null } = {
  PersonFactsRecorded: () => null,
  PlacedInBenefitPeriod: (e) => e.placedOn,
  RegisteredAsJobseeker: (e) => e.registeredOn,
  DeregisteredAsJobseeker: (e) => e.deregisteredOn,
  // The consumption happened over the month, but the a-kasse's registration is the fact recorded (002 §2.2).
  BenefitHoursReported: (e) => e.registeredOn,
  JobInterviewHeld: (e) => e.heldOn,
  AvailabilityInterviewHeld: (e) => e.heldOn,
  InterviewFormChosen: (e) => e.chosenOn,
  InterviewFormChangedByOwner: (e) => e.changedOn,
  CvMarkedComplete: (e) => e.markedOn,
  JobSearchRequirementsSet: (e) => e.setOn,
  VisitatedToJobcenter: (e) => e.visitatedOn,
  ControlActionDoubtReceived: (e) => e.receivedOn,
  OfferRequested: (e) => e.requestedOn,
  OfferGranted: (e) => e.grantedOn,
  OfferRefused: (e) => e.refusedOn,
  MinPlanPrepared: (e) => e.preparedOn,
  MinPlanRevised: (e) => e.revisedOn,
  JointRecommendationSent: (e) => e.sentOn,
  JointRecommendationAnswered: (e) => e.answeredOn,
  SelfBookingRevoked: (e) => e.decidedOn,
  LessIntensiveEffortGroundDocumented: (e) => e.from,
  LessIntensiveEffortGroundEnded: (e) => e.endedOn,
  LessIntensiveEffortOverruled: (e) => e.decidedOn,
  NuphSent: (e) => e.sentOn,
  NuphAnswered: (e) => e.answeredOn,
  InterviewDutyExempted: (e) => e.exemptedOn,
  GuidanceGiven: (e) => e.givenOn,
  GuidanceMeetingHeld: (e) => e.heldOn,
  AfInformationExchanged: (e) => e.exchangedOn,
  GuidanceTriggerKnown: (e) => e.knownOn,
  GuidanceRequested: (e) => e.requestedOn,
  ActionPlanCopyReceived: (e) => e.receivedOn,
  AfNoticeReceived: (e) => e.receivedOn,
  PreparationMeetingHeld: (e) => e.heldOn,
  ActionPlanRequested: (e) => e.requestedOn,
  ActionPlanCompleted: (e) => e.completedOn,
  ActionPlanRevised: (e) => e.revisedOn,
  ActionPlanObjected: (e) => e.objectedOn,
  OfferOutsidePlanGiven: (e) => e.givenOn,
  PlanParticipationRefused: (e) => e.refusedOn,
  UncalledTargetGroupMemberNoticed: (e) => e.noticedOn,
  CumulativeUnemploymentMeetingHeld: (e) => e.heldOn,
  AvailabilitySituationBegan: (e) => e.from,
  AvailabilitySituationEnded: (e) => e.endedOn,
  MediatedWorkWaived: (e) => e.decidedOn,
  MediatedWorkRefused: (e) => e.refusedOn,
  LeavePeriodBegan: (e) => e.from,
  LeavePeriodEnded: (e) => e.endedOn,
  SubPeriodOneEndKnown: (e) => e.knownOn,
  ContactProcessHandedOver: (e) => e.handoverOn,
  DeadlineMissed: (e) => e.dueOn,
  FactRetracted: (e) => e.retractedOn,
  FactCorrected: (e) => e.correctedOn,
  PersonErased: (e) => e.erasedOn,
};

export const DERIVED_EVENT_TYPES: ReadonlySet<string> = new Set<DerivedEventType>([
  'ContactProcessHandedOver',
  'DeadlineMissed',
]);
export const CORRECTION_EVENT_TYPES: ReadonlySet<string> = new Set<CorrectionEventType>([
  'FactRetracted',
  'FactCorrected',
]);

export function isCorrectableEventType(type: string): type is CorrectableEventType {
  return (
    EVENT_TYPES.has(type) &&
    !DERIVED_EVENT_TYPES.has(type) &&
    !CORRECTION_EVENT_TYPES.has(type) &&
    type !== 'PersonErased'
  );
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
