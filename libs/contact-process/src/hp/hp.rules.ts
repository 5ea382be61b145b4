/**
 * HP — individual action plans under the act on an active labour-market policy, 1994–2002 (seeds 000, 001,
 * 004). Ids and references as in `shared/domain/RULES.md`; the Danish originals win where they differ.
 * AF (arbejdsformidlingen) is the jobcentre of its day: `jobcenter` in the code.
 */
import { localDate, type LocalDate } from '@app/legal-time';
import type { AvailabilitySituationKind, LeavePeriodKind, MeetingSection } from '../contact-process.events';
import type { RuleSet } from '../engine/rule';

export const HP: RuleSet = {
  id: 'HP',
  title: 'Individual action plans (handlingsplaner), 1994 until the guidance order of 2003',
  effective: { from: localDate('1994-01-01'), to: localDate('2002-12-31') },
  source:
    'Arbejdsministeriet guidance of 13/10/1993 (seed 000); Direktoratet guidance to order no. 190 of 23/03/1995 (seed 001); Arbejdsmarkedsstyrelsen 31/01/1996 (seed 004)',
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

/** From order no. 190 of 23 March 1995 (001) on, notices follow its preparation period (in-force day unverified). */
export const ORDER_1995_FROM = {
  id: 'HP-ORDER-1995',
  value: localDate('1995-03-23'),
  source: 'seed 001: order no. 190 of 23/03/1995 (the day it took effect is not in the seed)',
  verified: false,
};

/**
 * The 1995 order (and so 001 §8–§11) gave way to order no. 310 of 19/05/1999 on the a-kasse's duty to guide, which
 * 003 §32(2) repeals in 2003: its text is not in the seeds, so duties of 001 §8 arising from then on are not
 * evaluated. The day it took effect is not in the seeds either.
 */
export const ORDER_1995_UNTIL = {
  id: 'HP-ORDER-1995-UNTIL',
  value: localDate('1999-05-19'),
  source:
    '003 §32(2): order no. 310 of 19/05/1999 on the a-kasse’s duty to guide (its in-force day is not in the seeds)',
  verified: false,
};

/** A threshold of 001 §8: weeks of cumulative unemployment, turned into hours by HOURS-PER-WEEK. */
export interface MeetingThreshold {
  id: string;
  version: number;
  weeks: number;
  source: string;
  verified: boolean;
}

/**
 * The thresholds of 001 §8 that the seed does not state. §8(1)–(3) count hours (order on an active labour-market
 * effort §§125–126), §8(4) weeks (AFL §55(1),(2)); all are kept as weeks here and counted over the benefit hours
 * reported. Unverified: change them here when the order's text is found. §8(2)'s content is not in the seeds.
 */
export const MEETING_THRESHOLDS: Record<Exclude<MeetingSection, '§8(2)'>, MeetingThreshold> = {
  '§8(1)': {
    id: 'HP-MEET39-8(1)',
    version: 1,
    weeks: 39,
    source:
      '001 §8 speaks of "39-ugers perioden"; RULES.md default 39 weeks = 39 × 37 h = 1,443 h (the order’s text is not in the seeds)',
    verified: false,
  },
  '§8(3)': {
    id: 'HP-MEET39-8(3)',
    version: 1,
    weeks: 39,
    source: 'not in the seeds; RULES.md default 39 weeks = 1,443 h',
    verified: false,
  },
  '§8(4)': {
    id: 'HP-MEET39-8(4)',
    version: 1,
    weeks: (44 * 52) / 12,
    source:
      '001 §8: "sammenlagt 44 måneder", counted in weeks (AFL §55(1),(2)); 52/12 weeks a month is our conversion, and weeks with §55(6) benefits cannot be told apart in the reported hours',
    verified: false,
  },
};

/** 001 §8 says "når" (when) the condition is met, and gives no time for the meeting; our default. */
export const MEETING_HELD_WITHIN = {
  id: 'HP-MEET39-HELD-WITHIN',
  version: 1,
  weeks: 4,
  source:
    'not in the seeds: borrowed from the 4 weeks the a-kasse has for its preparation meeting (000 phase 2; 001 §7)',
  verified: false,
};

/** §8(3), §8(4): no meeting is needed when the a-kasse guided on the same "within about the last 2 months". */
export const RECENT_GUIDANCE = {
  id: 'HP-MEET39-RECENT',
  version: 1,
  months: 2,
  source: '001 §8: "inden for de seneste ca. 2 måneder"; "ca." read as 2 calendar months',
  verified: false,
};

/**
 * The meeting on moving to sub-period 2 (001 §8, with §8(4)): owed when the reference period of sub-period 1
 * ends within 3 months, though the member has not been unemployed for 44 months in all.
 */
export const SUB_PERIOD_TWO_AHEAD = {
  id: 'HP-MEET39-SUB-PERIOD-2',
  version: 1,
  months: 3,
  source:
    '001 §8: "Når den lediges referenceperiode i delperiode 1 udløber inden for 3 måneder ... uanset at medlemmet ikke har været ledig i sammenlagt 44 måneder"; calendar months',
  verified: true,
};

/**
 * The periods of 001 §8 during which the a-kasse may skip calling the member to a guidance meeting, after which
 * it must call one, and whose weeks count towards §8(4).
 */
export const LEAVE_PERIOD_KINDS: Record<LeavePeriodKind, string> = {
  'sabbatical-55-7': 'sabbatical leave (AFL §55(7))',
  'activity-benefit-97g': 'activity benefit (aktivitetsydelse, AFL §97 g)',
};

/** HP-NOTES: when more than 39 weeks (elapsed time) passed since the last meeting, the applications cover 6 months. */
export const FULL_APPLICATION_PERIOD_AFTER = {
  id: 'HP-NOTES-39-WEEKS',
  version: 1,
  days: 39 * 7,
  source: '001 §10: "længere varighed end 39 uger" between the last and the current meeting',
  verified: true,
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
