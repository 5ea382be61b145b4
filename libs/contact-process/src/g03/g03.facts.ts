/**
 * The facts of the a-kasse's guidance of 2003 (G03, bekendtgørelse 003): guidance given, guidance meetings,
 * the exchange with AF, triggers and requests, and AF's plan copies — each with its declaration
 * (see `../process/fact-declaration.ts`).
 */
import type { LocalDate } from '@app/legal-time';
import {
  boolean,
  date,
  declareFact,
  id,
  nullable,
  omittable,
  oneOf,
  optional,
  pattern,
  text,
} from '../process/fact-declaration';

/**
 * G03 (seed 003): guidance the a-kasse gave, for one of its guidance duties. What the member was told is
 * recorded with it, as § 28 requires (G03-NOTE).
 */
export const GUIDANCE_FORMS = ['written', 'conversation'] as const;
export interface GuidanceGiven {
  /** The G03 rule the guidance fulfils: G03-INFO, -59, -60CERT, -60LIMIT, -60RIGHT, -30, -PLAN, -HELP, -PERSONAL, -EVENT. */
  duty: string;
  givenOn: LocalDate;
  /** The trigger, request or plan it answers (triggerId / requestId / planId); null for duties without one. */
  relatesTo: string | null;
  form: (typeof GUIDANCE_FORMS)[number];
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

export const AF_EXCHANGE_DIRECTIONS = ['to-af', 'from-af'] as const;
export const AF_EXCHANGE_SUBJECTS = ['contact-person', 'relevant-information'] as const;
/**
 * G03-EXCH (003 § 29): information the a-kasse gave AF, or received from it, for the guidance of an unemployed
 * member. The meeting's date goes with GuidanceMeetingHeld (`reportedToAfOn`).
 */
export interface AfInformationExchanged {
  exchangeId: string;
  exchangedOn: LocalDate;
  /** 'to-af': the a-kasse told AF (§ 29(3)); 'from-af': AF told the a-kasse (§ 29(2)). */
  direction: (typeof AF_EXCHANGE_DIRECTIONS)[number];
  /** Who the member's contact person is (§ 29(3) no. 3, § 29(2)), or information that matters to the effort (no. 2). */
  subject: (typeof AF_EXCHANGE_SUBJECTS)[number];
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

export const GUIDANCE_REQUEST_KINDS = ['digital-registration', 'cv-on-jobnet', 'personal-need'] as const;
/** G03-HELP / G03-PERSONAL: the member asked for help (§ 4) or a special need became known (§ 5). */
export interface GuidanceRequested {
  requestId: string;
  kind: (typeof GUIDANCE_REQUEST_KINDS)[number];
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

export const G03_FACTS = {
  GuidanceGiven: declareFact('GuidanceGiven', {
    command: 'RecordGuidance',
    recordedBy: 'akasse',
    occurredOn: (e) => e.givenOn,
    fields: {
      // A G03 duty, or under the action plans of 1994–2002 HP-AFTER / AV-EXPLAIN.
      duty: pattern(/^(G03|HP|AV)-[A-Z0-9]+$/),
      givenOn: date(),
      relatesTo: nullable(id()),
      form: oneOf(GUIDANCE_FORMS),
      toldMember: text(4000, 'personal'),
      memberInformation: optional(text(4000, 'personal')),
      personalConversationOffered: omittable(boolean()),
    },
    example: {
      duty: 'G03-INFO',
      givenOn: '2003-03-03',
      relatesTo: null,
      form: 'written',
      toldMember:
        'the availability obligation (7 items), the contact process, offers, consequences (003 § 2)',
    },
  }),
  GuidanceMeetingHeld: declareFact('GuidanceMeetingHeld', {
    command: 'RecordGuidanceMeeting',
    recordedBy: 'akasse',
    occurredOn: (e) => e.heldOn,
    fields: {
      meetingId: id(),
      heldOn: date(),
      toldMember: text(4000, 'personal'),
      memberInformation: optional(text(4000, 'personal')),
      reportedToAfOn: nullable(date()),
    },
    example: {
      meetingId: 'gm-0001',
      heldOn: '2003-07-15',
      toldMember:
        'availability, job opportunities, the contact process, offers, self-chosen education (003 § 6)',
      memberInformation: 'wants to move into bookkeeping; evening course started in June',
      reportedToAfOn: '2003-07-16',
    },
  }),
  AfInformationExchanged: declareFact('AfInformationExchanged', {
    command: 'RecordAfExchange',
    recordedBy: 'akasse',
    occurredOn: (e) => e.exchangedOn,
    fields: {
      exchangeId: id(),
      exchangedOn: date(),
      direction: oneOf(AF_EXCHANGE_DIRECTIONS),
      subject: oneOf(AF_EXCHANGE_SUBJECTS),
      meetingId: nullable(id()),
      content: text(4000, 'personal'),
    },
    example: {
      exchangeId: 'ax-0001',
      exchangedOn: '2003-07-16',
      direction: 'to-af',
      subject: 'contact-person',
      meetingId: null,
      content: 'the member’s contact person at the a-kasse: the caseworker on team 2, phone 70 20 30 40',
    },
  }),
  GuidanceTriggerKnown: declareFact('GuidanceTriggerKnown', {
    command: 'RecordGuidanceTrigger',
    recordedBy: 'akasse',
    occurredOn: (e) => e.knownOn,
    fields: {
      triggerId: id(),
      // A section of 003 §§ 10–25, or a subsection with its own duty: "§20(3)", "§20(4)".
      section: pattern(/^§\d{1,2}(\(\d\))?$/),
      knownOn: date(),
      eventOn: nullable(date()),
    },
    example: { triggerId: 'gt-0001', section: '§16', knownOn: '2003-06-02', eventOn: null },
  }),
  GuidanceRequested: declareFact('GuidanceRequested', {
    command: 'RecordGuidanceRequest',
    recordedBy: 'akasse',
    occurredOn: (e) => e.requestedOn,
    fields: { requestId: id(), kind: oneOf(GUIDANCE_REQUEST_KINDS), requestedOn: date() },
    example: { requestId: 'gr-0001', kind: 'cv-on-jobnet', requestedOn: '2003-04-01' },
  }),
  ActionPlanCopyReceived: declareFact('ActionPlanCopyReceived', {
    command: 'ReceiveActionPlanCopy',
    recordedBy: 'akasse',
    occurredOn: (e) => e.receivedOn,
    fields: {
      planId: id(),
      receivedOn: date(),
      revisedOn: optional(date()),
      changesAvailability: optional(boolean()),
    },
    example: { planId: 'plan-0001', receivedOn: '2003-05-02' },
  }),
};
