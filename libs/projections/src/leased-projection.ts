import { sql, type Kysely } from 'kysely';
import type { AllFilter, EventStore, Position } from '@app/event-store';
import { Lease } from './lease';
import type { Projection, WithCheckpoints } from './projection';
import {
  ProjectionRunner,
  type ObservedProjection,
  type ProjectionStatus,
  type RunnerOptions,
} from './projection-runner';

export interface LeasedProjectionOptions extends RunnerOptions {
  /**
   * `auto`: this instance runs the projection while it holds its lease (with PostgreSQL, one instance of all;
   * without, always). `off`: it only reads (an API instance leaving projections to `npm run start:worker`).
   */
  mode?: 'auto' | 'off';
  /** postgres://… where the lease is held; left out, the lease is this process's alone. */
  leaseDatabaseUrl?: string;
  leaseRetryMs?: number;
  /** How often a waiting follower looks at the stored checkpoint (default 50 ms); a leader is woken by its commits. */
  pollMs?: number;
  onError?: (error: Error) => void;
}

export interface LeasedProjectionStatus extends ProjectionStatus {
  /** Whether this instance writes the read model now; the others read what the leader stored. */
  leading: boolean;
}

/**
 * What the API's read sides hold of a projection of the running service: a LeasedProjection on the event loop, or
 * its stand-in for one run in the projection thread (projection-thread.ts).
 */
export interface LiveProjection extends ObservedProjection {
  readonly name: string;
  status(): LeasedProjectionStatus;
  /** Resolves true once the read model includes `position`, false when `timeoutMs` passed first. */
  waitFor(position: Position, timeoutMs?: number): Promise<boolean>;
  isLeading(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The checkpoint the read model holds for `name` (what a follower reports; null before the first batch). */
export async function storedCheckpoint<DB>(
  db: Kysely<DB>,
  name: string,
): Promise<Pick<ProjectionStatus, 'checkpoint' | 'eventsApplied' | 'lastError'>> {
  const { rows } = await sql<{ commit_position: string; prepare_position: string; events_applied: number }>`
    SELECT commit_position, prepare_position, events_applied FROM projection_checkpoints WHERE name = ${name}
  `
    .execute(db)
    .catch(() => ({ rows: [] })); // before the leader's first migration there is no table yet
  const row = rows[0];
  return {
    checkpoint: row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : null,
    eventsApplied: Number(row?.events_applied ?? 0),
    lastError: null,
  };
}

/**
 * A projection that one instance writes and every instance reads: whoever holds the projection's lease runs
 * its ProjectionRunner; the others follow the checkpoint stored in the shared read model, and take over when
 * the leader's lease ends.
 */
export class LeasedProjection<DB> implements LiveProjection {
  private runner: ProjectionRunner<DB> | undefined;
  private readonly lease: Lease | undefined;
  private stored: Pick<ProjectionStatus, 'checkpoint' | 'eventsApplied' | 'lastError'> = {
    checkpoint: null,
    eventsApplied: 0,
    lastError: null,
  };

  constructor(
    private readonly store: EventStore,
    readonly db: Kysely<WithCheckpoints<DB>>,
    private readonly projection: Projection<DB>,
    private readonly options: LeasedProjectionOptions = {},
  ) {
    if ((options.mode ?? 'auto') === 'auto' && options.leaseDatabaseUrl)
      this.lease = new Lease({
        name: `projection:${projection.name}`,
        databaseUrl: options.leaseDatabaseUrl,
        retryMs: options.leaseRetryMs,
        onAcquired: () => this.lead(),
        onLost: () => this.follow(),
        onError: options.onError,
      });
  }

  get name(): string {
    return this.projection.name;
  }

  /**
   * One machine (no lease database): resolves once the runner has started, as a plain runner's start. With a
   * lease: returns at once; the runner starts whenever this instance takes the lease.
   */
  async start(): Promise<void> {
    if (this.lease) return this.lease.start();
    if ((this.options.mode ?? 'auto') === 'auto') return this.lead();
    await this.refreshStored();
  }

  async stop(): Promise<void> {
    await this.lease?.stop();
    await this.follow();
  }

  /** The projection's server-side filter, whoever runs it: a follower's lag is counted over it too. */
  get filter(): AllFilter {
    return this.projection.filter;
  }

  isLeading(): boolean {
    return this.runner !== undefined;
  }

  /** The local runner's status while leading; else what the leader last stored (read at each wait or refresh). */
  status(): LeasedProjectionStatus {
    if (this.runner) return { ...this.runner.status(), leading: true };
    return {
      name: this.projection.name,
      caughtUp: false,
      state: 'following',
      ...this.stored,
      leading: false,
    };
  }

  /** Reads the stored checkpoint now (for a follower's status). */
  async refreshStored(): Promise<void> {
    this.stored = await storedCheckpoint(this.db, this.projection.name);
  }

  /**
   * Resolves true once the read model includes `position` (what every instance reads: the checkpoint stored
   * with the rows), false when `timeoutMs` (default: no limit) passed first.
   */
  async waitFor(position: Position, timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const pollMs = this.options.pollMs ?? 50;
    for (;;) {
      if (this.includes(this.status().checkpoint, position)) return true;
      // Leading, the runner's checkpoint is the stored one (committed with the rows) and its commit wakes the
      // wait: reading the table as well would cost a query per write. A follower reads what the leader stored.
      if (!this.runner) {
        await this.refreshStored();
        if (this.includes(this.stored.checkpoint, position)) return true;
      }
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.runner?.waitFor(position),
        new Promise((resolve) => (timer = setTimeout(resolve, Math.min(pollMs, left)))),
      ]);
      clearTimeout(timer);
    }
  }

  private includes(checkpoint: Position | null, position: Position): boolean {
    return !!checkpoint && checkpoint.commit >= position.commit;
  }

  private async lead(): Promise<void> {
    const runner = new ProjectionRunner<DB>(this.store, this.db, this.projection, this.options);
    await runner.start();
    this.runner = runner;
  }

  private async follow(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    await this.refreshStored().catch(() => undefined);
  }
}
