/**
 * R26 — the contact process under law no. 1750 of 29 December 2025, in force 2026-07-01 (public sources, not
 * in the seeds; see RULES.md "After the seeds"). The shape of C24 stays; the interview counts change: the
 * a-kasse holds at least 2 job interviews in the first 3 months and the municipality at least 2 from the
 * handover until 6 months, each owed to at least 75 % of the recipients — a concrete assessment may exempt a
 * person, recorded with its reason (InterviewDutyExempted). The 16-month interview stays. Rules the new law
 * did not change keep their C24 ids and references.
 */
import { localDate } from '@app/legal-time';
import type { InterviewProfile } from '../c24/c24.obligations';
import { C24 } from '../c24/c24.rules';
import type { RuleParameter } from '../engine/parameter';
import type { RuleSet } from '../engine/rule';

const LAW_2025 = 'law 1750/2025; STAR reform Q&A';

export const R26_PARAMETERS = {
  akasseInterviews: {
    id: 'R26-AK-COUNT',
    value: 2,
    unit: 'interviews',
    legalReference: 'law 1750/2025 (LAB §31 as amended)',
    source: LAW_2025,
    verified: true,
    reading:
      'job interviews held by the a-kasse in the first 3 months (to the handover), owed to at least 75 % of the recipients',
  },
  municipalityInterviews: {
    id: 'R26-MUN-COUNT',
    value: 2,
    unit: 'interviews',
    legalReference: 'law 1750/2025 (LAB §31 as amended)',
    source: LAW_2025,
    verified: true,
    reading:
      'job interviews held by the municipality from the handover until 6 months, owed to at least 75 % of the recipients',
  },
  /**
   * The one transition parameter (#18 item 3): the first placement day R26 governs. A benefit period placed
   * before it runs on under C24 until it ends; none moves to R26 during its period. The deadlines choose the
   * regime by it (`governs` in obligations.ts) and STAR's supervision judges each case by the regime so chosen,
   * so a person's deadlines and the figure STAR sees cannot disagree.
   */
  governs: {
    id: 'R26-RUNNING-CASES',
    value: localDate('2026-07-01'),
    unit: 'day',
    legalReference:
      'law 1750/2025, entry into force and transition provisions (contact-process part from 2026-07-01)',
    source:
      "not in the seeds, and the transition provisions of law 1750/2025 for contact processes running on 2026-07-01 are not known to us (RULES.md, After the seeds: unverified); STAR's webinar Q&A of 21 Jan 2026 says only that the more flexible contact process takes effect on 2026-07-01. Our default follows the last reform's cut, 002 §15.1 (law 727/2023 § 5: those placed in a benefit period on 2024-01-01 or later have the new contact process)",
    verified: false,
    reading:
      "a contact process is R26's when its benefit period is placed on or after this day; one placed before it (running on 2026-07-01) stays under C24 until its benefit period ends — its deadlines (C24-AK3, C24-JC3) and the supervision of its interviews alike, in every month, also after June 2026",
  },
} satisfies Record<string, RuleParameter<unknown>>;

const { 'C24-AK3': _ak3, 'C24-JC3': _jc3, ...unchanged } = C24.rules;
// The interview counts R26 changes; every other number of C24 it keeps, under its C24 id.
const { akasseInterviews: _akCount, jobcentreInterviews: _jcCount, ...unchangedParameters } = C24.parameters;

export const R26: RuleSet = {
  id: 'R26',
  title: 'The contact process from 2026-07-01 (law no. 1750 of 29 December 2025)',
  effective: { from: localDate('2026-07-01'), to: null },
  source: 'law no. 1750 of 29/12/2025; STAR reform Q&A and start guidance of January 2026 (not in the seeds)',
  parameters: { ...unchangedParameters, ...R26_PARAMETERS },
  rules: {
    ...unchanged,
    'R26-AK2': {
      id: 'R26-AK2',
      title: `At least ${R26_PARAMETERS.akasseInterviews.value} job interviews held by the a-kasse in the first 3 months (a concrete assessment may exempt)`,
      legalReference: 'law 1750/2025 (LAB §31 as amended); RULES.md R26',
      owner: 'akasse',
      kind: 'deadline',
    },
    'R26-MUN2': {
      id: 'R26-MUN2',
      title: `At least ${R26_PARAMETERS.municipalityInterviews.value} job interviews held by the municipality from the handover until 6 months (a concrete assessment may exempt)`,
      legalReference: 'law 1750/2025 (LAB §31 as amended); RULES.md R26',
      owner: 'jobcenter',
      kind: 'deadline',
    },
  },
};

export const R26_PROFILE: InterviewProfile = {
  ruleSet: R26,
  akassePhase: { ruleId: 'R26-AK2', required: R26_PARAMETERS.akasseInterviews.value },
  jobcentrePhase: { ruleId: 'R26-MUN2', required: R26_PARAMETERS.municipalityInterviews.value },
};
