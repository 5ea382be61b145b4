/**
 * Corrections without rewriting history: a fact recorded in error is retracted, or corrected with the right
 * details, by a new event that says which fact, what and why. The stored fact is never changed; every fold of
 * the stream (`foldFacts`) honours the correction, and the history shows both.
 *
 * Deciding a correction needs the person's facts themselves, not only the folded state: the corrected fact is
 * checked against the same preconditions as a new one, on the state as it stood just before the original.
 */
import type { LocalDate } from '@app/legal-time';
import { COMMAND_FOR_FACT } from '../facts.registry';
import { decide, type ContactProcessCommand } from './decide';
import { ContactProcessError, precondition } from '../contact-process.errors';
import {
  CORRECTION_EVENT_TYPES,
  DERIVED_EVENT_TYPES,
  isCorrectableEventType,
  type ContactProcessEvent,
  type CorrectableEvent,
  type FactCorrected,
  type FactRetracted,
  type Organisation,
} from '../contact-process.events';
import type { RecordedContactProcessEvent } from './state';
import { foldFacts } from './evolve';
import { rederive } from './rederive';

interface CorrectionBase {
  recordedBy: Organisation;
  today: LocalDate;
}

export type CorrectionCommand =
  | ({ type: 'RetractFact'; data: Omit<FactRetracted, 'factType'> } & CorrectionBase)
  | ({ type: 'CorrectFact'; data: FactCorrected } & CorrectionBase);

export const isCorrectionCommand = (command: { type: string }): command is CorrectionCommand =>
  command.type === 'RetractFact' || command.type === 'CorrectFact';

/** The fact a correction is about: it must exist, be a person's fact, and not be retracted already. */
function target(
  facts: readonly RecordedContactProcessEvent[],
  eventId: string,
  field: string,
  today: LocalDate,
  on: LocalDate,
): { index: number; fact: CorrectableEvent } {
  const index = facts.findIndex((f) => f.eventId === eventId);
  if (index < 0)
    throw new ContactProcessError(
      'unknown-reference',
      null,
      field,
      `the person has no fact with eventId ${eventId}`,
    );
  const fact = facts[index];
  if (DERIVED_EVENT_TYPES.has(fact.type))
    throw precondition(
      null,
      field,
      `${eventId} is a ${fact.type} the system derived from other facts: correct or retract those facts instead`,
    );
  if (CORRECTION_EVENT_TYPES.has(fact.type) || !isCorrectableEventType(fact.type))
    throw precondition(
      null,
      field,
      `${eventId} is itself a correction: correct or retract the original fact, whose latest correction counts`,
    );
  if (facts.some((f) => f.type === 'FactRetracted' && f.data.retractedEventId === eventId))
    throw precondition(null, field, `${eventId} has already been retracted: record the fact anew instead`);
  if (on > today)
    throw precondition(null, field.replace(/EventId$/, 'On'), `${on} is after today (${today})`);
  return { index, fact: fact as CorrectableEvent };
}

export function decideCorrection(
  command: CorrectionCommand,
  facts: readonly RecordedContactProcessEvent[],
): ContactProcessEvent[] {
  if (command.type === 'RetractFact') {
    const { retractedEventId, reason, retractedOn } = command.data;
    const { fact } = target(facts, retractedEventId, 'retractedEventId', command.today, retractedOn);
    const retraction: ContactProcessEvent = {
      type: 'FactRetracted',
      data: { retractedEventId, factType: fact.type, reason, retractedOn },
    };
    return withRederived(facts, retraction, {
      factEventId: retractedEventId,
      on: retractedOn,
      today: command.today,
    });
  }
  const { correctedEventId, factType, correctedOn } = command.data;
  const { index, fact } = target(facts, correctedEventId, 'correctedEventId', command.today, correctedOn);
  if (fact.type !== factType)
    throw precondition(
      null,
      'factType',
      `${correctedEventId} is a ${fact.type}, not a ${factType}: a correction keeps the kind of fact (retract it and record the right one instead)`,
    );
  // The corrected fact must be one the rules would have accepted in the original's place.
  const before = foldFacts(facts.slice(0, index).concat(facts.filter(isCorrectionOf(facts, index))));
  try {
    decide(
      {
        type: COMMAND_FOR_FACT[factType],
        recordedBy: command.recordedBy,
        today: command.today,
        data: command.data.data,
      } as ContactProcessCommand,
      before,
    );
  } catch (error) {
    if (error instanceof ContactProcessError)
      throw new ContactProcessError(error.code, error.ruleId, `data.${error.field}`, error.message);
    throw error;
  }
  const correction: ContactProcessEvent = { type: 'FactCorrected', data: command.data };
  return withRederived(facts, correction, {
    factEventId: correctedEventId,
    on: correctedOn,
    today: command.today,
  });
}

/**
 * The correction and what it changes in the derived facts (see rederive): the stream folded with the correction
 * honoured, and each derived fact that no longer follows withdrawn, the one that now follows appended.
 */
function withRederived(
  facts: readonly RecordedContactProcessEvent[],
  correction: ContactProcessEvent,
  { factEventId, on, today }: { factEventId: string; on: LocalDate; today: LocalDate },
): ContactProcessEvent[] {
  const after = foldFacts([...facts, correction]);
  const because = { factEventId, correction: correction.type as 'FactRetracted' | 'FactCorrected' };
  return [correction, ...rederive(after, { because, on, today })];
}

/** Corrections recorded after `index` of facts before it: they change the state the original was decided on. */
const isCorrectionOf =
  (facts: readonly RecordedContactProcessEvent[], index: number) =>
  (fact: RecordedContactProcessEvent, at: number) =>
    at > index &&
    ((fact.type === 'FactRetracted' &&
      facts.slice(0, index).some((f) => f.eventId === fact.data.retractedEventId)) ||
      (fact.type === 'FactCorrected' &&
        facts.slice(0, index).some((f) => f.eventId === fact.data.correctedEventId)));
