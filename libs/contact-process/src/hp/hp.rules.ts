/**
 * HP — individual action plans under the act on an active labour-market policy, 1994–2002 (seeds 000, 001,
 * 004). Ids and references as in `shared/domain/RULES.md`; the Danish originals win where they differ.
 * AF (arbejdsformidlingen) is the jobcentre of its day: `jobcenter` in the code.
 */
import { localDate, type LocalDate } from '@app/legal-time';
import type { AvailabilitySituationKind, LeavePeriodKind, MeetingSection } from '../contact-process.events';
import type { NoStatedLimitParameter, RuleParameter } from '../engine/parameter';
import type { PeriodEndParameter } from '../engine/period-end';
import type { RuleSet } from '../engine/rule';

const GUIDANCE_1993 = 'Arbejdsministeriet guidance of 13/10/1993 (seed 000)';
const ORDER_1995 = 'Direktoratet guidance to order no. 190 of 23/03/1995 (seed 001)';

/** From order no. 190 of 23 March 1995 (001) on, notices follow its preparation period (in-force day unverified). */
export const ORDER_1995_FROM: RuleParameter<LocalDate> = {
  id: 'HP-ORDER-1995',
  value: localDate('1995-03-23'),
  unit: 'day',
  legalReference: 'order no. 190 of 23/03/1995',
  source: 'seed 001: order no. 190 of 23/03/1995 (the day it took effect is not in the seed)',
  verified: false,
  reading: 'the day of the order taken as the day it took effect',
};

/**
 * The 1995 order (and so 001 §8–§11) gave way to order no. 310 of 19/05/1999 on the a-kasse's duty to guide, which
 * 003 §32(2) repeals in 2003: its text is not in the seeds, so duties of 001 §8 arising from then on are not
 * evaluated. The day it took effect is not in the seeds either.
 */
export const ORDER_1995_UNTIL: RuleParameter<LocalDate> = {
  id: 'HP-ORDER-1995-UNTIL',
  value: localDate('1999-05-19'),
  unit: 'day',
  legalReference: '003 §32(2); order no. 310 of 19/05/1999',
  source:
    '003 §32(2): order no. 310 of 19/05/1999 on the a-kasse’s duty to guide (its in-force day is not in the seeds)',
  verified: false,
  reading: 'the day of the later order taken as the day the 1995 order stopped applying',
};

/**
 * What becomes of a duty of the 1995 order (001 §8–§11) unmet when that order gave way to order no. 310/1999
 * (#18 item 1): the seeds have neither the later order's text nor a transition.
 */
export const ORDER_1995_DUTIES_END: RuleParameter<'order-ends' | 'never'> & { unit: 'choice' } = {
  id: 'HP-ORDER-1995-ENDS',
  value: 'order-ends',
  unit: 'choice',
  legalReference: '003 §32(2); order no. 310 of 19/05/1999',
  source:
    '003 §32(2) names order no. 310 of 19/05/1999 as the order it repeals, so the 1995 order had given way to it; neither its text nor what became of duties of the 1995 order unmet then is in the seeds',
  verified: false,
  reading:
    'order-ends: a guidance meeting of 001 §8 or its notes (001 §10, §11) not met by the day before HP-ORDER-1995-UNTIL can no longer be met under the 1995 order, so it is missed from then, not overdue; what order 310/1999 asks instead is not evaluated; never: overdue until met',
};

/** A threshold of 001 §8: weeks of cumulative unemployment, turned into hours by HOURS-PER-WEEK. */
export type MeetingThreshold = RuleParameter<number> & { unit: 'weeks' };

/**
 * The thresholds of 001 §8 that the seed does not state. §8(1)–(3) count hours (order on an active labour-market
 * effort §§125–126), §8(4) weeks (AFL §55(1),(2)); all are kept as weeks here and counted over the benefit hours
 * reported. Unverified: change them here when the order's text is found. §8(2)'s content is not in the seeds.
 */
