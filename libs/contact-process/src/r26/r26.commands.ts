/** The commands of the rules in force from 2026-07-01 (R26) beyond what the earlier regimes have. */
import type { InterviewDutyExempted } from '../contact-process.events';
import type { CommandBase } from '../process/commands';

export type R26Command = { type: 'ExemptFromInterviewDuty'; data: InterviewDutyExempted } & CommandBase;
