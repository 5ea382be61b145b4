import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { AccessLogQueries, type AccessLogReadModel } from '@app/access-log';
import type { Position } from '@app/event-store';
import type { LiveProjection } from '@app/projections';
import type { ReadModelSettings } from '../contact-process/read-model.settings';
import { LIVE_PROJECTIONS } from '../projections/live-projections';
import { LiveProjections } from '../projections/live-projections.module';

export const ACCESS_LOG_READ_MODEL = Symbol('ACCESS_LOG_READ_MODEL');

export { accessLogSqlitePath } from '../projections/live-projections';

/**
 * "Who read this person's data": the access-log read model, its projection (run here while this instance holds
 * its lease, see PROJECTIONS; on the worker otherwise) and its queries.
 */
@Injectable()
export class AccessLogReadSide implements OnApplicationShutdown {
  readonly db: Kysely<AccessLogReadModel>;
  readonly runner: LiveProjection;
  readonly queries: AccessLogQueries;

  constructor(@Inject(ACCESS_LOG_READ_MODEL) settings: ReadModelSettings, projections: LiveProjections) {
    this.db = LIVE_PROJECTIONS.access_log.open(settings);
    this.runner = projections.register('access_log', this.db as Kysely<unknown>);
    this.queries = new AccessLogQueries(this.db);
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
