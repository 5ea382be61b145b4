/**
 * HP — the action-plan process of 1994–2002 (seeds 000, 001, 004), decided apart from the contact process:
 * AF's notice to the a-kasse, the a-kasse's preparation meeting, the plan requested, completed and revised,
 * the person's objection, offers outside the plan and refusals to take part. Pure, like the contact process.
 */
import { daysBetween, type LocalDate } from '@app/legal-time';
import { ContactProcessError, precondition } from './contact-process.errors';
import type {
  ActionPlanCompleted,
  ActionPlanObjected,
  ActionPlanRequested,
  ActionPlanRevised,
  AfNoticeReceived,
  AvailabilitySituationBegan,
  AvailabilitySituationEnded,
  CumulativeUnemploymentMeetingHeld,
  LeavePeriodBegan,
  LeavePeriodEnded,
  MediatedWorkRefused,
  MediatedWorkWaived,
  ContactProcessEvent,
  OfferOutsidePlanGiven,
  Organisation,
  PlanParticipationRefused,
  PreparationMeetingHeld,
  SubPeriodOneEndKnown,
  UncalledTargetGroupMemberNoticed,
} from './contact-process.events';
import {
  currentPeriod,
  emptyActionPlans,
  type ActionPlanState,
  type ContactProcessState,
} from './contact-process.state';
import { ruleSetIdOf } from './obligations';
import { ABROAD_EXEMPT, NO_WAIVER } from './av/av.rules';
import { FULL_APPLICATION_PERIOD_AFTER, MEETING_SECTIONS } from './hp/hp.rules';

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
  | ({ type: 'RefuseMediatedWork'; data: MediatedWorkRefused } & Base)
  | ({ type: 'NoticeUncalledTargetGroupMember'; data: UncalledTargetGroupMemberNoticed } & Base)
  | ({ type: 'RecordCumulativeUnemploymentMeeting'; data: CumulativeUnemploymentMeetingHeld } & Base)
  | ({ type: 'BeginLeavePeriod'; data: LeavePeriodBegan } & Base)
  | ({ type: 'EndLeavePeriod'; data: LeavePeriodEnded } & Base)
  | ({ type: 'RecordSubPeriodOneEnd'; data: SubPeriodOneEndKnown } & Base);

/** Who records each fact: the a-kasse its notice received, its meetings and its backstop, AF (the jobcentre) the rest. */
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
  NoticeUncalledTargetGroupMember: { by: 'akasse', ruleId: 'HP-TARGET' },
  RecordCumulativeUnemploymentMeeting: { by: 'akasse', ruleId: 'HP-MEET39' },
  // The a-kasse pays (or pauses) the benefits, so it knows the member's leave and reference period (001 §8).
  BeginLeavePeriod: { by: 'akasse', ruleId: 'HP-MEET39' },
  EndLeavePeriod: { by: 'akasse', ruleId: 'HP-MEET39' },
  RecordSubPeriodOneEnd: { by: 'akasse', ruleId: 'HP-MEET39' },
};

/** The a-kasse's last guidance meeting before a day (a preparation meeting or one under 001 §8), if any. */
function lastMeetingBefore(plans: ActionPlanState, day: LocalDate): LocalDate | undefined {
  return [
    ...plans.preparations.map((m) => m.heldOn),
    ...(plans.unemploymentMeetings ?? []).map((m) => m.heldOn),
  ]
    .filter((heldOn) => heldOn < day)
    .sort()
    .pop();
}

/**
 * The day of a fact, where its first date may not be it: the end of the reference period may lie ahead, and a
 * meeting or plan carries other days (the approach, the person told of the a-kasse meeting) in any key order.
 */
