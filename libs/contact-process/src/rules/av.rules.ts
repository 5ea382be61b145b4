/**
 * AV — the availability obligation during action and education plans (seed 004, Arbejdsmarkedsstyrelsen
 * 31 January 1996). RULES.md gives the table without ids; these ids are ours, each with its source.
 */
import type { RuleSet } from './rule';
import { HP } from './hp.rules';

export const AV: RuleSet = {
  id: 'AV',
  title: 'The availability obligation during action and education plans (1996)',
  effective: HP.effective,
  source: 'Arbejdsmarkedsstyrelsen, 31/01/1996 (seed 004)',
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
      title: 'AF may concretely exempt a person from accepting mediated work during an offer or education',
      legalReference: '004 §4',
      owner: 'jobcenter',
      kind: 'right',
    },
    'AV-SANCTION': {
      id: 'AV-SANCTION',
      title:
        'A refused mediated job during an offer: a sanction only where AF weighed §6; from the offer’s end for job training / pool jobs, at once for education',
      legalReference: '004 §6, §8',
      owner: 'akasse',
      kind: 'precondition',
    },
    'AV-NOTIFY': {
      id: 'AV-NOTIFY',
      title:
        'AF always notifies the a-kasse of a refused mediated job (and the education institution for elevstøtte)',
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
