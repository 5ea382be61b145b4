/**
 * `evolve(state, event) → state`: a dispatch to one small applier per event type, each in the folder of the
 * regime it belongs to (`process/` for what every regime shares). The table is typed so the compiler refuses
 * an event type without one. And the folds every reader of a stream goes through, corrections honoured.
 */
import { avAppliers } from '../av/av.evolve';
import { c24Appliers } from '../c24/c24.evolve';
import type { ContactProcessEvent } from '../contact-process.events';
import { g03Appliers } from '../g03/g03.evolve';
import { hpAppliers } from '../hp/hp.evolve';
import { r26Appliers } from '../r26/r26.evolve';
import { processAppliers } from './process.evolve';
import {
  initialState,
  periodOf,
  type Applier,
  type Appliers,
  type ContactProcessState,
  type RecordedContactProcessEvent,
} from './state';

const APPLIERS: Appliers<ContactProcessEvent['type']> = {
  ...processAppliers,
  ...c24Appliers,
  ...r26Appliers,
  ...g03Appliers,
  ...hpAppliers,
  ...avAppliers,
};

/** Folds one event into the benefit period it belongs to by its day, not the one current when it was recorded. */
export function evolve(state: ContactProcessState, event: RecordedContactProcessEvent): ContactProcessState {
  const applier = APPLIERS[event.type] as Applier<ContactProcessEvent['type']> | undefined;
  if (!applier) return state; // an event type this version does not know changes nothing
  return applier(state, event, periodOf(state, event)?.benefitPeriodId);
}

/**
 * Folds a person's facts, oldest first, honouring corrections: a retracted fact is left out and a corrected
 * one is folded with its latest corrected details, in its original place. Every reader of a stream — the
 * recorder, the projections, the as-of replays — folds through here, so they all agree.
 */
export function foldFacts(facts: readonly RecordedContactProcessEvent[]): ContactProcessState {
  return effectiveFacts(facts).reduce(evolve, initialState());
}

/**
 * The facts as they stand after every correction: retracted ones left out, corrected ones with their latest
 * details in their original place (the corrections themselves stay in, as facts that change nothing).
 */
export function effectiveFacts(facts: readonly RecordedContactProcessEvent[]): RecordedContactProcessEvent[] {
  const retracted = new Set<string>();
  const corrected = new Map<string, ContactProcessEvent['data']>();
  for (const fact of facts) {
    if (fact.type === 'FactRetracted') retracted.add(fact.data.retractedEventId);
    else if (fact.type === 'FactCorrected') corrected.set(fact.data.correctedEventId, fact.data.data);
  }
  const effective: RecordedContactProcessEvent[] = [];
  for (const fact of facts) {
    const id = fact.eventId;
    if (id !== undefined && retracted.has(id)) continue;
    const correction = id === undefined ? undefined : corrected.get(id);
    effective.push(correction ? ({ ...fact, data: correction } as RecordedContactProcessEvent) : fact);
  }
  return effective;
}

/** Whether a fact changes the meaning of earlier facts, so that state must be refolded from the stream. */
export const isCorrection = (fact: { type: string }) =>
  fact.type === 'FactRetracted' || fact.type === 'FactCorrected';