export const MEETING_THRESHOLDS: Record<Exclude<MeetingSection, '§8(2)'>, MeetingThreshold> = {
  '§8(1)': {
    id: 'HP-MEET39-8(1)',
    value: 39,
    unit: 'weeks',
    legalReference: '001 §8(1)',
    source:
      '001 §8 speaks of "39-ugers perioden"; RULES.md default 39 weeks = 39 × 37 h = 1,443 h (the order’s text is not in the seeds)',
    verified: false,
    reading:
      'each completed 39-week period of cumulative unemployment, counted over the benefit hours reported',
  },
  '§8(3)': {
    id: 'HP-MEET39-8(3)',
    value: 39,
    unit: 'weeks',
    legalReference: '001 §8(3)',
    source: 'not in the seeds; RULES.md default 39 weeks = 1,443 h',
    verified: false,
    reading: 'weeks of cumulative unemployment after which the member is guided on the right to an offer',
  },
  '§8(4)': {
    id: 'HP-MEET39-8(4)',
    value: (44 * 52) / 12,
    unit: 'weeks',
    legalReference: '001 §8(4); AFL §55(1),(2)',
    source:
      '001 §8: "sammenlagt 44 måneder", counted in weeks (AFL §55(1),(2)); 52/12 weeks a month is our conversion, and weeks with §55(6) benefits cannot be told apart in the reported hours',
    verified: false,
    reading: '44 months of cumulative unemployment as weeks (52/12 a month), leave weeks included',
  },
};

/** 001 §8 says "når" (when) the condition is met, and gives no time for the meeting; our default. */
export const MEETING_HELD_WITHIN: RuleParameter<number> & { unit: 'weeks' } = {
  id: 'HP-MEET39-HELD-WITHIN',
  value: 4,
  unit: 'weeks',
  legalReference: '001 §8',
  source:
    'not in the seeds: borrowed from the 4 weeks the a-kasse has for its preparation meeting (000 phase 2; 001 §7)',
  verified: false,
  reading: 'the meeting is due this long after its duty arose',
};

/** §8(3), §8(4): no meeting is needed when the a-kasse guided on the same "within about the last 2 months". */
export const RECENT_GUIDANCE: RuleParameter<number> & { unit: 'months' } = {
  id: 'HP-MEET39-RECENT',
  value: 2,
  unit: 'months',
  legalReference: '001 §8',
  source: '001 §8: "inden for de seneste ca. 2 måneder"; "ca." read as 2 calendar months',
  verified: false,
  reading: 'guidance on the same this many calendar months before the duty arose spares the meeting',
};

/**
 * The meeting on moving to sub-period 2 (001 §8, with §8(4)): owed when the reference period of sub-period 1
 * ends within 3 months, though the member has not been unemployed for 44 months in all.
 */
export const SUB_PERIOD_TWO_AHEAD: RuleParameter<number> & { unit: 'months' } = {
  id: 'HP-MEET39-SUB-PERIOD-2',
  value: 3,
  unit: 'months',
  legalReference: '001 §8',
  source:
    '001 §8: "Når den lediges referenceperiode i delperiode 1 udløber inden for 3 måneder ... uanset at medlemmet ikke har været ledig i sammenlagt 44 måneder"; calendar months',
  verified: true,
  reading: 'owed this many calendar months before the reference period of sub-period 1 ends',
};

/** HP-NOTIFY: AF tells the a-kasse after 3 months of unemployment within the last 5 months (000 phase 1). */
export const NOTIFY_AFTER: RuleParameter<number> & { unit: 'months' } = {
  id: 'HP-NOTIFY-MONTHS',
  value: 3,
  unit: 'months',
  legalReference: '000 phase 1, bilag 1',
  source: GUIDANCE_1993,
  verified: true,
  reading: 'months of unemployment in benefit hours (the norm of a month each)',
};

export const NOTIFY_WITHIN: RuleParameter<number> & { unit: 'months' } = {
  id: 'HP-NOTIFY-WINDOW',
  value: 5,
  unit: 'months',
  legalReference: '000 phase 1, bilag 1',
  source: GUIDANCE_1993,
  verified: true,
  reading:
    'the 3 months counted within a window of this many calendar months, ending with the month they are reached in',
};

/**
 * HP-NOTIFY's due day: 000 phase 1 says when AF tells the a-kasse (after 3 months of unemployment within 5), not
 * by when — a reading (see `dueWithoutStatedLimit`).
 */
export const NOTIFY_DUE: NoStatedLimitParameter = {
  id: 'HP-NOTIFY-DUE',
  value: null,
  unit: 'days',
  legalReference: '000 phase 1, bilag 1',
  source: `${GUIDANCE_1993}: "efter 3 måneders ledighed inden for de seneste 5 måneder" names the day the duty arises, no time limit`,
  verified: false,
  reading:
    'no stated time limit: owed from the day the 3 months are reached, due on none — it stays open until AF tells the a-kasse',
};

