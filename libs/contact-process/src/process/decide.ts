/**
 * The contact-process decider: `decide(command, state) → events` and `evolve(state, event) → state`.
 * No I/O, no clock: "today" comes in with each command from an injected clock.
 *
 * `decide` is a dispatch: each command has one small handler, in the folder of the regime it belongs to
 * (`process/` for what every regime shares). The table is typed so the compiler refuses a command without one.
 */
import { avHandlers } from '../av/av.decide';
import { c24Handlers } from '../c24/c24.decide';
import type { ContactProcessEvent } from '../contact-process.events';
import { initialState, type ContactProcessState } from './state';
import { evolve } from './evolve';
import { g03Handlers } from '../g03/g03.decide';
import { hpHandlers } from '../hp/hp.decide';
import { r26Handlers } from '../r26/r26.decide';
import type { CommandType, ContactProcessCommand, Handler, Handlers } from './commands';
import { processHandlers } from './process.decide';

export type { ContactProcessCommand } from './commands';

const HANDLERS: Handlers<CommandType> = {
  ...processHandlers,
  ...c24Handlers,
  ...r26Handlers,
  ...g03Handlers,
  ...hpHandlers,
  ...avHandlers,
};

export function decide(command: ContactProcessCommand, state: ContactProcessState): ContactProcessEvent[] {
  // A command from outside the type system (an old client, a typo) has no handler: refused, never guessed.
  const handler = HANDLERS[command.type] as Handler<CommandType> | undefined;
  if (!handler) throw new Error(`unknown command ${(command as { type: string }).type}`);
  return handler(command as never, state);
}

export const contactProcessDecider = { decide, evolve, initialState };
