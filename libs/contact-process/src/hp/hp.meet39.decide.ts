/**
 * HP-MEET39 and HP-NOTES (001 §8, §10): the a-kasse's guidance meetings after cumulative unemployment, what it
 * notes at each, and the periods they are counted over — sabbatical leave, activity benefit, sub-period 1.
 */
import { daysBetween, type LocalDate } from '@app/legal-time';
import type { CumulativeUnemploymentMeetingHeld } from '../contact-process.events';
import { precondition } from '../contact-process.errors';
import type { ActionPlanState } from '../process/state';
import type { Handlers } from '../process/commands';
import { FULL_APPLICATION_PERIOD_AFTER, MEETING_SECTIONS } from '../hp/hp.rules';
import { underActionPlans, type ActionPlanContext } from './hp.context';

/** The a-kasse's last guidance meeting before a day (a preparation meeting or one under 001 §8), if any. */
function lastMeetingBefore(plans: ActionPlanState, day: LocalDate): LocalDate | undefined {
  return [...plans.preparations.map((m) => m.heldOn), ...plans.unemploymentMeetings.map((m) => m.heldOn)]
    .filter((heldOn) => heldOn < day)
    .sort()
    .pop();
}

const recordCumulativeUnemploymentMeeting = underActionPlans<'RecordCumulativeUnemploymentMeeting'>(
  (command, context) => {
    const meeting = command.data;
    const { meetingId, heldOn, sections } = meeting;
    const { period, plans, taken, dated } = context;
    if (plans.unemploymentMeetings.some((m) => m.meetingId === meetingId))
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
    checkMeetingNotes(meeting, plans);
    const after = { on: heldOn, what: 'the meeting', ruleId: 'HP-NOTES' };
    dated(meeting.memberSignedOn, 'memberSignedOn', after);
    dated(meeting.reportedToAfOn, 'reportedToAfOn', after);
    return [{ type: 'CumulativeUnemploymentMeetingHeld', data: meeting }];
  },
);

/** HP-NOTES (001 §10): what the a-kasse notes at every guidance meeting, and nothing of each application. */
function checkMeetingNotes(meeting: CumulativeUnemploymentMeetingHeld, plans: ActionPlanState): void {
  const { heldOn, applicationsPeriodMonths: months } = meeting;
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
  if (last !== undefined && daysBetween(last, heldOn) > FULL_APPLICATION_PERIOD_AFTER.value && months < 6)
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
}

const leavesOf = (plans: ActionPlanState) => plans.leavePeriods;

/** 001 §8: a member is on one sabbatical leave or activity-benefit period at a time. */
function refuseOverlap(
  { plans }: ActionPlanContext,
  leaveId: string,
  from: LocalDate,
  to: LocalDate | null,
  field: string,
): void {
  const other = leavesOf(plans).find((l) => {
    const end = l.endedOn ?? l.to;
    return l.leaveId !== leaveId && (end === null || from <= end) && (to === null || l.from <= to);
  });
  if (other)
    throw precondition(
      'HP-MEET39',
      field,
      `leave period ${other.leaveId} (${other.from} to ${other.endedOn ?? other.to ?? 'no end recorded'}) overlaps it: leave periods do not overlap`,
    );
}

const beginLeavePeriod = underActionPlans<'BeginLeavePeriod'>((command, context) => {
  const { leaveId, from, to } = command.data;
  if (leavesOf(context.plans).some((l) => l.leaveId === leaveId))
    throw context.taken('leave period', leaveId, 'leaveId');
  if (to !== null && to < from) throw precondition('HP-MEET39', 'to', `to (${to}) is before from (${from})`);
  refuseOverlap(context, leaveId, from, to, 'from');
  return [{ type: 'LeavePeriodBegan', data: command.data }];
});

const endLeavePeriod = underActionPlans<'EndLeavePeriod'>((command, context) => {
  const { leaveId, endedOn } = command.data;
  const leave = leavesOf(context.plans).find((l) => l.leaveId === leaveId);
  if (!leave) throw context.unknown('leave period', leaveId, 'leaveId');
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
  refuseOverlap(context, leaveId, leave.from, endedOn, 'endedOn');
  return [{ type: 'LeavePeriodEnded', data: command.data }];
});

const recordSubPeriodOneEnd = underActionPlans<'RecordSubPeriodOneEnd'>((command, { period }) => {
  const { endsOn } = command.data;
  if (endsOn < period.placedOn)
    throw precondition(
      'HP-MEET39',
      'endsOn',
      `endsOn (${endsOn}) is before the placement in the benefit period (${period.placedOn}): the reference period of sub-period 1 runs on from it`,
    );
  return [{ type: 'SubPeriodOneEndKnown', data: command.data }];
});

export const meet39Handlers: Handlers<
  'RecordCumulativeUnemploymentMeeting' | 'BeginLeavePeriod' | 'EndLeavePeriod' | 'RecordSubPeriodOneEnd'
> = {
  RecordCumulativeUnemploymentMeeting: recordCumulativeUnemploymentMeeting,
  BeginLeavePeriod: beginLeavePeriod,
  EndLeavePeriod: endLeavePeriod,
  RecordSubPeriodOneEnd: recordSubPeriodOneEnd,
};
