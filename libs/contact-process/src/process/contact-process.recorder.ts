/**
 * The adapter between the pure decider and the event store: read the person's stream, fold it, decide, and
 * append what was decided with the stream revision it was decided on (optimistic concurrency).
 */
import { createHash } from 'node:crypto';
import {
  ConcurrentWriteError,
  LruCache,
  WrongExpectedRevisionError,
  type Actor,
  type EventStore,
  type NewEvent,
  type Position,
} from '@app/event-store';
import { copenhagenDateOf, startOfDay, type LocalDate, type Clock } from '@app/legal-time';
import { decide, type ContactProcessCommand } from './decide';
import type { ReminderWindows } from './commands';
import {
  contactProcessStream,
  occurredOn,
  SCHEMA_VERSION,
  type ContactProcessEvent,
} from '../contact-process.events';
import type { ContactProcessState, RecordedContactProcessEvent } from './state';
import { evolve, foldFacts, isCorrection } from './evolve';
import { decideCorrection, isCorrectionCommand, type CorrectionCommand } from './corrections';
import { decideErasure, refuseIfErased } from './erasure';
import type { ErasedSupervisedCase, ErasureReason } from '../contact-process.events';
import { factsOf } from './history';

type FactCommand = Exclude<ContactProcessCommand, { type: 'EvaluateDeadlines' }> | CorrectionCommand;
export type RecordCommand = FactCommand extends infer C
  ? C extends FactCommand
    ? Omit<C, 'today'>
    : never
  : never;

export interface RecordMetadata {
  /** Client-supplied: a retry with the same id records nothing new and answers as the first time. */
  eventId: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  /** Optional optimistic concurrency: the stream revision the client last saw ('no_stream' for a new person). */
  expectedRevision?: bigint | 'no_stream';
}

export interface RecordResult {
  events: Array<{ type: string; eventId: string }>;
  duplicate: boolean;
  nextExpectedRevision: bigint | null;
  position: Position | undefined;
}

/** A UUID-shaped id that is a function of a name: the same name always gives the same id. */
export function nameBasedEventId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Derived events get ids derived from the fact's id, so a retried request appends exactly the same events. */
const derivedId = (eventId: string, index: number) => nameBasedEventId(`${eventId}#${index}`);

/** A person's stream as read and folded: the state, the facts, the revision and the event ids it holds. */
export interface LoadedPerson {
  state: ContactProcessState;
  facts: RecordedContactProcessEvent[];
  revision: bigint | null;
  eventIds: Set<string>;
}

/** One fact of a batch (see `recordBatch`): the command, its metadata, and what must allow it on the state it meets. */
export interface BatchEntry {
  command: RecordCommand;
  meta: RecordMetadata;
  /** E.g. the access check, run against the person as the batch's earlier facts left them. */
  allow?: (person: LoadedPerson) => void | Promise<void>;
}

/** What became of one entry: recorded, already there (its eventId stored before), or refused (nothing stored). */
export type BatchOutcome =
  | { status: 'recorded'; events: Array<{ type: string; eventId: string }> }
  | { status: 'duplicate' }
  | { status: 'refused'; error: unknown };

/** How many recordings are remembered after they are done: far more than overlap in the seconds a retry takes. */
const RECENT_RECORDINGS = 10_000;
/** Persons whose folded stream is kept between recordings (the most recently recorded for). */
const FOLDED_PERSONS = 10_000;

/**
 * Whether an append stored the events right after the revision they were decided on. The store answers a repeat
 * of events it already holds (same ids) as a success too, wherever they stand: then nothing was added there.
 */
const appendedAfter = (revision: bigint | null, result: RecordResult) =>
  result.events.length > 0 &&
  result.nextExpectedRevision === (revision ?? -1n) + BigInt(result.events.length);

/** Whether an expected revision the client sent names the revision a folded stream is at. */
const isAt = (expected: bigint | 'no_stream', revision: bigint | null) =>
  expected === 'no_stream' ? revision === null : expected === revision;

