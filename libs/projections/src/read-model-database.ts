/**
 * The read-model database: SQLite (better-sqlite3) by default, reached through Kysely so the queries stay
 * dialect-neutral and PostgreSQL is a configuration, not a rewrite.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated, type SqliteDatabase } from 'kysely';

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
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/** Enough for every distinct statement the projections and queries run, multi-row inserts included. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SqliteDialect prepares every query it runs; preparing costs about as much as running a small
 * statement, so the prepared statements are kept by their SQL text (least recently used dropped first).
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText) {
      const cached = statements.get(sqlText);
      if (cached) {
        // A statement still being iterated (a streamed query) cannot run again meanwhile: use a fresh one.
        if (cached.busy) return database.prepare(sqlText);
        statements.delete(sqlText);
        statements.set(sqlText, cached);
        return cached;
      }
      const statement = database.prepare(sqlText);
      statements.set(sqlText, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
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
