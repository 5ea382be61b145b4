/**
 * The fact the rules in force from 2026-07-01 (R26) add: a concrete exemption from a phase's interview duty,
 * with its declaration (see `../process/fact-declaration.ts`).
 */
import type { LocalDate } from '@app/legal-time';
import { ORGANISATIONS, type Organisation } from '../process/process.facts';
import { date, declareFact, id, oneOf, text } from '../process/fact-declaration';

/**
 * A concrete assessment exempts the person from a phase's interview duty, where the rule set allows it: under
 * the rules in force from 2026-07-01 (R26) the a-kasse's 2 and the municipality's 2 interviews are owed to at
 * least 75 % of the recipients, so an exemption must be recorded with its reason.
 */
export interface InterviewDutyExempted {
  ruleId: string;
  exemptedOn: LocalDate;
  by: Organisation;
  reason: string;
}

export const R26_FACTS = {
  InterviewDutyExempted: declareFact('InterviewDutyExempted', {
    command: 'ExemptFromInterviewDuty',
    recordedBy: 'akasse',
    occurredOn: (e) => e.exemptedOn,
    fields: { ruleId: id(), exemptedOn: date(), by: oneOf(ORGANISATIONS), reason: text(2000, 'personal') },
    example: {
      ruleId: 'R26-AK2',
      exemptedOn: '2026-07-20',
      by: 'akasse',
      reason: 'starts a full-time job on 2026-08-03 (contract seen); interviews would serve no purpose',
    },
  }),
};
