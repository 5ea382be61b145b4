/** The commands of the a-kasse's guidance duties (G03, seed 003), and HP-AFTER's guidance on a plan's copy. */
import type {
  ActionPlanCopyReceived,
  AfInformationExchanged,
  GuidanceGiven,
  GuidanceMeetingHeld,
  GuidanceRequested,
  GuidanceTriggerKnown,
} from '../contact-process.events';
import type { CommandBase } from '../process/commands';

export type GuidanceCommand =
  | ({ type: 'RecordGuidance'; data: GuidanceGiven } & CommandBase)
  | ({ type: 'RecordGuidanceMeeting'; data: GuidanceMeetingHeld } & CommandBase)
  | ({ type: 'RecordAfExchange'; data: AfInformationExchanged } & CommandBase)
  | ({ type: 'RecordGuidanceTrigger'; data: GuidanceTriggerKnown } & CommandBase)
  | ({ type: 'RecordGuidanceRequest'; data: GuidanceRequested } & CommandBase)
  | ({ type: 'ReceiveActionPlanCopy'; data: ActionPlanCopyReceived } & CommandBase);
