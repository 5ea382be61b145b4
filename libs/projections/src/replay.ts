import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { EventStore, Position } from '@app/event-store';
import type { Projection, WithCheckpoints } from './projection';
import { ProjectionRunner } from './projection-runner';
import { openSqliteReadModel } from './read-model-database';
import { storeUpTo } from './store-positions';

export interface ReplayOptions<DB> {
  store: EventStore;
  projection: (store: EventStore) => Projection<DB>;
  /** The last position included. */
  until: Position;
  /** What the auditor asked for (a position, or a day), kept in the copy beside the position it became. */
  requested: string;
  /** A new file: a replay never writes into an existing read model, least of all the live one. */
  outPath: string;
  batchSize?: number;
  clock?: { now(): Date };
}

export interface ReplayResult {
  path: string;
  checkpoint: Position | null;
  eventsApplied: number;
}

/**
 * An isolated copy of a read model holding only the events up to `until`: what the projection held at that
 * point. The projection reads streams through a store that hides later events.
 */
export async function replayReadModel<DB>(options: ReplayOptions<DB>): Promise<ReplayResult> {
  const { store, until, outPath } = options;
  if (existsSync(outPath))
    throw new Error(`${outPath} exists: a replay is written to a new file (name another with --out)`);
  const clock = options.clock ?? { now: () => new Date() };
  const db = openSqliteReadModel<WithCheckpoints<DB>>({ sqlitePath: outPath });
  try {
    const projection = options.projection(storeUpTo(store, until));
    const runner = new ProjectionRunner<DB>(store, db, projection, { batchSize: options.batchSize, until });
    await runner.start();
    await runner.finished();
    await sql`
      CREATE TABLE projection_replays (
        name TEXT PRIMARY KEY, requested TEXT NOT NULL, until_commit TEXT NOT NULL, until_prepare TEXT NOT NULL,
        replayed_at TEXT NOT NULL
      )`.execute(db);
    await sql`
      INSERT INTO projection_replays (name, requested, until_commit, until_prepare, replayed_at)
      VALUES (${projection.name}, ${options.requested}, ${until.commit.toString()}, ${until.prepare.toString()},
        ${clock.now().toISOString()})`.execute(db);
    const { checkpoint, eventsApplied } = runner.status();
    return { path: outPath, checkpoint, eventsApplied };
  } finally {
    await db.destroy();
  }
}
