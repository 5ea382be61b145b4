/**
 * The commands of the action-plan process of 1994–2002 (HP, seeds 000, 001) and of the availability during a
 * plan (AV, seed 004): decided apart from the contact process, under the same checks (see hp.context.ts).
 */
import type {
  ActionPlanCompleted,
  ActionPlanObjected,
  ActionPlanRequested,
  ActionPlanRevised,
  AfNoticeReceived,
  CumulativeUnemploymentMeetingHeld,
  LeavePeriodBegan,
  LeavePeriodEnded,
  OfferOutsidePlanGiven,
  PlanParticipationRefused,
  PreparationMeetingHeld,
  SubPeriodOneEndKnown,
  UncalledTargetGroupMemberNoticed,
} from '../contact-process.events';
import type { AvailabilityCommand } from '../av/av.commands';
import type { CommandBase } from '../process/commands';

export type HpCommand =
  | ({ type: 'ReceiveAfNotice'; data: AfNoticeReceived } & CommandBase)
  | ({ type: 'RecordPreparationMeeting'; data: PreparationMeetingHeld } & CommandBase)
  | ({ type: 'RequestActionPlan'; data: ActionPlanRequested } & CommandBase)
  | ({ type: 'CompleteActionPlan'; data: ActionPlanCompleted } & CommandBase)
  | ({ type: 'ReviseActionPlan'; data: ActionPlanRevised } & CommandBase)
  | ({ type: 'ObjectToActionPlan'; data: ActionPlanObjected } & CommandBase)
  | ({ type: 'GiveOfferOutsidePlan'; data: OfferOutsidePlanGiven } & CommandBase)
  | ({ type: 'RefusePlanParticipation'; data: PlanParticipationRefused } & CommandBase)
  | ({ type: 'NoticeUncalledTargetGroupMember'; data: UncalledTargetGroupMemberNoticed } & CommandBase)
  | ({ type: 'RecordCumulativeUnemploymentMeeting'; data: CumulativeUnemploymentMeetingHeld } & CommandBase)
  | ({ type: 'BeginLeavePeriod'; data: LeavePeriodBegan } & CommandBase)
  | ({ type: 'EndLeavePeriod'; data: LeavePeriodEnded } & CommandBase)
  | ({ type: 'RecordSubPeriodOneEnd'; data: SubPeriodOneEndKnown } & CommandBase);

/** Every command recorded under the action plans of 1994–2002, availability included. */
export type ActionPlanCommand = HpCommand | AvailabilityCommand;
