import Database from 'better-sqlite3';
import { mkdirSync, accessSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { DataFolderError, DataFolderLock } from './data-folder-lock';
import { LruCache } from './lru';
import { CachedEvent } from './cached-event';
import { encodeFramedEventResponse } from './read-event-encoder';
import type { UuidFormat } from './wire';
import { systemClock, type Clock } from '@app/legal-time';

export { DataFolderError, DataFolderInUseError } from './data-folder-lock';

/**
 * The embedded node's durable log: one SQLite database (WAL) holding every event in commit order.
 *
 * A position is a persisted, strictly increasing integer per event; it serves as both commit and prepare
 * position on the wire. Each append is one SQLite transaction, so an acknowledged append survives a crash
 * and an unacknowledged one never half-exists.
 */

/** EventStoreDB's "deleted stream" revision (2^63 − 1), used as `$tb` by a soft delete and as a tombstone's revision. */
export const DELETED_STREAM = 9223372036854775807n;
export const TOMBSTONE_EVENT_TYPE = '$streamDeleted';
export const METADATA_EVENT_TYPE = '$metadata';
export const MAX_APPEND_SIZE = 1024 * 1024;

export type ExpectedRevision =
  { kind: 'any' } | { kind: 'no-stream' } | { kind: 'stream-exists' } | { kind: 'exact'; revision: bigint };

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

/** One append as a client asked for it: to one stream, at an expected revision. */
export interface AppendRequest {
  streamName: string;
  expected: ExpectedRevision;
  events: ProposedEvent[];
}

export interface StoredEvent {
  position: number;
  streamName: string;
  /** −1 stands for DELETED_STREAM (a tombstone record). */
  revision: number;
  eventId: string;
  type: string;
  contentType: string;
  /** Microseconds since the Unix epoch. */
  createdMicros: number;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type AppendOutcome =
  | { kind: 'success'; currentRevision: bigint | null; position: number | null }
  | { kind: 'wrong-expected-version'; currentRevision: bigint | null; expected: ExpectedRevision }
  | { kind: 'stream-deleted' }
  | { kind: 'max-append-size-exceeded'; maxAppendSize: number };

export type DeleteOutcome =
  | { kind: 'success'; position: number }
  | { kind: 'wrong-expected-version'; currentRevision: bigint | null; expected: ExpectedRevision }
  | { kind: 'stream-deleted' };

export interface StreamMetadata {
  maxCount?: number;
  maxAgeSeconds?: number;
  truncateBefore?: bigint;
}

interface StreamState {
  id: number;
  lastRevision: number; // -1 when only the row exists
  tombstoned: boolean;
}

export interface EventLogOptions {
  /** Folder for the database; `undefined` keeps everything in memory (tests). */
  dataDir?: string;
  clock?: Clock;
  /** Streams (and, separately, parsed stream metadata) kept in memory; the rest is read from SQLite when asked. */
  streamCacheSize?: number;
  /** How long a write waits for a write lock another connection holds before it fails. */
  busyTimeoutMs?: number;
  /** Events kept in memory with their encoded read responses (see `DEFAULT_EVENT_CACHE_SIZE`); 0 keeps none. */
  eventCacheSize?: number;
}

/**
 * Enough for the streams a busy service touches between two visits to the same one; each entry is a few hundred
 * bytes, and a miss costs one indexed SELECT.
 */
export const DEFAULT_STREAM_CACHE_SIZE = 10_000;
/**
 * SQLite waits for a lock synchronously, freezing the node's event loop (and, embedded, the API's) meanwhile.
 * Only an outside process can hold the write lock (the node itself is the single writer, see data-folder-lock.ts),
 * so a short wait and then an error the client may retry beats a long freeze.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 1000;

/**
 * Recent events kept with their encoded read responses (cached-event.ts), so serving one (a live subscription, a
 * re-read, a catch-up of recent history) writes bytes instead of reading a row and encoding it again. An entry
 * costs its response bytes plus ~0.5 KiB (measured ~0.9 KiB in all for bench:store's events, whose response is
 * ~400 bytes), so 100,000 events ≈ 90 MiB at most; older events are read from SQLite and encoded per read.
 */
export const DEFAULT_EVENT_CACHE_SIZE = 100_000;

/**
 * A write SQLite refused (lock held elsewhere, disk full, I/O error): the operation was rolled back and the node
 * keeps serving. `transient` says whether retrying the same request later may succeed.
 */
export class StoreFailure extends Error {
  constructor(
    message: string,
    readonly sqliteCode: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

interface Statements {
  insertEvent: Database.Statement;
  insertStream: Database.Statement;
  updateStream: Database.Statement;
  tombstoneStream: Database.Statement;
  findStream: Database.Statement;
  eventIdAt: Database.Statement;
  revisionOfEventId: Database.Statement;
  positionOfRevision: Database.Statement;
  lastEventOfStream: Database.Statement;
  streamForward: Database.Statement;
  streamBackward: Database.Statement;
  allForward: Database.Statement;
  allBackward: Database.Statement;
  allAfter: Database.Statement;
  maxPosition: Database.Statement;
}

const EVENT_COLUMNS =
  'position, stream_name AS streamName, revision, event_id AS eventId, type, content_type AS contentType, ' +
  'created AS createdMicros, data, metadata';

export class EventLog {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly lock: DataFolderLock | undefined;
  /** Null entries remember that a stream does not exist. Bounded: evicted entries are read again from SQLite. */
  private readonly streams: LruCache<string, StreamState | null>;
  private readonly metadataCache: LruCache<string, StreamMetadata>;
  /** By position; events never change once committed, so an entry is valid until it is evicted. */
  private readonly events: LruCache<number, CachedEvent> | undefined;
  /** Events inserted by the open transaction: cached only once it committed (a rollback reuses positions). */
  private readonly uncommitted: CachedEvent[] = [];
  private readonly busyTimeoutMs: number;
  private nextPosition: number;
  private lastMicros = 0;
  private commitCount = 0;
  private readonly listeners = new Set<() => void>();

  private readonly stmt: Statements;
  /** `appendInTransaction` as a nested transaction function (a savepoint), made once. */
  private readonly savepoint: (request: AppendRequest) => AppendOutcome;

  constructor(options: EventLogOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.streams = new LruCache(options.streamCacheSize ?? DEFAULT_STREAM_CACHE_SIZE);
    this.metadataCache = new LruCache(options.streamCacheSize ?? DEFAULT_STREAM_CACHE_SIZE);
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const eventCacheSize = options.eventCacheSize ?? DEFAULT_EVENT_CACHE_SIZE;
    this.events = eventCacheSize > 0 ? new LruCache(eventCacheSize) : undefined;
    const opened = openDatabase(options.dataDir, this.busyTimeoutMs);
    this.db = opened.db;
    this.lock = opened.lock;
    try {
      this.stmt = this.prepareSchema();
      this.savepoint = this.db.transaction((request: AppendRequest) =>
        this.appendInTransaction(request.streamName, request.expected, request.events),
      );
      const max = (this.stmt.maxPosition.get() as { max: number | null }).max;
      this.nextPosition = (max ?? 0) + 1;
      if (max === null) this.writeInitialSystemEvents();
    } catch (error) {
      this.close();
      throw error;
    }
  }

  private prepareSchema(): Statements {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS streams (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        last_revision INTEGER NOT NULL,
        tombstoned INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY,
        stream_id INTEGER NOT NULL,
        stream_name TEXT NOT NULL,
        revision INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        content_type TEXT NOT NULL,
        created INTEGER NOT NULL,
        data BLOB NOT NULL,
        metadata BLOB NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events(stream_id, revision);
      CREATE INDEX IF NOT EXISTS events_by_id ON events(event_id);
    `);
    return {
      insertEvent: this.db.prepare(
        'INSERT INTO events (position, stream_id, stream_name, revision, event_id, type, content_type, created, data, metadata) VALUES (?,?,?,?,?,?,?,?,?,?)',
      ),
      insertStream: this.db.prepare('INSERT INTO streams (name, last_revision) VALUES (?, ?)'),
      updateStream: this.db.prepare('UPDATE streams SET last_revision = ? WHERE id = ?'),
      tombstoneStream: this.db.prepare('UPDATE streams SET tombstoned = 1 WHERE id = ?'),
      findStream: this.db.prepare(
        'SELECT id, last_revision AS lastRevision, tombstoned FROM streams WHERE name = ?',
      ),
      eventIdAt: this.db.prepare(
        'SELECT event_id AS eventId FROM events WHERE stream_id = ? AND revision = ?',
      ),
      // INDEXED BY: left to itself, SQLite answers this through events_by_stream to avoid the sort, which
      // walks every event of the stream — an O(stream length) scan on each `any`/`stream_exists` append.
      // Through events_by_id it probes the (usually zero or one) rows carrying that event id.
      revisionOfEventId: this.db.prepare(
        'SELECT revision FROM events INDEXED BY events_by_id WHERE event_id = ? AND stream_id = ? ORDER BY revision LIMIT 1',
      ),
      positionOfRevision: this.db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?'),
      lastEventOfStream: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= 0 ORDER BY revision DESC LIMIT 1`,
      ),
      streamForward: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      streamBackward: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? AND revision >= 0 ORDER BY revision DESC LIMIT ?`,
      ),
      allForward: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
      ),
      allBackward: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position < ? ORDER BY position DESC LIMIT ?`,
      ),
      allAfter: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      maxPosition: this.db.prepare('SELECT MAX(position) AS max FROM events'),
    };
  }

  close(): void {
    this.listeners.clear();
    if (this.db.open) this.db.close();
    this.lock?.release();
  }

  /** How many streams and parsed metadata entries are held in memory (each at most `streamCacheSize`). */
  get cacheSizes(): { streams: number; metadata: number; events: number } {
    return { streams: this.streams.size, metadata: this.metadataCache.size, events: this.events?.size ?? 0 };
  }

  /** Write transactions committed since the log was opened (with group commit, fewer than appends). */
  get commits(): number {
    return this.commitCount;
  }

  /** The position of the newest event, or 0 for none. */
  get lastPosition(): number {
    return this.nextPosition - 1;
  }

  /** Called (synchronously, after commit) whenever new events were written. */
  onCommit(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamName: string, expected: ExpectedRevision, events: ProposedEvent[]): AppendOutcome {
    if (tooLarge(events)) return { kind: 'max-append-size-exceeded', maxAppendSize: MAX_APPEND_SIZE };
    const outcome = this.write(() => this.appendInTransaction(streamName, expected, events));
    if (outcome.kind === 'success' && outcome.position !== null) this.notify();
    return outcome;
  }

  /**
   * Several appends in one transaction, so one commit — one fsync of the WAL — for all of them: what lets
   * concurrent writers share the disk's flushes instead of queueing for one each. Each append is decided as
   * `append` would decide it alone, in order, after the ones before it (expected revision, idempotency by event
   * id, positions in this order), and runs in its own savepoint: a write SQLite refuses rolls back that append
   * alone and comes back as its StoreFailure. None is written unless the transaction commits; if the commit
   * fails, every append gets that failure. Returns one outcome per request, in order.
   */
  appendAll(requests: readonly AppendRequest[]): Array<AppendOutcome | StoreFailure> {
    if (requests.length === 1) {
      const { streamName, expected, events } = requests[0];
      try {
        return [this.append(streamName, expected, events)];
      } catch (error) {
        if (error instanceof StoreFailure) return [error];
        throw error;
      }
    }
    let outcomes: Array<AppendOutcome | StoreFailure>;
    try {
      outcomes = this.write(() => requests.map((request) => this.appendInSavepoint(request)));
    } catch (error) {
      if (error instanceof StoreFailure) return requests.map(() => error);
      throw error;
    }
    if (outcomes.some((o) => !(o instanceof StoreFailure) && o.kind === 'success' && o.position !== null)) {
      this.notify();
    }
    return outcomes;
  }

  /** Soft delete: the stream reads as not found until it is written again; its events stay in `$all`. */
  softDelete(streamName: string, expected: ExpectedRevision): DeleteOutcome {
    const outcome = this.write((): DeleteOutcome => {
      const state = this.stream(streamName);
      if (state?.tombstoned) return { kind: 'stream-deleted' };
      const check = checkExpected(this.currentRevision(streamName, state), expected);
      if (check) return check;
      const existing = this.rawMetadata(streamName);
      const written = this.appendInTransaction(metastreamOf(streamName), { kind: 'any' }, [
        metadataEvent({ ...existing, $tb: DELETED_STREAM }),
      ]);
      if (written.kind !== 'success' || written.position === null) throw new Error('metadata write failed');
      return { kind: 'success', position: written.position };
    });
    if (outcome.kind === 'success') this.notify();
    return outcome;
  }

  /** Tombstone: permanent, for the stream and its metadata stream. */
  tombstone(streamName: string, expected: ExpectedRevision): DeleteOutcome {
    const outcome = this.write((): DeleteOutcome => {
      const state = this.stream(streamName);
      if (state?.tombstoned) return { kind: 'stream-deleted' };
      const check = checkExpected(this.currentRevision(streamName, state), expected);
      if (check) return check;
      const target = state ?? this.createStream(streamName);
      const position = this.insert(target.id, streamName, -1, {
        id: randomUuid(),
        type: TOMBSTONE_EVENT_TYPE,
        contentType: 'application/octet-stream',
        data: new Uint8Array(0),
        metadata: new Uint8Array(0),
      });
      this.stmt.tombstoneStream.run(target.id);
      target.tombstoned = true;
      const meta = this.stream(metastreamOf(streamName)) ?? this.createStream(metastreamOf(streamName));
      this.stmt.tombstoneStream.run(meta.id);
      meta.tombstoned = true;
      return { kind: 'success', position };
    });
    if (outcome.kind === 'success') this.notify();
    return outcome;
  }

  streamStatus(streamName: string): 'not-found' | 'tombstoned' | 'soft-deleted' | 'exists' {
    const state = this.stream(streamName);
    if (!state) return 'not-found';
    if (state.tombstoned) return 'tombstoned';
    if (state.lastRevision < 0) return 'not-found';
    const tb = this.metadata(streamName).truncateBefore;
    if (tb !== undefined && tb === DELETED_STREAM) return 'soft-deleted';
    return 'exists';
  }

  /** Forward read of a stream from `fromRevision`, honouring `$tb`, `$maxCount` and `$maxAge`. */
  readStreamForward(streamName: string, fromRevision: bigint, limit: number): StoredEvent[] {
    const state = this.stream(streamName);
    if (!state) return [];
    const floor = this.visibleFloor(streamName, state);
    const from = fromRevision > BigInt(floor) ? fromRevision : BigInt(floor);
    if (from > BigInt(state.lastRevision)) return [];
    const rows = this.stmt.streamForward.all(state.id, Number(from), limit) as StoredEvent[];
    return this.filterByAge(streamName, this.remembered(rows));
  }

  readStreamBackward(streamName: string, fromRevision: bigint | 'end', limit: number): StoredEvent[] {
    const state = this.stream(streamName);
    if (!state) return [];
    const floor = this.visibleFloor(streamName, state);
    const from =
      fromRevision === 'end'
        ? state.lastRevision
        : Number(fromRevision > 2n ** 53n ? 2n ** 53n : fromRevision);
    const rows = (this.stmt.streamBackward.all(state.id, from, limit) as StoredEvent[]).filter(
      (e) => e.revision >= floor,
    );
    return this.filterByAge(streamName, this.remembered(rows));
  }

  lastRevisionOf(streamName: string): number {
    return this.stream(streamName)?.lastRevision ?? -1;
  }

  /**
   * `$all` from `fromPosition` on. Cached events are taken from memory while they run on without a gap; from the
   * first position not in the cache the rest of the batch is read from SQLite (which also skips any gap).
   */
  readAllForward(fromPosition: number, limit: number): StoredEvent[] {
    const events: StoredEvent[] = [];
    let position = Math.max(fromPosition, 1);
    for (; events.length < limit && position <= this.lastPosition; position += 1) {
      const cached = this.events?.get(position);
      if (!cached) break;
      events.push(cached);
    }
    if (events.length === limit || position > this.lastPosition) return events;
    const rows = this.stmt.allForward.all(position, limit - events.length) as StoredEvent[];
    return events.concat(this.remembered(rows));
  }

  readAllBackward(beforePosition: number, limit: number): StoredEvent[] {
    const events: StoredEvent[] = [];
    let position = Math.min(beforePosition - 1, this.lastPosition);
    for (; events.length < limit && position >= 1; position -= 1) {
      const cached = this.events?.get(position);
      if (!cached) break;
      events.push(cached);
    }
    if (events.length === limit || position < 1) return events;
    const rows = this.stmt.allBackward.all(position + 1, limit - events.length) as StoredEvent[];
    return events.concat(this.remembered(rows));
  }

  /** Events strictly after `position` (subscriptions: the start position is exclusive). */
  readAllAfter(position: number, limit: number): StoredEvent[] {
    return this.readAllForward(position + 1, limit);
  }

  /**
   * The gRPC-framed `ReadResp` for `event` read without a link, encoded once per UUID format and kept with the
   * cached event; an event not cached (or evicted) is encoded for this read only.
   */
  framedResponse(event: StoredEvent, uuidFormat: UuidFormat): Buffer {
    // An evicted cached event still holds the right bytes: events never change once committed.
    const cached = event instanceof CachedEvent ? event : this.events?.get(event.position);
    return cached ? cached.framed(uuidFormat) : encodeFramedEventResponse(event, uuidFormat);
  }

  /** The event a `$>` link points to (`"<revision>@<stream>"`), or undefined when it is gone. */
  resolveLink(link: StoredEvent): StoredEvent | undefined {
    const body = Buffer.from(link.data).toString('utf8');
    const at = body.indexOf('@');
    if (at < 1) return undefined;
    const revision = Number(body.slice(0, at));
    const stream = body.slice(at + 1);
    if (!Number.isSafeInteger(revision)) return undefined;
    const [event] = this.readStreamForward(stream, BigInt(revision), 1);
    return event && event.revision === revision ? event : undefined;
  }

  metadata(streamName: string): StreamMetadata {
    const cached = this.metadataCache.get(streamName);
    if (cached) return cached;
    const raw = this.rawMetadata(streamName);
    const parsed: StreamMetadata = {
      maxCount: asPositiveInteger(raw.$maxCount),
      maxAgeSeconds: asPositiveInteger(raw.$maxAge),
      truncateBefore: asRevision(raw.$tb),
    };
    this.metadataCache.set(streamName, parsed);
    return parsed;
  }

  /**
   * One write transaction. BEGIN IMMEDIATE takes the write lock first, so a lock held elsewhere fails the write
   * before anything changed. Whatever SQLite refuses is rolled back, the in-memory state the transaction touched
   * (next position, cached streams and metadata) is dropped to be read again from SQLite, and the error is
   * thrown as a StoreFailure for the caller to answer — never left to kill the process.
   */
  private write<T>(work: () => T): T {
    const nextPosition = this.nextPosition;
    try {
      const result = this.db.transaction(work).immediate();
      this.commitCount += 1;
      this.cacheCommitted();
      return result;
    } catch (error) {
      this.uncommitted.length = 0;
      if (!isSqliteError(error)) throw error;
      this.nextPosition = nextPosition;
      this.streams.clear();
      this.metadataCache.clear();
      throw storeFailure(error, this.busyTimeoutMs);
    }
  }

  /**
   * One append of a group, inside the group's transaction. better-sqlite3 runs a transaction function called
   * within a transaction as a savepoint, and rolls back to it when the function throws. What the append changed
   * in memory is undone too; the stream caches are read again (inside the transaction, so with the appends
   * before this one). When SQLite ended the whole transaction instead, the group fails (see `write`).
   */
  private appendInSavepoint(request: AppendRequest): AppendOutcome | StoreFailure {
    if (tooLarge(request.events)) return { kind: 'max-append-size-exceeded', maxAppendSize: MAX_APPEND_SIZE };
    const nextPosition = this.nextPosition;
    const uncommitted = this.uncommitted.length;
    try {
      return this.savepoint(request);
    } catch (error) {
      if (!isSqliteError(error) || !this.db.inTransaction) throw error;
      this.nextPosition = nextPosition;
      this.uncommitted.length = uncommitted;
      this.streams.clear();
      this.metadataCache.clear();
      return storeFailure(error, this.busyTimeoutMs);
    }
  }

  private appendInTransaction(
    streamName: string,
    expected: ExpectedRevision,
    events: ProposedEvent[],
  ): AppendOutcome {
    let state = this.stream(streamName);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const softDeleted = this.streamStatus(streamName) === 'soft-deleted';
    const last = state ? state.lastRevision : -1;
    // A soft-deleted stream takes `no_stream` as well as its real last revision: writing recreates it.
    const current = softDeleted || last < 0 ? null : BigInt(last);

    if (expected.kind === 'stream-exists' && softDeleted) return { kind: 'stream-deleted' };
    const idempotent = this.idempotentResult(state, last, expected, events);
    if (idempotent) return idempotent;
    if (softDeleted) {
      if (expected.kind === 'exact' && expected.revision !== BigInt(last)) {
        return { kind: 'wrong-expected-version', currentRevision: current, expected };
      }
    } else {
      const failed = checkExpected(current, expected);
      if (failed) return failed;
    }
    if (events.length === 0) {
      return { kind: 'success', currentRevision: current, position: null };
    }
    state = state ?? this.createStream(streamName);
    let revision = last;
    let position = 0;
    for (const event of events) {
      revision += 1;
      position = this.insert(state.id, streamName, revision, event);
    }
    if (softDeleted) {
      // Recreating a soft-deleted stream keeps its metadata but moves `$tb` to the first new revision.
      const raw = this.rawMetadata(streamName);
      this.appendInTransaction(metastreamOf(streamName), { kind: 'any' }, [
        metadataEvent({ ...raw, $tb: BigInt(last + 1) }),
      ]);
    }
    this.stmt.updateStream.run(revision, state.id);
    state.lastRevision = revision;
    if (streamName.startsWith('$$')) this.metadataCache.delete(streamName.slice(2));
    return { kind: 'success', currentRevision: BigInt(revision), position };
  }

  /**
   * EventStoreDB accepts a retried write of the same event ids at the same place and answers as if it had
   * written them, without writing twice.
   */
  private idempotentResult(
    state: StreamState | null,
    last: number,
    expected: ExpectedRevision,
    events: ProposedEvent[],
  ): AppendOutcome | undefined {
    if (!state || events.length === 0) return undefined;
    let start: number;
    if (expected.kind === 'exact' || expected.kind === 'no-stream') {
      start = expected.kind === 'exact' ? Number(expected.revision) + 1 : 0;
      if (start > last) return undefined;
    } else {
      const first = this.stmt.revisionOfEventId.get(events[0].id, state.id) as
        { revision: number } | undefined;
      if (!first) return undefined;
      start = first.revision;
    }
    for (let i = 0; i < events.length; i += 1) {
      const row = this.stmt.eventIdAt.get(state.id, start + i) as { eventId: string } | undefined;
      if (!row || row.eventId !== events[i].id) return undefined;
    }
    const lastRevision = start + events.length - 1;
    const position = (this.stmt.positionOfRevision.get(state.id, lastRevision) as { position: number })
      .position;
    return { kind: 'success', currentRevision: BigInt(lastRevision), position };
  }

  private currentRevision(streamName: string, state: StreamState | null): bigint | null {
    if (!state || state.lastRevision < 0) return null;
    return this.streamStatus(streamName) === 'soft-deleted' ? null : BigInt(state.lastRevision);
  }

  private insert(streamId: number, streamName: string, revision: number, event: ProposedEvent): number {
    const position = this.nextPosition;
    const createdMicros = this.createdMicros();
    this.stmt.insertEvent.run(
      position,
      streamId,
      streamName,
      revision,
      event.id,
      event.type,
      event.contentType,
      createdMicros,
      event.data,
      event.metadata,
    );
    this.nextPosition += 1;
    if (this.events) {
      this.uncommitted.push(
        new CachedEvent(
          position,
          streamName,
          revision,
          event.id,
          event.type,
          event.contentType,
          createdMicros,
          event.data,
          event.metadata,
        ),
      );
    }
    return position;
  }

  /**
   * What a transaction wrote, into the event cache with its string-UUID response (the form the client asks for)
   * encoded. The cached event's data and metadata become views of those bytes: the append's request buffers are
   * not retained and the payload is held once.
   */
  private cacheCommitted(): void {
    if (!this.events) return;
    for (const event of this.uncommitted) this.events.set(event.position, event);
    this.uncommitted.length = 0;
  }

  /**
   * Rows read from SQLite, as the cached events where there are some; the others join the cache while it has
   * room. A read never evicts: a scan of old history larger than the cache would otherwise push out the recent
   * events live subscriptions are about to be served, only to be pushed out itself before it is read again.
   */
  private remembered(rows: StoredEvent[]): StoredEvent[] {
    const cache = this.events;
    if (!cache) return rows;
    for (let i = 0; i < rows.length; i += 1) {
      const cached = cache.get(rows[i].position);
      if (cached) rows[i] = cached;
      else if (cache.size < cache.capacity) cache.set(rows[i].position, (rows[i] = CachedEvent.of(rows[i])));
    }
    return rows;
  }

  /** Strictly increasing creation times, so `created` orders like positions even within one millisecond. */
  private createdMicros(): number {
    const now = this.clock.now().getTime() * 1000;
    this.lastMicros = now > this.lastMicros ? now : this.lastMicros + 1;
    return this.lastMicros;
  }

  private stream(name: string): StreamState | null {
    if (this.streams.has(name)) return this.streams.get(name) ?? null;
    const row = this.stmt.findStream.get(name) as
      { id: number; lastRevision: number; tombstoned: number } | undefined;
    const state = row
      ? { id: row.id, lastRevision: row.lastRevision, tombstoned: row.tombstoned === 1 }
      : null;
    this.streams.set(name, state);
    return state;
  }

  private createStream(name: string): StreamState {
    const info = this.stmt.insertStream.run(name, -1);
    const state = { id: Number(info.lastInsertRowid), lastRevision: -1, tombstoned: false };
    this.streams.set(name, state);
    return state;
  }

  private rawMetadata(streamName: string): Record<string, unknown> {
    const meta = this.stream(metastreamOf(streamName));
    if (!meta || meta.lastRevision < 0) return {};
    const row = this.stmt.lastEventOfStream.get(meta.id) as StoredEvent | undefined;
    if (!row || row.contentType !== 'application/json') return {};
    try {
      const parsed = parseJsonKeepingBigInts(Buffer.from(row.data).toString('utf8'));
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  }

  private visibleFloor(streamName: string, state: StreamState): number {
    const meta = this.metadata(streamName);
    let floor = 0;
    if (meta.truncateBefore !== undefined) {
      floor =
        meta.truncateBefore > BigInt(Number.MAX_SAFE_INTEGER)
          ? Number.MAX_SAFE_INTEGER
          : Number(meta.truncateBefore);
    }
    if (meta.maxCount !== undefined) floor = Math.max(floor, state.lastRevision - meta.maxCount + 1);
    return floor;
  }

  private filterByAge(streamName: string, rows: StoredEvent[]): StoredEvent[] {
    const maxAge = this.metadata(streamName).maxAgeSeconds;
    if (maxAge === undefined) return rows;
    const oldest = this.clock.now().getTime() * 1000 - maxAge * 1_000_000;
    return rows.filter((e) => e.createdMicros >= oldest);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** A new EventStoreDB database holds a few system events; code that filters `$` events relies on that. */
  private writeInitialSystemEvents(): void {
    const json = (type: string, body: unknown): ProposedEvent => ({
      id: randomUuid(),
      type,
      contentType: 'application/json',
      data: Buffer.from(JSON.stringify(body)),
      metadata: new Uint8Array(0),
    });
    this.db.transaction(() => {
      this.appendInTransaction('$settings', { kind: 'no-stream' }, [
        json('$settings', {
          $userStreamAcl: { $r: '$all', $w: '$all' },
          $systemStreamAcl: { $r: '$admins' },
        }),
      ]);
      this.appendInTransaction('$user-admin', { kind: 'no-stream' }, [
        json('$UserCreated', {
          loginName: 'admin',
          fullName: 'Event Store Administrator',
          groups: ['$admins'],
        }),
      ]);
      this.appendInTransaction('$users', { kind: 'no-stream' }, [json('$User', { loginName: 'admin' })]);
    })();
    this.cacheCommitted();
  }
}

function openDatabase(
  dataDir: string | undefined,
  busyTimeoutMs: number,
): { db: Database.Database; lock?: DataFolderLock } {
  if (dataDir === undefined) return { db: configure(new Database(':memory:'), busyTimeoutMs) };
  const unusable = (error: unknown) =>
    new DataFolderError(
      `The data folder ${dataDir} is unusable: ${(error as Error).message}. ` +
        'Set EVENTSTORE_DATA_DIR to a writable folder.',
    );
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, fsConstants.W_OK | fsConstants.R_OK);
  } catch (error) {
    throw unusable(error);
  }
  const lock = acquireLock(dataDir, unusable);
  try {
    return { db: configure(new Database(join(dataDir, 'events.sqlite')), busyTimeoutMs), lock };
  } catch (error) {
    lock.release();
    throw unusable(error);
  }
}

function acquireLock(dataDir: string, unusable: (error: unknown) => Error): DataFolderLock {
  try {
    return DataFolderLock.acquire(dataDir);
  } catch (error) {
    throw error instanceof DataFolderError ? error : unusable(error);
  }
}

function configure(db: Database.Database, busyTimeoutMs: number): Database.Database {
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged append is on disk before the client hears of it.
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return db;
}

/**
 * Recognised by shape, not `instanceof Error`: better-sqlite3's native addon keeps the SqliteError class of the
 * first module instance that loaded it, so in another realm (the next jest test file in the same worker, a vm
 * context) its errors are not instances of the local Error — and an unrecognised one escaped the call.
 */
function isSqliteError(error: unknown): error is Error & { code: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('SQLITE_') && typeof message === 'string';
}

/** What a client is told when SQLite refused a write; BUSY/LOCKED clear once the other connection lets go. */
function storeFailure(error: Error & { code: string }, busyTimeoutMs: number): StoreFailure {
  if (isTransient(error.code)) {
    return new StoreFailure(
      `The event log is locked by another connection (${error.code}) and stayed locked for ${busyTimeoutMs} ms; ` +
        'nothing was written. Retry the request.',
      error.code,
      true,
    );
  }
  return new StoreFailure(
    `The event log could not be written (${error.code}: ${error.message}); the request was not acknowledged.`,
    error.code,
    false,
  );
}

/** Any SQLite error as a StoreFailure (reads fail rarely, but must not reach a client as an unnamed error). */
export function asStoreFailure(error: unknown): StoreFailure | undefined {
  if (error instanceof StoreFailure) return error;
  if (!isSqliteError(error)) return undefined;
  return new StoreFailure(
    `The event log could not be read (${error.code}: ${error.message}).`,
    error.code,
    isTransient(error.code),
  );
}

function isTransient(code: string): boolean {
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function tooLarge(events: ProposedEvent[]): boolean {
  let size = 0;
  for (const e of events) size += e.data.length + e.metadata.length;
  return size > MAX_APPEND_SIZE;
}

export function checkExpected(current: bigint | null, expected: ExpectedRevision) {
  const ok =
    expected.kind === 'any' ||
    (expected.kind === 'no-stream' && current === null) ||
    (expected.kind === 'stream-exists' && current !== null) ||
    (expected.kind === 'exact' && current === expected.revision);
  return ok ? undefined : ({ kind: 'wrong-expected-version', currentRevision: current, expected } as const);
}

export function metastreamOf(streamName: string): string {
  return `$$${streamName}`;
}

function metadataEvent(body: Record<string, unknown>): ProposedEvent {
  return {
    id: randomUuid(),
    type: METADATA_EVENT_TYPE,
    contentType: 'application/json',
    data: Buffer.from(stringifyJsonWithBigInts(body)),
    metadata: new Uint8Array(0),
  };
}

function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

function asPositiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function asRevision(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}

/** `$tb` may be 2^63 − 1, which a plain JSON.parse would round; large integers are kept as bigint. */
function parseJsonKeepingBigInts(text: string): unknown {
  const marked = text.replace(/([:[,]\s*)(\d{16,})(?=\s*[,}\]])/g, '$1"__bigint:$2"');
  return JSON.parse(marked, (_key, value) =>
    typeof value === 'string' && value.startsWith('__bigint:') ? BigInt(value.slice(9)) : value,
  );
}

function stringifyJsonWithBigInts(body: Record<string, unknown>): string {
  return JSON.stringify(body, (_key, value) =>
    typeof value === 'bigint' ? `__bigint:${value}` : value,
  ).replace(/"__bigint:(\d+)"/g, '$1');
}
