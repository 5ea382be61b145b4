import { dirname, join, resolve } from 'node:path';
import { AccessLogProjection } from '@app/access-log';
import { DeadlinesProjection } from '@app/deadlines';
import type { EventStore } from '@app/event-store';
import type { Projection } from '@app/projections';
import { SupervisionProjection } from '@app/supervision';

/** A projection the operator can inspect, rebuild and replay. */
export interface RegisteredProjection {
  name: string;
  /**
   * The configured read-model file the API serves it from; its generations live beside it. Each projection
   * owns its file: a rebuild fills a new generation with this projection only.
   */
  readModelPath(env: NodeJS.ProcessEnv): string;
  /** Given the store, since a projection may read a stream while it applies (to refold after a correction). */
  create(store: EventStore): Projection<unknown>;
}

/** The API's default (apps/api/src/main.ts). */
const readModelSqlitePath = (env: NodeJS.ProcessEnv) =>
  env.READ_MODEL_SQLITE_PATH ?? resolve('data', 'read-models.sqlite');

/**
 * The registry holds projections of different read-model types; each is only ever run against a database
 * opened for it, so its type is erased here, once.
 */
function registered<DB>(
  entry: Omit<RegisteredProjection, 'create'> & { create(store: EventStore): Projection<DB> },
): RegisteredProjection {
  return entry as unknown as RegisteredProjection;
}

export const PROJECTIONS: readonly RegisteredProjection[] = [
  registered({
    name: 'deadlines',
    readModelPath: readModelSqlitePath,
    create: (store) => new DeadlinesProjection(store),
  }),
  registered({
    name: 'supervision',
    // Beside the deadlines read model (apps/api/src/supervision/supervision.providers.ts).
    readModelPath: (env) => join(dirname(readModelSqlitePath(env)), 'supervision.sqlite'),
    create: (store) => new SupervisionProjection(store),
  }),
  registered({
    name: 'access_log',
    // Beside the deadlines read model (apps/api/src/access/access-log.read-side.ts).
    readModelPath: (env) => join(dirname(readModelSqlitePath(env)), 'access-log.sqlite'),
    create: () => new AccessLogProjection(),
  }),
];

export function registeredProjection(name: string): RegisteredProjection {
  const found = PROJECTIONS.find((p) => p.name === name);
  if (!found)
    throw new UsageError(`unknown projection "${name}"; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  return found;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
