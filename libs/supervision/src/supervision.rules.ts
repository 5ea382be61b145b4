/**
 * STAR's supervision of the early effort as data: which interviews count, how many, and when a month is
 * deficient. Each case is judged by the rule set of the regime that governs its benefit period (`ruleSetForCase`,
 * the deadlines' choice), a month's share by the rule set in force for that month (`ruleSetForMonth`); a new
 * law is a new rule set here plus tests, nothing else changes.
 */
import { C24_PARAMETERS, R26_PARAMETERS, type Organisation, type RuleParameter } from '@app/contact-process';

/** A calendar month, "YYYY-MM". */
export type Month = string;

/** Who is supervised: the a-kasse's first months, or the jobcentre's early effort after them. */
export type SupervisedMeasure = 'akasse' | 'jobcentre';

/** The people a requirement applies to; the education-injunction group has its own in the jobcentre (C24-EDU6). */
export type SupervisedGroup = 'standard' | 'education-injunction';

export interface InterviewRequirement {
  /** The contact-process rule this count supervises (the deadlines show the same duty per person). */
  ruleId: string;
  /** Interviews count only when held by this organisation. */
  heldBy: Organisation;
  /** At least this many held (planned ones never count) in the window. */
  required: number;
  window: string;
  verified: boolean;
}

export interface SupervisionRuleSet {
  id: string;
  title: string;
  measure: SupervisedMeasure;
  legalReference: string;
  source: string;
  /**
   * The months this rule set is the month's rule set: its threshold and streak judge the month, and it is the
   * month's `ruleSetId` — from `from` up to and including `to` (null: open-ended).
   */
  effective: { from: Month; to: Month | null };
  /**
   * The contact-process rule sets (regimes) whose periods this rule set judges, in whatever month they are
   * counted: each case is judged by the requirement of the regime that governs its benefit period, the choice
   * the deadlines make (R26-RUNNING-CASES), so a C24 period handed over in 2026-08 still needs 3 interviews.
   */
  judges: readonly string[];
  /** Who is in a month's population (the denominator). */
  population: string;
  requirements: Partial<Record<SupervisedGroup, InterviewRequirement>> & { standard: InterviewRequirement };
  /**
   * A month is deficient when more than this share of the population (percent) had fewer interviews than
   * required. Exactly this share is not deficient ("mere end 20 pct.", 002 §13.2). An integer, so that the
   * comparison is exact: numerator × 100 > percent × population.
   */
  deficientAbovePercent: number;
  /** Consecutive deficient months after which STAR takes it up with the organisation's management; null: never. */
  dialogueAfterDeficientMonths: number | null;
  /** Whether every parameter above is confirmed by a public source (false: easy to change, shown in the API). */
  verified: boolean;
  note: string | null;
}

const AKASSE_POPULATION =
  "benefit recipients in the a-kasse's contact process whose a-kasse period ended (C24-HANDOVER) in the month; persons in the education-injunction group never are (the jobcentre runs theirs from visitation)";
const JOBCENTRE_POPULATION =
  'benefit recipients who reached 6 months of cumulative unemployment (jobcentre counter) in the month, counted at the jobcentre they were registered with then; standard group only when the a-kasse handed over before that day';

/** 002 §13: at least 3 interviews with the a-kasse by the handover; deficient above 20 %; dialogue after 6 months in a row. */
export const C24_SUPERVISION_AKASSE: SupervisionRuleSet = {
  id: 'C24-SUP-AKASSE',
  title: "STAR's supervision of the a-kasse's job interviews in the first 3 months (2024 rules)",
  measure: 'akasse',
  legalReference: 'AFL §88; LAB §31(1); 002 §13.1–13.2',
  source:
    '002 §13.2 ("en andel på mere end 20 pct. af dagpengemodtagere med tre måneders ledighed, som ikke har modtaget minimum tre jobsamtaler med a-kassen"; "6 på hinanden følgende måneder"); the population by handover month is our reading of Jobindsats.dk y30e22ak',
  effective: { from: '2024-01', to: '2026-06' },
  judges: ['C24', 'T15'],
  population: AKASSE_POPULATION,
  requirements: {
    standard: {
      ruleId: 'C24-AK3',
      heldBy: 'akasse',
      required: C24_PARAMETERS.akasseInterviews.value,
      window: 'from placement to the handover, both included',
      verified: true,
    },
  },
  deficientAbovePercent: 20,
  dialogueAfterDeficientMonths: 6,
  verified: true,
  note: null,
};

