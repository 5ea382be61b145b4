/**
 * AV — the availability obligation during action and education plans (seed 004, Arbejdsmarkedsstyrelsen
 * 31 January 1996). RULES.md gives the table without ids; these ids are ours, each with its source.
 */
import type { AvailabilitySituationKind } from '../contact-process.events';
import type { RuleSet } from '../engine/rule';
import { HP } from '../hp/hp.rules';

export const AV: RuleSet = {
  id: 'AV',
  title: 'The availability obligation during action and education plans (1996)',
  effective: HP.effective,
  source: 'Arbejdsmarkedsstyrelsen, 31/01/1996 (seed 004)',
  // The table of seed 004 sets no numbers: what it asks in each situation is its rules' data (av.availability.ts).
  parameters: {},
  rules: {
    'AV-SEARCH': {
      id: 'AV-SEARCH',
      title: 'Whether the person must search for work, by situation',
      legalReference: '004 §§2–4, bilag 1',
      owner: 'person',
      kind: 'precondition',
    },
    'AV-ACCEPT': {
      id: 'AV-ACCEPT',
      title:
        'Whether the person must accept mediated work, by situation (job training: respecting the notice period)',
      legalReference: '004 §§2–4, §6, bilag 1',
      owner: 'person',
      kind: 'precondition',
    },
    'AV-WAIVE': {
      id: 'AV-WAIVE',
      title:
        'AF may concretely exempt a person from accepting mediated work during an offer, retraining, AMU or educational leave (on its own assessment of the leave application) — not in §62a education, nor before a granted leave begins',
      legalReference: '004 §1, §6, §7',
      owner: 'jobcenter',
      kind: 'right',
    },
    'AV-SANCTION': {
      id: 'AV-SANCTION',
      title:
        'A refused mediated job: none without a duty to accept it that day; during an offer or education only where AF weighed §6; from the day after the offer ended for job training / pool jobs, otherwise at once',
      legalReference: '004 §6, §8',
      owner: 'akasse',
      kind: 'precondition',
    },
    'AV-NOTIFY': {
      id: 'AV-NOTIFY',
      title:
        'AF always notifies the a-kasse of a refused mediated job (and the education institution for elevstøtte); no time limit is set',
      legalReference: '004 §8; order on an active labour-market effort §26',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'AV-EXPLAIN': {
      id: 'AV-EXPLAIN',
      title:
        'After a plan is made, the a-kasse explains the consequences of refusing mediated work during an offer',
      legalReference: '004 §5',
      owner: 'akasse',
      kind: 'deadline',
    },
  },
};

/**
 * AV-WAIVE: situations in which AF may not exempt the person from accepting mediated work, and why (seed 004).
 * A granted educational leave not yet begun takes a waiver — AF's own assessment of the leave application
 * (§6) — but it holds only from when the leave begins (§7): see WAIVER_FROM_LEAVE_START.
 */
export const NO_WAIVER: Partial<Record<AvailabilitySituationKind, string>> = {
  'education-62a':
    'in education under AFL §62a the person both searches for and accepts mediated work, whether or not the education is an offer (004 §7): AF cannot waive it',
  'establishment-allowance':
    'on establishment allowance the availability clause does not apply (004 §§2, 4): there is no duty to waive',
  'under-25-education-plan-offer':
    'under 25 in an offer under an education plan the person is not available for work (004 §§2, 4): there is no duty to waive',
};

/** AF's assessment on the leave application (004 §6) is recorded on the granted leave and holds from its start (§7). */
export const WAIVER_FROM_LEAVE_START: AvailabilitySituationKind = 'educational-leave-granted';

/** Education paid with uddannelsesgodtgørelse or uddannelsesorlovsydelse: abroad, without residence in Denmark, exempt (004 §2, §7). */
export const ABROAD_EXEMPT: ReadonlySet<AvailabilitySituationKind> = new Set<AvailabilitySituationKind>([
  'plan-offer-education',
  'educational-leave',
]);

/**
 * Where a refused mediated job is held against the person only if AF weighed the considerations of 004 §6:
 * offers under an action plan and education on educational leave, AMU or retraining (004 §5, §6, §8).
 * Elsewhere (no offer, between offers, §62a education, a granted leave not yet begun) the ordinary rules apply.
 */
export const CONSIDERATIONS_REQUIRED: ReadonlySet<AvailabilitySituationKind> =
  new Set<AvailabilitySituationKind>([
    'plan-offer-job-training',
    'plan-offer-pool-job',
    'plan-offer-education',
    'plan-offer-other',
    'amu-retraining',
    'educational-leave',
  ]);

/** Offers whose sanction starts only once the offer has ended (004 §8). */
export const SANCTION_AFTER_OFFER: ReadonlySet<AvailabilitySituationKind> =
  new Set<AvailabilitySituationKind>(['plan-offer-job-training', 'plan-offer-pool-job']);
