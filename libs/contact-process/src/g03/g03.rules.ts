/**
 * G03 — the a-kasse's duty to guide (seed 003: bekendtgørelse om en a-kasses pligt til at vejlede, in force
 * 2003-01-01). Ids and references as in `shared/domain/RULES.md`; the Danish original wins where they differ.
 */
import { localDate } from '@app/legal-time';
import type { RuleParameter } from '../engine/parameter';
import type { PeriodEndParameter } from '../engine/period-end';
import type { RuleSet } from '../engine/rule';

const ORDER_2003 = 'Arbejdsdirektoratet, order of 18/12/2002 on the a-kasse’s duty to guide (seed 003)';

export const G03_PARAMETERS = {
  /**
   * A benefit period placed before this day cannot still run on 2003-01-01 (the benefit period was 4 years from
   * 1998), whatever registrations without a recorded deregistration suggest.
   */
  oldestRunningPlacement: {
    id: 'G03-OLDEST-PLACEMENT',
    value: localDate('1999-01-01'),
    unit: 'day',
    legalReference: 'AFL (benefit period of 4 years from 1998)',
    source: 'AFL benefit period of 4 years (from 1998); not in the seeds',
    verified: false,
    reading: 'placed before this day: no longer running on 2003-01-01, so not governed by the order',
  },
  /** "In good time" (G03-30, §§ 17–20): the sources give no period. */
  /**
   * What ends a guidance duty owed before a day (before 30 or 60, before a limited period or the right expires):
   * the order says "before", not what follows a day passed without it — a reading.
   */
  beforeDutyEnds: {
    id: 'G03-BEFORE-ENDS',
    value: 'on-the-day' as 'on-the-day' | 'never',
    unit: 'choice',
    legalReference: '003 §17–23',
    source:
      '003 §17–23: guidance "i god tid" before the event, "senest 3 måneder før" the member turns 60 or the right expires; no end is stated',
    verified: false,
    reading:
      'on-the-day: guidance owed before a day can no longer be given before it once the day has passed, so one not given is missed from the day after, not overdue; never: overdue until given',
  },
  inGoodTime: {
    id: 'G03-IN-GOOD-TIME',
    value: 3,
    unit: 'months',
    legalReference: '003 §17–20, §23(1)',
    source: 'RULES.md "Parameters the seeds do not give": unverified, default 3 months',
    verified: false,
    reading: '"i god tid" read as this many calendar months before the event',
  },
  meetingAfterMonths: {
    id: 'G03-MEET-MONTHS',
    value: 6,
    unit: 'months',
    legalReference: '003 §8',
    source: ORDER_2003,
    verified: true,
    reading: 'months of cumulative unemployment after placement (benefit hours, by the months they cover)',
  },
  meetingAfterMonthsPlacedBefore2003: {
    id: 'G03-MEET-MONTHS-33',
    value: 9,
    unit: 'months',
    legalReference: '003 §33',
    source: ORDER_2003,
    verified: true,
    reading: 'for a member placed before 2003-01-01 and aged 25–59 on that day',
  },
  placedBefore2003FromAge: {
    id: 'G03-MEET-33-FROM-AGE',
    value: 25,
    unit: 'years',
    legalReference: '003 §33',
    source: ORDER_2003,
    verified: true,
    reading: 'the youngest age, on 2003-01-01, of the members § 33 gives 9 months',
  },
  placedBefore2003ToAge: {
    id: 'G03-MEET-33-TO-AGE',
    value: 59,
    unit: 'years',
    legalReference: '003 §33',
    source: ORDER_2003,
    verified: true,
    reading: 'the oldest age, on 2003-01-01, of the members § 33 gives 9 months (both included)',
  },
  certificateGuidanceAge: {
    id: 'G03-59-AGE',
    value: 59,
    unit: 'years',
    legalReference: '003 §9(1)',
    source: ORDER_2003,
    verified: true,
    reading: 'due on the birthday, while the benefit period runs',
  },
  sixty: {
    id: 'G03-60-AGE',
    value: 60,
    unit: 'years',
    legalReference: '003 §9(2), §21, §22',
    source: ORDER_2003,
    verified: true,
    reading: 'the birthday the duties before and at 60 count from',
  },
  certificateBeforeSixty: {
    id: 'G03-60CERT-MONTHS',
    value: 2,
    unit: 'months',
    legalReference: '003 §9(2)',
    source: ORDER_2003,
    verified: true,
    reading: 'at the latest this many calendar months before the 60th birthday',
  },
  limitBeforeSixty: {
    id: 'G03-60LIMIT-MONTHS',
    value: 3,
    unit: 'months',
    legalReference: '003 §21, §22(1)',
    source: ORDER_2003,
    verified: true,
    reading: 'at the latest this many calendar months before the 60th birthday (G03-60LIMIT and § 21)',
  },
  rightExpiryAhead: {
    id: 'G03-60RIGHT-MONTHS',
    value: 3,
    unit: 'months',
    legalReference: '003 §22(2)',
    source: ORDER_2003,
    verified: true,
    reading: 'at the latest this many calendar months before the benefit right of a member over 60 expires',
  },
  /** What the next placement does to the guidance duties of the earlier benefit period (#18 item 1). */
  periodEnds: {
    id: 'G03-PERIOD-ENDS',
    value: 'next-placement',
    unit: 'choice',
    legalReference: '003 §3, §8',
    verified: false,
    source:
      '003 §3 (information "til alle medlemmer, som a-kassen indplacerer i en dagpengeperiode") and §8 (the meeting "senest efter 6 måneders sammenlagt ledighed efter indplaceringstidspunktet"): the duties run from each placement; the order does not say what a new placement does to those of the earlier one',
    reading:
      "next-placement: the earlier benefit period's duties end the day before the next placement, which owes its own; one due by then and not met is missed after it, one not yet due then is no longer owed; never: they stay as they are",
  } satisfies PeriodEndParameter,
  contributionAge: {
    id: 'G03-30-AGE',
    value: 30,
    unit: 'years',
    legalReference: '003 §23(1)',
    source: ORDER_2003,
    verified: true,
    reading: 'the birthday the early-retirement contribution guidance is due "in good time" before',
  },
} satisfies Record<string, RuleParameter<unknown>>;

