import { Logger } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import type { EventStore } from '@app/event-store';
import {
  projectionLag,
  type ProjectionLag,
  type ObservedProjection,
  type ProjectionStatus,
} from '@app/projections';
import type { SweepStatus } from '../contact-process/deadline-sweeper';
import type { HealthSettings } from './health.settings';

/** One projection as the public health view shows it. */
export interface ProjectionReport {
  name: string;
  state: ProjectionStatus['state'];
  checkpoint: string | null;
  eventsApplied: number;
  caughtUp: boolean;
  /** Why it is retrying or stopped, in words that name no internal address (the details are in the log). */
  lastError: string | null;
  /** null when the event store could not be asked. */
  lag: ProjectionLag | null;
}

export interface HealthReport {
  /** `ready`: reads and writes can be served; `reasons` says why not. */
  ready: boolean;
  /** What needs an operator although requests are served: a projection retrying or stopped, a failed sweep. */
  degraded: string[];
  reasons: string[];
  eventStore: { reachable: boolean; embedded: boolean; lastPosition: string | null };
  readDatabase: { reachable: boolean };
  projections: ProjectionReport[];
  deadlineSweep: SweepStatus;
}

export interface HealthSources {
  store: EventStore;
  embedded: boolean;
  readDatabases: Kysely<unknown>[];
  runners: ObservedProjection[];
  sweep: () => SweepStatus;
}

/** Said in the public view for any failure of the event store; the message itself may name hosts and ports. */
export const STORE_UNREACHABLE = 'the event store does not answer';
const READ_DATABASE_UNREACHABLE = 'the read database does not answer';

/**
 * The checks behind `/health`, `/health/ready`: event store reachable, read databases reachable, each projection
 * within the lag limits. Every check is bounded by `checkTimeoutMs`, so a probe answers even when a dependency
 * hangs instead of refusing. Failures are logged with their details once per check; the report holds none.
 */
export class HealthChecks {
  private readonly logger = new Logger('Health');
  private lastLogged = new Map<string, string>();

  constructor(
    private readonly sources: HealthSources,
    private readonly settings: HealthSettings,
  ) {}

  async report(now = new Date()): Promise<HealthReport> {
    const [lastPosition, readDatabase] = await Promise.all([this.lastPosition(), this.readDatabaseAnswers()]);
    const storeReachable = lastPosition !== undefined;
    const projections = await Promise.all(
      this.sources.runners.map((runner) => this.projection(runner, storeReachable, now)),
    );
    const reasons = [
      ...(storeReachable ? [] : [STORE_UNREACHABLE]),
      ...(readDatabase ? [] : [READ_DATABASE_UNREACHABLE]),
      // Without the store there is no lag to tell: its absence is the reason.
      ...(storeReachable ? projections.flatMap((p) => this.lagReason(p)) : []),
    ];
    const deadlineSweep = this.sources.sweep();
    const degraded = [
      ...projections.flatMap((p) =>
        p.state === 'retrying' || p.state === 'failed' ? [`projection ${p.name} is ${p.state}`] : [],
      ),
      ...(deadlineSweep.lastError ? ['the last deadline sweep failed'] : []),
    ];
    return {
      ready: reasons.length === 0,
      degraded,
      reasons,
      eventStore: {
        reachable: storeReachable,
        embedded: this.sources.embedded,
        lastPosition: lastPosition?.toString() ?? null,
      },
      readDatabase: { reachable: readDatabase },
      projections,
      deadlineSweep,
    };
  }

  /** The newest commit position in `$all` (0 for an empty store); undefined when the store does not answer. */
  private async lastPosition(): Promise<bigint | undefined> {
    return this.bounded('event store', async () => {
      let last = 0n;
      for await (const event of this.sources.store.readAll({ direction: 'backwards', maxCount: 1 }))
        last = event.position.commit;
      return last;
    });
  }

  private async readDatabaseAnswers(): Promise<boolean> {
    const answers = await Promise.all(
      this.sources.readDatabases.map((db) =>
        this.bounded('read database', async () => (await sql`SELECT 1`.execute(db), true)),
      ),
    );
    return answers.every((answered) => answered === true);
  }

  private async projection(
    runner: ObservedProjection,
    storeReachable: boolean,
    now: Date,
  ): Promise<ProjectionReport> {
    const status = runner.status();
    const cap = Math.max(1000, this.settings.maxLagEvents + 1);
    const lag = storeReachable
      ? await this.bounded(`lag of ${status.name}`, () =>
          projectionLag(this.sources.store, status.checkpoint, now, cap, runner.filter),
        )
      : undefined;
    return {
      name: status.name,
      state: status.state,
      checkpoint: status.checkpoint?.commit.toString() ?? null,
      eventsApplied: status.eventsApplied,
      caughtUp: status.caughtUp,
      lastError: this.publicError(status),
      lag: lag ?? null,
    };
  }

  /** Why a projection keeps the service from being ready: not following the store, or too far behind it. */
  private lagReason(p: ProjectionReport): string[] {
    const { maxLagEvents, maxLagSeconds } = this.settings;
    // The store answers this check, yet the runner has not resubscribed (it waits out its backoff): not following.
    if (p.state === 'retrying') return [`projection ${p.name} is resubscribing to the event store`];
    if (!p.lag) return [`projection ${p.name}: lag unknown`];
    if (p.lag.events > maxLagEvents || p.lag.seconds > maxLagSeconds)
      return [
        `projection ${p.name} is ${p.lag.events}${p.lag.atLeast ? '+' : ''} events / ${Math.round(p.lag.seconds)} s behind (limits ${maxLagEvents} / ${maxLagSeconds} s)`,
      ];
    return [];
  }

  /** A retrying runner waits for the store; a failed one's message goes to the log, the view says where to look. */
  private publicError(status: ProjectionStatus): string | null {
    const key = `projection ${status.name}`;
    if (!status.lastError) {
      this.lastLogged.delete(key);
      return null;
    }
    this.logOnce(key, status.lastError);
    if (status.state === 'retrying') return `${STORE_UNREACHABLE}; resubscribing by itself`;
    if (status.state === 'failed')
      return 'stopped by an error applying an event: see the log or `npm run projections -- status`';
    return null;
  }

  /** The check's result, or undefined when it failed or took longer than allowed (logged, with the details). */
  private async bounded<T>(what: string, check: () => Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.settings.checkTimeoutMs} ms`)),
        this.settings.checkTimeoutMs,
      );
    });
    try {
      const result = await Promise.race([check(), timeout]);
      this.lastLogged.delete(what);
      return result;
    } catch (error) {
      this.logOnce(what, (error as Error).message);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** One line per failure as it begins (and when its message changes), not one per probe. */
  private logOnce(what: string, message: string): void {
    if (this.lastLogged.get(what) === message) return;
    this.lastLogged.set(what, message);
    this.logger.warn(`${what}: ${message}`);
  }
}
