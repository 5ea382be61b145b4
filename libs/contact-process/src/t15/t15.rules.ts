/**
 * T15 — the transition to the simplified contact process (seed 002 §15; law no. 727 of 13 June 2023, § 5).
 * Governs benefit periods placed before 2024-01-01 that are running when, or after, the new rules start. The
 * rule ids of the earlier rules' 6-month set are ours (RULES.md names the set, not ids); the Danish original
 * is the authority.
 */
import { localDate } from '@app/legal-time';
import type { RuleSet } from '../engine/rule';

export const T15: RuleSet = {
  id: 'T15',
  title: 'Transition to the simplified contact process: the earlier rules for transition persons',
  effective: { from: localDate('2024-01-01'), to: null },
  source: 'STAR VEJ nr. 10044 of 14/12/2023 §15 (seed 002); law no. 727 of 13/06/2023 § 5',
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

/**
 * A benefit period placed this long before the new rules cannot still run on 2024-01-01 (a benefit period is
 * 2 years of benefit within 3 years), whatever registrations without a recorded deregistration suggest.
 * Not in the seeds: our parameter, easy to change.
 */
export const OLDEST_RUNNING_PLACEMENT = {
  id: 'T15-OLDEST-PLACEMENT',
  value: localDate('2021-01-01'),
  source: 'AFL § 55 (2 years of benefit within 3 years); not in the seeds',
  verified: false,
};
