import {
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NotLeaderError,
  START,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  eventTypeFilter,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  isEventMetadata,
  type EventDataCodec,
  parseStoredType,
  storedTypeOf,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from './envelope';
import {
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
  type ExpectedRevision,
} from './errors';

export type Direction = 'forwards' | 'backwards';

export interface AppendResult {
  nextExpectedRevision: bigint;
  position: Position | undefined;
}

export interface ReadStreamOptions {
  /** A revision, or 'start' / 'end'. Default: 'start' forwards, 'end' backwards. */
  fromRevision?: bigint | 'start' | 'end';
  direction?: Direction;
  maxCount?: number;
}

export interface ReadAllOptions {
  fromPosition?: Position | 'start' | 'end';
  direction?: Direction;
  maxCount?: number;
}

/** A server-side filter for `$all` subscriptions. */
export type AllFilter =
  | {
      on: 'event-type' | 'stream-name';
      prefixes: string[];
      checkpointInterval?: number;
      maxSearchWindow?: number;
    }
  | {
      on: 'event-type' | 'stream-name';
      regex: string;
      checkpointInterval?: number;
      maxSearchWindow?: number;
    };

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription delivers events after this position. */
  fromPosition?: Position | 'start' | 'end';
  filter?: AllFilter;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  | { kind: 'checkpoint'; position: Position }
  | { kind: 'caught-up' };

export interface AllSubscription extends AsyncIterable<SubscriptionMessage> {
  unsubscribe(): Promise<void>;
  /** Messages received and not yet taken: a consumer can batch while more are already waiting. */
  buffered(): number;
}

const QUEUE_HIGH_WATER = 1024;

/**
 * A small typed layer over `@eventstore/db-client`: the only place in the application that imports it, so a
 * switch to its successor is one library.
 */
export class EventStore {
  private readonly toRecorded: (
    resolved: ResolvedEvent | AllStreamResolvedEvent,
  ) => RecordedEvent | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly codec?: EventDataCodec,
  ) {
    this.toRecorded = (resolved) => toRecorded(resolved, codec);
  }

  static fromConnectionString(connectionString: string): EventStore {
    return new EventStore(EventStoreDBClient.connectionString(connectionString));
  }

  /** The same connection, with event data encoded and decoded by `codec` (closing either closes both). */
  withCodec(codec: EventDataCodec): EventStore {
    return new EventStore(this.client, codec);
  }

  async append(
    streamName: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    const payload = events.map((event) =>
      jsonEvent({
        id: event.metadata.eventId,
        type: storedTypeOf(event.type, event.schemaVersion),
        data: (this.codec
          ? this.codec.encode({
              streamName,
              type: event.type,
              eventId: event.metadata.eventId,
              data: event.data,
            })
          : event.data) as never,
        metadata: event.metadata as never,
      }),
    );
    try {
      const result = await this.client.appendToStream(streamName, payload, { expectedRevision });
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      throw translate(error, streamName);
    }
  }

  /** A stream's events; an empty array when the stream does not exist (or was soft-deleted). */
  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        fromRevision: from === 'start' ? START : from === 'end' ? END : from,
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        const event = this.toRecorded(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translate(error, streamName);
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: from === 'start' ? START : from === 'end' ? END : from,
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        const event = this.toRecorded(resolved);
        if (event) yield event;
      }
    } catch (error) {
      throw translate(error, '$all');
    }
  }

  /**
   * A catch-up subscription to `$all`: events after `fromPosition`, then `caught-up`, then live events;
   * with a filter, `checkpoint` messages at the filter's interval. Messages come in the order the server
   * sent them, so a checkpoint never overtakes an event before it.
   */
  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const queue: SubscriptionMessage[] = [];
    let failure: unknown;
    let done = false;
    let notify: (() => void) | undefined;
    const wake = () => {
      const n = notify;
      notify = undefined;
      n?.();
    };
    const from = options.fromPosition ?? 'start';

    // Checkpoints and caught-up arrive out of band; wait until every event before them has left the
    // client's buffer so they are queued in wire order.
    const enqueueAfterBufferedEvents = async (message: SubscriptionMessage) => {
      while (subscription.readableLength > 0 && !done) await new Promise((resolve) => setImmediate(resolve));
      queue.push(message);
      wake();
    };
    const filter = options.filter;
    const clientFilter = filter
      ? (filter.on === 'event-type' ? eventTypeFilter : streamNameFilter)({
          ...('regex' in filter ? { regex: filter.regex } : { prefixes: filter.prefixes }),
          checkpointInterval: filter.checkpointInterval ?? 1,
          ...(filter.maxSearchWindow ? { maxSearchWindow: filter.maxSearchWindow } : {}),
          checkpointReached: (_sub: unknown, position: Position) =>
            enqueueAfterBufferedEvents({ kind: 'checkpoint', position }),
        } as never)
      : undefined;
    const subscription = this.client.subscribeToAll({
      fromPosition: from === 'start' ? START : from === 'end' ? END : from,
      ...(clientFilter ? { filter: clientFilter } : {}),
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = this.toRecorded(resolved);
      if (!event) return;
      queue.push({ kind: 'event', event });
      if (queue.length >= QUEUE_HIGH_WATER) subscription.pause();
      wake();
    });
    subscription.on('caughtUp', () => void enqueueAfterBufferedEvents({ kind: 'caught-up' }));
    subscription.on('error', (error) => {
      failure = translate(error, '$all');
      done = true;
      wake();
    });
    subscription.on('end', () => {
      done = true;
      wake();
    });

    return {
      buffered: () => queue.length,
      unsubscribe: async () => {
        done = true;
        wake();
        await subscription.unsubscribe();
      },
      [Symbol.asyncIterator]: async function* () {
        while (true) {
          const next = queue.shift();
          if (next) {
            if (queue.length < QUEUE_HIGH_WATER / 2 && subscription.isPaused()) subscription.resume();
            yield next;
            continue;
          }
          if (done) {
            if (failure) throw failure;
            return;
          }
          if (subscription.isPaused()) subscription.resume();
          await new Promise<void>((resolve) => (notify = resolve));
        }
      },
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toRecorded(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  codec: EventDataCodec | undefined,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const { type, schemaVersion } = parseStoredType(event.type);
  const position =
    event.position ??
    (resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : { commit: -1n, prepare: -1n });
  const metadata = isEventMetadata(event.metadata) ? event.metadata : undefined;
  const decoded = codec
    ? codec.decode({ streamName: event.streamId, type, eventId: metadata?.eventId, data: event.data })
    : { data: event.data as unknown, erased: false };
  return {
    streamName: event.streamId,
    revision: event.revision,
    position,
    type,
    schemaVersion,
    data: decoded.data,
    metadata,
    recordedAt: event.created,
    isSystem: event.type.startsWith('$'),
    erased: decoded.erased,
  };
}

function translate(error: unknown, streamName: string): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      error.streamName ?? streamName,
      error.expectedVersion as ExpectedRevision,
      error.actualVersion as bigint | 'no_stream',
    );
  }
  if (error instanceof ClientStreamDeletedError)
    return new StreamDeletedError(error.streamName ?? streamName);
  if (isUnavailable(error)) return new EventStoreUnavailableError((error as Error).message);
  return error;
}

/** gRPC status UNAVAILABLE: what the client raises when a stream or call loses its connection mid-way. */
const GRPC_UNAVAILABLE = 14;

/**
 * The failures that mean "the store is not answering now", not "the request is wrong": refused or dropped
 * connections, calls past their deadline, a follower answering for a leader, and a call the server cancelled
 * because it was shutting down (the client's own cancellations are not CancelledError).
 */
function isUnavailable(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    (error instanceof Error && (error as { code?: unknown }).code === GRPC_UNAVAILABLE)
  );
}
