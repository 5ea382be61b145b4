/**
 * The read-model database: SQLite (better-sqlite3) by default, PostgreSQL when READ_MODEL_DATABASE_URL names
 * one (postgres-read-model.ts), reached through Kysely so the projections and queries stay dialect-neutral.
 * What differs between the two is here, behind `openReadModel`, `readModelDialect`, `textType` and
 * `inReadModelLock`.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  sql,
  SqliteDialect,
  type Generated,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import { openPostgresReadModel } from './postgres-read-model';

/** What `addColumn` takes as a type: a name, or an expression (`text collate "C"`). */
type DataTypeExpression = Parameters<ReturnType<Kysely<unknown>['schema']['createTable']>['addColumn']>[1];
import { resolveLiveReadModel } from './read-model-generations';

export interface ReadModelConfig {
  /** A file path, or ':memory:' for tests. Ignored when `databaseUrl` is set. */
  sqlitePath: string;
  /** postgres://… : the read model lives in PostgreSQL, shared by every instance (one schema per generation). */
  databaseUrl?: string;
  /** The read model's name in PostgreSQL (its schemas' prefix, e.g. `deadlines`); required with `databaseUrl`. */
  name?: string;
  /** PostgreSQL: this generation rather than the live one (what a rebuild fills). */
  generation?: number;
  /**
   * Serve whichever generation `sqlitePath`'s pointer names (see read-model-generations.ts), and move to a new
   * one when `npm run projections -- rebuild` switches it: the pointer is looked at between transactions, at
   * most every `pointerCheckMs` (default 1000).
   */
  followLiveGeneration?: boolean;
  pointerCheckMs?: number;
}

export interface CheckpointTable {
  name: string;
  commit_position: string;
  prepare_position: string;
  updated_at: string;
  events_applied: Generated<number>;
}

/** The read model `config` names: in PostgreSQL when it gives a database URL, else in SQLite. */
export function openReadModel<DB>(config: ReadModelConfig): Kysely<DB> {
  if (!config.databaseUrl) return openSqliteReadModel<DB>(config);
  if (!config.name) throw new Error('a PostgreSQL read model needs its name (the prefix of its schemas)');
  return openPostgresReadModel<DB>({
    url: config.databaseUrl,
    name: config.name,
    generation: config.generation,
    followLiveGeneration: config.followLiveGeneration,
    pointerCheckMs: config.pointerCheckMs,
  });
}

export type ReadModelDialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any read model, or a transaction on one
type AnyKysely = Kysely<any>;

export function readModelDialect(db: AnyKysely): ReadModelDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The column type of text that is compared or ordered (ids, dates as text): byte-wise in PostgreSQL too
 * (`COLLATE "C"`), so keyset pages and worklists come in the same order as from SQLite, whatever the
 * database's locale.
 */
export function textType(db: AnyKysely): DataTypeExpression {
  return readModelDialect(db) === 'postgres' ? sql`text collate "C"` : 'text';
}

/**
 * Runs `work` in one transaction that holds the read model's lock `key`. In PostgreSQL that is a
 * transaction-scoped advisory lock (within the schema the connection serves), so instances starting at the
 * same moment create tables one after the other instead of colliding; SQLite's single writer is its own lock.
 */
export async function inReadModelLock<DB, T>(
  db: Kysely<DB>,
  key: string,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (readModelDialect(trx) === 'postgres')
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || ${key}, 0))`.execute(
        trx,
      );
    return work(trx);
  });
}

export function openSqliteReadModel<DB>(config: ReadModelConfig): Kysely<DB> {
  if (config.followLiveGeneration && config.sqlitePath !== ':memory:') {
    const database = followingLiveGeneration(config.sqlitePath, config.pointerCheckMs ?? 1000);
    return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  }
  const database = openFile(config.sqlitePath);
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(() => database) }) });
}

function openFile(sqlitePath: string): Database.Database {
  if (sqlitePath !== ':memory:') mkdirSync(dirname(sqlitePath), { recursive: true });
  const database = new Database(sqlitePath);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // A deleted row (an erased person's) is overwritten with zeros, not left readable in a free page.
  database.pragma('secure_delete = ON');
  return database;
}

/**
 * A database handle that reopens on the live generation when the pointer changes. It switches only outside a
 * transaction (Kysely runs one statement at a time on SQLite, and `begin` is prepared here too), so a
 * transaction never spans two files. A ProjectionRunner writing through it notices at its next commit that
 * the checkpoint it holds is not the new file's, and resumes from the new file's checkpoint.
 */
function followingLiveGeneration(basePath: string, pointerCheckMs: number): SqliteDatabase {
  let path = resolveLiveReadModel(basePath);
  let database = openFile(path);
  let pointerStamp = stampOf(`${basePath}.live`);
  let checkedAt = Date.now();
  const cache = withStatementCache(() => database);
  return {
    close: () => database.close(),
    prepare(sqlText) {
      if (!database.inTransaction && Date.now() - checkedAt >= pointerCheckMs) {
        checkedAt = Date.now();
        const stamp = stampOf(`${basePath}.live`);
        if (stamp !== pointerStamp) {
          pointerStamp = stamp;
          const live = resolveLiveReadModel(basePath);
          if (live !== path) {
            const previous = database;
            database = openFile(live);
            path = live;
            cache.forget();
            previous.close();
          }
        }
      }
      return cache.prepare(sqlText);
    },
  };
}

/** Identifies a version of the pointer file cheaply: a rename gives it a new inode. */
function stampOf(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'absent';
  }
}

/** Enough for every distinct statement the projections and queries run, multi-row inserts included. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SqliteDialect prepares every query it runs; preparing costs about as much as running a small
 * statement, so the prepared statements are kept by their SQL text (least recently used dropped first).
 */
function withStatementCache(
  current: () => Database.Database,
): SqliteDatabase & { prepare(sqlText: string): Database.Statement; forget(): void } {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => current().close(),
    forget: () => statements.clear(),
    prepare(sqlText) {
      const database = current();
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
  await db.schema
    .createTable('projection_errors' as never)
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
