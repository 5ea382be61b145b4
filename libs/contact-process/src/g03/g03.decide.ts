/**
 * The handlers of the a-kasse's guidance duties (G03, seed 003): the guidance it owes, its meetings and
 * exchanges with AF, and the facts that trigger a duty. Under the action plans of 1994–2002 (HP) the same
 * commands record HP-AFTER's guidance on a plan's copy.
 */
import type { ContactProcessEvent } from '../contact-process.events';
import { ContactProcessError, precondition } from '../contact-process.errors';
import { type BenefitPeriodState, type ContactProcessState, type GuidanceState } from '../process/state';
import { ruleSetIdOf } from '../obligations';
import type { CommandOf, Handler, Handlers } from '../process/commands';
import { notBefore, notInFuture, requirePeriodOfCommand, requireRecordedBy } from '../process/preconditions';
import { GUIDANCE_TRIGGERS } from '../g03/g03.rules';
import type { GuidanceCommand } from './g03.commands';

/** What guidance may answer a duty: the duties that follow a trigger, a request or a plan copy name it. */
const GUIDANCE_DUTIES: Record<string, 'trigger' | 'request' | 'plan' | null> = {
  'G03-INFO': null,
  'G03-59': null,
  'G03-60CERT': null,
  'G03-60LIMIT': null,
  'G03-60RIGHT': 'trigger',
  'G03-60OFFER': null,
  'G03-30': null,
  'G03-EVENT': 'trigger',
  'G03-HELP': 'request',
  'G03-PERSONAL': 'request',
  'G03-PLAN': 'plan',
};

/**
 * The guidance the order requires in writing (G03-INFO: "Informationen skal gives skriftligt"; G03-59: "udlevere
 * en skriftlig vejledning"): not recorded as given in a conversation.
 */
const WRITTEN_GUIDANCE = new Map([
  ['G03-INFO', '003 § 2(5)'],
  ['G03-59', '003 § 9(1)'],
]);

/** HP-AFTER (000; 001 §7): after a plan, the a-kasse guides on what it means for benefits and availability. */
const HP_GUIDANCE_DUTIES: Record<string, 'plan'> = { 'HP-AFTER': 'plan', 'AV-EXPLAIN': 'plan' };

/** What every guidance command is decided on, once its regime and recorder are checked. */
interface GuidanceContext {
  period: BenefitPeriodState;
  guidance: GuidanceState;
  /** The duties guidance may be recorded for under the period's regime. */
  duties: Record<string, 'trigger' | 'request' | 'plan' | null>;
}

/** The day of each guidance fact, the one that names its benefit period (as its declaration's `occurredOn`). */
const DAY_FIELD: Record<GuidanceCommand['type'], string> = {
  RecordGuidance: 'givenOn',
  RecordGuidanceMeeting: 'heldOn',
  RecordAfExchange: 'exchangedOn',
  RecordGuidanceTrigger: 'knownOn',
  RecordGuidanceRequest: 'requestedOn',
  ReceiveActionPlanCopy: 'receivedOn',
};

/** G03 (seed 003): the a-kasse records the guidance it owes, and the facts that trigger it. */
function guidanceContext(command: GuidanceCommand, state: ContactProcessState): GuidanceContext {
  const period = requirePeriodOfCommand(state, command, DAY_FIELD[command.type]);
  const ruleSetId = ruleSetIdOf(period);
  // Under the action plans of 1994–2002 the a-kasse guides on a plan's copy only (HP-AFTER).
  const hpAfter =
    ruleSetId === 'HP' &&
    (command.type === 'ReceiveActionPlanCopy' ||
      (command.type === 'RecordGuidance' && command.data.duty in HP_GUIDANCE_DUTIES));
  if (ruleSetId !== 'G03' && !hpAfter) {
    throw precondition(
      'G03-NOTE',
      'benefitPeriodId',
      `the a-kasse's guidance duties of seed 003 govern benefit periods placed from 2003 until the 2024 rules (and, for a plan's copy, HP-AFTER those placed from 1994); benefit period ${period.benefitPeriodId} is governed by ${ruleSetId ?? 'rules not evaluated'}` +
        (ruleSetId === 'HP' && command.type === 'RecordGuidanceMeeting'
          ? ': its guidance meetings under 001 §8 are recorded as CumulativeUnemploymentMeetingHeld (HP-MEET39)'
          : ''),
    );
  }
  requireRecordedBy(command, 'akasse', 'G03-NOTE', 'guidance under the order on the a-kasse’s duty to guide');
  return {
    period,
    guidance: period.guidance,
    duties: ruleSetId === 'HP' ? HP_GUIDANCE_DUTIES : GUIDANCE_DUTIES,
  };
}

/** A guidance handler: decided on the context every guidance command shares. */
const guided =
  <T extends GuidanceCommand['type']>(
    decide: (command: CommandOf<T>, context: GuidanceContext) => ContactProcessEvent[],
  ): Handler<T> =>
  (command, state) =>
    decide(command, guidanceContext(command as GuidanceCommand, state));

const told = (toldMember: string) => {
  if (toldMember.trim() === '')
    throw precondition('G03-NOTE', 'toldMember', 'record what the member was told (003 § 28, G03-NOTE)');
};

const unique = (taken: boolean, field: string, id: string) => {
  if (taken) throw precondition(null, field, `${field} ${id} is already recorded`);
};

