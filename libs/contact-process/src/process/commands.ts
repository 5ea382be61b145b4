/**
 * The commands of a person's contact process, one union over every regime, and the shape of the handler each
 * command has (see `decide.ts`, whose table the compiler checks for a handler per command).
 */
import type { LocalDate } from '@app/legal-time';
import type {
  AvailabilityInterviewHeld,
  BenefitHoursReported,
  ContactProcessEvent,
  DeregisteredAsJobseeker,
  JobInterviewHeld,
  Organisation,
  PersonFactsRecorded,
  PlacedInBenefitPeriod,
  RegisteredAsJobseeker,
} from '../contact-process.events';
import type { ContactProcessState } from './state';
import type { C24Command } from '../c24/c24.commands';
import type { R26Command } from '../r26/r26.commands';
import type { GuidanceCommand } from '../g03/g03.commands';
import type { ActionPlanCommand } from '../hp/hp.commands';

/** Every command says which kind of organisation records it and what day it is. */
export interface CommandBase {
  recordedBy: Organisation;
  today: LocalDate;
}

/** What every regime shares: the person, the benefit period, registration, hours, interviews, deadlines. */
export type ProcessCommand =
  | ({ type: 'RecordPersonFacts'; data: PersonFactsRecorded } & CommandBase)
  | ({ type: 'PlaceInBenefitPeriod'; data: PlacedInBenefitPeriod } & CommandBase)
  | ({ type: 'RegisterAsJobseeker'; data: RegisteredAsJobseeker } & CommandBase)
  | ({ type: 'DeregisterAsJobseeker'; data: DeregisteredAsJobseeker } & CommandBase)
  | ({ type: 'ReportBenefitHours'; data: BenefitHoursReported } & CommandBase)
  | ({ type: 'RecordJobInterview'; data: JobInterviewHeld } & CommandBase)
  | ({ type: 'RecordAvailabilityInterview'; data: AvailabilityInterviewHeld } & CommandBase)
  /**
   * Run by the system each day: records every deadline that has passed unmet and, given `reminders`, every
   * open duty of an organisation that came within the organisation's reminder window.
   */
  | { type: 'EvaluateDeadlines'; asOf: LocalDate; reminders?: ReminderWindows };

/**
 * How many days before a due day each organisation wants to hear that it comes due: `days` by `akasse:<id>` or
 * `jobcenter:<id>`, `defaultDays` for the others; 0 days: no reminders for that organisation.
 */
export interface ReminderWindows {
  defaultDays: number;
  days: Readonly<Record<string, number>>;
}

export type ContactProcessCommand =
  ProcessCommand | C24Command | R26Command | GuidanceCommand | ActionPlanCommand;

export type CommandType = ContactProcessCommand['type'];

/** The command of one type, so a handler sees its precise data. */
export type CommandOf<T extends CommandType> = Extract<ContactProcessCommand, { type: T }>;

/** Decides one command on the person's state: the events to append, or a ContactProcessError. */
export type Handler<T extends CommandType> = (
  command: CommandOf<T>,
  state: ContactProcessState,
) => ContactProcessEvent[];

/** The handlers of a group of commands, one per type. */
export type Handlers<T extends CommandType> = { [K in T]: Handler<K> };