/** R26 (law no. 1750 of 29 Dec 2025, from 2026-07-01): at least 2 interviews with at least 75 % of recipients. */
export const R26_SUPERVISION_AKASSE: SupervisionRuleSet = {
  id: 'R26-SUP-AKASSE',
  title: "Supervision of the a-kasse's job interviews in the first 3 months (rules from 2026-07-01)",
  measure: 'akasse',
  legalReference: 'law no. 1750 of 29 Dec 2025 (contact-process part in force 2026-07-01)',
  source:
    "STAR's public reform Q&A and start guidance of Jan 2026: at least 2 job interviews in the first 3 months with at least 75 % of the a-kasse's benefit recipients (RULES.md, After the seeds)",
  effective: { from: '2026-07', to: null },
  judges: ['R26'],
  population: AKASSE_POPULATION,
  requirements: {
    standard: {
      ruleId: 'R26-AK2',
      heldBy: 'akasse',
      required: R26_PARAMETERS.akasseInterviews.value,
      window: 'from placement to the handover, both included',
      verified: true,
    },
  },
  deficientAbovePercent: 25,
  dialogueAfterDeficientMonths: 6,
  verified: false,
  note: "the state's escalated supervision is abolished under R26; whether STAR keeps the dialogue after 6 deficient months in a row is unverified (kept at 6)",
};

/**
 * 002 §13.2: "Opfølgningsmodellen er tilsvarende den for kommunernes tidlige indsats" — the jobcentres' early
 * effort is followed the same way: 3 interviews from handover to 6 months (C24-JC3), 6 in the first 6 months
 * for the education-injunction group (C24-EDU6). The threshold and the 6 months are taken over from the a-kasse
 * model ("tilsvarende"), not stated for jobcentres in the seed.
 */
export const C24_SUPERVISION_JOBCENTRE: SupervisionRuleSet = {
  id: 'C24-SUP-JOBCENTRE',
  title: "Follow-up on the jobcentres' early effort (2024 rules)",
  measure: 'jobcentre',
  legalReference: 'LAB §31(1),(2); 002 §3.2, §13.2',
  source:
    '002 §13.2 ("tilsvarende den for kommunernes tidlige indsats"); requirements from C24-JC3 and C24-EDU6; threshold and streak assumed equal to the a-kasse model',
  effective: { from: '2024-01', to: '2026-06' },
  judges: ['C24', 'T15'],
  population: JOBCENTRE_POPULATION,
  requirements: {
    standard: {
      ruleId: 'C24-JC3',
      heldBy: 'jobcenter',
      required: C24_PARAMETERS.jobcentreInterviews.value,
      window: 'after the handover, up to 6 months of cumulative unemployment',
      verified: true,
    },
    'education-injunction': {
      ruleId: 'C24-EDU6',
      heldBy: 'jobcenter',
      required: C24_PARAMETERS.educationInjunctionInterviews.value,
      window: 'from the first registration up to 6 months of cumulative unemployment',
      verified: true,
    },
  },
  deficientAbovePercent: 20,
  dialogueAfterDeficientMonths: 6,
  verified: false,
  note: 'threshold and streak for jobcentres are unverified (assumed the same as for a-kasser)',
};

