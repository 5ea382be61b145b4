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
  type EventData,
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
import { observed, type StoreObserver } from './store-observer';
import { ownClient, sharedClient, type ClientHandle } from './shared-client';

export type Direction = 'forwards' | 'backwards';

const UTF8 = new TextEncoder();

/**
 * The metadata as the JSON bytes the client would send: handed over as an object, the client turns its JSON into
 * base64 and protobuf decodes that back into bytes twice (sizing the message, then sending it) — a fifth of an
 * import's append cost. The bytes stored are the same.
 */
const metadataBytes = (metadata: NewEvent['metadata']): Uint8Array => UTF8.encode(JSON.stringify(metadata));

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

/** What the client hands over of a stored event, before the codec has decoded it. */
interface StoredEvent {
  event: NonNullable<ResolvedEvent['event']>;
  commitPosition: bigint | undefined;
}

const storedOf = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | undefined =>
  resolved.event ? { event: resolved.event, commitPosition: resolved.commitPosition } : undefined;

/** Events read from `$all` are decoded in pages of this many (one key lookup per page, not per event). */
const DECODE_PAGE = 256;
/** How long a catching-up subscription waits for the next event of a page before it decodes what it has. */
const GATHER_MS = 2;

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
  private readonly connection: ClientHandle;

  /** `client` as a raw client is this store's own: closing the store disposes it (through the append gate). */
  constructor(
    client: EventStoreDBClient | ClientHandle,
    private readonly codec?: EventDataCodec,
    private readonly observer?: StoreObserver,
  ) {
    this.connection = client instanceof EventStoreDBClient ? ownClient(client) : client;
  }

  /** Stores of the same connection string in one process share one client (see shared-client.ts for why). */
  static fromConnectionString(connectionString: string): EventStore {
    return new EventStore(sharedClient(connectionString));
  }

  /** The same connection, with event data encoded and decoded by `codec` (closing either closes both). */
  withCodec(codec: EventDataCodec): EventStore {
    return new EventStore(this.connection, codec, this.observer);
  }

  /** The same connection, each append and read reported to `observer` (metrics; see store-observer.ts). */
  observedBy(observer: StoreObserver): EventStore {
    return new EventStore(this.connection, this.codec, observer);
  }

  private get client(): EventStoreDBClient {
    return this.connection.client;
  }

  append(
    streamName: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    return observed(
      this.observer,
      'append',
      () => this.appendUnobserved(streamName, events, expectedRevision),
      () => events.length,
    );
  }

  private async appendUnobserved(
    streamName: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const payload: EventData[] = [];
    // One after the other: the first event about a new person makes their key, the others reuse it.
    for (const event of events)
      payload.push(
        jsonEvent({
          id: event.metadata.eventId,
          type: storedTypeOf(event.type, event.schemaVersion),
          data: (this.codec
            ? await this.codec.encode({
                streamName,
                type: event.type,
                eventId: event.metadata.eventId,
                data: event.data,
              })
            : event.data) as never,
          metadata: metadataBytes(event.metadata),
        }),
      );
    try {
      const result = await this.connection.append((client) =>
        client.appendToStream(streamName, payload, { expectedRevision }),
      );
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      throw translate(error, streamName);
    }
  }

  /** A stream's events; an empty array when the stream does not exist (or was soft-deleted). */
  readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return observed(
      this.observer,
      'read-stream',
      () => this.readStreamUnobserved(streamName, options),
      (events) => events.length,
    );
  }

  private async readStreamUnobserved(
    streamName: string,
    options: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const stored: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        fromRevision: from === 'start' ? START : from === 'end' ? END : from,
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        const event = storedOf(resolved);
        if (event) stored.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translate(error, streamName);
    }
    return this.decodeAll(stored);
  }

  /**
   * Seals a text about the person a stream is about under their key (a read model's working copy of their
   * state), so an erasure makes every copy unreadable, on disk and in backups. Without a codec: as given.
   * Undefined when the person was erased: keep nothing of them.
   */
  async sealPersonal(streamName: string, context: string, text: string): Promise<string | undefined> {
    return this.codec?.seal ? this.codec.seal(streamName, context, text) : text;
  }

  /** What `sealPersonal` made, opened; undefined once the person was erased. */
  async openPersonal(streamName: string, context: string, sealed: string): Promise<string | undefined> {
    return this.codec?.open ? this.codec.open(streamName, context, sealed) : sealed;
  }

  /** Decodes stored events in order, after letting the codec fetch in one go what they need. */
  private async decodeAll(stored: StoredEvent[]): Promise<RecordedEvent[]> {
    if (stored.length > 0) await this.codec?.prepare?.(stored.map((e) => ({ streamName: e.event.streamId })));
    const events: RecordedEvent[] = [];
    for (const event of stored) events.push(await toRecorded(event, this.codec));
    return events;
  }

  /** Reported once the read is over (finished, failed or left early), timed from its start. */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    if (!this.observer) return yield* this.readAllUnobserved(options);
    const started = process.hrtime.bigint();
    let events = 0;
    let outcome: 'ok' | 'error' = 'ok';
    try {
      for await (const event of this.readAllUnobserved(options)) {
        events += 1;
        yield event;
      }
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.observer.observe({ operation: 'read-all', events, seconds, outcome });
    }
  }

  private async *readAllUnobserved(options: ReadAllOptions): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    let page: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: from === 'start' ? START : from === 'end' ? END : from,
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        const event = storedOf(resolved);
        if (!event) continue;
        page.push(event);
        if (page.length < DECODE_PAGE) continue;
        yield* await this.decodeAll(page);
        page = [];
      }
    } catch (error) {
      throw translate(error, '$all');
    }
    yield* await this.decodeAll(page);
  }

  /**
   * A catch-up subscription to `$all`: events after `fromPosition`, then `caught-up`, then live events;
   * with a filter, `checkpoint` messages at the filter's interval. Messages come in the order the server
   * sent them, so a checkpoint never overtakes an event before it.
   */
  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    // Events wait here undecoded: decoding may need a key lookup, done in the consumer's order and in batches.
    const queue: QueuedMessage[] = [];
    let prepared = 0;
    const codec = this.codec;
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
    const enqueueAfterBufferedEvents = async (message: QueuedMessage) => {
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
      const event = storedOf(resolved);
      if (!event) return;
      queue.push({ kind: 'stored', event });
      if (queue.length >= QUEUE_HIGH_WATER) subscription.pause();
      wake();
    });
    let live = false;
    subscription.on('caughtUp', () => {
      live = true;
      void enqueueAfterBufferedEvents({ kind: 'caught-up' });
    });
    // Catching up, more events follow at once: wait for a page of them (or a pause in the flow) so that one key
    // lookup covers the page. Live events are decoded as they come.
    const gatherWhileCatchingUp = async () => {
      while (!live && !done && queue.length < DECODE_PAGE && !subscription.isPaused()) {
        const before = queue.length;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, GATHER_MS);
          notify = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (queue.length === before) return;
      }
    };
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
          if (queue.length > 0 && prepared === 0 && codec?.prepare) {
            await gatherWhileCatchingUp();
            // Everything waiting is prepared at once: a rebuild looks up keys per page of events, not per event.
            const waiting = queue.flatMap((m) =>
              m.kind === 'stored' ? [{ streamName: m.event.event.streamId }] : [],
            );
            prepared = queue.length;
            await codec.prepare(waiting);
          }
          const next = queue.shift();
          if (next) {
            prepared = Math.max(0, prepared - 1);
            if (queue.length < QUEUE_HIGH_WATER / 2 && subscription.isPaused()) subscription.resume();
            yield next.kind === 'stored'
              ? { kind: 'event', event: await toRecorded(next.event, codec) }
              : next;
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

  /** Lets the appends in flight finish; the client is disposed when no other store of the process holds it. */
  async close(): Promise<void> {
    await this.connection.close();
  }
}

type QueuedMessage = Exclude<SubscriptionMessage, { kind: 'event' }> | { kind: 'stored'; event: StoredEvent };

async function toRecorded(
  { event, commitPosition }: StoredEvent,
  codec: EventDataCodec | undefined,
): Promise<RecordedEvent> {
  const { type, schemaVersion } = parseStoredType(event.type);
  const position =
    event.position ??
    (commitPosition !== undefined
      ? { commit: commitPosition, prepare: commitPosition }
      : { commit: -1n, prepare: -1n });
  const metadata = isEventMetadata(event.metadata) ? event.metadata : undefined;
  const decoded = codec
    ? await codec.decode({ streamName: event.streamId, type, eventId: metadata?.eventId, data: event.data })
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
