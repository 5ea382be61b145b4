import { sql, type Kysely } from 'kysely';
import type { AllSubscription, EventStore, Position, RecordedEvent } from '@app/event-store';
import { migrateCheckpoints } from './read-model-database';
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
}

/**
 * Feeds a projection from a checkpointed catch-up subscription to `$all`. Each batch of events and the
 * checkpoint after it are committed in one read-model transaction, so a crash never loses or double-applies
 * an event; an event at or before the stored checkpoint (a duplicate delivery) is skipped.
 */
export class ProjectionRunner<DB> {
  private subscription: AllSubscription | undefined;
  private checkpoint: Position | null = null;
  private eventsApplied = 0;
  private caughtUp = false;
  private lastError: string | null = null;
  private waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private loop: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<WithCheckpoints<DB>>,
    private readonly projection: Projection<DB>,
    private readonly options: RunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    await migrateCheckpoints(this.db as never);
    await this.resetIfSchemaChanged();
    await this.projection.migrate(this.db);
    const { rows } = await sql<{ commit_position: string; prepare_position: string; events_applied: number }>`
      SELECT commit_position, prepare_position, events_applied FROM projection_checkpoints WHERE name = ${this.projection.name}
    `.execute(this.db);
    const row = rows[0];
    if (row) {
      this.checkpoint = { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
      this.eventsApplied = row.events_applied;
    }
    this.subscription = this.store.subscribeToAll({
      fromPosition: this.checkpoint ?? 'start',
      filter: this.projection.filter,
    });
    this.loop = this.run(this.subscription).catch((error: Error) => {
      this.lastError = error.message;
    });
  }

  /** A read model written by another version of the projection is dropped, to be rebuilt from `$all`. */
  private async resetIfSchemaChanged(): Promise<void> {
    const { name, schemaVersion, tables } = this.projection;
    const { rows } = await sql<{
      version: number;
    }>`SELECT version FROM projection_schemas WHERE name = ${name}`.execute(this.db);
    if (rows[0]?.version === schemaVersion) return;
    await this.db.transaction().execute(async (trx) => {
      for (const table of tables) await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(trx);
      await sql`DELETE FROM projection_checkpoints WHERE name = ${name}`.execute(trx);
      await sql`
        INSERT INTO projection_schemas (name, version) VALUES (${name}, ${schemaVersion})
        ON CONFLICT (name) DO UPDATE SET version = excluded.version
      `.execute(trx);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    await this.loop;
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

  private async run(subscription: AllSubscription): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let batch: RecordedEvent[] = [];
    // How far in $all the pending batch reaches: its last event, or a filter checkpoint after it.
    let upTo: Position | null = null;
    for await (const message of subscription) {
      switch (message.kind) {
        case 'event':
          if (this.checkpoint && message.event.position.commit <= this.checkpoint.commit) break; // duplicate delivery
          batch.push(message.event);
          upTo = later(upTo, message.event.position);
          break;
        case 'checkpoint':
          if (!this.checkpoint || message.position.commit > this.checkpoint.commit)
            upTo = later(upTo, message.position);
          break;
        case 'caught-up':
          this.caughtUp = true;
          break;
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
    try {
      await this.db.transaction().execute(async (trx) => {
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
      this.lastError = `${(error as Error).message} (at position ${position.commit})`;
      throw error;
    }
    this.checkpoint = position;
    this.eventsApplied += events.length;
    const ready = this.waiters.filter((w) => w.position <= position.commit);
    this.waiters = this.waiters.filter((w) => w.position > position.commit);
    ready.forEach((w) => w.resolve());
  }
}

function later(a: Position | null, b: Position): Position {
  return a && a.commit >= b.commit ? a : b;
}
