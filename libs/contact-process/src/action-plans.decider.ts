/**
 * HP — the action-plan process of 1994–2002 (seeds 000, 001, 004), decided apart from the contact process:
 * AF's notice to the a-kasse, the a-kasse's preparation meeting, the plan requested, completed and revised,
 * the person's objection, offers outside the plan and refusals to take part. Pure, like the contact process.
 */
import type { LocalDate } from '@app/legal-time';
import { ContactProcessError, precondition } from './contact-process.errors';
import type {
  ActionPlanCompleted,
  ActionPlanObjected,
  ActionPlanRequested,
  ActionPlanRevised,
  AfNoticeReceived,
  AvailabilitySituationBegan,
  AvailabilitySituationEnded,
  MediatedWorkRefused,
  MediatedWorkWaived,
  ContactProcessEvent,
  OfferOutsidePlanGiven,
  Organisation,
  PlanParticipationRefused,
  PreparationMeetingHeld,
} from './contact-process.events';
import { currentPeriod, emptyActionPlans, type ContactProcessState } from './contact-process.state';
import { ruleSetIdOf } from './obligations';

interface Base {
  recordedBy: Organisation;
  today: LocalDate;
}

export type ActionPlanCommand =
  | ({ type: 'ReceiveAfNotice'; data: AfNoticeReceived } & Base)
  | ({ type: 'RecordPreparationMeeting'; data: PreparationMeetingHeld } & Base)
  | ({ type: 'RequestActionPlan'; data: ActionPlanRequested } & Base)
  | ({ type: 'CompleteActionPlan'; data: ActionPlanCompleted } & Base)
  | ({ type: 'ReviseActionPlan'; data: ActionPlanRevised } & Base)
  | ({ type: 'ObjectToActionPlan'; data: ActionPlanObjected } & Base)
  | ({ type: 'GiveOfferOutsidePlan'; data: OfferOutsidePlanGiven } & Base)
  | ({ type: 'RefusePlanParticipation'; data: PlanParticipationRefused } & Base)
  | ({ type: 'BeginAvailabilitySituation'; data: AvailabilitySituationBegan } & Base)
  | ({ type: 'EndAvailabilitySituation'; data: AvailabilitySituationEnded } & Base)
  | ({ type: 'WaiveMediatedWork'; data: MediatedWorkWaived } & Base)
  | ({ type: 'RefuseMediatedWork'; data: MediatedWorkRefused } & Base);

/** Who records each fact: the a-kasse its notice received and its meeting, AF (the jobcentre) the rest. */
const RECORDED_BY: Record<ActionPlanCommand['type'], { by: Organisation; ruleId: string }> = {
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
};

const dayOf = (command: ActionPlanCommand): { field: string; day: LocalDate } => {
  const data = command.data as unknown as Record<string, unknown>;
  const field = Object.keys(data).find(
    (key) => (key.endsWith('On') || key === 'from') && typeof data[key] === 'string',
  )!;
  return { field, day: data[field] as LocalDate };
};

