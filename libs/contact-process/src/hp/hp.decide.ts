/**
 * The handlers of the action-plan process of 1994–2002 (HP, seeds 000, 001), decided apart from the contact
 * process: AF's notice to the a-kasse, the a-kasse's preparation meeting, the plan requested, completed and
 * revised, the person's objection, offers outside the plan, refusals to take part and the a-kasse's backstop.
 * The meetings under 001 §8 and their periods are in hp.meet39.decide.ts; availability (AV) in av.decide.ts.
 */
import type { PreparationMeetingHeld } from '../contact-process.events';
import { precondition } from '../contact-process.errors';
import type { Handlers } from '../process/commands';
import type { HpCommand } from './hp.commands';
import { underActionPlans, type ActionPlanContext } from './hp.context';
import { meet39Handlers } from './hp.meet39.decide';

const receiveAfNotice = underActionPlans<'ReceiveAfNotice'>((command, { plans, taken }) => {
  const { noticeId, agreedPeriodWeeks } = command.data;
  if (plans.notices.some((n) => n.noticeId === noticeId)) throw taken('notice', noticeId, 'noticeId');
  if (agreedPeriodWeeks !== null && (agreedPeriodWeeks < 1 || agreedPeriodWeeks > 4))
    throw precondition(
      'HP-PREP',
      'agreedPeriodWeeks',
      'a regionally agreed preparation period is at most 4 weeks (001 §7)',
    );
  return [{ type: 'AfNoticeReceived', data: command.data }];
});

const recordPreparationMeeting = underActionPlans<'RecordPreparationMeeting'>((command, context) => {
  const { noticeId, heldOn, toldMember, notesSentToAfOn } = command.data;
  if (noticeId !== null) checkAnswersNotice(command.data, noticeId, context);
  else checkAnswersApproach(command.data, context);
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
  context.dated(command.data.copyGivenToMemberOn ?? null, 'copyGivenToMemberOn', {
    on: heldOn,
    what: 'the meeting',
    ruleId: 'HP-PREP',
  });
  return [{ type: 'PreparationMeetingHeld', data: command.data }];
});

/** A meeting that answers AF's notice: AF has called the member, who did not approach the a-kasse. */
function checkAnswersNotice(
  meeting: PreparationMeetingHeld,
  noticeId: string,
  { plans, unknown }: ActionPlanContext,
): void {
  if (!plans.notices.some((n) => n.noticeId === noticeId))
    throw unknown('notice from AF', noticeId, 'noticeId');
  if ((meeting.approachedOn ?? null) !== null)
    throw precondition(
      'HP-PREP',
      'approachedOn',
      `the meeting answers AF's notice ${noticeId}, not an unprompted approach: approachedOn is null (with no notice, noticeId is null)`,
    );
  if ((meeting.referredToAfOn ?? null) !== null)
    throw precondition(
      'HP-PREP',
      'referredToAfOn',
      `the meeting answers AF's notice ${noticeId}: AF has called the member, and referring the member to AF is for a member who approached the a-kasse unprompted (000 phase 2; 001 §7)`,
    );
}

/**
 * "Hvis et medlem henvender sig uopfordret til arbejdsløshedskassen for at få udarbejdet en handlingsplan,
 * skal arbejdsløshedskassen gennemføre en vejledning ... og henvise medlemmet til arbejdsformidlingen"
 * (000 phase 2; 001 §7).
 */
function checkAnswersApproach(
  meeting: PreparationMeetingHeld,
  { period, plans, dated }: ActionPlanContext,
): void {
  const { heldOn } = meeting;
  const approachedOn = meeting.approachedOn ?? null;
  if (approachedOn === null)
    throw precondition(
      'HP-PREP',
      'approachedOn',
      "without AF's notice the meeting answers the member's unprompted approach to the a-kasse for a plan: record the day the member approached (000 phase 2; 001 §7)",
    );
  dated(approachedOn, 'approachedOn', { on: period.placedOn, what: 'the placement', ruleId: null });
  if (heldOn < approachedOn)
    throw precondition(
      'HP-PREP',
      'heldOn',
      `heldOn (${heldOn}) is before the member approached the a-kasse (${approachedOn}): the guidance answers the approach`,
    );
  const same = plans.preparations.find((m) => m.noticeId === null && m.approachedOn === approachedOn);
  if (same)
    throw precondition(
      'HP-PREP',
      'approachedOn',
      `the member's unprompted approach of ${approachedOn} is already recorded, guided on ${same.heldOn}: correct that fact instead`,
    );
  dated(meeting.referredToAfOn ?? null, 'referredToAfOn', {
    on: heldOn,
    what: 'the guidance',
    ruleId: 'HP-PREP',
  });
}