export const G03: RuleSet = {
  id: 'G03',
  title: "The a-kasse's duty to guide (bekendtgørelse om en a-kasses pligt til at vejlede)",
  effective: { from: localDate('2003-01-01'), to: null },
  source: 'Arbejdsdirektoratet, order of 18/12/2002, in force 2003-01-01 (seed 003)',
  parameters: G03_PARAMETERS,
  rules: {
    'G03-INFO': {
      id: 'G03-INFO',
      title:
        'Written information on the availability obligation, the contact process, offers and consequences',
      legalReference: '003 §2, §3',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-MEET': {
      id: 'G03-MEET',
      title: 'Guidance meeting, at the latest after 6 months of cumulative unemployment (9 months: §33)',
      legalReference: '003 §6–8, §33',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-59': {
      id: 'G03-59',
      title: 'Written guidance on the early-retirement certificate to a member who has turned 59',
      legalReference: '003 §9(1)',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-60CERT': {
      id: 'G03-60CERT',
      title:
        'Guidance on obtaining the early-retirement certificate, what it guarantees and the rights, 2 months before 60',
      legalReference: '003 §9(2)',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-60LIMIT': {
      id: 'G03-60LIMIT',
      title: "An unemployed member's limited benefit right after 60, 3 months before 60",
      legalReference: '003 §22(1)',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-60OFFER': {
      id: 'G03-60OFFER',
      title:
        'A member turning 60: after 6 months of cumulative unemployment both the right and the duty to offers',
      legalReference: '003 §22(3), §33(2)',
      owner: 'akasse',
      kind: 'right',
    },
    'G03-60RIGHT': {
      id: 'G03-60RIGHT',
      title: 'Members over 60: how to regain the right to benefits, 3 months before the right expires',
      legalReference: '003 §22(2)',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-30': {
      id: 'G03-30',
      title: 'What paying the early-retirement contribution means, in good time before 30',
      legalReference: '003 §23(1)',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-PLAN': {
      id: 'G03-PLAN',
      title: 'Guidance on a new or revised action or education plan, on receipt of its copy from AF',
      legalReference: '003 §14',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-HELP': {
      id: 'G03-HELP',
      title: 'Help with digital registration / deregistration and with the CV on Jobnet, on request',
      legalReference: '003 §4',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-PERSONAL': {
      id: 'G03-PERSONAL',
      title: 'Individual, personal guidance whenever the member has a special need',
      legalReference: '003 §5',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-EVENT': {
      id: 'G03-EVENT',
      title:
        'Event-triggered guidance (§§ 10–25) when the a-kasse learns of the event; §§ 17–19 also in good time before the limited period expires, § 21 at the latest 3 months before 60',
      legalReference: '003 §10–25',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-KEEP': {
      id: 'G03-KEEP',
      title: 'Keep the recorded and exchanged information',
      legalReference: '003 §30',
      owner: 'akasse',
      kind: 'precondition',
    },
    'G03-NOTE': {
      id: 'G03-NOTE',
      title: 'Record everything relevant to the guidance and what the member was told',
      legalReference: '003 §28',
      owner: 'akasse',
      kind: 'precondition',
    },
    'G03-EXCH': {
      id: 'G03-EXCH',
      title: 'Tell AF the date of the guidance meeting (and relevant information, the contact person)',
      legalReference: '003 §29',
      owner: 'akasse',
      kind: 'deadline',
    },
    'G03-DOC': {
      id: 'G03-DOC',
      title: 'Documentation must exist; without it refunds lapse and must be repaid',
      legalReference: '003 §31',
      owner: 'akasse',
      kind: 'precondition',
    },
  },
};

