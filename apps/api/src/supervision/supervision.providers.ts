import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EventStore } from '@app/event-store';
import { headPositionTaken, type LiveProjection } from '@app/projections';
import type { ReadModelSettings } from '../contact-process/read-model.settings';
import { LIVE_PROJECTIONS } from '../projections/live-projections';
import { LiveProjections } from '../projections/live-projections.module';
import { SupervisionQueries, type SupervisionReadModel } from '@app/supervision';

export const SUPERVISION_CONFIG = Symbol('SUPERVISION_CONFIG');
export const SUPERVISION_CLOCK = Symbol('SUPERVISION_CLOCK');

export interface SupervisionSettings {
  /** The read-model file of the API (READ_MODEL_SQLITE_PATH); the supervision read model lives beside it. */
  readModelSqlitePath: string;
  /** The API's read-model settings: in PostgreSQL, the supervision read model is its schemas there. */
  readModel?: ReadModelSettings;
}

/**
 * Each projection owns its read-model file (see apps/projections/src/registry.ts): the supervision read model
 * is `supervision.sqlite` in the folder of the configured read-model file, or in memory when that is.
 */
export { supervisionSqlitePath } from '../projections/live-projections';

/** The supervision read model, its projection running beside the API, and its queries. */
@Injectable()
export class SupervisionReadSide implements OnApplicationShutdown {
  readonly db: Kysely<SupervisionReadModel>;
  readonly runner: LiveProjection;
  readonly queries: SupervisionQueries;

  constructor(
    private readonly store: EventStore,
    @Inject(SUPERVISION_CONFIG) settings: SupervisionSettings,
    projections: LiveProjections,
  ) {
    const readModel = settings.readModel ?? { sqlitePath: settings.readModelSqlitePath };
    this.db = LIVE_PROJECTIONS.supervision.open(readModel);
    this.runner = projections.register('supervision', this.db as Kysely<unknown>);
    this.queries = new SupervisionQueries(this.db);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.db.destroy();
  }

  /** Resolves once the read model includes every event the store held when called (read-your-writes). */
  async caughtUp(): Promise<void> {
    const head = await headPositionTaken(this.store, this.runner.filter);
    if (head) await this.runner.waitFor(head);
  }
}
