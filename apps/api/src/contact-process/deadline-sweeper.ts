import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DeadlineSweep, type SweepResult } from '@app/deadlines';
import { isTransientEventStoreError, type Clock } from '@app/event-store';
import { copenhagenDateOf } from '@app/legal-time';
import { CLOCK, DeadlinesReadSide, Recorder } from './contact-process.providers';

export const DEADLINE_SWEEP_CONFIG = Symbol('DEADLINE_SWEEP_CONFIG');

export interface DeadlineSweepSettings {
  /** Minutes between sweeps; 0 turns the schedule off (tests call `sweep()` themselves). */
  intervalMinutes: number;
}

export interface SweepStatus {
  intervalMinutes: number;
  lastRun: (SweepResult & { startedAt: string; finishedAt: string }) | null;
  lastError: string | null;
}

/**
 * Runs the deadline sweep on a schedule (DeadlineMissed for every deadline that passed unmet), first shortly
 * after start, then every `intervalMinutes`. A sweep never overlaps another; a failed one (the event store away)
 * is logged and the next one tries again — the schedule itself outlives any outage.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweeper');
  private readonly sweepTask: DeadlineSweep;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<SweepResult> | undefined;
  private lastRun: SweepStatus['lastRun'] = null;
  private lastError: string | null = null;

  constructor(
    readSide: DeadlinesReadSide,
    recorder: Recorder,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DEADLINE_SWEEP_CONFIG) private readonly settings: DeadlineSweepSettings,
  ) {
    this.sweepTask = new DeadlineSweep(readSide.db, recorder, readSide.sealing);
  }

  onApplicationBootstrap(): void {
    if (this.settings.intervalMinutes <= 0) return;
    const tick = () => void this.sweep().catch(() => undefined);
    this.timers = [setTimeout(tick, 5_000), setInterval(tick, this.settings.intervalMinutes * 60_000)];
    this.timers.forEach((t) => t.unref());
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    await this.running?.catch(() => undefined);
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
    };
  }

  private async runOnce(): Promise<SweepResult> {
    const startedAt = new Date().toISOString();
    try {
      const result = await this.sweepTask.run(copenhagenDateOf(this.clock.now()));
      this.lastRun = { ...result, startedAt, finishedAt: new Date().toISOString() };
      this.lastError = null;
      if (result.recorded > 0 || result.skipped > 0) {
        this.logger.log(
          `as of ${result.asOf}: ${result.recorded} deadline(s) recorded as missed for ${result.persons} person(s); ${result.skipped} skipped (written meanwhile)`,
        );
      }
      return result;
    } catch (error) {
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
