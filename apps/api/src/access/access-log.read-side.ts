import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kysely } from 'kysely';
import {
  AccessLogProjection,
  AccessLogQueries,
  type AccessLogDatabase,
  type AccessLogReadModel,
} from '@app/access-log';
import { EventStore, type Position } from '@app/event-store';
import { LeasedProjection, openReadModel } from '@app/projections';
import {
  leasedProjectionOptions,
  readModelFileBeside,
  type ReadModelSettings,
} from '../contact-process/read-model.settings';

export const ACCESS_LOG_READ_MODEL = Symbol('ACCESS_LOG_READ_MODEL');

/** The access log's file on SQLite: `access-log.sqlite` beside the deadlines read model. */
export const accessLogSqlitePath = (readModelSqlitePath: string) =>
  readModelFileBeside(readModelSqlitePath, 'access-log.sqlite');

/**
 * "Who read this person's data": the access-log read model, its projection (run here while this instance holds
 * its lease, see PROJECTIONS; on the worker otherwise) and its queries.
 */
@Injectable()
export class AccessLogReadSide implements OnModuleInit, OnApplicationShutdown {
  readonly db: Kysely<AccessLogReadModel>;
  readonly runner: LeasedProjection<AccessLogDatabase>;
  readonly queries: AccessLogQueries;

  constructor(store: EventStore, @Inject(ACCESS_LOG_READ_MODEL) settings: ReadModelSettings) {
    this.db = openReadModel<AccessLogReadModel>({
      sqlitePath: accessLogSqlitePath(settings.sqlitePath),
      databaseUrl: settings.databaseUrl,
      name: 'access_log',
      followLiveGeneration: true, // follows `npm run projections -- rebuild access_log`
    });
    this.runner = new LeasedProjection(
      store,
      this.db,
      new AccessLogProjection(),
      leasedProjectionOptions(settings, 'access_log'),
    );
    this.queries = new AccessLogQueries(this.db);
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
  }

  /** Whether the read model includes `position` within `timeoutMs`. */
  includes(position: Position, timeoutMs: number): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.db.destroy();
  }
}
