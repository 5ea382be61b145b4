/**
 * The event envelope every Sagsforløb event travels in. Two times on every event: `occurredAt` (when it
 * happened — valid time, stated by whoever reports the fact) and `recordedAt` (when the store wrote it —
 * the EventStoreDB `created` time, never supplied by a client).
 */

export interface Actor {
  organisation: string;
  role: string;
  user: string;
}

/** What the writer supplies with an event. */
export interface EventMetadata {
  eventId: string;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
}

/** An event to append: a past-tense type, its schema version and its data. */
export interface NewEvent<Data = unknown> {
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

export interface Position {
  commit: bigint;
  prepare: bigint;
}

/** An event as read back from the store. */
export interface RecordedEvent<Data = unknown> {
  streamName: string;
  revision: bigint;
  position: Position;
  type: string;
  /** 0 for events not written through this library (system events, foreign writers). */
  schemaVersion: number;
  data: Data;
  /** Absent for events not written through this library. */
  metadata: EventMetadata | undefined;
  recordedAt: Date;
  /** EventStoreDB system events (`$`-prefixed types). */
  isSystem: boolean;
  /**
   * The person the event is about was erased (their key destroyed, see `EventDataCodec`): the event's personal
   * fields read as null. Its other fields — dates, organisations, hours — are still there.
   */
  erased: boolean;
}

/**
 * Turns an event's data into its stored form and back: where personal fields are encrypted with a per-person
 * key (crypto-shredding). The store applies it on every append and read; without one, data is stored as given.
 * Asynchronous, since the keys may live in another server (PostgreSQL, a KMS): the store awaits it, in order.
 */
export interface EventDataCodec {
  encode(event: { streamName: string; type: string; eventId: string; data: unknown }): Promise<unknown>;
  decode(event: { streamName: string; type: string; eventId: string | undefined; data: unknown }): Promise<{
    data: unknown;
    erased: boolean;
  }>;
  /**
   * Called with a batch of stored events before they are decoded one by one, so what decoding them needs (their
   * persons' keys) is fetched in one lookup rather than one per event.
   */
  prepare?(events: ReadonlyArray<{ streamName: string }>): Promise<void>;
  /**
   * Seals a text about the stream's person (a read model's copy of their state) under their key, bound to
   * `context` (the table); undefined when the person was erased: a read model then keeps nothing of them.
   */
  seal?(streamName: string, context: string, text: string): Promise<string | undefined>;
  /** Opens what `seal` made; undefined once the person was erased. */
  open?(streamName: string, context: string, sealed: string): Promise<string | undefined>;
}

const VERSION_SUFFIX = /^(.*)\.v(\d+)$/;

/** The EventStoreDB event type carries the schema version, so old streams replay forever: `JobInterviewHeld.v1`. */
export function storedTypeOf(type: string, schemaVersion: number): string {
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new RangeError(`schemaVersion of ${type} must be a positive integer, got ${schemaVersion}`);
  }
  return `${type}.v${schemaVersion}`;
}

export function parseStoredType(stored: string): { type: string; schemaVersion: number } {
  const match = VERSION_SUFFIX.exec(stored);
  return match ? { type: match[1], schemaVersion: Number(match[2]) } : { type: stored, schemaVersion: 0 };
}

export function isEventMetadata(value: unknown): value is EventMetadata {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  const actor = m.actor as Record<string, unknown> | undefined;
  return (
    typeof m.eventId === 'string' &&
    typeof m.occurredAt === 'string' &&
    typeof m.correlationId === 'string' &&
    (m.causationId === null || typeof m.causationId === 'string') &&
    !!actor &&
    typeof actor.organisation === 'string' &&
    typeof actor.role === 'string' &&
    typeof actor.user === 'string'
  );
}
