import type { Kysely } from 'kysely';
import { AccessLogProjection, type AccessLogReadModel } from '@app/access-log';
import { DeadlinesProjection, type DeadlinesReadModel } from '@app/deadlines';
import type { EventStore } from '@app/event-store';
import { openReadModel, type Projection } from '@app/projections';
import { SupervisionProjection, type SupervisionReadModel } from '@app/supervision';
import { readModelFileBeside, type ReadModelSettings } from '../contact-process/read-model.settings';

/**
 * The projections the running service keeps live, each with its read model: one table for the event loop's
 * read sides and for the projection thread (projections.thread.ts), which open the same databases apart.
 */
export interface LiveProjectionDefinition<RM = unknown> {
  name: LiveProjectionName;
  /**
   * The read model as the API serves it: each projection owns its database (its file on SQLite, its schemas in
   * PostgreSQL) and follows `npm run projections -- rebuild <name>`: a finished rebuild's generation is served at
   * once.
   */
  open(settings: ReadModelSettings): Kysely<RM>;
  /** Given the (sealing) store: a projection may read a stream while it applies, and opens sealed states. */
  create(store: EventStore): Projection<unknown>;
  /** Its batches are timed and counted in the metrics (sagsforloeb_projection_*). */
  metered: boolean;
}

export type LiveProjectionName = 'deadlines' | 'supervision' | 'access_log';

/** The supervision read model on SQLite: `supervision.sqlite` beside the deadlines read model. */
export const supervisionSqlitePath = (readModelSqlitePath: string) =>
  readModelFileBeside(readModelSqlitePath, 'supervision.sqlite');

/** The access log's file on SQLite: `access-log.sqlite` beside the deadlines read model. */
export const accessLogSqlitePath = (readModelSqlitePath: string) =>
  readModelFileBeside(readModelSqlitePath, 'access-log.sqlite');

/** A live projection whose read model lies in `sqlitePathOf(settings.sqlitePath)` on SQLite. */
function live<RM>(
  name: LiveProjectionName,
  sqlitePathOf: (readModelSqlitePath: string) => string,
  create: (store: EventStore) => Projection<unknown>,
  metered: boolean,
): LiveProjectionDefinition<RM> {
  return {
    name,
    open: (settings) =>
      openReadModel<RM>({
        sqlitePath: sqlitePathOf(settings.sqlitePath),
        databaseUrl: settings.databaseUrl,
        name,
        followLiveGeneration: true,
      }),
    create,
    metered,
  };
}

const deadlines = live<DeadlinesReadModel>(
  'deadlines',
  (path) => path,
  (store) => new DeadlinesProjection(store) as unknown as Projection<unknown>,
  true,
);

const supervision = live<SupervisionReadModel>(
  'supervision',
  supervisionSqlitePath,
  (store) => new SupervisionProjection(store) as unknown as Projection<unknown>,
  true,
);

const accessLog = live<AccessLogReadModel>(
  'access_log',
  accessLogSqlitePath,
  () => new AccessLogProjection() as unknown as Projection<unknown>,
  false,
);

export const LIVE_PROJECTIONS = { deadlines, supervision, access_log: accessLog } as const;