export class ContactProcessRecorder {
  /**
   * Recordings under way and the latest ones done, by stream and eventId (oldest first, at most RECENT_RECORDINGS):
   * a request repeated meanwhile is answered as the duplicate it is.
   */
  private readonly recordings = new Map<string, Promise<RecordResult>>();
  /**
   * Each person's stream as this recorder last read or wrote it, at its revision. A recording decided on it
   * appends expecting that revision, so a stream written meanwhile (another instance, the sweeper) refuses the
   * append; any outcome but a fact stored right after that revision — a conflict, a refusal, nothing to record,
   * a repeat the store had already — is then decided again on the stream as read now, so no answer rests on a
   * stale copy.
   */
  private readonly folded = new LruCache<string, LoadedPerson>(FOLDED_PERSONS);

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async load(personId: string): Promise<LoadedPerson> {
    const events = await this.store.readStream(contactProcessStream(personId));
    const eventIds = new Set(events.flatMap((e) => (e.metadata ? [e.metadata.eventId] : [])));
    const facts = factsOf(events);
    const loaded = {
      state: foldFacts(facts),
      facts,
      revision: events.length ? events[events.length - 1].revision : null,
      eventIds,
    };
    this.folded.set(personId, loaded);
    return loaded;
  }

  /**
   * Decides and appends a fact on the person as last folded here (read when not), after `check` (e.g. the access
   * policy) accepted that person. Only a stored fact is answered from the kept copy: a conflict, a refusal by
   * `check` or the decider, or nothing to record is redone on the stream read afresh, whose answer counts.
   */
  recordChecked(
    personId: string,
    command: RecordCommand,
    meta: RecordMetadata,
    check: (loaded: LoadedPerson) => Promise<void> | void,
  ): Promise<RecordResult> {
    return this.once(personId, meta.eventId, async () => {
      const kept = this.folded.get(personId);
      if (kept && (meta.expectedRevision === undefined || isAt(meta.expectedRevision, kept.revision))) {
        const stored = await this.decideChecked(personId, command, meta, kept, check).catch(() => undefined);
        if (stored && (stored.duplicate || appendedAfter(kept.revision, stored))) return stored;
      }
      return this.decideChecked(personId, command, meta, await this.load(personId), check);
    });
  }

  private async decideChecked(
    personId: string,
    command: RecordCommand,
    meta: RecordMetadata,
    loaded: LoadedPerson,
    check: (loaded: LoadedPerson) => Promise<void> | void,
  ): Promise<RecordResult> {
    await check(loaded);
    return this.recordNow(personId, command, meta, loaded);
  }

  /**
   * Decides and appends a fact. `loaded` is the person's stream as the caller already read it (e.g. for an access
   * check), so the decision is taken on exactly that revision — the append then expects it.
   */
  record(
    personId: string,
    command: RecordCommand,
    meta: RecordMetadata,
    loaded?: LoadedPerson,
  ): Promise<RecordResult> {
    return this.once(personId, meta.eventId, () => this.recordNow(personId, command, meta, loaded));
  }

  private async recordNow(
    personId: string,
    command: RecordCommand,
    meta: RecordMetadata,
    loaded?: LoadedPerson,
  ): Promise<RecordResult> {
    const { state, facts, revision, eventIds } = loaded ?? (await this.load(personId));
    if (eventIds.has(meta.eventId)) {
      return { events: [], duplicate: true, nextExpectedRevision: revision, position: undefined };
    }
    refuseIfErased(state);
    const today = copenhagenDateOf(this.clock.now());
    const decided = isCorrectionCommand(command)
      ? decideCorrection({ ...command, today } as CorrectionCommand, facts)
      : decide({ ...command, today } as ContactProcessCommand, state);
    const result = await this.append(personId, decided, meta, revision, today);
    if (result.events.length > 0)
      this.remember(personId, { state, facts, revision, eventIds }, decided, result);
    return result;
  }

  /** Keeps the person as the append left them: the stored facts folded onto what they were decided on. */
  private remember(
    personId: string,
    before: LoadedPerson,
    decided: ContactProcessEvent[],
    result: RecordResult,
  ): void {
    // As a read would give them back: the store keeps JSON, so fields left undefined are absent there too.
    const stored = decided.map(
      (event, index) =>
        ({
          type: event.type,
          data: JSON.parse(JSON.stringify(event.data)),
          eventId: result.events[index].eventId,
        }) as RecordedContactProcessEvent,
    );
    const facts = [...before.facts, ...stored];
    this.folded.set(personId, {
      // A correction changes the meaning of earlier facts: fold them all again, as a read would.
      state: stored.some(isCorrection) ? foldFacts(facts) : stored.reduce(evolve, before.state),
      facts,
      revision: result.nextExpectedRevision,
      eventIds: new Set([...before.eventIds, ...stored.map((e) => e.eventId!)]),
    });
  }