export function decideActionPlan(
  command: ActionPlanCommand,
  state: ContactProcessState,
): ContactProcessEvent[] {
  const period = currentPeriod(state);
  if (!period)
    throw precondition(
      null,
      'benefitPeriodId',
      'no benefit period: record the placement in a benefit period first',
    );
  const { by, ruleId } = RECORDED_BY[command.type];
  if (ruleSetIdOf(period) !== 'HP')
    throw precondition(
      ruleId,
      'benefitPeriodId',
      `action plans of 1994–2002 (HP) govern benefit periods placed then; benefit period ${period.benefitPeriodId} is governed by ${ruleSetIdOf(period) ?? 'rules not evaluated'}`,
    );
  if (command.recordedBy !== by)
    throw precondition(
      ruleId,
      'recordedBy',
      `this is recorded by the ${by === 'jobcenter' ? 'AF (jobcentre)' : 'a-kasse'}, not the ${command.recordedBy} (${ruleId})`,
    );
  const { field, day } = dayOf(command);
  if (day > command.today)
    throw precondition(null, field, `${field} (${day}) is after today (${command.today})`);
  if (day < period.placedOn)
    throw precondition(
      null,
      field,
      `${field} (${day}) is before the placement in the benefit period (${period.placedOn})`,
    );
  const plans = period.actionPlans ?? emptyActionPlans();
  const plan = (planId: string) => plans.plans.find((p) => p.planId === planId);
  const unknown = (what: string, id: string, field: string) =>
    new ContactProcessError('unknown-reference', ruleId, field, `no ${what} ${id} is recorded`);
  const taken = (what: string, id: string, field: string) =>
    precondition(null, field, `${what} ${id} is already recorded`);

  switch (command.type) {
    case 'ReceiveAfNotice': {
      const { noticeId, agreedPeriodWeeks } = command.data;
      if (plans.notices.some((n) => n.noticeId === noticeId)) throw taken('notice', noticeId, 'noticeId');
      if (agreedPeriodWeeks !== null && (agreedPeriodWeeks < 1 || agreedPeriodWeeks > 4))
        throw precondition(
          'HP-PREP',
          'agreedPeriodWeeks',
          'a regionally agreed preparation period is at most 4 weeks (001 §7)',
        );
      return [{ type: 'AfNoticeReceived', data: command.data }];
    }
    case 'RecordPreparationMeeting': {
      const { noticeId, heldOn, toldMember, notesSentToAfOn } = command.data;
      const notice = plans.notices.find((n) => n.noticeId === noticeId);
      if (!notice) throw unknown('notice from AF', noticeId, 'noticeId');
      if (toldMember.trim() === '')
        throw precondition(
          'HP-NOTES',
          'toldMember',
          'record what the member said and was told (000 phase 2; 001 §10)',
        );
      if (notesSentToAfOn !== null && notesSentToAfOn < heldOn)
        throw precondition(
          'HP-PREP',
          'notesSentToAfOn',
          'the notes are sent to AF after the meeting, not before it',
        );
      return [{ type: 'PreparationMeetingHeld', data: command.data }];
    }
    case 'RequestActionPlan': {
      if (plans.requests.some((r) => r.planId === command.data.planId))
        throw taken('plan request', command.data.planId, 'planId');
      return [{ type: 'ActionPlanRequested', data: command.data }];
    }
    case 'CompleteActionPlan': {
      const { planId, employmentGoal } = command.data;
      if (plan(planId)) throw taken('plan', planId, 'planId');
      if (employmentGoal.trim() === '')
        throw precondition('HP-PLAN', 'employmentGoal', 'a plan sets down the employment goal (000 phase 3)');
      return [{ type: 'ActionPlanCompleted', data: command.data }];
    }
    case 'ReviseActionPlan': {
      const { planId, reason, cause, offerId } = command.data;
      const revised = plan(planId);
      if (!revised) throw unknown('plan', planId, 'planId');
      if (reason.trim() === '')
        throw precondition(
          'HP-REVISE',
          'reason',
          'a revision says why the plan is revised (order §41; 000 phase 3)',
        );
      if (cause === 'offer-outside-plan' && offerId === null)
        throw precondition(
          'HP-REVISE',
          'offerId',
          'a revision for an offer outside the plan names the offer',
        );
      return [{ type: 'ActionPlanRevised', data: command.data }];
    }
    case 'ObjectToActionPlan': {
      if (!plan(command.data.planId)) throw unknown('plan', command.data.planId, 'planId');
      return [{ type: 'ActionPlanObjected', data: command.data }];
    }
    case 'GiveOfferOutsidePlan': {
      if (!plan(command.data.planId)) throw unknown('plan', command.data.planId, 'planId');
      return [{ type: 'OfferOutsidePlanGiven', data: command.data }];
    }
    case 'BeginAvailabilitySituation': {
      const { situationId, from, to } = command.data;
      if ((plans.situations ?? []).some((s) => s.situationId === situationId))
        throw taken('situation', situationId, 'situationId');
      if (to !== null && to < from) throw precondition(null, 'to', `to (${to}) is before from (${from})`);
      return [{ type: 'AvailabilitySituationBegan', data: command.data }];
    }
    case 'EndAvailabilitySituation': {
      const situation = (plans.situations ?? []).find((s) => s.situationId === command.data.situationId);
      if (!situation) throw unknown('situation', command.data.situationId, 'situationId');
      if (command.data.endedOn < situation.from)
        throw precondition(null, 'endedOn', `endedOn is before the situation began (${situation.from})`);
      return [{ type: 'AvailabilitySituationEnded', data: command.data }];
    }
    case 'WaiveMediatedWork': {
      const situation = (plans.situations ?? []).find((s) => s.situationId === command.data.situationId);
      if (!situation) throw unknown('situation', command.data.situationId, 'situationId');
      if (command.data.reason.trim() === '')
        throw precondition('AV-WAIVE', 'reason', 'a waiver is a concrete decision: record its reason');
      return [{ type: 'MediatedWorkWaived', data: command.data }];
    }
    case 'RefuseMediatedWork': {
      if ((plans.refusedWork ?? []).some((r) => r.refusalId === command.data.refusalId))
        throw taken('refusal', command.data.refusalId, 'refusalId');
      return [{ type: 'MediatedWorkRefused', data: command.data }];
    }
    case 'RefusePlanParticipation': {
      if (plans.refusals.some((r) => r.refusalId === command.data.refusalId))
        throw taken('refusal', command.data.refusalId, 'refusalId');
      return [{ type: 'PlanParticipationRefused', data: command.data }];
    }
  }
}
