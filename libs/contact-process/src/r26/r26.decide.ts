/** The handlers of the rules in force from 2026-07-01 (R26): the exemption from an interview duty. */
import { precondition } from '../contact-process.errors';
import { exemptableInterviewDuties } from '../obligations';
import type { Handler, Handlers } from '../process/commands';
import { notBefore, notInFuture, requirePeriodOf } from '../process/preconditions';
import type { R26Command } from './r26.commands';

/** Only the duties the period's rules let be exempted after a concrete assessment, by the duty's owner, once. */
const exemptFromInterviewDuty: Handler<'ExemptFromInterviewDuty'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'InterviewDutyExempted', data: command.data }, 'exemptedOn');
  const { ruleId, exemptedOn, by } = command.data;
  notInFuture(exemptedOn, command.today, 'exemptedOn');
  notBefore(exemptedOn, period.placedOn, 'exemptedOn', 'the placement in the benefit period');
  const { ruleSetId, duties } = exemptableInterviewDuties(period);
  const duty = duties.find((d) => d.ruleId === ruleId);
  if (!duty) {
    throw precondition(
      ruleId,
      'ruleId',
      duties.length > 0
        ? `under ${ruleSetId} only ${duties.map((d) => d.ruleId).join(' and ')} may be exempted after a concrete assessment`
        : `the rules governing benefit period ${period.benefitPeriodId} (${ruleSetId ?? 'none'}) allow no exemption from an interview duty; the rules in force from 2026-07-01 (R26) do`,
    );
  }
  if (by !== duty.owner || command.recordedBy !== duty.owner) {
    throw precondition(
      ruleId,
      'by',
      `the ${duty.owner} makes the concrete assessment that exempts from ${ruleId}, not the ${by}`,
    );
  }
  if (period.interviewExemptions.some((e) => e.ruleId === ruleId)) {
    throw precondition(
      ruleId,
      'ruleId',
      `the person is already exempted from ${ruleId} in this benefit period`,
    );
  }
  return [{ type: 'InterviewDutyExempted', data: command.data }];
};

export const r26Handlers: Handlers<R26Command['type']> = { ExemptFromInterviewDuty: exemptFromInterviewDuty };
