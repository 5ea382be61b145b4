/**
 * What a projection of contact processes does with a batch of events from `$all`: group them per person, then
 * advance each person's folded state — by `evolve` from the state it stored, or, when a correction arrived, by
 * folding the person's stream again up to the batch's last event (never further, so a rebuild or a replay sees
 * the stream as it stood at that point of `$all`). Shared by every projection that folds persons.
 */
import type { EventStore, RecordedEvent } from '@app/event-store';
import { contactProcessStream, isContactProcessEvent, personIdOfStream } from '../contact-process.events';
import { initialState, type ContactProcessState, type RecordedContactProcessEvent } from './state';
import { evolve, isCorrection } from './evolve';
import { foldRecorded } from './history';

export interface PersonBatch {
  facts: RecordedContactProcessEvent[];
  /** The person's stream revision of the batch's last fact. */
  lastRevision: bigint;
  /** Whether a fact retracts or corrects an earlier one. */
  corrected: boolean;
  /**
   * The person was erased: their facts are unreadable (or the erasure is in this batch). A projection keeps
   * nothing of them but what the erasure fact itself carries.
   */
  erased: boolean;
}

/** The batch's contact-process facts per person, in stream order; other events are skipped, never fatal. */
export function factsByPerson(events: readonly RecordedEvent[]): Map<string, PersonBatch> {
  const batches = new Map<string, PersonBatch>();
  for (const event of events) {
    const personId = personIdOfStream(event.streamName);
    if (personId === undefined || !isContactProcessEvent(event.type, event.schemaVersion)) continue;
    const fact = {
      type: event.type,
      data: event.data,
      eventId: event.metadata?.eventId,
    } as RecordedContactProcessEvent;
    const erased = event.erased || fact.type === 'PersonErased';
    const batch = batches.get(personId);
    if (batch) {
      batch.facts.push(fact);
      batch.lastRevision = event.revision;
      batch.corrected ||= isCorrection(fact);
      batch.erased ||= erased;
    } else {
      batches.set(personId, {
        facts: [fact],
        lastRevision: event.revision,
        corrected: isCorrection(fact),
        erased,
      });
    }
  }
  return batches;
}

/**
 * What a read model needs to keep a person's folded state (birth date, custody, residence, free texts) sealed
 * under the person's key, as their events are: erasure then makes every copy unreadable, on disk and in backups.
 */
export type StateSealing = Pick<EventStore, 'sealPersonal' | 'openPersonal'>;

/**
 * The folded state's shape, stored with every state: raise it whenever `ContactProcessState` gains, loses or
 * changes a part. A stored state of another shape (or one stored before shapes were, a bare state) is never read
 * as this one — `stateAfter` folds the person's stream again instead — so no reader needs a fallback for a part
 * an older state lacks (issue #17 item 4). The read models' versions include it, so they rebuild when it moves.
 */
export const STATE_SHAPE = 1;

interface StoredState {
  shape: number;
  state: ContactProcessState;
}

/** The state as `table` stores it: sealed under the person's key; undefined once they were erased (keep nothing). */
export function sealState(
  sealing: Pick<StateSealing, 'sealPersonal'>,
  table: string,
  personId: string,
  state: ContactProcessState,
): Promise<string | undefined> {
  const stored: StoredState = { shape: STATE_SHAPE, state };
  return sealing.sealPersonal(contactProcessStream(personId), table, JSON.stringify(stored));
}

/** An opened stored state (`openState`'s JSON) when it has this code's shape; null when it has another. */
export function storedStateOf(json: string): ContactProcessState | null {
  const stored = JSON.parse(json) as Partial<StoredState> | null;
  return stored && stored.shape === STATE_SHAPE && stored.state ? stored.state : null;
}

/** What `sealState` stored, opened to the state's JSON (as `stateAfter` takes it); undefined once erased. */
export function openState(
  sealing: Pick<StateSealing, 'openPersonal'>,
  table: string,
  personId: string,
  stored: string,
): Promise<string | undefined> {
  return sealing.openPersonal(contactProcessStream(personId), table, stored);
}

/**
 * The person's state after the batch, from the state the projection stored for them (JSON), or the one it kept in
 * memory of what it stored (`{ state }`), or none.
 */
export async function stateAfter(
  personId: string,
  batch: PersonBatch,
  stored: string | { state: ContactProcessState } | undefined,
  streams: Pick<EventStore, 'readStream'>,
): Promise<ContactProcessState> {
  const kept =
    stored === undefined ? initialState() : typeof stored === 'string' ? storedStateOf(stored) : stored.state;
  // After a correction, or from a state of another shape: the stream up to the batch's last fact, folded again.
  if (batch.corrected || kept === null) {
    const stream = await streams.readStream(contactProcessStream(personId), {
      maxCount: Number(batch.lastRevision) + 1,
    });
    return foldRecorded(stream);
  }
  let state = kept;
  for (const fact of batch.facts) state = evolve(state, fact);
  return state;
}
