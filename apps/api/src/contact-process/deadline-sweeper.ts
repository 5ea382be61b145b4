import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ReminderWindows } from '@app/contact-process';
import { DeadlineSweep, type SweepResult } from '@app/deadlines';
import { isTransientEventStoreError } from '@app/event-store';
import { copenhagenDateOf, type Clock } from '@app/legal-time';
import { Lease } from '@app/projections';
import { Metrics } from '../observability/metrics';
import { CLOCK, DeadlinesReadSide, READ_MODEL_CONFIG, Recorder } from './contact-process.providers';
import type { ReadModelSettings } from './read-model.settings';

export const DEADLINE_SWEEP_CONFIG = Symbol('DEADLINE_SWEEP_CONFIG');

export interface DeadlineSweepSettings {
  /** Minutes between sweeps; 0 turns the schedule off (tests call `sweep()` themselves). */
  intervalMinutes: number;
  /**
   * The organisations' reminder windows (REMINDER_WINDOW_DAYS, REMINDER_WINDOWS): the sweep then also notes each
   * open duty come within its window (DeadlineDueSoon, the feeds' `due-soon`). Left out, it notes none.
   */
  reminders?: ReminderWindows;
}

export interface SweepStatus {
  intervalMinutes: number;
  lastRun: (SweepResult & { startedAt: string; finishedAt: string }) | null;
  lastError: string | null;
  /** Whether this instance runs the scheduled sweep (holds its lease); the others leave it to that one. */
  leading: boolean;
}

/**
 * Runs the deadline sweep on a schedule (DeadlineMissed for every deadline that passed unmet, DeadlineDueSoon
 * for every open duty come within its organisation's reminder window), first shortly
 * after start, then every `intervalMinutes`. A sweep never overlaps another; a failed one (the event store away)
 * is logged and the next one tries again — the schedule itself outlives any outage. With several instances on
 * one PostgreSQL, only the holder of the `deadline-sweep` lease sweeps on schedule (the others would record
 * nothing new, but count the same deadlines again); with PROJECTIONS=off this instance never does.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweeper');
  private readonly sweepTask: DeadlineSweep;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<SweepResult> | undefined;
  private lastRun: SweepStatus['lastRun'] = null;
  private lastError: string | null = null;
  private readonly lease: Lease | undefined;

  constructor(
    readSide: DeadlinesReadSide,
    recorder: Recorder,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DEADLINE_SWEEP_CONFIG) private readonly settings: DeadlineSweepSettings,
    @Inject(READ_MODEL_CONFIG) readModel: ReadModelSettings,
    private readonly metrics: Metrics,
  ) {
    this.sweepTask = new DeadlineSweep(readSide.db, recorder, readSide.sealing, settings.reminders);
    if (settings.intervalMinutes > 0 && (readModel.projections ?? 'auto') === 'auto')
      this.lease = new Lease({
        name: 'deadline-sweep',
        databaseUrl: readModel.databaseUrl,
        retryMs: readModel.leaseRetryMs,
        onAcquired: async () => this.logger.log('this instance runs the scheduled deadline sweep'),
        onLost: async () => undefined,
        onError: (error) => this.logger.warn(`deadline-sweep lease: ${error.message}`),
      });
  }

  onApplicationBootstrap(): void {
    if (!this.lease) return;
    this.lease.start();
    const tick = () => {
      if (this.lease?.isHeld()) void this.sweep().catch(() => undefined);
    };
    this.timers = [setTimeout(tick, 5_000), setInterval(tick, this.settings.intervalMinutes * 60_000)];
    this.timers.forEach((t) => t.unref());
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    await this.running?.catch(() => undefined);
    await this.lease?.stop();
  }

  /** One sweep as of today (Copenhagen); a call while one runs joins it. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  status(): SweepStatus {
    return {
      intervalMinutes: this.settings.intervalMinutes,
      lastRun: this.lastRun,
      lastError: this.lastError,
      leading: this.lease?.isHeld() ?? false,
    };
  }

  private async runOnce(): Promise<SweepResult> {
    const startedAt = new Date().toISOString();
    try {
      const result = await this.sweepTask.run(copenhagenDateOf(this.clock.now()));
      this.lastRun = { ...result, startedAt, finishedAt: new Date().toISOString() };
      this.lastError = null;
      this.metrics.sweepRuns.inc({ outcome: 'ok' });
      this.metrics.sweepCandidates.inc(result.candidates);
      this.metrics.sweepMisses.inc(result.recorded);
      this.metrics.sweepReminders.inc(result.reminded);
      this.metrics.sweepSkipped.inc(result.skipped);
      if (result.recorded > 0 || result.reminded > 0 || result.skipped > 0) {
        this.logger.log(
          `as of ${result.asOf}: ${result.recorded} deadline(s) recorded as missed for ${result.persons} person(s); ${result.reminded} noted as due soon; ${result.skipped} skipped (written meanwhile)`,
        );
      }
      return result;
    } catch (error) {
      this.metrics.sweepRuns.inc({ outcome: 'failed' });
      const message = (error as Error).message;
      // Shown on the public /health: the store's own message names its address, so only the log gets it.
      this.lastError = isTransientEventStoreError(error)
        ? 'the event store did not answer; the next scheduled sweep tries again'
        : message;
      this.logger.error(`deadline sweep failed: ${message}`);
      throw error;
    }
  }
}
