import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ContactProcessRecorder } from '@app/contact-process';
import { DeadlinesQueries, type DeadlinesReadModel } from '@app/deadlines';
import { EventStore, type Position } from '@app/event-store';
import type { Clock } from '@app/legal-time';
import type { LiveProjection } from '@app/projections';
import { LiveProjections } from '../projections/live-projections.module';
import { LIVE_PROJECTIONS } from '../projections/live-projections';
import type { ReadModelSettings } from './read-model.settings';

export type { ReadModelSettings } from './read-model.settings';

export const CLOCK = Symbol('CLOCK');

/** How long a write waits for the deadlines read model to include it. */
const READ_YOUR_WRITE_MS = 2000;
export const READ_MODEL_CONFIG = Symbol('READ_MODEL_CONFIG');

/**
 * The read-model database, the deadlines projection (run by this instance while it holds its lease, see
 * PROJECTIONS, in the projection thread or on the event loop: LiveProjections), and its queries.
 */
@Injectable()
export class DeadlinesReadSide implements OnApplicationShutdown {
  readonly db: Kysely<DeadlinesReadModel>;
  readonly runner: LiveProjection;
  readonly queries: DeadlinesQueries;
  /** Opens the sealed states (the store's codec: each person's key). */
  readonly sealing: EventStore;

  constructor(
    store: EventStore,
    @Inject(READ_MODEL_CONFIG) settings: ReadModelSettings,
    projections: LiveProjections,
  ) {
    this.db = LIVE_PROJECTIONS.deadlines.open(settings);
    this.sealing = store;
    this.runner = projections.register('deadlines', this.db as Kysely<unknown>);
    this.queries = new DeadlinesQueries(this.db, store);
  }

  /**
   * Waits (at most READ_YOUR_WRITE_MS) until the read model includes a write, so the caller reads its own write;
   * a write that takes longer to project is answered anyway (the deadlines follow).
   */
  async includes(position: Position | undefined): Promise<void> {
    if (position) await this.runner.waitFor(position, READ_YOUR_WRITE_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.db.destroy();
  }
}

@Injectable()
export class Recorder extends ContactProcessRecorder {
  constructor(store: EventStore, @Inject(CLOCK) clock: Clock) {
    super(store, clock);
  }
}
