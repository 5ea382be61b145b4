/**
 * The read-model database: SQLite (better-sqlite3) by default, reached through Kysely so the queries stay
 * dialect-neutral and PostgreSQL is a configuration, not a rewrite.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';

export interface ReadModelConfig {
  /** A file path, or ':memory:' for tests. */
  sqlitePath: string;
}

export interface CheckpointTable {
  name: string;
  commit_position: string;
  prepare_position: string;
  updated_at: string;
  events_applied: Generated<number>;
}

export function openSqliteReadModel<DB>(config: ReadModelConfig): Kysely<DB> {
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  const database = new Database(config.sqlitePath);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
}

export async function migrateCheckpoints(
  db: Kysely<{ projection_checkpoints: CheckpointTable }>,
): Promise<void> {
  await db.schema
    .createTable('projection_checkpoints')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('commit_position', 'text', (c) => c.notNull())
    .addColumn('prepare_position', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('events_applied', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('projection_schemas' as never)
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}
