/**
 * What every command under the action plans of 1994–2002 is decided on, HP's and AV's alike: the period must
 * be governed by HP, the fact recorded by the party that records it, on a day not after today and not before
 * the placement. Handlers get the period, its action plans and the small checks they share.
 */
import type { LocalDate } from '@app/legal-time';
import type { ContactProcessEvent, Organisation } from '../contact-process.events';
import { ContactProcessError, precondition } from '../contact-process.errors';
import { type ActionPlanState, type BenefitPeriodState, type ContactProcessState } from '../process/state';
import { ruleSetIdOf } from '../obligations';
import type { CommandOf, Handler } from '../process/commands';
import { requirePeriodOfCommand } from '../process/preconditions';
import type { ActionPlanCommand } from './hp.commands';

type ActionPlanCommandType = ActionPlanCommand['type'];

/** Who records each fact: the a-kasse its notice received, its meetings and its backstop, AF (the jobcentre) the rest. */
const RECORDED_BY: Record<ActionPlanCommandType, { by: Organisation; ruleId: string }> = {
  ReceiveAfNotice: { by: 'akasse', ruleId: 'HP-PREP' },
  RecordPreparationMeeting: { by: 'akasse', ruleId: 'HP-PREP' },
  RequestActionPlan: { by: 'jobcenter', ruleId: 'HP-PLAN' },
  CompleteActionPlan: { by: 'jobcenter', ruleId: 'HP-PLAN' },
  ReviseActionPlan: { by: 'jobcenter', ruleId: 'HP-REVISE' },
  ObjectToActionPlan: { by: 'jobcenter', ruleId: 'HP-OBJECT' },
  GiveOfferOutsidePlan: { by: 'jobcenter', ruleId: 'HP-REVISE' },
  RefusePlanParticipation: { by: 'jobcenter', ruleId: 'HP-REFUSE' },
  BeginAvailabilitySituation: { by: 'jobcenter', ruleId: 'AV-ACCEPT' },
  EndAvailabilitySituation: { by: 'jobcenter', ruleId: 'AV-ACCEPT' },
  WaiveMediatedWork: { by: 'jobcenter', ruleId: 'AV-WAIVE' },
  RefuseMediatedWork: { by: 'jobcenter', ruleId: 'AV-NOTIFY' },
  NoticeUncalledTargetGroupMember: { by: 'akasse', ruleId: 'HP-TARGET' },
  RecordCumulativeUnemploymentMeeting: { by: 'akasse', ruleId: 'HP-MEET39' },
  // The a-kasse pays (or pauses) the benefits, so it knows the member's leave and reference period (001 §8).
  BeginLeavePeriod: { by: 'akasse', ruleId: 'HP-MEET39' },
  EndLeavePeriod: { by: 'akasse', ruleId: 'HP-MEET39' },
  RecordSubPeriodOneEnd: { by: 'akasse', ruleId: 'HP-MEET39' },
};

/**
 * The day of a fact, where its first date may not be it: the end of the reference period may lie ahead, and a
 * meeting or plan carries other days (the approach, the person told of the a-kasse meeting) in any key order.
 */
const DAY_FIELD: Partial<Record<ActionPlanCommandType, string>> = {
  RecordSubPeriodOneEnd: 'knownOn',
  RecordPreparationMeeting: 'heldOn',
  CompleteActionPlan: 'completedOn',
  ReviseActionPlan: 'revisedOn',
};

const dayOf = (command: ActionPlanCommand): { field: string; day: LocalDate } => {
  const data = command.data as unknown as Record<string, unknown>;
  const field =
    DAY_FIELD[command.type] ??
    Object.keys(data).find((key) => (key.endsWith('On') || key === 'from') && typeof data[key] === 'string')!;
  return { field, day: data[field] as LocalDate };
};

export interface ActionPlanContext {
  period: BenefitPeriodState;
  plans: ActionPlanState;
  /** The plan of an id, if recorded. */
  plan(planId: string): ActionPlanState['plans'][number] | undefined;
  /** A reference to something not recorded, under the command's rule. */
  unknown(what: string, id: string, field: string): ContactProcessError;
  /** An id recorded twice. */
  taken(what: string, id: string, field: string): ContactProcessError;
  /** A day of the fact: not after today, and not before the day it follows. */
  dated(
    day: LocalDate | null,
    field: string,
    earliest: { on: LocalDate; what: string; ruleId: string | null },
  ): void;
}

function actionPlanContext(command: ActionPlanCommand, state: ContactProcessState): ActionPlanContext {
  const { by, ruleId } = RECORDED_BY[command.type];
  // Who records a fact does not depend on the period its day falls in: refused first, whatever the day.
  if (command.recordedBy !== by)
    throw precondition(
      ruleId,
      'recordedBy',
      `this is recorded by the ${by === 'jobcenter' ? 'AF (jobcentre)' : 'a-kasse'}, not the ${command.recordedBy} (${ruleId})`,
    );
  const { field, day } = dayOf(command);
  const period = requirePeriodOfCommand(state, command, field);
  if (ruleSetIdOf(period) !== 'HP')
    throw precondition(
      ruleId,
      'benefitPeriodId',
      `action plans of 1994–2002 (HP) govern benefit periods placed then; benefit period ${period.benefitPeriodId} is governed by ${ruleSetIdOf(period) ?? 'rules not evaluated'}`,
    );
  if (day > command.today)
    throw precondition(null, field, `${field} (${day}) is after today (${command.today})`);
  if (day < period.placedOn)
    throw precondition(
      null,
      field,
      `${field} (${day}) is before the placement in the benefit period (${period.placedOn})`,
    );
  const plans = period.actionPlans;
  return {
    period,
    plans,
    plan: (planId) => plans.plans.find((p) => p.planId === planId),
    unknown: (what, id, field) =>
      new ContactProcessError('unknown-reference', ruleId, field, `no ${what} ${id} is recorded`),
    taken: (what, id, field) => precondition(null, field, `${what} ${id} is already recorded`),
    dated: (day, field, earliest) => {
      if (day === null) return;
      if (day > command.today)
        throw precondition(null, field, `${field} (${day}) is after today (${command.today})`);
      if (day < earliest.on)
        throw precondition(
          earliest.ruleId,
          field,
          `${field} (${day}) is before ${earliest.what} (${earliest.on})`,
        );
    },
  };
}

/** An action-plan handler: decided on the context every command under HP shares. */
export const underActionPlans =
  <T extends ActionPlanCommandType>(
    decide: (command: CommandOf<T>, context: ActionPlanContext) => ContactProcessEvent[],
  ): Handler<T> =>
  (command, state) =>
    decide(command, actionPlanContext(command as ActionPlanCommand, state));
