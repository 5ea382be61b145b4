import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { LeasedProjectionOptions, ProjectionInstrument } from '@app/projections';

export interface ReadModelSettings {
  /** READ_MODEL_SQLITE_PATH: the SQLite file of the read models (embedded default, one machine). */
  sqlitePath: string;
  /**
   * READ_MODEL_DATABASE_URL (postgres://…): the read models, checkpoints, generations and leases in PostgreSQL,
   * shared by every instance; `sqlitePath` is then unused.
   */
  databaseUrl?: string;
  /**
   * PROJECTIONS: `auto` (default) runs each projection and the deadline sweep on whichever instance holds its
   * lease (every instance with SQLite); `off` leaves them to other instances (`npm run start:worker`) and only
   * serves reads.
   */
  projections?: 'auto' | 'off';
  /** How often an instance without a lease tries to take it over (default 1000 ms). */
  leaseRetryMs?: number;
  /**
   * PROJECTIONS_IN: `thread` runs the live projections in a worker thread of the API process (the default where
   * the read models and keyring can be opened from another thread: not `:memory:`); `event-loop` on the event loop
   * that answers requests.
   */
  projectionsIn?: 'thread' | 'event-loop';
}

/** Reads the read-model settings from the environment, naming the variable that is wrong. */
export function readModelSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  defaultSqlitePath: string,
): ReadModelSettings {
  const databaseUrl = env.READ_MODEL_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error(
      'READ_MODEL_DATABASE_URL must be a postgres:// or postgresql:// URL (or be left out for SQLite)',
    );
  const projections = env.PROJECTIONS || 'auto';
  if (projections !== 'auto' && projections !== 'off')
    throw new Error(`PROJECTIONS must be auto or off, not ${JSON.stringify(projections).slice(0, 40)}`);
  const projectionsIn = env.PROJECTIONS_IN || undefined;
  if (projectionsIn !== undefined && projectionsIn !== 'thread' && projectionsIn !== 'event-loop')
    throw new Error(
      `PROJECTIONS_IN must be thread or event-loop, not ${JSON.stringify(projectionsIn).slice(0, 40)}`,
    );
  return {
    sqlitePath: env.READ_MODEL_SQLITE_PATH ?? defaultSqlitePath,
    databaseUrl,
    projections,
    ...(projectionsIn ? { projectionsIn } : {}),
  };
}

const logger = new Logger('Projections');

export function leasedProjectionOptions(
  settings: ReadModelSettings,
  name: string,
  instrument?: ProjectionInstrument,
): LeasedProjectionOptions {
  return {
    instrument,
    mode: settings.projections ?? 'auto',
    leaseDatabaseUrl: settings.databaseUrl,
    leaseRetryMs: settings.leaseRetryMs,
    onError: (error) => logger.warn(`${name}: lease or start failed, trying again: ${error.message}`),
  };
}

/**
 * Where a read model of its own lives on SQLite: the file `name` in the folder of the configured read-model
 * file, or in memory when that is (each projection owns its file, see apps/projections/src/registry.ts).
 */
export function readModelFileBeside(readModelSqlitePath: string, name: string): string {
  return readModelSqlitePath === ':memory:' ? ':memory:' : join(dirname(readModelSqlitePath), name);
}
