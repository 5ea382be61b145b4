/** The commands of the availability during an action plan (AV, seed 004): situations, waivers, refusals. */
import type {
  AvailabilitySituationBegan,
  AvailabilitySituationEnded,
  MediatedWorkRefused,
  MediatedWorkWaived,
} from '../contact-process.events';
import type { CommandBase } from '../process/commands';

export type AvailabilityCommand =
  | ({ type: 'BeginAvailabilitySituation'; data: AvailabilitySituationBegan } & CommandBase)
  | ({ type: 'EndAvailabilitySituation'; data: AvailabilitySituationEnded } & CommandBase)
  | ({ type: 'WaiveMediatedWork'; data: MediatedWorkWaived } & CommandBase)
  | ({ type: 'RefuseMediatedWork'; data: MediatedWorkRefused } & CommandBase);
