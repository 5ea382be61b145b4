/**
 * The preconditions every regime's handlers share: a fact is recorded once it has happened, in a benefit
 * period, by the organisation the law names, in order. Each raises a ContactProcessError naming the field
 * (and the rule, where there is one).
 */
import type { LocalDate } from '@app/legal-time';
import type { Organisation } from '../contact-process.events';
import { precondition } from '../contact-process.errors';
import { currentPeriod, type BenefitPeriodState, type ContactProcessState } from './state';
import { ownerOfContactProcess } from '../obligations';
import type { CommandBase } from './commands';

export function notInFuture(date: LocalDate, today: LocalDate, field: string): void {
  if (date > today)
    throw precondition(
      null,
      field,
      `${field} (${date}) is after today (${today}): record facts once they have happened`,
    );
}

export function notBefore(date: LocalDate, earliest: LocalDate, field: string, what: string): void {
  if (date < earliest) throw precondition(null, field, `${field} (${date}) is before ${what} (${earliest})`);
}

export function requirePeriod(state: ContactProcessState): BenefitPeriodState {
  const period = currentPeriod(state);
  if (!period)
    throw precondition(
      null,
      'benefitPeriodId',
      'no benefit period: record the placement in a benefit period first',
    );
  return period;
}

export function requireRecordedBy(
  command: CommandBase,
  expected: Organisation,
  ruleId: string,
  what: string,
): void {
  if (command.recordedBy !== expected) {
    throw precondition(
      ruleId,
      'recordedBy',
      `${what} is recorded by the ${expected}, not the ${command.recordedBy} (${ruleId})`,
    );
  }
}

/** Decisions that only the owner of the contact process at the time may take (C24-FORM, -SELFBOOK, -LESS). */
export function requireOwnerAtTheTime(
  state: ContactProcessState,
  period: BenefitPeriodState,
  on: LocalDate,
  by: Organisation,
  ruleId: string,
  what: string,
): void {
  const owner = ownerOfContactProcess(state, period, on);
  if (by !== owner) {
    throw precondition(
      ruleId,
      'by',
      `only the owner of the contact process at the time (the ${owner}) may ${what} (${ruleId})`,
    );
  }
}

/**
 * C24-COMPLAINT: a decision revoking self-booking or holding the person not under less intensive effort is an
 * administrative decision and must carry complaint guidance (002 §11: "herunder indeholde klagevejledning").
 */
export function requireComplaintGuidance(given: boolean | undefined, what: string): void {
  if (given !== true) {
    throw precondition(
      'C24-COMPLAINT',
      'complaintGuidanceGiven',
      `${what} is an administrative decision and must carry complaint guidance (Ankestyrelsens Beskæftigelsesudvalg, within 4 weeks of notification; 002 §11) (C24-COMPLAINT)`,
    );
  }
}
