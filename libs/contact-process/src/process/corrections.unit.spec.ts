import { ContactProcessError } from '../contact-process.errors';
import type { ContactProcessEvent } from '../contact-process.events';
import type { RecordedContactProcessEvent } from './state';
import { foldFacts } from './evolve';
import { decideCorrection, type CorrectionCommand } from './corrections';
import { evaluateObligations } from '../obligations';
import { aPerson, d, interview, placed, registered } from '../testing/scenario';

/** Facts with ids e1, e2, … as the store would hand them to a fold. */
const facts = (...events: ContactProcessEvent[]): RecordedContactProcessEvent[] =>
  events.map((event, i) => ({ ...event, eventId: `e${i + 1}` }));

const firstInterview = (state: ReturnType<typeof foldFacts>, asOf: string) =>
  evaluateObligations(state, d(asOf)).find((o) => o.ruleId === 'C24-FIRST')!;

function refusal(command: CorrectionCommand, stream: RecordedContactProcessEvent[]): ContactProcessError {
  try {
    decideCorrection(command, stream);
  } catch (error) {
    if (error instanceof ContactProcessError) return error;
    throw error;
  }
  throw new Error('expected the correction to be refused');
}

const today = d('2024-04-10');

describe('corrections of facts recorded in error', () => {
  // Registered 4 March 2024: the first interview is due by 18 March (C24-FIRST).
  const stream = facts(aPerson(), placed(), registered('2024-03-04'), interview('2024-03-15'));

  describe('given an interview recorded in error, when it is retracted', () => {
    const retraction = decideCorrection(
      {
        type: 'RetractFact',
        recordedBy: 'akasse',
        today,
        data: { retractedEventId: 'e4', reason: 'entered on the wrong person', retractedOn: d('2024-04-02') },
      },
      stream,
    );

    it('records a FactRetracted naming the fact, its type and the reason', () => {
      expect(retraction).toEqual([
        {
          type: 'FactRetracted',
          data: {
            retractedEventId: 'e4',
            factType: 'JobInterviewHeld',
            reason: 'entered on the wrong person',
            retractedOn: '2024-04-02',
          },
        },
      ]);
    });

    it('then the fold leaves the interview out: the first-interview deadline is overdue again', () => {
      expect(firstInterview(foldFacts(stream), '2024-03-30')).toMatchObject({ status: 'met', metBy: ['e4'] });
      const after = foldFacts([...stream, { ...retraction[0], eventId: 'e5' }]);
      expect(firstInterview(after, '2024-03-30')).toMatchObject({ status: 'overdue', metBy: [] });
    });

    it('then it cannot be retracted or corrected a second time', () => {
      const retracted = [...stream, { ...retraction[0], eventId: 'e5' }];
      const again = refusal(
        {
          type: 'RetractFact',
          recordedBy: 'akasse',
          today,
          data: { retractedEventId: 'e4', reason: 'again', retractedOn: today },
        },
        retracted,
      );
      expect(again).toMatchObject({ field: 'retractedEventId' });
      expect(again.message).toMatch(/already been retracted/);
    });
  });

  describe('given an interview recorded with the wrong date, when it is corrected', () => {
    const lateInterview = facts(aPerson(), placed(), registered('2024-03-04'), interview('2024-03-25'));
    const corrected = {
      ...(lateInterview[3].data as Extract<ContactProcessEvent, { type: 'JobInterviewHeld' }>['data']),
      heldOn: d('2024-03-15'),
    };
    const correction = decideCorrection(
      {
        type: 'CorrectFact',
        recordedBy: 'akasse',
        today,
        data: {
          correctedEventId: 'e4',
          factType: 'JobInterviewHeld',
          reason: 'typing error in the date',
          correctedOn: d('2024-04-02'),
          data: corrected,
        },
      },
      lateInterview,
    );

    it('the fold uses the corrected details in the original place, still met by the original fact', () => {
      expect(firstInterview(foldFacts(lateInterview), '2024-03-30').status).toBe('missed');
      const after = foldFacts([...lateInterview, { ...correction[0], eventId: 'e5' }]);
      expect(firstInterview(after, '2024-03-30')).toMatchObject({ status: 'met', metBy: ['e4'] });
    });

    it('a later correction of the same fact supersedes the earlier one', () => {
      const second = {
        type: 'FactCorrected' as const,
        data: { ...(correction[0].data as object), data: { ...corrected, heldOn: d('2024-03-28') } },
        eventId: 'e6',
      } as RecordedContactProcessEvent;
      const after = foldFacts([...lateInterview, { ...correction[0], eventId: 'e5' }, second]);
      expect(firstInterview(after, '2024-03-30').status).toBe('missed');
    });

    it('refuses corrected details the rules would have refused in the original place', () => {
      const error = refusal(
        {
          type: 'CorrectFact',
          recordedBy: 'akasse',
          today,
          data: {
            correctedEventId: 'e4',
            factType: 'JobInterviewHeld',
            reason: 'wrong date',
            correctedOn: today,
            data: { ...corrected, heldOn: d('2024-03-01') },
          },
        },
        lateInterview,
      );
      expect(error).toMatchObject({ code: 'precondition-failed', field: 'data.heldOn' });
    });

    it('refuses a correction that changes the kind of fact', () => {
      const error = refusal(
        {
          type: 'CorrectFact',
          recordedBy: 'akasse',
          today,
          data: {
            correctedEventId: 'e4',
            factType: 'AvailabilityInterviewHeld',
            reason: 'it was an availability interview',
            correctedOn: today,
            data: { heldOn: d('2024-03-25') },
          },
        },
        lateInterview,
      );
      expect(error).toMatchObject({ field: 'factType' });
      expect(error.message).toMatch(/retract it and record the right one/);
    });
  });

  it('refuses to correct a fact the person does not have, or one the system derived', () => {
    const unknown = refusal(
      {
        type: 'RetractFact',
        recordedBy: 'akasse',
        today,
        data: { retractedEventId: 'nope', reason: 'x', retractedOn: today },
      },
      stream,
    );
    expect(unknown).toMatchObject({ code: 'unknown-reference', field: 'retractedEventId' });

    const derived = facts(...stream, {
      type: 'DeadlineMissed',
      data: { obligationKey: 'k', ruleId: 'C24-FIRST', dueOn: d('2024-03-18'), detectedOn: d('2024-03-19') },
    });
    const error = refusal(
      {
        type: 'RetractFact',
        recordedBy: 'akasse',
        today,
        data: { retractedEventId: 'e5', reason: 'x', retractedOn: today },
      },
      derived,
    );
    expect(error.message).toMatch(/the system derived/);
  });

  it('refuses a retraction dated after today', () => {
    const error = refusal(
      {
        type: 'RetractFact',
        recordedBy: 'akasse',
        today,
        data: { retractedEventId: 'e4', reason: 'x', retractedOn: d('2024-05-01') },
      },
      stream,
    );
    expect(error).toMatchObject({ field: 'retractedOn' });
  });
});
