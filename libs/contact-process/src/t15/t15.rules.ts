/**
 * T15 — the transition to the simplified contact process (seed 002 §15; law no. 727 of 13 June 2023, § 5).
 * Governs benefit periods placed before 2024-01-01 that are running when, or after, the new rules start. The
 * rule ids of the earlier rules' 6-month set are ours (RULES.md names the set, not ids); the Danish original
 * is the authority.
 */
import { localDate } from '@app/legal-time';
import type { RuleParameter } from '../engine/parameter';
import type { RuleSet } from '../engine/rule';

const TRANSITION = 'STAR VEJ nr. 10044 of 14/12/2023 §15.3 (seed 002); law no. 727 of 13/06/2023 § 5';

export const T15_PARAMETERS = {
  /**
   * A benefit period placed this long before the new rules cannot still run on 2024-01-01 (a benefit period is
   * 2 years of benefit within 3 years), whatever registrations without a recorded deregistration suggest.
   */
  oldestRunningPlacement: {
    id: 'T15-OLDEST-PLACEMENT',
    value: localDate('2021-01-01'),
    unit: 'day',
    legalReference: 'AFL § 55',
    source: 'AFL § 55 (2 years of benefit within 3 years); not in the seeds',
    verified: false,
    reading: 'placed before this day: no longer running on 2024-01-01, so not a transition case',
  },
  transitionPersonBelowMonths: {
    id: 'T15-THREE-MONTHS',
    value: 3,
    unit: 'months',
    legalReference: '002 §15.3',
    source: TRANSITION,
    verified: true,
    reading:
      '"ledige i mindre end 3 måneder den 1. januar 2024": months of cumulative unemployment on the jobcentre\'s counter over the months up to 2023-12',
  },
  earlierRulesMonths: {
    id: 'T15-SIX-MONTHS',
    value: 6,
    unit: 'months',
    legalReference: '002 §15.3',
    source: TRANSITION,
    verified: true,
    reading:
      "the earlier rules' set is due within the first 6 months of cumulative unemployment (jobcentre counter)",
  },
  cvInterviews: {
    id: 'T15-CV-COUNT',
    value: 1,
    unit: 'interviews',
    legalReference: '002 §15.3',
    source: TRANSITION,
    verified: true,
    reading:
      'a CV interview: taken as an individual job interview the a-kasse held (the events name no CV interview)',
  },
  jobcentreInterviews: {
    id: 'T15-JC4-COUNT',
    value: 4,
    unit: 'interviews',
    legalReference: '002 §15.3',
    source: TRANSITION,
    verified: true,
    reading: 'individual job interviews held by the jobcentre in the transition spell',
  },
  jointInterviews: {
    id: 'T15-JOINT2-COUNT',
    value: 2,
    unit: 'interviews',
    legalReference: '002 §15.3',
    source: TRANSITION,
    verified: true,
    reading: 'joint job interviews at which the a-kasse attended, in the transition spell',
  },
} satisfies Record<string, RuleParameter<unknown>>;

export const T15: RuleSet = {
  id: 'T15',
  title: 'Transition to the simplified contact process: the earlier rules for transition persons',
  effective: { from: localDate('2024-01-01'), to: null },
  source: 'STAR VEJ nr. 10044 of 14/12/2023 §15 (seed 002); law no. 727 of 13/06/2023 § 5',
  parameters: T15_PARAMETERS,
  rules: {
    'T15-CV': {
      id: 'T15-CV',
      title: 'A CV interview with the a-kasse within the first 6 months (earlier rules)',
      legalReference: 'Law 727/2023 § 5; 002 §15.3',
      owner: 'akasse',
      kind: 'deadline',
    },
    'T15-JC4': {
      id: 'T15-JC4',
      title: '4 individual job interviews with the jobcentre within the first 6 months (earlier rules)',
      legalReference: 'Law 727/2023 § 5; 002 §15.3',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'T15-JOINT2': {
      id: 'T15-JOINT2',
      title: '2 joint job interviews (jobcentre and a-kasse) within the first 6 months (earlier rules)',
      legalReference: 'Law 727/2023 § 5; 002 §15.3',
      owner: 'jobcenter',
      kind: 'deadline',
    },
  },
};

/** The day the new rules took effect, and the IT cut-off: persons registered on the day before (002 §15.3). */
export const NEW_RULES_FROM = localDate('2024-01-01');
export const TRANSITION_CUT_OFF = localDate('2023-12-31');
