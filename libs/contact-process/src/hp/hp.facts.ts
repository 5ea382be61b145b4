/**
 * The facts of the action plans of 1993–96 (HP: the orders of 1994 and 1995, bekendtgørelser 000 and 001):
 * AF's notices, preparation meetings, the plans and their revisions, objections and refusals, the a-kasse's
 * backstop, the meetings on cumulative unemployment and the periods that count towards them — each with its
 * declaration (see `../process/fact-declaration.ts`).
 */
import type { LocalDate } from '@app/legal-time';
import {
  boolean,
  date,
  decimal,
  declareFact,
  id,
  integer,
  nullable,
  oneOf,
  oneOfList,
  optional,
  text,
  textList,
} from '../process/fact-declaration';

/** HP-PREP: the a-kasse received AF's notice that a member is called for a plan interview, or wishes guidance. */
export const AF_NOTICE_REASONS = [
  'mediation-relevant-information',
  'called-for-plan',
  'member-wishes-guidance',
] as const;
export interface AfNoticeReceived {
  noticeId: string;
  receivedOn: LocalDate;
  /** HP-NOTIFY: mediation-relevant information after 3 months' unemployment in 5; HP-PREP: the other two. */
  reason: (typeof AF_NOTICE_REASONS)[number];
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

export const PREPARATION_SKIPPED_REASONS = ['person-wished', 'current-offer'] as const;
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
  preparationSkipped: (typeof PREPARATION_SKIPPED_REASONS)[number] | null;
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

export const PLAN_REVISION_CAUSES = [
  'offer-outside-plan',
  'follow-up',
  'person-request',
  'labour-market-change',
] as const;
export interface ActionPlanRevised {
  planId: string;
  revisedOn: LocalDate;
  reason: string;
  cause: (typeof PLAN_REVISION_CAUSES)[number];
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
export const MEETING_SECTIONS = ['§8(1)', '§8(2)', '§8(3)', '§8(4)'] as const;
export type MeetingSection = (typeof MEETING_SECTIONS)[number];

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
export const LEAVE_PERIOD_KINDS = ['sabbatical-55-7', 'activity-benefit-97g'] as const;
export type LeavePeriodKind = (typeof LEAVE_PERIOD_KINDS)[number];

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

export const HP_FACTS = {
  AfNoticeReceived: declareFact('AfNoticeReceived', {
    command: 'ReceiveAfNotice',
    recordedBy: 'akasse',
    occurredOn: (e) => e.receivedOn,
    fields: {
      noticeId: id(),
      receivedOn: date(),
      reason: oneOf(AF_NOTICE_REASONS),
      agreedPeriodWeeks: nullable(integer(1, 4)),
    },
    example: {
      noticeId: 'af-0001',
      receivedOn: '1994-04-05',
      reason: 'called-for-plan',
      agreedPeriodWeeks: null,
    },
  }),
  PreparationMeetingHeld: declareFact('PreparationMeetingHeld', {
    command: 'RecordPreparationMeeting',
    recordedBy: 'akasse',
    occurredOn: (e) => e.heldOn,
    fields: {
      noticeId: nullable(id()),
      heldOn: date(),
      toldMember: text(4000, 'personal'),
      notesSentToAfOn: nullable(date()),
      copyGivenToMemberOn: optional(date()),
      approachedOn: optional(date()),
      referredToAfOn: optional(date()),
    },
    example: {
      noticeId: 'af-0001',
      heldOn: '1994-04-20',
      toldMember: 'how the plan is made; availability until a plan exists (000 phase 2)',
      notesSentToAfOn: '1994-04-20',
      copyGivenToMemberOn: '1994-04-20',
      approachedOn: null,
      referredToAfOn: null,
    },
  }),
  ActionPlanRequested: declareFact('ActionPlanRequested', {
    command: 'RequestActionPlan',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.requestedOn,
    fields: { planId: id(), requestedOn: date(), transitionalOrder: boolean() },
    example: { planId: 'hp-0001', requestedOn: '1994-05-02', transitionalOrder: false },
  }),
  ActionPlanCompleted: declareFact('ActionPlanCompleted', {
    command: 'CompleteActionPlan',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.completedOn,
    fields: {
      planId: id(),
      completedOn: date(),
      employmentGoal: text(500, 'personal'),
      activities: textList(500, 'personal'),
      followUpContactOn: nullable(date()),
      offerStartsOn: nullable(date()),
      copyToAkasseOn: nullable(date()),
      preparationSkipped: nullable(oneOf(PREPARATION_SKIPPED_REASONS)),
      changesAvailability: optional(boolean()),
      personToldOfAkasseMeetingOn: optional(date()),
    },
    example: {
      planId: 'hp-0001',
      completedOn: '1994-06-01',
      employmentGoal: 'warehouse worker',
      activities: ['forklift course'],
      followUpContactOn: '1994-09-01',
      offerStartsOn: null,
      copyToAkasseOn: '1994-06-01',
      preparationSkipped: null,
      personToldOfAkasseMeetingOn: null,
    },
  }),
  ActionPlanRevised: declareFact('ActionPlanRevised', {
    command: 'ReviseActionPlan',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.revisedOn,
    fields: {
      planId: id(),
      revisedOn: date(),
      reason: text(2000, 'personal'),
      cause: oneOf(PLAN_REVISION_CAUSES),
      offerId: nullable(id()),
      changes: textList(500, 'personal'),
      offerStartsOn: nullable(date()),
      copyToAkasseOn: nullable(date()),
      changesAvailability: optional(boolean()),
      personToldOfAkasseMeetingOn: optional(date()),
    },
    example: {
      planId: 'hp-0001',
      revisedOn: '1994-08-10',
      reason: 'job training offered at a warehouse',
      cause: 'offer-outside-plan',
      offerId: 'o-0001',
      changes: ['job training added'],
      offerStartsOn: '1994-08-20',
      copyToAkasseOn: '1994-08-10',
      personToldOfAkasseMeetingOn: null,
    },
  }),
  ActionPlanObjected: declareFact('ActionPlanObjected', {
    command: 'ObjectToActionPlan',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.objectedOn,
    fields: { planId: id(), objectedOn: date() },
    example: { planId: 'hp-0001', objectedOn: '1994-06-15' },
  }),
  OfferOutsidePlanGiven: declareFact('OfferOutsidePlanGiven', {
    command: 'GiveOfferOutsidePlan',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.givenOn,
    fields: { planId: id(), offerId: id(), givenOn: date() },
    example: { planId: 'hp-0001', offerId: 'o-0001', givenOn: '1994-08-08' },
  }),
  PlanParticipationRefused: declareFact('PlanParticipationRefused', {
    command: 'RefusePlanParticipation',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.refusedOn,
    fields: {
      refusalId: id(),
      refusedOn: date(),
      akasseNotifiedOn: nullable(date()),
      personToldOn: nullable(date()),
    },
    example: {
      refusalId: 'rf-0001',
      refusedOn: '1994-05-10',
      akasseNotifiedOn: '1994-05-10',
      personToldOn: '1994-05-10',
    },
  }),
  UncalledTargetGroupMemberNoticed: declareFact('UncalledTargetGroupMemberNoticed', {
    command: 'NoticeUncalledTargetGroupMember',
    recordedBy: 'akasse',
    occurredOn: (e) => e.noticedOn,
    // The target group's code in the Arbejdsmarkedsråd's description: an id, never free text.
    fields: { backstopId: id(), noticedOn: date(), targetGroup: id(), reportedToAfOn: nullable(date()) },
    example: {
      backstopId: 'tg-0001',
      noticedOn: '1995-09-04',
      targetGroup: 'amr-1995-long-term-unemployed',
      reportedToAfOn: '1995-09-05',
    },
  }),
  CumulativeUnemploymentMeetingHeld: declareFact('CumulativeUnemploymentMeetingHeld', {
    command: 'RecordCumulativeUnemploymentMeeting',
    recordedBy: 'akasse',
    occurredOn: (e) => e.heldOn,
    // HP-NOTES: what the member said and was told, and the courses they took, are personal.
    fields: {
      meetingId: id(),
      heldOn: date(),
      sections: oneOfList(MEETING_SECTIONS, 1, 4),
      toldMember: text(4000, 'personal'),
      applicationsWithinTrade: integer(0, 10000),
      applicationsOutsideTrade: integer(0, 10000),
      // Any period up to 6 months (001 §10), a part of a month as a fraction.
      applicationsPeriodMonths: decimal(2, 'positive', 6),
      coursesTaken: textList(500, 'personal'),
      followedPlan: nullable(boolean()),
      memberSignedOn: nullable(date()),
      reportedToAfOn: nullable(date()),
    },
    example: {
      meetingId: 'gm-1996-0001',
      heldOn: '1996-01-15',
      sections: ['§8(1)', '§8(3)'],
      toldMember:
        'wishes to train as a crane operator; told of rights and duties, the right to a reasonable offer (001 §8)',
      applicationsWithinTrade: 9,
      applicationsOutsideTrade: 3,
      applicationsPeriodMonths: 6,
      coursesTaken: ['AMU forklift certificate, November 1995'],
      followedPlan: null,
      memberSignedOn: '1996-01-15',
      reportedToAfOn: '1996-01-16',
    },
  }),
  LeavePeriodBegan: declareFact('LeavePeriodBegan', {
    command: 'BeginLeavePeriod',
    recordedBy: 'akasse',
    occurredOn: (e) => e.from,
    fields: { leaveId: id(), kind: oneOf(LEAVE_PERIOD_KINDS), from: date(), to: nullable(date()) },
    example: { leaveId: 'lv-0001', kind: 'sabbatical-55-7', from: '1996-02-01', to: '1996-07-31' },
  }),
  LeavePeriodEnded: declareFact('LeavePeriodEnded', {
    command: 'EndLeavePeriod',
    recordedBy: 'akasse',
    occurredOn: (e) => e.endedOn,
    fields: { leaveId: id(), endedOn: date() },
    example: { leaveId: 'lv-0001', endedOn: '1996-07-31' },
  }),
  SubPeriodOneEndKnown: declareFact('SubPeriodOneEndKnown', {
    command: 'RecordSubPeriodOneEnd',
    recordedBy: 'akasse',
    occurredOn: (e) => e.knownOn,
    fields: { knownOn: date(), endsOn: date() },
    example: { knownOn: '1997-09-01', endsOn: '1998-02-28' },
  }),
};
