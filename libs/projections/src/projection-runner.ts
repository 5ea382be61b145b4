import { sql, type Kysely, type Transaction } from 'kysely';
import type { AllSubscription, EventStore, Position, RecordedEvent } from '@app/event-store';
import { inReadModelLock, migrateCheckpoints, readModelDialect } from './read-model-database';
import type { Projection, WithCheckpoints } from './projection';

export interface ProjectionStatus {
  name: string;
  checkpoint: Position | null;
  eventsApplied: number;
  caughtUp: boolean;
  lastError: string | null;
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
 */
export class ProjectionRunner<DB> {
  private subscription: AllSubscription | undefined;
  private checkpoint: Position | null = null;
  private eventsApplied = 0;
  private caughtUp = false;
  private lastError: string | null = null;
  private failure: Error | undefined;
  private stopping = false;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private loop: Promise<void> | undefined;

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
    this.loop = this.run().catch(async (error: Error) => {
      this.failure = error;
      this.lastError ??= error.message;
      await this.recordError(this.lastError);
    });
  }

  private async loadCheckpoint(): Promise<void> {
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
      lastError: this.lastError,
    };
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
      const subscription = this.store.subscribeToAll({
        fromPosition: this.checkpoint ?? 'start',
        filter: this.projection.filter,
      });
      this.subscription = subscription;
      try {
        await this.consume(subscription);
        return;
      } catch (error) {
        // Ended either way: an open subscription would keep the client's dispose() waiting.
        await subscription.unsubscribe();
        if (!(error instanceof CheckpointMovedError)) throw error;
        await this.loadCheckpoint();
      }
    }
  }

  private async consume(subscription: AllSubscription): Promise<void> {
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
          break;
      }
      if (reachedUntil) {
        await this.commit(batch, until!);
        await subscription.unsubscribe();
        return;
      }
      // Catching up, batches are filled: a filter checkpoint only moves `upTo`, since committing at each one would
      // cut every transaction to the filter's checkpoint interval. Live, commit as soon as nothing more is
      // waiting (low latency); under load, events that arrived together are committed together.
      if (upTo && (batch.length >= batchSize || (this.caughtUp && subscription.buffered() === 0))) {
        await this.commit(batch, upTo);
        batch = [];
        upTo = null;
      }
    }
  }

  private async commit(events: RecordedEvent[], position: Position): Promise<void> {
    const name = this.projection.name;
    const from = this.checkpoint?.commit.toString() ?? null;
    try {
      await this.db.transaction().execute(async (trx) => {
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
    } catch (error) {
      if (error instanceof CheckpointMovedError) throw error;
      this.lastError = `${(error as Error).message} (at position ${position.commit})`;
      throw error;
    }
    this.checkpoint = position;
    this.eventsApplied += events.length;
    this.resolveWaiters(position);
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
