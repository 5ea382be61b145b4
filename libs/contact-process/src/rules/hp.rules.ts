/**
 * HP — individual action plans under the act on an active labour-market policy, 1994–2002 (seeds 000, 001,
 * 004). Ids and references as in `shared/domain/RULES.md`; the Danish originals win where they differ.
 * AF (arbejdsformidlingen) is the jobcentre of its day: `jobcenter` in the code.
 */
import { localDate } from '@app/legal-time';
import type { RuleSet } from './rule';

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
      kind: 'event',
    },
    'HP-TARGET': {
      id: 'HP-TARGET',
      title:
        'AF tells the a-kasse who is called for a plan interview; the a-kasse reports target-group members not called',
      legalReference: '000 phase 2; 001 §7',
      owner: 'jobcenter',
      kind: 'event',
    },
    'HP-PREP': {
      id: 'HP-PREP',
      title:
        "The a-kasse's preparation meeting, after AF's notice (1993: within 4 weeks; 1995: the regionally agreed period)",
      legalReference: '000 phase 2; 001 §7, §10; order §37(2),(3)',
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
      kind: 'precondition',
    },
    'HP-MEET39': {
      id: 'HP-MEET39',
      title: 'Guidance meetings under 001 §8 on cumulative unemployment (thresholds not in the seed)',
      legalReference: '001 §8',
      owner: 'akasse',
      kind: 'deadline',
    },
  },
};

/** Notices received from order no. 190 of 23 March 1995 on follow its preparation period (in-force day unverified). */
export const ORDER_1995_FROM = {
  id: 'HP-ORDER-1995',
  value: localDate('1995-03-23'),
  source: 'seed 001: order no. 190 of 23/03/1995 (the day it took effect is not in the seed)',
  verified: false,
};