export const R26_SUPERVISION_JOBCENTRE: SupervisionRuleSet = {
  id: 'R26-SUP-JOBCENTRE',
  title: "Follow-up on the municipalities' early effort (rules from 2026-07-01)",
  measure: 'jobcentre',
  legalReference: 'law no. 1750 of 29 Dec 2025 (contact-process part in force 2026-07-01)',
  source:
    "STAR's public reform Q&A: the municipality holds at least 2 job interviews from handover until 6 months with at least 75 % (RULES.md, After the seeds)",
  effective: { from: '2026-07', to: null },
  judges: ['R26'],
  population: JOBCENTRE_POPULATION,
  requirements: {
    standard: {
      ruleId: 'R26-MUN2',
      heldBy: 'jobcenter',
      required: R26_PARAMETERS.municipalityInterviews.value,
      window: 'after the handover, up to 6 months of cumulative unemployment',
      verified: true,
    },
    'education-injunction': {
      ruleId: 'C24-EDU6',
      heldBy: 'jobcenter',
      required: C24_PARAMETERS.educationInjunctionInterviews.value,
      window: 'from the first registration up to 6 months of cumulative unemployment',
      verified: false,
    },
  },
  deficientAbovePercent: 25,
  dialogueAfterDeficientMonths: 6,
  verified: false,
  note: 'the education-injunction group under R26 is unverified (kept at 6 interviews; the injunction is expected to go in 2027)',
};

export const SUPERVISION_RULE_SETS: readonly SupervisionRuleSet[] = [
  C24_SUPERVISION_AKASSE,
  R26_SUPERVISION_AKASSE,
  C24_SUPERVISION_JOBCENTRE,
  R26_SUPERVISION_JOBCENTRE,
];

/** The rule set a month is measured under; undefined before supervision began (2024-01). */
export function ruleSetForMonth(
  measure: SupervisedMeasure,
  month: Month,
  ruleSets: readonly SupervisionRuleSet[] = SUPERVISION_RULE_SETS,
): SupervisionRuleSet | undefined {
  return ruleSets.find(
    (r) =>
      r.measure === measure &&
      month >= r.effective.from &&
      (r.effective.to === null || month <= r.effective.to),
  );
}

/**
 * The rule set that judges one case: the one for the regime that governs the case's benefit period (the
 * deadlines' choice, `ruleSetIdOf`), provided supervision had begun by the case's month; undefined otherwise
 * (a month before 2024-01, or a regime no supervision rule set judges: G03, HP).
 */
export function ruleSetForCase(
  measure: SupervisedMeasure,
  month: Month,
  regimeId: string | null,
  ruleSets: readonly SupervisionRuleSet[] = SUPERVISION_RULE_SETS,
): SupervisionRuleSet | undefined {
  if (!ruleSetForMonth(measure, month, ruleSets)) return undefined;
  return ruleSetJudging(measure, regimeId, ruleSets);
}

/** The rule set of a measure that judges the periods of a regime (a contact-process rule set id). */
export function ruleSetJudging(
  measure: SupervisedMeasure,
  regimeId: string | null,
  ruleSets: readonly SupervisionRuleSet[] = SUPERVISION_RULE_SETS,
): SupervisionRuleSet | undefined {
  if (regimeId === null) return undefined;
  return ruleSets.find((r) => r.measure === measure && r.judges.includes(regimeId));
}

/**
 * How a month that holds cases of two rule sets is judged (R26-RUNNING-CASES keeps C24 periods counting after
 * June 2026): each case below its own rule set's requirement, the month's share against the threshold and
 * streak of the rule set in force for the month, with the figures per rule set beside it.
 */
export const MIXED_MONTH_READING = {
  id: 'SUP-MIXED-MONTH',
  value: 'threshold-of-the-month' as const,
  unit: 'choice',
  legalReference: 'law 1750/2025 (supervision from 2026-07-01); 002 §13.2',
  source:
    'not in the seeds; how STAR counts the contact processes that run on under C24 in its months from 2026-07 is not known to us: our reading',
  verified: false,
  reading:
    "a person counts in the month's numerator when they had fewer interviews than the rule set governing their benefit period requires (C24: 3, R26: 2), as their deadlines show; the month is deficient when more than the month's rule set's share (from 2026-07: 25 %) of its whole population is, and its streak runs on; the population and numerator per rule set are given beside the month's",
} satisfies RuleParameter<string>;

export function ruleSetById(id: string): SupervisionRuleSet | undefined {
  return SUPERVISION_RULE_SETS.find((r) => r.id === id);
}