/**
 * The order's in-force day (003 §32): no G03 duty falls due before it. Members placed before it and aged 25–59
 * have the guidance meeting by 9 months of cumulative unemployment, not 6 (§33).
 */
export const G03_IN_FORCE = localDate('2003-01-01');

/** § 33(2): the offer guidance of § 22(3) is not for members who turned 60, and began their period, before this. */
export const OFFER_RULE_FROM = localDate('1999-07-01');

/** The event-triggered duties of §§ 10–25, each with what the member must be told about. */
export const GUIDANCE_TRIGGERS = {
  '§10': 'admission on the basis of subsidised work',
  '§11': 'admission as self-employed (more than 30 hours a week)',
  '§12': 'a graduate’s transfer (as graduate or with earned rights)',
  '§13': 'part-time insurance',
  '§15': 'education with benefit',
  '§16': 'a stay abroad',
  '§17': 'social pension',
  '§18': 'secondary self-employment',
  '§19': 'supplementary benefit',
  '§20': 'expiry of the benefit right',
  '§20(3)':
    'benefits under AFL § 55(2) after the benefit right expired: the rights and duties of that period',
  '§20(4)':
    'the right under AFL § 55(2) expiring: early retirement requires a written application before it expires',
  '§21': 'transition benefit, 3 months before 60',
  '§22': 'the benefit right of a member over 60 expires (G03-60RIGHT)',
  '§23':
    'the early-retirement contribution: opted out, readmitted after another EEA country or the Faroes, repayment (also on a flexjob visitation)',
  '§24': 'arrears or withdrawal',
  '§25': 'a refusal decision',
} as const;
export type GuidanceTriggerSection = keyof typeof GUIDANCE_TRIGGERS;

/**
 * The sections whose guidance is due "in good time" before the event (the expiry of the limited period or of the
 * benefit right) rather than at once: for §§ 17–19 in addition to the guidance at once (stk. 2, see below).
 */
export const IN_GOOD_TIME_SECTIONS: ReadonlySet<GuidanceTriggerSection> = new Set([
  '§17',
  '§18',
  '§19',
  '§20',
  '§20(4)',
]);

/**
 * §§ 17–19: guidance at once when the a-kasse learns of the event (stk. 1) and, as a separate duty, information in
 * good time before the limited period with benefits expires (stk. 2): two obligations.
 */
export const AT_ONCE_AND_IN_GOOD_TIME_SECTIONS: ReadonlySet<GuidanceTriggerSection> = new Set([
  '§17',
  '§18',
  '§19',
]);