const DAY_FIELD: Partial<Record<ActionPlanCommand['type'], string>> = {
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
  const leaves = plans.leavePeriods ?? [];
  /** 001 §8: a member is on one sabbatical leave or activity-benefit period at a time. */
  const refuseOverlap = (leaveId: string, from: LocalDate, to: LocalDate | null, field: string) => {
    const other = leaves.find((l) => {
      const end = l.endedOn ?? l.to;
      return l.leaveId !== leaveId && (end === null || from <= end) && (to === null || l.from <= to);
    });
    if (other)
      throw precondition(
        'HP-MEET39',
        field,
        `leave period ${other.leaveId} (${other.from} to ${other.endedOn ?? other.to ?? 'no end recorded'}) overlaps it: leave periods do not overlap`,
      );
  };
  /** A day of the fact: not after today, and not before the day it follows. */
  const dated = (
    day: LocalDate | null,
    field: string,
    earliest: { on: LocalDate; what: string; ruleId: string | null },
  ) => {
    if (day === null) return;
    if (day > command.today)
      throw precondition(null, field, `${field} (${day}) is after today (${command.today})`);
    if (day < earliest.on)
      throw precondition(
        earliest.ruleId,
        field,
        `${field} (${day}) is before ${earliest.what} (${earliest.on})`,
      );
  };

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
      const approachedOn = command.data.approachedOn ?? null;
      const referredToAfOn = command.data.referredToAfOn ?? null;
      if (noticeId !== null) {
        if (!plans.notices.some((n) => n.noticeId === noticeId))
          throw unknown('notice from AF', noticeId, 'noticeId');
        if (approachedOn !== null)
          throw precondition(
            'HP-PREP',
            'approachedOn',
            `the meeting answers AF's notice ${noticeId}, not an unprompted approach: approachedOn is null (with no notice, noticeId is null)`,
          );
        if (referredToAfOn !== null)
          throw precondition(
            'HP-PREP',
            'referredToAfOn',
            `the meeting answers AF's notice ${noticeId}: AF has called the member, and referring the member to AF is for a member who approached the a-kasse unprompted (000 phase 2; 001 §7)`,
          );
      } else {
        // "Hvis et medlem henvender sig uopfordret til arbejdsløshedskassen for at få udarbejdet en handlingsplan,
        // skal arbejdsløshedskassen gennemføre en vejledning ... og henvise medlemmet til arbejdsformidlingen"
        // (000 phase 2; 001 §7).
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
        dated(referredToAfOn, 'referredToAfOn', { on: heldOn, what: 'the guidance', ruleId: 'HP-PREP' });
      }
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
      dated(command.data.copyGivenToMemberOn ?? null, 'copyGivenToMemberOn', {
        on: heldOn,
        what: 'the meeting',
        ruleId: 'HP-PREP',
      });
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
      dated(command.data.personToldOfAkasseMeetingOn ?? null, 'personToldOfAkasseMeetingOn', {
        on: period.placedOn,
        what: 'the placement',
        ruleId: null,
      });
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
      dated(command.data.personToldOfAkasseMeetingOn ?? null, 'personToldOfAkasseMeetingOn', {
        on: revised.completed.completedOn,
        what: `plan ${planId} was made`,
        ruleId: 'HP-PREP',
      });
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
    }
    case 'RefuseMediatedWork': {
      if ((plans.refusedWork ?? []).some((r) => r.refusalId === command.data.refusalId))
        throw taken('refusal', command.data.refusalId, 'refusalId');
      return [{ type: 'MediatedWorkRefused', data: command.data }];
    }
    case 'NoticeUncalledTargetGroupMember': {
      const { backstopId, noticedOn, reportedToAfOn } = command.data;
      if ((plans.backstops ?? []).some((b) => b.backstopId === backstopId))
        throw taken('backstop', backstopId, 'backstopId');
      dated(noticedOn, 'noticedOn', { on: period.placedOn, what: 'the placement', ruleId: null });
      // The backstop is for target-group members the a-kasse has not been told are called (000 phase 2; 001 §7).
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
    }
    case 'RecordCumulativeUnemploymentMeeting': {
      const meeting = command.data;
      const { meetingId, heldOn, sections, applicationsPeriodMonths: months } = meeting;
      if ((plans.unemploymentMeetings ?? []).some((m) => m.meetingId === meetingId))
        throw taken('meeting', meetingId, 'meetingId');
      dated(heldOn, 'heldOn', { on: period.placedOn, what: 'the placement', ruleId: null });
      if (
        sections.length === 0 ||
        new Set(sections).size !== sections.length ||
        sections.some((section) => !MEETING_SECTIONS.includes(section))
      )
        throw precondition(
          'HP-MEET39',
          'sections',
          `name, once each, the subsections of 001 §8 the meeting answers: ${MEETING_SECTIONS.join(', ')}`,
        );
      // HP-NOTES (001 §10): what the a-kasse notes at every guidance meeting, and nothing of each application.
      if (meeting.toldMember.trim() === '')
        throw precondition(
          'HP-NOTES',
          'toldMember',
          'note what the member said about employment and education wishes and needs, and what they were informed and guided about (001 §10)',
        );
      for (const field of ['applicationsWithinTrade', 'applicationsOutsideTrade'] as const)
        if (!Number.isInteger(meeting[field]) || meeting[field] < 0)
          throw precondition(
            'HP-NOTES',
            field,
            `${field} is a number of applications: a whole number from 0 (001 §10)`,
          );
      // "inden for en nærmere angiven periode (indtil 6 måneder)" (001 §10): any stated period up to 6 months, a
      // part of a month as a fraction — the member may have been unemployed, or met the a-kasse, a few weeks ago.
      if (typeof months !== 'number' || !Number.isFinite(months) || months <= 0 || months > 6)
        throw precondition(
          'HP-NOTES',
          'applicationsPeriodMonths',
          'the applications are noted for a stated period of more than 0 and up to 6 months, a part of a month as a fraction (001 §10: "indtil 6 måneder")',
        );
      const last = lastMeetingBefore(plans, heldOn);
      if (last !== undefined && daysBetween(last, heldOn) > FULL_APPLICATION_PERIOD_AFTER.days && months < 6)
        throw precondition(
          'HP-NOTES',
          'applicationsPeriodMonths',
          `more than 39 weeks passed since the last meeting (${last}): the applications noted cover at least 6 months (001 §10)`,
        );
      if (meeting.coursesTaken.some((course) => course.trim() === ''))
        throw precondition('HP-NOTES', 'coursesTaken', 'note the kind and time of each course (001 §10)');
      const plan = plans.plans.find((p) => p.completed.completedOn <= heldOn);
      if (plan && meeting.followedPlan === null)
        throw precondition(
          'HP-NOTES',
          'followedPlan',
          `the member has action plan ${plan.planId}: note whether they followed it (001 §10)`,
        );
      if (!plan && meeting.followedPlan !== null)
        throw precondition(
          'HP-NOTES',
          'followedPlan',
          `no action plan is recorded by ${heldOn}: followedPlan is null`,
        );
      const after = { on: heldOn, what: 'the meeting', ruleId: 'HP-NOTES' };
      dated(meeting.memberSignedOn, 'memberSignedOn', after);
      dated(meeting.reportedToAfOn, 'reportedToAfOn', after);
      return [{ type: 'CumulativeUnemploymentMeetingHeld', data: meeting }];
    }
    case 'BeginLeavePeriod': {
      const { leaveId, from, to } = command.data;
      if (leaves.some((l) => l.leaveId === leaveId)) throw taken('leave period', leaveId, 'leaveId');
      if (to !== null && to < from)
        throw precondition('HP-MEET39', 'to', `to (${to}) is before from (${from})`);
      refuseOverlap(leaveId, from, to, 'from');
      return [{ type: 'LeavePeriodBegan', data: command.data }];
    }
    case 'EndLeavePeriod': {
      const { leaveId, endedOn } = command.data;
      const leave = leaves.find((l) => l.leaveId === leaveId);
      if (!leave) throw unknown('leave period', leaveId, 'leaveId');
      if (leave.endedOn !== null)
        throw precondition(
          'HP-MEET39',
          'leaveId',
          `leave period ${leaveId} already ended on ${leave.endedOn}: correct that fact instead`,
        );
      if (endedOn < leave.from)
        throw precondition(
          'HP-MEET39',
          'endedOn',
          `endedOn (${endedOn}) is before leave period ${leaveId} began (${leave.from})`,
        );
      refuseOverlap(leaveId, leave.from, endedOn, 'endedOn');
      return [{ type: 'LeavePeriodEnded', data: command.data }];
    }
    case 'RecordSubPeriodOneEnd': {
      const { endsOn } = command.data;
      if (endsOn < period.placedOn)
        throw precondition(
          'HP-MEET39',
          'endsOn',
          `endsOn (${endsOn}) is before the placement in the benefit period (${period.placedOn}): the reference period of sub-period 1 runs on from it`,
        );
      return [{ type: 'SubPeriodOneEndKnown', data: command.data }];
    }
    case 'RefusePlanParticipation': {
      if (plans.refusals.some((r) => r.refusalId === command.data.refusalId))
        throw taken('refusal', command.data.refusalId, 'refusalId');
      return [{ type: 'PlanParticipationRefused', data: command.data }];
    }
  }
}