/** HP-REVISE's due day: the plan is revised "i forbindelse med afgivelse af et tilbud" (order §41(1); 000 phase 3). */
export const REVISE_DUE: NoStatedLimitParameter = {
  id: 'HP-REVISE-DUE',
  value: 0,
  unit: 'days',
  legalReference: 'order §41(1); 000 phase 3',
  source: `${GUIDANCE_1993}: "Handlingsplanen skal altid revideres i forbindelse med afgivelse af et tilbud, der ikke allerede er indeholdt i handlingsplanen"`,
  verified: false,
  reading:
    'no stated time limit: "in connection with giving the offer" read as due the day the offer is given, 0 days after it',
};

/** HP-TARGET's due day: the a-kasse's backstop report to AF (000 phase 2; 001 §7) has no stated time limit. */
export const TARGET_DUE: NoStatedLimitParameter = {
  id: 'HP-TARGET-DUE',
  value: null,
  unit: 'days',
  legalReference: '000 phase 2; 001 §7',
  source: `${GUIDANCE_1993}: "meddeler arbejdsløshedskassen dette til arbejdsformidlingen", no time limit`,
  verified: false,
  reading:
    'no stated time limit: owed from the day the a-kasse noticed the member, due on none; AF calling the member ends it',
};

/** HP-PREP for a member who approaches the a-kasse unprompted (000 phase 2; 001 §7): no stated time limit. */
export const UNPROMPTED_DUE: NoStatedLimitParameter = {
  id: 'HP-PREP-UNPROMPTED-DUE',
  value: null,
  unit: 'days',
  legalReference: '000 phase 2; 001 §7',
  source: `${GUIDANCE_1993}; ${ORDER_1995}: guidance and referral to AF, no time limit`,
  verified: false,
  reading:
    'no stated time limit: owed from the approach, due on none, met once the member is guided and referred',
};

/** HP-PREP's copy of the a-kasse's notes for the member (000 phase 2; 001 §10): the sources name no day. */
export const PREP_COPY_DUE: NoStatedLimitParameter = {
  id: 'HP-PREP-COPY-DUE',
  value: 0,
  unit: 'days',
  legalReference: '000 phase 2; 001 §10',
  source: `${GUIDANCE_1993}: "Medlemmet skal have udleveret en kopi af kassens registreringer", no day named`,
  verified: false,
  reading:
    'no stated time limit: the copy is due at the meeting, 0 days after it, to bring to AF’s plan meeting',
};

/** HP-PREP's notes to AF under the 1993 guidance (000 bilag 1, "Efter samtale i arbejdsløshedskassen"). */
export const PREP_NOTES_1993_DUE: NoStatedLimitParameter = {
  id: 'HP-PREP-NOTES-1993-DUE',
  value: null,
  unit: 'days',
  legalReference: '000 phase 2, bilag 1',
  source: `${GUIDANCE_1993}: the notes go to AF "Efter samtale i arbejdsløshedskassen", no time limit (from the 1995 order "i umiddelbar forlængelse af samtalen", 001 §10)`,
  verified: false,
  reading: 'no stated time limit: owed from the meeting, due on none, under the 1993 guidance',
};

/**
 * What ends the duties following a preparation meeting (the member's copy of the notes, the notes to AF): the
 * sources send both towards AF's plan meeting but say nothing of an end, so it is a reading.
 */
export const PREP_FOLLOW_UPS_END: RuleParameter<'plan-completed' | 'none'> & { unit: 'choice' } = {
  id: 'HP-PREP-FOLLOW-UPS-END',
  value: 'plan-completed',
  unit: 'choice',
  legalReference: '000 phase 2, bilag 1; 001 §10',
  source: `${GUIDANCE_1993}: the copy is for the member to bring to AF, the notes go to AF "Efter samtale i arbejdsløshedskassen"; ${ORDER_1995} §10: "i umiddelbar forlængelse af samtalen"; no end is stated`,
  verified: false,
  reading:
    'plan-completed: both serve the plan AF and the member then make, so once a plan is completed after the meeting one not done is missed, not overdue; none: overdue until done',
};

/** HP-PREP under the 1993 guidance: the a-kasse's preparation meeting within 4 weeks of AF's notice. */
export const PREPARATION_WITHIN: RuleParameter<number> & { unit: 'weeks' } = {
  id: 'HP-PREP-WEEKS',
  value: 4,
  unit: 'weeks',
  legalReference: '000 phase 2',
  source: GUIDANCE_1993,
  verified: true,
  reading:
    "from the a-kasse's receipt of AF's notice; from the 1995 order the regionally agreed period instead",
};

/** HP-PLAN: the plan completed within 3 months of the person's request. */
export const PLAN_WITHIN: RuleParameter<number> & { unit: 'months' } = {
  id: 'HP-PLAN-MONTHS',
  value: 3,
  unit: 'months',
  legalReference: '000 phase 2',
  source: GUIDANCE_1993,
  verified: true,
  reading: 'calendar months from the request (not under the transitional order)',
};