  /**
   * Decides a person's facts in order against the state each leaves behind, and appends all that were decided in
   * one append expecting the revision they were decided on: the batch is stored whole or not at all. An entry
   * whose eventId is stored already is skipped (a rerun resumes); a refused one is left out and the later ones
   * are decided without it. `loaded`: the person as a previous batch left them (e.g. kept by an import); it is
   * extended in place, and the append's expected revision keeps it honest (a stale one is refused whole).
   */
  async recordBatch(
    personId: string,
    entries: readonly BatchEntry[],
    loaded?: LoadedPerson,
  ): Promise<{ outcomes: BatchOutcome[]; position: Position | undefined; person: LoadedPerson }> {
    const person = loaded ?? (await this.load(personId));
    const loadedRevision = person.revision;
    const today = copenhagenDateOf(this.clock.now());
    const outcomes: BatchOutcome[] = [];
    const pending: NewEvent[] = [];
    for (const { command, meta, allow } of entries) {
      let events: NewEvent[];
      try {
        // Access first, as the single endpoint checks it: whether an eventId is stored is no one else's to learn.
        await allow?.(person);
        if (person.eventIds.has(meta.eventId)) {
          outcomes.push({ status: 'duplicate' });
          continue;
        }
        refuseIfErased(person.state);
        events = newEvents(decideOne(command, person, today), meta, today);
      } catch (error) {
        outcomes.push({ status: 'refused', error });
        continue;
      }
      extend(person, events);
      pending.push(...events);
      outcomes.push({
        status: 'recorded',
        events: events.map((e) => ({ type: e.type, eventId: e.metadata.eventId })),
      });
    }
    if (pending.length === 0) return { outcomes, position: undefined, person };
    const expected = loadedRevision === null ? 'no_stream' : loadedRevision;
    const result = await this.store
      .append(contactProcessStream(personId), pending, expected)
      .catch((error) => {
        // The person was extended with what was not stored, and may be the copy kept for recordChecked: a retry of
        // one of these facts would be answered as a duplicate from it. Read afresh next time.
        this.folded.delete(personId);
        throw error;
      });
    return { outcomes, position: result.position, person };
  }

  /** Records the deadlines that have passed unmet by `asOf` and, given `reminders`, those come due soon (run by the system, e.g. daily). */
  async evaluateDeadlines(
    personId: string,
    asOf: LocalDate,
    meta: Omit<RecordMetadata, 'expectedRevision'>,
    reminders?: ReminderWindows,
  ): Promise<RecordResult> {
    const { state, revision } = await this.load(personId);
    if (state.erased)
      return { events: [], duplicate: false, nextExpectedRevision: revision, position: undefined };
    const decided = decide({ type: 'EvaluateDeadlines', asOf, reminders }, state);
    this.folded.delete(personId);
    return this.append(personId, decided, meta, revision, asOf);
  }

  /**
   * Records that the person is erased, with what STAR counted for them (`countedFor` their state) kept in the
   * fact. The caller destroys the person's key once this is stored; a retry with the same eventId is a no-op.
   */
  erase(
    personId: string,
    reason: ErasureReason,
    countedFor: (state: ContactProcessState) => ErasedSupervisedCase[],
    meta: RecordMetadata,
  ): Promise<RecordResult> {
    return this.once(personId, meta.eventId, () => this.eraseNow(personId, reason, countedFor, meta));
  }

  private async eraseNow(
    personId: string,
    reason: ErasureReason,
    countedFor: (state: ContactProcessState) => ErasedSupervisedCase[],
    meta: RecordMetadata,
  ): Promise<RecordResult> {
    const { state, revision, eventIds } = await this.load(personId);
    if (eventIds.has(meta.eventId)) {
      return { events: [], duplicate: true, nextExpectedRevision: revision, position: undefined };
    }
    // Refused before anything is counted: an erased person's facts can no longer be read.
    refuseIfErased(state);
    const today = copenhagenDateOf(this.clock.now());
    const decided = decideErasure(
      { type: 'ErasePerson', today, reason, supervisedCases: countedFor(state) },
      state,
    );
    this.folded.delete(personId);
    return this.append(personId, decided, meta, revision, today);
  }

