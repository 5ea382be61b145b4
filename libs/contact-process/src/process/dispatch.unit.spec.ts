import type { ContactProcessEvent } from '../contact-process.events';
import { aPerson, d, placed, registered } from '../testing/scenario';
import type { ContactProcessCommand } from './commands';
import { decide } from './decide';
import { evolve, foldFacts } from './evolve';

// The dispatch tables are complete by their types; these are the edges the compiler cannot see: a command or an
// event that arrives from outside the type system (an old client, a newer writer of the stream).
describe('the dispatch of decide and evolve', () => {
  const state = foldFacts([aPerson(), placed(), registered('2024-03-04')]);

  describe('when a command has no handler', () => {
    it('is refused by name, and nothing is decided', () => {
      const command = { type: 'RecordSomethingNew', recordedBy: 'akasse', today: d('2024-04-10') };
      expect(() => decide(command as unknown as ContactProcessCommand, state)).toThrow(
        'unknown command RecordSomethingNew',
      );
    });
  });

  describe('when an event type is unknown to this version', () => {
    it('changes nothing, and does not throw', () => {
      const event = { type: 'SomethingNewHappened', data: { on: '2024-04-01' } };
      expect(evolve(state, event as unknown as ContactProcessEvent)).toBe(state);
    });
  });

  describe('when a command has a handler', () => {
    it('is decided by it on the state given', () => {
      const command: ContactProcessCommand = {
        type: 'RecordAvailabilityInterview',
        recordedBy: 'akasse',
        today: d('2024-04-10'),
        data: { heldOn: d('2024-04-02') },
      };
      expect(decide(command, state)).toEqual([{ type: 'AvailabilityInterviewHeld', data: command.data }]);
    });
  });
});
