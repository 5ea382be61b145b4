import { sql, type Kysely } from 'kysely';
import type { EventStore, Position } from '@app/event-store';
import {
  openReadModel,
  openSqliteReadModel,
  ProjectionRunner,
  type Projection,
  type ReadModelConfig,
  type WithCheckpoints,
} from '@app/projections';
import { freshPostgresDatabase, type TestDatabase } from './postgres';

/**
 * The read-model databases a read-model spec runs against: SQLite in memory (the embedded default) and a
 * fresh PostgreSQL database (production), so `describe.each(READ_MODEL_DIALECTS)` proves both give one answer.
 */
export const READ_MODEL_DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof READ_MODEL_DIALECTS)[number];

export interface TestReadModels {
  /** Where the read models are: give it to the code under test. */
  config(name: string): ReadModelConfig;
  open<DB>(name: string): Kysely<DB>;
  /** Drops the PostgreSQL database (after every handle on it is destroyed). */
  drop(): Promise<void>;
}

export async function testReadModels(dialect: Dialect): Promise<TestReadModels> {
  let database: TestDatabase | undefined;
  if (dialect === 'postgres') database = await freshPostgresDatabase('read_model');
  const config = (name: string): ReadModelConfig => ({
    sqlitePath: ':memory:',
    databaseUrl: database?.url,
    name,
  });
  return {
    config,
    open: <DB>(name: string) => openReadModel<DB>(config(name)),
    drop: async () => database?.drop(),
  };
}

/** Every row of each table, in a stable order (as JSON), to compare two read models row for row. */
export async function rowsOf(
  db: Kysely<unknown>,
  tables: readonly string[],
): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows: found } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    rows[table] = found.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}

/**
 * The read model a second runner builds from the start of $all up to `head`, on a fresh database (SQLite in
 * memory unless `open` gives another, e.g. a PostgreSQL one to compare with a live PostgreSQL read model).
 */
export async function freshRebuild<DB>(
  store: EventStore,
  projection: Projection<DB>,
  head: Position,
  open: () => Kysely<WithCheckpoints<DB>> = () => openSqliteReadModel({ sqlitePath: ':memory:' }),
): Promise<Record<string, string[]>> {
  const db = open();
  try {
    const runner = new ProjectionRunner(store, db, projection, { until: head });
    await runner.start();
    await runner.finished();
    return await rowsOf(db as Kysely<unknown>, projection.tables);
  } finally {
    await db.destroy();
  }
}