const requestActionPlan = underActionPlans<'RequestActionPlan'>((command, { plans, taken }) => {
  if (plans.requests.some((r) => r.planId === command.data.planId))
    throw taken('plan request', command.data.planId, 'planId');
  return [{ type: 'ActionPlanRequested', data: command.data }];
});

const completeActionPlan = underActionPlans<'CompleteActionPlan'>(
  (command, { period, plan, taken, dated }) => {
    const { planId, employmentGoal } = command.data;
    if (plan(planId)) throw taken('plan', planId, 'planId');
    if (employmentGoal.trim() === '')
      throw precondition('HP-PLAN', 'employmentGoal', 'a plan sets down the employment goal (000 phase 3)');
    dated(command.data.personToldOfAkasseMeetingOn ?? null, 'personToldOfAkasseMeetingOn', {
      on: period.placedOn,
      what: 'the placement',
      ruleId: null,
    });
    return [{ type: 'ActionPlanCompleted', data: command.data }];
  },
);

const reviseActionPlan = underActionPlans<'ReviseActionPlan'>((command, { plan, unknown, dated }) => {
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
    throw precondition('HP-REVISE', 'offerId', 'a revision for an offer outside the plan names the offer');
  dated(command.data.personToldOfAkasseMeetingOn ?? null, 'personToldOfAkasseMeetingOn', {
    on: revised.completed.completedOn,
    what: `plan ${planId} was made`,
    ruleId: 'HP-PREP',
  });
  return [{ type: 'ActionPlanRevised', data: command.data }];
});

const objectToActionPlan = underActionPlans<'ObjectToActionPlan'>((command, { plan, unknown }) => {
  if (!plan(command.data.planId)) throw unknown('plan', command.data.planId, 'planId');
  return [{ type: 'ActionPlanObjected', data: command.data }];
});

const giveOfferOutsidePlan = underActionPlans<'GiveOfferOutsidePlan'>((command, { plan, unknown }) => {
  if (!plan(command.data.planId)) throw unknown('plan', command.data.planId, 'planId');
  return [{ type: 'OfferOutsidePlanGiven', data: command.data }];
});

const refusePlanParticipation = underActionPlans<'RefusePlanParticipation'>((command, { plans, taken }) => {
  if (plans.refusals.some((r) => r.refusalId === command.data.refusalId))
    throw taken('refusal', command.data.refusalId, 'refusalId');
  return [{ type: 'PlanParticipationRefused', data: command.data }];
});

/** HP-TARGET: the backstop is for target-group members the a-kasse has not been told are called (000 phase 2; 001 §7). */
const noticeUncalledTargetGroupMember = underActionPlans<'NoticeUncalledTargetGroupMember'>(
  (command, { period, plans, taken, dated }) => {
    const { backstopId, noticedOn, reportedToAfOn } = command.data;
    if (plans.backstops.some((b) => b.backstopId === backstopId))
      throw taken('backstop', backstopId, 'backstopId');
    dated(noticedOn, 'noticedOn', { on: period.placedOn, what: 'the placement', ruleId: null });
    const called = plans.notices.find(
      (n) => n.reason !== 'mediation-relevant-information' && n.receivedOn <= noticedOn,
    );
    if (called)
      throw precondition(
        'HP-TARGET',
        'noticedOn',
        `AF's notice ${called.noticeId} of ${called.receivedOn} already told the a-kasse that the member is called for a plan interview: the backstop is for members it has not been told of (000 phase 2; 001 §7)`,
      );
    const planned = plans.plans.find((p) => p.completed.completedOn <= noticedOn);
    if (planned)
      throw precondition(
        'HP-TARGET',
        'noticedOn',
        `the member has had action plan ${planned.planId} since ${planned.completed.completedOn}: there is no call to report as missing (001 §7)`,
      );
    dated(reportedToAfOn, 'reportedToAfOn', {
      on: noticedOn,
      what: 'the a-kasse noticed it',
      ruleId: 'HP-TARGET',
    });
    return [{ type: 'UncalledTargetGroupMemberNoticed', data: command.data }];
  },
);

export const hpHandlers: Handlers<HpCommand['type']> = {
  ReceiveAfNotice: receiveAfNotice,
  RecordPreparationMeeting: recordPreparationMeeting,
  RequestActionPlan: requestActionPlan,
  CompleteActionPlan: completeActionPlan,
  ReviseActionPlan: reviseActionPlan,
  ObjectToActionPlan: objectToActionPlan,
  GiveOfferOutsidePlan: giveOfferOutsidePlan,
  RefusePlanParticipation: refusePlanParticipation,
  NoticeUncalledTargetGroupMember: noticeUncalledTargetGroupMember,
  ...meet39Handlers,
};