  /**
   * Identical requests that overlap (a client retrying before the first answer came) may all read the stream before
   * any of them is stored: each would append, the store would keep the first (same event ids) and answer every one
   * as written. So only the first is sent; the others — arriving while it runs, or after it, having read before it —
   * answer as the duplicates they are. Should the first fail, the next is decided on its own. Kept per process:
   * two API instances that each take one of the repeats both answer `duplicate: false` (both store the same once).
   */
  private async once(
    personId: string,
    eventId: string,
    attempt: () => Promise<RecordResult>,
  ): Promise<RecordResult> {
    const key = `${contactProcessStream(personId)}\u0000${eventId}`;
    const earlier = this.recordings.get(key);
    if (earlier) {
      const first = await earlier.catch(() => undefined);
      if (!first) return this.once(personId, eventId, attempt);
      // What the first stored, this one repeats; when the first stored nothing, neither does this.
      return first.events.length === 0 ? first : { ...first, events: [], duplicate: true };
    }
    const recording = attempt();
    this.recordings.set(key, recording);
    if (this.recordings.size > RECENT_RECORDINGS)
      this.recordings.delete(this.recordings.keys().next().value!);
    try {
      return await recording;
    } catch (error) {
      if (this.recordings.get(key) === recording) this.recordings.delete(key);
      throw error;
    }
  }

  private async append(
    personId: string,
    decided: ContactProcessEvent[],
    meta: RecordMetadata,
    revision: bigint | null,
    today: LocalDate,
  ): Promise<RecordResult> {
    if (decided.length === 0)
      return { events: [], duplicate: false, nextExpectedRevision: revision, position: undefined };
    const events = newEvents(decided, meta, today);
    const expected = meta.expectedRevision ?? (revision === null ? 'no_stream' : revision);
    const result = await this.store
      .append(contactProcessStream(personId), events, expected)
      .catch((error) => {
        // Without a revision of its own the caller expected nothing: the conflict is with a write that came meanwhile.
        if (error instanceof WrongExpectedRevisionError && meta.expectedRevision === undefined)
          throw new ConcurrentWriteError(error.streamName, error.actual);
        throw error;
      });
    return {
      events: events.map((e) => ({ type: e.type, eventId: e.metadata.eventId })),
      duplicate: false,
      nextExpectedRevision: result.nextExpectedRevision,
      position: result.position,
    };
  }
}

/** A fact decided on the person as loaded: a correction is decided on their facts, anything else on their state. */
function decideOne(command: RecordCommand, person: LoadedPerson, today: LocalDate): ContactProcessEvent[] {
  return isCorrectionCommand(command)
    ? decideCorrection({ ...command, today } as CorrectionCommand, person.facts)
    : decide({ ...command, today } as ContactProcessCommand, person.state);
}

/** The events as stored: the fact under the request's eventId, what it entails under ids derived from it. */
function newEvents(decided: ContactProcessEvent[], meta: RecordMetadata, today: LocalDate): NewEvent[] {
  return decided.map((event, index) => ({
    type: event.type,
    schemaVersion: SCHEMA_VERSION,
    data: event.data,
    metadata: {
      eventId: index === 0 ? meta.eventId : derivedId(meta.eventId, index),
      occurredAt: startOfDay(occurredOn(event, today)).toISOString(),
      actor: meta.actor,
      correlationId: meta.correlationId,
      causationId: index === 0 ? meta.causationId : meta.eventId,
    },
  }));
}

/** The person as a batch's decided events leave them (a correction refolds, as every reader of the stream does). */
function extend(person: LoadedPerson, events: readonly NewEvent[]): void {
  const recorded = events.map(
    (e) => ({ type: e.type, data: e.data, eventId: e.metadata.eventId }) as RecordedContactProcessEvent,
  );
  person.facts.push(...recorded);
  person.state = recorded.some(isCorrection)
    ? foldFacts(person.facts)
    : recorded.reduce(evolve, person.state);
  for (const e of events) person.eventIds.add(e.metadata.eventId);
  person.revision = (person.revision ?? -1n) + BigInt(events.length);
}
