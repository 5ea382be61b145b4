import { sql, type Kysely, type Transaction } from 'kysely';
import {
  EventStoreUnavailableError,
  isTransientEventStoreError,
  type AllFilter,
  type AllSubscription,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@app/event-store';
import { inReadModelLock, migrateCheckpoints, readModelDialect } from './read-model-database';
import type { Projection, WithCheckpoints } from './projection';
import type { AllSource } from './shared-feed';

export interface ProjectionStatus {
  name: string;
  checkpoint: Position | null;
  eventsApplied: number;
  caughtUp: boolean;
  /**
   * `running`; `retrying` while the event store is away (it resubscribes by itself); `failed` when an error that
   * retrying cannot mend stopped it; `stopped` when told to, or `until` was reached; `following` (a
   * LeasedProjection only) while another instance holds the projection's lease and writes the read model.
   */
  state: 'running' | 'retrying' | 'failed' | 'stopped' | 'following';
  lastError: string | null;
}

/** What health checks and status views read of a running projection, leased or not. */
export interface ObservedProjection {
  status(): ProjectionStatus;
  /** The server-side filter of the projection (what its lag is counted over). */
  readonly filter: AllFilter;
}

export interface RunnerOptions {
  /** Events applied per transaction while catching up. */
  batchSize?: number;
  /**
   * Apply the events up to and including this position, then stop (an auditor's copy "as of" a position, or
   * one leg of a rebuild). The checkpoint stored at the end is `until` itself: everything up to it was examined.
   * `finished()` resolves then. A position beyond the end of `$all` is reached only once events get there.
   */
  until?: Position;
  /** How the runner waits before resubscribing after the store went away (see `retryDelay`). */
  retry?: RetrySettings;
  /** Told of each committed batch and each failure (metrics, traces); nothing when left out. */
  instrument?: ProjectionInstrument;
  /**
   * Where the events come from; the store's own `$all` subscription when left out. A SharedAllFeed's source lets
   * several runners consume one read of `$all` (`rebuild --all`).
   */
  source?: AllSource;
  /** Told of each committed checkpoint, after the runner's own waiters (a projection thread reports it). */
  onCommitted?: (position: Position) => void;
}

/**
 * What metrics and traces see of a runner: each batch's commit, wrapped (so a span or a timer encloses it), and
 * each failure — `transient` when the store went away and the runner retries, else the one that stopped it.
 */
export interface ProjectionInstrument {
  commitBatch(projection: string, events: number, commit: () => Promise<void>): Promise<void>;
  failed(projection: string, transient: boolean): void;
}

export interface RetrySettings {
  /** The first wait, doubled on each failure in a row. Default 250 ms. */
  initialDelayMs?: number;
  /** The longest wait. Default 5 s: a store back after an outage is used again within seconds. */
  maxDelayMs?: number;
  /** Source of the jitter, in [0, 1); tests may fix it. */
  random?: () => number;
}

/**
 * The wait before retry number `attempt` (0 first): exponential up to the cap, of which a random half is kept
 * ("equal jitter"), so instances that lost the same store do not all come back at the same instant.
 */
export function retryDelay(attempt: number, settings: RetrySettings = {}): number {
  const initial = settings.initialDelayMs ?? 250;
  const max = settings.maxDelayMs ?? 5_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + (settings.random ?? Math.random)() * (ceiling / 2);
}

/** The read model's stored checkpoint is not the one this runner holds: another generation or another writer. */
class CheckpointMovedError extends Error {}

/**
 * Feeds a projection from a checkpointed catch-up subscription to `$all`. Each batch of events and the
 * checkpoint after it are committed in one read-model transaction, so a crash never loses or double-applies
 * an event; an event at or before the stored checkpoint (a duplicate delivery) is skipped.
 *
 * Each commit first checks that the stored checkpoint is still the one the runner started the batch from; if
 * not (the database now serves another generation of the read model, see read-model-generations.ts, or some
 * other writer moved it), the batch is dropped and the runner resubscribes from the stored checkpoint.
 *
 * When the event store goes away (a dropped connection, UNAVAILABLE, a deadline exceeded), the runner waits with
 * a bounded, jittered exponential backoff and resubscribes from its stored checkpoint, for as long as it takes;
 * `status().lastError` says why meanwhile and is cleared once it gets through again. Any other error — a projection
 * that cannot apply an event — stops it, recorded in `projection_errors`.
 */
export class ProjectionRunner<DB> implements ObservedProjection {
  private subscription: AllSubscription | undefined;
  private checkpoint: Position | null = null;
  private eventsApplied = 0;
  private caughtUp = false;
  private lastError: string | null = null;
  /** Why the runner is waiting to resubscribe, while it is; `retries` is how many failures in a row. */
  private retrying: string | null = null;
  private retries = 0;
  private wakeFromPause: (() => void) | undefined;
  private failure: Error | undefined;
  private stopping = false;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private loop: Promise<void> | undefined;
  private ended = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<WithCheckpoints<DB>>,
    private readonly projection: Projection<DB>,
    private readonly options: RunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    // One transaction under the read model's lock: runners starting at the same moment on one PostgreSQL
    // migrate one after the other, and a crash never leaves a version recorded without its tables.
    await inReadModelLock(this.db, 'migrate', async (trx) => {
      await migrateCheckpoints(trx as never);
      await this.resetIfSchemaChanged(trx);
      await this.projection.migrate(trx);
    });
    await this.loadCheckpoint();
    this.loop = this.run()
      .catch(async (error: Error) => {
        this.failure = error;
        this.retrying = null;
        this.lastError ??= error.message;
        await this.recordError(this.lastError);
      })
      .finally(() => (this.ended = true));
  }

  private async loadCheckpoint(): Promise<void> {
    this.projection.forget?.();
    const { rows } = await sql<{ commit_position: string; prepare_position: string; events_applied: number }>`
      SELECT commit_position, prepare_position, events_applied FROM projection_checkpoints WHERE name = ${this.projection.name}
    `.execute(this.db);
    const row = rows[0];
    this.checkpoint = row
      ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) }
      : null;
    this.eventsApplied = row?.events_applied ?? 0;
    this.caughtUp = false;
    if (this.checkpoint) this.resolveWaiters(this.checkpoint);
  }

  /** A read model written by another version of the projection is dropped, to be rebuilt from `$all`. */
  private async resetIfSchemaChanged(trx: Transaction<WithCheckpoints<DB>>): Promise<void> {
    const { name, schemaVersion, tables } = this.projection;
    const { rows } = await sql<{
      version: number;
    }>`SELECT version FROM projection_schemas WHERE name = ${name}`.execute(trx);
    if (rows[0]?.version === schemaVersion) return;
    for (const table of tables) await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(trx);
    await sql`DELETE FROM projection_checkpoints WHERE name = ${name}`.execute(trx);
    await sql`
      INSERT INTO projection_schemas (name, version) VALUES (${name}, ${schemaVersion})
      ON CONFLICT (name) DO UPDATE SET version = excluded.version
    `.execute(trx);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromPause?.();
    await this.subscription?.unsubscribe();
    await this.loop;
  }

  /** Resolves when the runner has stopped: stopped, or `until` reached; rejects with what ended it otherwise. */
  async finished(): Promise<void> {
    await this.loop;
    if (this.failure) throw this.failure;
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      checkpoint: this.checkpoint,
      eventsApplied: this.eventsApplied,
      caughtUp: this.caughtUp,
      state: this.failure ? 'failed' : this.ended ? 'stopped' : this.retrying ? 'retrying' : 'running',
      lastError: this.lastError ?? this.retrying,
    };
  }

  /** The server-side filter of the projection (what its lag is counted over). */
  get filter(): AllFilter {
    return this.projection.filter;
  }

  /** Resolves once the read model includes everything up to `position` (read-your-writes for callers). */
  waitFor(position: Position): Promise<void> {
    if (this.checkpoint && this.checkpoint.commit >= position.commit) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position: position.commit, resolve }));
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const until = this.options.until;
      if (until && this.checkpoint && this.checkpoint.commit >= until.commit) return;
      const subscribe = this.options.source ?? ((options) => this.store.subscribeToAll(options));
      const subscription = subscribe({
        fromPosition: this.checkpoint ?? 'start',
        filter: this.projection.filter,
      });
      this.subscription = subscription;
      try {
        if (await this.consume(subscription)) return;
        if (this.stopping) return;
        // Ended by the server without an error (it shut down): for the runner, the store went away.
        throw new EventStoreUnavailableError('the event store ended the subscription');
      } catch (error) {
        // Ended either way: an open subscription would keep the client's dispose() waiting.
        await subscription.unsubscribe().catch(() => undefined);
        if (this.stopping) return;
        if (error instanceof CheckpointMovedError) await this.loadCheckpoint();
        else if (isTransientEventStoreError(error)) {
          this.options.instrument?.failed(this.projection.name, true);
          await this.retryLater(error as Error);
        } else {
          this.options.instrument?.failed(this.projection.name, false);
          throw error;
        }
      }
    }
  }

  /**
   * The store went away: wait (backoff with jitter), then resubscribe from the checkpoint the read model holds.
   * Until then `status()` shows why. `lastError` holds only a failed commit's reason here, moved into `retrying` so
   * that a later error that stops the runner is the one reported.
   */
  private async retryLater(error: Error): Promise<void> {
    const delay = retryDelay(this.retries, this.options.retry);
    this.retries += 1;
    this.caughtUp = false;
    this.retrying = this.lastError ?? error.message;
    this.lastError = null;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.wakeFromPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeFromPause = undefined;
    if (!this.stopping) await this.loadCheckpoint();
  }

  /** The store answers again (caught up, or a batch committed): the outage is over. */
  private resumed(): void {
    this.retries = 0;
    this.retrying = null;
    this.lastError = null;
  }

  /** Applies what the subscription delivers; true once `until` is reached, false when the subscription ended. */
  private async consume(subscription: AllSubscription): Promise<boolean> {
    const batchSize = this.options.batchSize ?? 500;
    const until = this.options.until;
    let batch: RecordedEvent[] = [];
    // How far in $all the pending batch reaches: its last event, or a filter checkpoint after it.
    let upTo: Position | null = null;
    let reachedUntil = false;
    for await (const message of subscription) {
      // Everything at or before this was applied or is in the batch: an event delivered again is skipped.
      const seen = later(upTo, this.checkpoint);
      switch (message.kind) {
        case 'event': {
          const { position } = message.event;
          if (seen && position.commit <= seen.commit) break; // duplicate delivery
          if (until && position.commit > until.commit) {
            reachedUntil = true;
            break;
          }
          batch.push(message.event);
          upTo = position;
          reachedUntil = !!until && position.commit === until.commit;
          break;
        }
        case 'checkpoint':
          if (seen && message.position.commit <= seen.commit) break;
          if (until && message.position.commit >= until.commit) reachedUntil = true;
          else upTo = message.position;
          break;
        case 'caught-up':
          this.caughtUp = true;
          this.resumed();
          break;
      }
      if (reachedUntil) {
        await this.commit(batch, until!);
        await subscription.unsubscribe();
        return true;
      }
      // Catching up, batches are filled: a filter checkpoint only moves `upTo`, since committing at each one would
      // cut every transaction to the filter's checkpoint interval. Live, commit as soon as nothing more is
      // waiting (low latency); under load, events that arrived together are committed together.
      if (upTo && (batch.length >= batchSize || (this.caughtUp && subscription.buffered() === 0))) {
        await this.commit(batch, upTo);
        if (this.retries > 0) this.resumed();
        batch = [];
        upTo = null;
      }
    }
    return false;
  }

  private async commit(events: RecordedEvent[], position: Position): Promise<void> {
    const name = this.projection.name;
    const from = this.checkpoint?.commit.toString() ?? null;
    const transaction = () =>
      this.db.transaction().execute(async (trx) => {
        if ((await lockedCheckpoint(trx, name)) !== from) throw new CheckpointMovedError();
        if (events.length > 0) await this.projection.apply(trx, events);
        await sql`
          INSERT INTO projection_checkpoints (name, commit_position, prepare_position, updated_at, events_applied)
          VALUES (${name}, ${position.commit.toString()}, ${position.prepare.toString()}, ${new Date().toISOString()}, ${events.length})
          ON CONFLICT (name) DO UPDATE SET
            commit_position = excluded.commit_position,
            prepare_position = excluded.prepare_position,
            updated_at = excluded.updated_at,
            events_applied = projection_checkpoints.events_applied + excluded.events_applied
        `.execute(trx);
      });
    try {
      const instrument = this.options.instrument;
      await (instrument ? instrument.commitBatch(name, events.length, transaction) : transaction());
    } catch (error) {
      this.projection.forget?.();
      if (error instanceof CheckpointMovedError) throw error;
      this.lastError = `${(error as Error).message} (at position ${position.commit})`;
      throw error;
    }
    this.projection.committed?.();
    this.checkpoint = position;
    this.eventsApplied += events.length;
    this.resolveWaiters(position);
    this.options.onCommitted?.(position);
  }

  private resolveWaiters(position: Position): void {
    const ready = this.waiters.filter((w) => w.position <= position.commit);
    this.waiters = this.waiters.filter((w) => w.position > position.commit);
    ready.forEach((w) => w.resolve());
  }

  /** Kept in the read model so an operator sees it (`npm run projections -- status`) after the process is gone. */
  private async recordError(message: string): Promise<void> {
    try {
      await sql`
        INSERT INTO projection_errors (name, message, at) VALUES (${this.projection.name}, ${message}, ${new Date().toISOString()})
        ON CONFLICT (name) DO UPDATE SET message = excluded.message, at = excluded.at
      `.execute(this.db);
    } catch {
      // The read model itself is what failed (e.g. the disk is full): the error stays in status() only.
    }
  }
}

/**
 * The stored checkpoint, locked until the transaction ends. In PostgreSQL a second writer's commit waits here
 * for the first one's, then sees the checkpoint it moved and drops its batch: a batch is never applied twice.
 * The row lock (`FOR UPDATE`) covers a stored checkpoint; the advisory lock also covers the first batch, when
 * there is no row yet to lock. In SQLite, one writer at a time holds the database.
 */
async function lockedCheckpoint<DB>(trx: Transaction<DB>, name: string): Promise<string | null> {
  if (readModelDialect(trx) === 'sqlite') {
    const { rows } = await sql<{ commit_position: string }>`
      SELECT commit_position FROM projection_checkpoints WHERE name = ${name}
    `.execute(trx);
    return rows[0]?.commit_position ?? null;
  }
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':checkpoint:' || ${name}, 0))`.execute(
    trx,
  );
  const { rows } = await sql<{ commit_position: string }>`
    SELECT commit_position FROM projection_checkpoints WHERE name = ${name} FOR UPDATE
  `.execute(trx);
  return rows[0]?.commit_position ?? null;
}

function later(a: Position | null, b: Position | null): Position | null {
  if (!a || !b) return a ?? b;
  return a.commit >= b.commit ? a : b;
}