const recordGuidance = guided<'RecordGuidance'>((command, { period, guidance, duties }) => {
  const { duty, givenOn, relatesTo, toldMember } = command.data;
  notInFuture(givenOn, command.today, 'givenOn');
  told(toldMember);
  if (!(duty in duties))
    throw precondition(
      duty,
      'duty',
      `guidance is recorded for one of ${Object.keys(duties).join(', ')}; the meeting is GuidanceMeetingHeld`,
    );
  const writtenOnly = WRITTEN_GUIDANCE.get(duty);
  if (writtenOnly !== undefined && command.data.form !== 'written')
    throw precondition(
      duty,
      'form',
      `${duty} is given in writing (${writtenOnly}), not as a ${command.data.form}`,
    );
  const needs = duties[duty];
  const known =
    needs === 'trigger'
      ? guidance.triggers.some((t) => t.triggerId === relatesTo)
      : needs === 'request'
        ? guidance.requests.some((r) => r.requestId === relatesTo)
        : needs === 'plan'
          ? guidance.planCopies.some((p) => p.planId === relatesTo) ||
            period.actionPlans.plans.some((p) => p.planId === relatesTo)
          : relatesTo === null;
  if (!known)
    throw new ContactProcessError(
      'unknown-reference',
      duty,
      'relatesTo',
      needs === null
        ? `${duty} answers no trigger, request or plan: relatesTo must be null`
        : `${duty} answers a recorded ${needs}: no ${needs} ${String(relatesTo)}`,
    );
  return [{ type: 'GuidanceGiven', data: command.data }];
});

const recordGuidanceMeeting = guided<'RecordGuidanceMeeting'>((command, { period, guidance }) => {
  const { meetingId, heldOn, toldMember, reportedToAfOn } = command.data;
  notInFuture(heldOn, command.today, 'heldOn');
  notBefore(heldOn, period.placedOn, 'heldOn', 'the placement in the benefit period');
  told(toldMember);
  if (reportedToAfOn !== null) {
    notInFuture(reportedToAfOn, command.today, 'reportedToAfOn');
    notBefore(reportedToAfOn, heldOn, 'reportedToAfOn', 'the meeting');
  }
  unique(
    guidance.meetings.some((m) => m.meetingId === meetingId),
    'meetingId',
    meetingId,
  );
  return [{ type: 'GuidanceMeetingHeld', data: command.data }];
});

const recordAfExchange = guided<'RecordAfExchange'>((command, { period, guidance }) => {
  const { exchangeId, exchangedOn, meetingId } = command.data;
  notInFuture(exchangedOn, command.today, 'exchangedOn');
  notBefore(exchangedOn, period.placedOn, 'exchangedOn', 'the placement in the benefit period');
  const exchanges = guidance.exchanges;
  unique(
    exchanges.some((e) => e.exchangeId === exchangeId),
    'exchangeId',
    exchangeId,
  );
  if (meetingId !== null) {
    const meeting = guidance.meetings.find((m) => m.meetingId === meetingId);
    if (!meeting)
      throw new ContactProcessError(
        'unknown-reference',
        'G03-EXCH',
        'meetingId',
        `no guidance meeting ${meetingId} is recorded in this benefit period`,
      );
    notBefore(exchangedOn, meeting.heldOn, 'exchangedOn', 'the meeting');
  }
  return [{ type: 'AfInformationExchanged', data: command.data }];
});

const recordGuidanceTrigger = guided<'RecordGuidanceTrigger'>((command, { guidance }) => {
  const { triggerId, section, knownOn } = command.data;
  notInFuture(knownOn, command.today, 'knownOn');
  if (!(section in GUIDANCE_TRIGGERS))
    throw precondition(
      'G03-EVENT',
      'section',
      `the event-triggered duties are those of ${Object.keys(GUIDANCE_TRIGGERS).join(', ')}`,
    );
  unique(
    guidance.triggers.some((t) => t.triggerId === triggerId),
    'triggerId',
    triggerId,
  );
  return [{ type: 'GuidanceTriggerKnown', data: command.data }];
});

const recordGuidanceRequest = guided<'RecordGuidanceRequest'>((command, { guidance }) => {
  notInFuture(command.data.requestedOn, command.today, 'requestedOn');
  const { requestId } = command.data;
  unique(
    guidance.requests.some((r) => r.requestId === requestId),
    'requestId',
    requestId,
  );
  return [{ type: 'GuidanceRequested', data: command.data }];
});

const receiveActionPlanCopy = guided<'ReceiveActionPlanCopy'>((command, { guidance }) => {
  notInFuture(command.data.receivedOn, command.today, 'receivedOn');
  const { planId } = command.data;
  const revisedOn = command.data.revisedOn ?? null;
  if (revisedOn !== null) notBefore(command.data.receivedOn, revisedOn, 'receivedOn', 'the revision');
  else if (command.data.changesAvailability != null)
    throw precondition(
      'G03-PLAN',
      'changesAvailability',
      'whether the plan changes the availability obligation is recorded for a revision (003 § 14(2)); a new plan is always guided on (§ 14(1))',
    );
  unique(
    guidance.planCopies.some((p) => p.planId === planId && (p.revisedOn ?? null) === revisedOn),
    revisedOn === null ? 'planId' : 'revisedOn',
    revisedOn === null ? planId : `${planId} revised ${revisedOn}`,
  );
  return [{ type: 'ActionPlanCopyReceived', data: command.data }];
});

export const g03Handlers: Handlers<GuidanceCommand['type']> = {
  RecordGuidance: recordGuidance,
  RecordGuidanceMeeting: recordGuidanceMeeting,
  RecordAfExchange: recordAfExchange,
  RecordGuidanceTrigger: recordGuidanceTrigger,
  RecordGuidanceRequest: recordGuidanceRequest,
  ReceiveActionPlanCopy: receiveActionPlanCopy,
};