/** HP-OBJECT: the person's 4 weeks to object to a plan or a revision. */
export const OBJECTION_WITHIN: RuleParameter<number> & { unit: 'weeks' } = {
  id: 'HP-OBJECT-WEEKS',
  value: 4,
  unit: 'weeks',
  legalReference: 'order §39; 000 phase 3',
  source: ORDER_1995,
  verified: true,
  reading:
    'from the day the person gets the plan or revision, ended early by a concrete offer starting before',
};

/** HP-NOTES: when more than 39 weeks (elapsed time) passed since the last meeting, the applications cover 6 months. */
const FULL_APPLICATION_DAYS = 39 * 7;
export const FULL_APPLICATION_PERIOD_AFTER: RuleParameter<number> & { unit: 'days' } = {
  id: 'HP-NOTES-39-WEEKS',
  value: FULL_APPLICATION_DAYS,
  unit: 'days',
  legalReference: '001 §10',
  source: '001 §10: "længere varighed end 39 uger" between the last and the current meeting',
  verified: true,
  reading: '39 weeks of elapsed time, in days, between the last meeting and this one',
};

/**
 * The periods of 001 §8 during which the a-kasse may skip calling the member to a guidance meeting, after which
 * it must call one, and whose weeks count towards §8(4).
 */
export const LEAVE_PERIOD_KINDS: Record<LeavePeriodKind, string> = {
  'sabbatical-55-7': 'sabbatical leave (AFL §55(7))',
  'activity-benefit-97g': 'activity benefit (aktivitetsydelse, AFL §97 g)',
};

/** The subsections of 001 §8 a meeting may answer. */
export const MEETING_SECTIONS: readonly MeetingSection[] = ['§8(1)', '§8(2)', '§8(3)', '§8(4)'];

/** Offers under an action plan (AV situations): taking part in one spares the §8(1) meeting and restarts its count. */
export const PLAN_OFFER_KINDS: ReadonlySet<AvailabilitySituationKind> = new Set<AvailabilitySituationKind>([
  'plan-offer-job-training',
  'plan-offer-pool-job',
  'plan-offer-education',
  'plan-offer-other',
  'under-25-education-plan-offer',
]);

/** Whether a duty of order no. 190/1995 (001) arising on `day` falls while that order applied. */
export const underOrder1995 = (day: LocalDate): boolean =>
  day >= ORDER_1995_FROM.value && day < ORDER_1995_UNTIL.value;

/** What the next placement does to the action-plan duties of the earlier benefit period (#18 item 1). */
export const HP_PERIOD_ENDS: PeriodEndParameter = {
  id: 'HP-PERIOD-ENDS',
  value: 'next-placement',
  unit: 'choice',
  legalReference: '000 phases 1–3; 001 §7–§10',
  verified: false,
  source:
    "Arbejdsministeriet guidance of 13/10/1993 (seed 000) and Direktoratet guidance to order no. 190 of 23/03/1995 (seed 001): the duties count from the member's unemployment in the benefit period (3 months, 39 weeks, the plan); neither says what a new placement does to those of the earlier period",
  reading:
    "next-placement: the earlier benefit period's duties end the day before the next placement; one due by then and not met is missed after it, one not yet due then is no longer owed; never: they stay as they are",
};

/** The numbers the action-plan duties are evaluated with, by name (what the read models' versions hash). */
export const HP_PARAMETERS: Readonly<Record<string, RuleParameter<unknown>>> = {
  order1995From: ORDER_1995_FROM,
  order1995Until: ORDER_1995_UNTIL,
  order1995DutiesEnd: ORDER_1995_DUTIES_END,
  meetingThreshold81: MEETING_THRESHOLDS['§8(1)'],
  meetingThreshold83: MEETING_THRESHOLDS['§8(3)'],
  meetingThreshold84: MEETING_THRESHOLDS['§8(4)'],
  meetingHeldWithin: MEETING_HELD_WITHIN,
  recentGuidance: RECENT_GUIDANCE,
  subPeriodTwoAhead: SUB_PERIOD_TWO_AHEAD,
  notifyAfter: NOTIFY_AFTER,
  notifyWithin: NOTIFY_WITHIN,
  notifyDue: NOTIFY_DUE,
  reviseDue: REVISE_DUE,
  targetDue: TARGET_DUE,
  unpromptedDue: UNPROMPTED_DUE,
  preparationCopyDue: PREP_COPY_DUE,
  preparationNotes1993Due: PREP_NOTES_1993_DUE,
  preparationFollowUpsEnd: PREP_FOLLOW_UPS_END,
  preparationWithin: PREPARATION_WITHIN,
  planWithin: PLAN_WITHIN,
  objectionWithin: OBJECTION_WITHIN,
  fullApplicationPeriodAfter: FULL_APPLICATION_PERIOD_AFTER,
  periodEnds: HP_PERIOD_ENDS,
};

