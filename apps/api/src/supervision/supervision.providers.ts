import { dirname, join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EventStore } from '@app/event-store';
import { headPositionTaken, LeasedProjection, openReadModel } from '@app/projections';
import { Metrics } from '../observability/metrics';
import { leasedProjectionOptions, type ReadModelSettings } from '../contact-process/read-model.settings';
import {
  SupervisionProjection,
  SupervisionQueries,
  type SupervisionDatabase,
  type SupervisionReadModel,
} from '@app/supervision';

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
export function supervisionSqlitePath(readModelSqlitePath: string): string {
  return readModelSqlitePath === ':memory:'
    ? ':memory:'
    : join(dirname(readModelSqlitePath), 'supervision.sqlite');
}

/** The supervision read model, its projection running beside the API, and its queries. */
@Injectable()
export class SupervisionReadSide implements OnModuleInit, OnApplicationShutdown {
  readonly db: Kysely<SupervisionReadModel>;
  readonly runner: LeasedProjection<SupervisionDatabase>;
  readonly queries: SupervisionQueries;

  constructor(
    private readonly store: EventStore,
    @Inject(SUPERVISION_CONFIG) settings: SupervisionSettings,
    metrics: Metrics,
  ) {
    const readModel = settings.readModel ?? { sqlitePath: settings.readModelSqlitePath };
    this.db = openReadModel<SupervisionReadModel>({
      sqlitePath: supervisionSqlitePath(settings.readModelSqlitePath),
      databaseUrl: readModel.databaseUrl,
      name: 'supervision',
      followLiveGeneration: true, // follows `npm run projections -- rebuild supervision`
    });
    this.runner = new LeasedProjection(
      store,
      this.db,
      new SupervisionProjection(store),
      leasedProjectionOptions(readModel, 'supervision', metrics),
    );
    this.queries = new SupervisionQueries(this.db);
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
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
