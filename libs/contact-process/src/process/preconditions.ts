/**
 * The preconditions every regime's handlers share: a fact is recorded once it has happened, in a benefit
 * period, by the organisation the law names, in order. Each raises a ContactProcessError naming the field
 * (and the rule, where there is one).
 */
import type { LocalDate } from '@app/legal-time';
import type { ContactProcessEvent, Organisation } from '../contact-process.events';
import { precondition } from '../contact-process.errors';
import { FACT_DECLARATIONS } from '../facts.registry';
import type { AnyFactDeclaration } from './fact-declaration';
import { periodDayOf, periodFor, periodOf, type BenefitPeriodState, type ContactProcessState } from './state';
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

/**
 * The benefit period a fact happened in (`periodFor` its day), for its preconditions to be judged against: a
 * late fact of an earlier period is judged against that period, not the one current when it is recorded. A day
 * before every placement is in no period: refused, naming the field.
 */
export function requirePeriodOn(
  state: ContactProcessState,
  day: LocalDate,
  field: string,
): BenefitPeriodState {
  const first = requireAnyPeriod(state);
  const period = periodFor(state, day);
  if (!period)
    throw precondition(
      null,
      field,
      `${field} (${day}) is before the first placement in a benefit period (${first.placedOn}): a fact belongs to the benefit period it happened in, and none had begun (the contact process follows the placement in a benefit period, 002 §3.2)`,
    );
  return period;
}

/** The period of a fact the handler is about to record: attributed by the day evolve attributes it by. */
export function requirePeriodOf(
  state: ContactProcessState,
  fact: ContactProcessEvent,
  field: string,
): BenefitPeriodState {
  const day = periodDayOf(fact);
  return day === null ? requireAnyPeriod(state) : requirePeriodOn(state, day, field);
}

/** The fact type each command records (the declarations name the command each fact becomes). */
const FACT_OF_COMMAND: ReadonlyMap<string, string> = new Map(
  Object.values<AnyFactDeclaration>(FACT_DECLARATIONS).map((d) => [d.command, d.type]),
);

/**
 * For the handlers shared by a family of commands (guidance, action plans): the period of the fact a command
 * records, attributed as `requirePeriodOf` attributes it; the 422 names `field`, the command's day.
 */
export function requirePeriodOfCommand(
  state: ContactProcessState,
  command: { type: string; data: unknown },
  field: string,
): BenefitPeriodState {
  const type = FACT_OF_COMMAND.get(command.type);
  if (type === undefined) throw new Error(`no fact is declared for command ${command.type}`);
  return requirePeriodOf(state, { type, data: command.data } as ContactProcessEvent, field);
}

function requireAnyPeriod(state: ContactProcessState): BenefitPeriodState {
  const first = state.periods[0];
  if (!first)
    throw precondition(
      null,
      'benefitPeriodId',
      'no benefit period: record the placement in a benefit period first',
    );
  return first;
}

/**
 * The period a registration belongs to: the one its day falls in, or — registered before the first placement
 * (a quarantine) — the first, whose contact process starts at the placement (002 §3: "første tilmelding … i
 * dagpengeperioden"). As `periodOf` attributes it.
 */
export function requireRegistrationPeriod(
  state: ContactProcessState,
  registration: ContactProcessEvent,
): BenefitPeriodState {
  requireAnyPeriod(state);
  return periodOf(state, registration)!;
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