export const HP: RuleSet = {
  id: 'HP',
  title: 'Individual action plans (handlingsplaner), 1994 until the guidance order of 2003',
  effective: { from: localDate('1994-01-01'), to: localDate('2002-12-31') },
  source:
    'Arbejdsministeriet guidance of 13/10/1993 (seed 000); Direktoratet guidance to order no. 190 of 23/03/1995 (seed 001); Arbejdsmarkedsstyrelsen 31/01/1996 (seed 004)',
  parameters: HP_PARAMETERS,
  rules: {
    'HP-NOTIFY': {
      id: 'HP-NOTIFY',
      title: "AF notifies the a-kasse of information relevant to job mediation after 3 months' unemployment",
      legalReference: '000 phase 1, bilag 1',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'HP-TARGET': {
      id: 'HP-TARGET',
      // AF's side (the CPR numbers of those called) is its notice, which starts HP-PREP; the duty evaluated is
      // the a-kasse's backstop.
      title:
        'AF tells the a-kasse who is called for a plan interview; the a-kasse reports target-group members not called',
      legalReference: '000 phase 2; 001 §7',
      owner: 'akasse',
      kind: 'deadline',
    },
    'HP-PREP': {
      id: 'HP-PREP',
      // Also: the member's copy of the notes and the notes to AF after it; the guidance of a member who approaches
      // the a-kasse unprompted, referred to AF; and AF's telling the person of the option of an a-kasse meeting
      // before a plan or revision made without one (owner 'jobcenter' on those obligations).
      title:
        "The a-kasse's preparation meeting, after AF's notice (1993: within 4 weeks; 1995: the regionally agreed period) or the member's own approach; AF tells the person of the option before a plan or revision without it",
      legalReference: '000 phase 2, phase 3; 001 §7, §10; order §37(2),(3)',
      owner: 'akasse',
      kind: 'deadline',
    },
    'HP-PLAN': {
      id: 'HP-PLAN',
      title: 'The action plan completed by AF within 3 months of the request',
      legalReference: '000 phase 2',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'HP-COPY': {
      id: 'HP-COPY',
      title: 'A copy of the plan (and of each revision) to the a-kasse when the person gets it',
      legalReference: 'order §38(4); 000 phase 3',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'HP-OBJECT': {
      id: 'HP-OBJECT',
      title:
        'The person may object to the plan or a revision within 4 weeks, unless a concrete offer starts earlier',
      legalReference: 'order §39; 000 phase 3',
      owner: 'person',
      kind: 'right',
    },
    'HP-FOLLOWUP': {
      id: 'HP-FOLLOWUP',
      title: 'Every plan contains a follow-up contact',
      legalReference: 'order §38(2); 000 phase 3',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'HP-AFTER': {
      id: 'HP-AFTER',
      title:
        "The a-kasse's guidance on what the plan means for benefits and availability; a personal conversation offered",
      legalReference: '000; 001 §7; 003 §14',
      owner: 'akasse',
      kind: 'deadline',
    },
    'HP-REVISE': {
      id: 'HP-REVISE',
      title:
        'The plan must be revised when an offer not in it is given; earlier agreements and the reason stay visible',
      legalReference: 'order §41; 000 phase 3',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'HP-REFUSE': {
      id: 'HP-REFUSE',
      title:
        'Refusing to take part in a plan: AF notifies the a-kasse, and tells the person at the same time',
      legalReference: 'order §40; 000 phase 3',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'HP-NOTES': {
      id: 'HP-NOTES',
      title:
        'What a guidance meeting records (applications, courses, wishes; not dates or workplaces), signed by the member',
      legalReference: '001 §10, §11',
      owner: 'akasse',
      kind: 'deadline',
    },
    'HP-MEET39': {
      id: 'HP-MEET39',
      title:
        'Guidance meetings under 001 §8 on cumulative unemployment: each 39 weeks, on the right to an offer, before sub-period 2, after sabbatical leave or activity benefit (thresholds not in the seed)',
      legalReference: '001 §8',
      owner: 'akasse',
      kind: 'deadline',
    },
  },
};
