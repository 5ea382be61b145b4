/**
 * The handlers of the availability during an action plan (AV, seed 004): the situations AF records, its
 * waivers of the duty to accept mediated work, and refused mediated work. Decided under the checks every
 * command of the action plans of 1994–2002 shares (hp.context.ts).
 */
import { precondition } from '../contact-process.errors';
import type { ActionPlanState } from '../process/state';
import { underActionPlans } from '../hp/hp.context';
import type { Handlers } from '../process/commands';
import { ABROAD_EXEMPT, NO_WAIVER } from '../av/av.rules';
import type { AvailabilityCommand } from './av.commands';

const situationsOf = (plans: ActionPlanState) => plans.situations;

const beginAvailabilitySituation = underActionPlans<'BeginAvailabilitySituation'>(
  (command, { plans, taken }) => {
    const { situationId, from, to } = command.data;
    if (situationsOf(plans).some((s) => s.situationId === situationId))
      throw taken('situation', situationId, 'situationId');
    if (to !== null && to < from) throw precondition(null, 'to', `to (${to}) is before from (${from})`);
    return [{ type: 'AvailabilitySituationBegan', data: command.data }];
  },
);

const endAvailabilitySituation = underActionPlans<'EndAvailabilitySituation'>(
  (command, { plans, unknown }) => {
    const situation = situationsOf(plans).find((s) => s.situationId === command.data.situationId);
    if (!situation) throw unknown('situation', command.data.situationId, 'situationId');
    if (command.data.endedOn < situation.from)
      throw precondition(null, 'endedOn', `endedOn is before the situation began (${situation.from})`);
    return [{ type: 'AvailabilitySituationEnded', data: command.data }];
  },
);

const waiveMediatedWork = underActionPlans<'WaiveMediatedWork'>((command, { plans, unknown }) => {
  const situation = situationsOf(plans).find((s) => s.situationId === command.data.situationId);
  if (!situation) throw unknown('situation', command.data.situationId, 'situationId');
  // 004 §1, §6, §7: AF may waive during an offer, retraining, AMU or educational leave (for the leave on its
  // own assessment of the application, recorded on the granted leave and holding from the leave's start);
  // not in §62a education, nor where there is no duty to accept mediated work to waive.
  const notWaivable =
    NO_WAIVER[situation.kind] ??
    (ABROAD_EXEMPT.has(situation.kind) && situation.studyAbroadNotResident
      ? 'studying abroad without residence in Denmark the person is exempt from mediated work by the rules themselves (004 §2, §7): there is no duty to waive'
      : undefined);
  if (notWaivable !== undefined)
    throw precondition(
      'AV-WAIVE',
      'situationId',
      `AF cannot waive the duty to accept mediated work in situation ${situation.situationId} (${situation.kind}): ${notWaivable}`,
    );
  if (command.data.reason.trim() === '')
    throw precondition('AV-WAIVE', 'reason', 'a waiver is a concrete decision: record its reason');
  return [{ type: 'MediatedWorkWaived', data: command.data }];
});

const refuseMediatedWork = underActionPlans<'RefuseMediatedWork'>((command, { plans, taken }) => {
  if (plans.refusedWork.some((r) => r.refusalId === command.data.refusalId))
    throw taken('refusal', command.data.refusalId, 'refusalId');
  return [{ type: 'MediatedWorkRefused', data: command.data }];
});

export const avHandlers: Handlers<AvailabilityCommand['type']> = {
  BeginAvailabilitySituation: beginAvailabilitySituation,
  EndAvailabilitySituation: endAvailabilitySituation,
  WaiveMediatedWork: waiveMediatedWork,
  RefuseMediatedWork: refuseMediatedWork,
};
