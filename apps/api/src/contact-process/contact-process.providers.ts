import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ContactProcessRecorder } from '@app/contact-process';
import {
  DeadlinesProjection,
  DeadlinesQueries,
  type DeadlinesDatabase,
  type DeadlinesReadModel,
} from '@app/deadlines';
import { EventStore, type Position } from '@app/event-store';
import type { Clock } from '@app/legal-time';
import { LeasedProjection, openReadModel } from '@app/projections';
import { Metrics } from '../observability/metrics';
import { leasedProjectionOptions, type ReadModelSettings } from './read-model.settings';

export type { ReadModelSettings } from './read-model.settings';

export const CLOCK = Symbol('CLOCK');

/** How long a write waits for the deadlines read model to include it. */
const READ_YOUR_WRITE_MS = 2000;
export const READ_MODEL_CONFIG = Symbol('READ_MODEL_CONFIG');

/**
 * The read-model database, the deadlines projection (run here while this instance holds its lease, see
 * PROJECTIONS), and its queries.
 */
@Injectable()
export class DeadlinesReadSide implements OnModuleInit, OnApplicationShutdown {
  readonly db: Kysely<DeadlinesReadModel>;
  readonly runner: LeasedProjection<DeadlinesDatabase>;
  readonly queries: DeadlinesQueries;
  /** Opens the sealed states (the store's codec: each person's key). */
  readonly sealing: EventStore;

  constructor(store: EventStore, @Inject(READ_MODEL_CONFIG) settings: ReadModelSettings, metrics: Metrics) {
    // Follows `npm run projections -- rebuild deadlines`: a finished rebuild's generation is served at once.
    this.db = openReadModel<DeadlinesReadModel>({
      sqlitePath: settings.sqlitePath,
      databaseUrl: settings.databaseUrl,
      name: 'deadlines',
      followLiveGeneration: true,
    });
    this.sealing = store;
    this.runner = new LeasedProjection(
      store,
      this.db,
      new DeadlinesProjection(store),
      leasedProjectionOptions(settings, 'deadlines', metrics),
    );
    this.queries = new DeadlinesQueries(this.db, store);
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
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
