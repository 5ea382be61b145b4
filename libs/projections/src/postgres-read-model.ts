/**
 * Read models in PostgreSQL (READ_MODEL_DATABASE_URL=postgres://…), shared by every instance of the service.
 *
 * Each read model (deadlines, supervision) and each of its blue/green generations is a schema of its own,
 * `deadlines_g1`, `deadlines_g2`, …; the tables inside keep the names the projection and its queries use, reached
 * through the connection's `search_path`. Which generation serves is a row of `read_models.generations` (the
 * pointer), switched in one transaction by a rebuild — the PostgreSQL counterpart of SQLite's pointer file.
 */
import { CompiledQuery, Kysely, PostgresDialect, sql, type DatabaseConnection } from 'kysely';
import { Pool } from 'pg';

export interface PostgresReadModelOptions {
  url: string;
  /** The read model's name: the prefix of its generations' schemas. */
  name: string;
  /** Serve this generation, whatever the pointer says (a rebuild filling a new one). */
  generation?: number;
  /** Move to the generation the pointer names when a rebuild switches it, checked every `pointerCheckMs`. */
  followLiveGeneration?: boolean;
  pointerCheckMs?: number;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/** Where the pointer rows live: one schema for the whole service, beside the generations' schemas. */
export const GENERATIONS_TABLE = 'read_models.generations';

/** `deadlines`, 3 → `deadlines_g3`: lower-case, so it never needs quoting to be found again. */
export function generationSchema(name: string, generation: number): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw new Error(`read model name "${name}" must be lower-case letters, digits and _ (it names a schema)`);
  if (!Number.isInteger(generation) || generation < 1)
    throw new Error(`generation must be an integer ≥ 1, not ${generation}`);
  return `${name}_g${generation}`;
}

/**
 * A pool whose idle connections may be ended by the server (a restart, a fail-over, a dropped database) without
 * ending the process: pg emits that as the pool's 'error', which with no listener is thrown. The next query
 * fails with the reason, or connects again.
 */
function poolOf(url: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}

export function openPostgresReadModel<DB>(options: PostgresReadModelOptions): Kysely<DB> {
  const pool = poolOf(options.url, options.poolSize ?? 10);
  const pointerCheckMs = options.pointerCheckMs ?? 1000;
  const schemaOf = new WeakMap<DatabaseConnection, string>();
  const ensured = new Set<string>();
  let schema: string | undefined;
  let checkedAt = 0;

  /** The schema to serve: fixed, or the live generation's (the pointer read at most every pointerCheckMs). */
  const currentSchema = async (connection: DatabaseConnection): Promise<string> => {
    const due =
      schema === undefined || (options.followLiveGeneration && Date.now() - checkedAt >= pointerCheckMs);
    if (due) {
      checkedAt = Date.now();
      await ensureGenerationsTable(connection);
      const generation = options.generation ?? (await liveGenerationOn(connection, options.name));
      const next = generationSchema(options.name, generation);
      if (!ensured.has(next)) {
        await ensureSchema(connection, next);
        ensured.add(next);
      }
      schema = next;
    }
    return schema!;
  };

  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool,
      // Reserved for one query or one whole transaction: a transaction never spans two generations.
      onReserveConnection: async (connection) => {
        const wanted = await currentSchema(connection);
        if (schemaOf.get(connection) === wanted) return;
        await connection.executeQuery(CompiledQuery.raw(`SET search_path TO "${wanted}"`));
        schemaOf.set(connection, wanted);
      },
    }),
  });
}

/** One lock for creating schemas: concurrent `CREATE SCHEMA IF NOT EXISTS` from two instances collide. */
const SCHEMA_LOCK = 'sagsforloeb:read-model-schemas';

async function inSchemaLock(connection: DatabaseConnection, statements: string[]): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  try {
    await connection.executeQuery(
      CompiledQuery.raw(`SELECT pg_advisory_xact_lock(hashtextextended('${SCHEMA_LOCK}', 0))`),
    );
    for (const statement of statements) await connection.executeQuery(CompiledQuery.raw(statement));
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  } catch (error) {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
    throw error;
  }
}

const generationsTableExists = new WeakSet<DatabaseConnection>();

async function ensureGenerationsTable(connection: DatabaseConnection): Promise<void> {
  if (generationsTableExists.has(connection)) return;
  await inSchemaLock(connection, [
    'CREATE SCHEMA IF NOT EXISTS read_models',
    `CREATE TABLE IF NOT EXISTS ${GENERATIONS_TABLE} (
      name text COLLATE "C" PRIMARY KEY,
      live integer NOT NULL,
      switched_at text,
      building integer,
      building_started_at text,
      building_owner text
    )`,
  ]);
  generationsTableExists.add(connection);
}

async function ensureSchema(connection: DatabaseConnection, schema: string): Promise<void> {
  await inSchemaLock(connection, [`CREATE SCHEMA IF NOT EXISTS "${schema}"`]);
}

async function liveGenerationOn(connection: DatabaseConnection, name: string): Promise<number> {
  const { rows } = await connection.executeQuery<{ live: number }>(
    CompiledQuery.raw(`SELECT live FROM ${GENERATIONS_TABLE} WHERE name = $1`, [name]),
  );
  return rows[0]?.live ?? 1;
}

/** The generations' pointer row of one read model, read and written by rebuilds and status. */
export interface GenerationsRow {
  name: string;
  live: number;
  switched_at: string | null;
  building: number | null;
  building_started_at: string | null;
  building_owner: string | null;
}

/**
 * A connection to the database itself (not to one generation), for the pointer rows: a rebuild marks the
 * generation it fills, and switches the pointer to it in one transaction.
 */
export function openGenerationsAdmin(url: string): Kysely<unknown> {
  return new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: poolOf(url, 2),
      onCreateConnection: ensureGenerationsTable,
    }),
  });
}

export async function readGenerationsRow(db: Kysely<unknown>, name: string): Promise<GenerationsRow | null> {
  const { rows } = await sql<GenerationsRow>`
    SELECT name, live, switched_at, building, building_started_at, building_owner
    FROM read_models.generations WHERE name = ${name}`.execute(db);
  return rows[0] ?? null;
}

export async function writeGenerationsRow(db: Kysely<unknown>, row: GenerationsRow): Promise<void> {
  await sql`
    INSERT INTO read_models.generations (name, live, switched_at, building, building_started_at, building_owner)
    VALUES (${row.name}, ${row.live}, ${row.switched_at}, ${row.building}, ${row.building_started_at}, ${row.building_owner})
    ON CONFLICT (name) DO UPDATE SET live = excluded.live, switched_at = excluded.switched_at,
      building = excluded.building, building_started_at = excluded.building_started_at,
      building_owner = excluded.building_owner`.execute(db);
}

/** The generations of a read model that exist as schemas. */
export async function generationSchemas(db: Kysely<unknown>, name: string): Promise<number[]> {
  const { rows } = await sql<{ nspname: string }>`
    SELECT nspname FROM pg_namespace WHERE nspname LIKE ${`${name}\\_g%`}`.execute(db);
  return rows.flatMap((r) => {
    const match = new RegExp(`^${name}_g(\\d+)$`).exec(r.nspname);
    return match ? [Number(match[1])] : [];
  });
}

export async function dropGenerationSchema(
  db: Kysely<unknown>,
  name: string,
  generation: number,
): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.id(generationSchema(name, generation))} CASCADE`.execute(db);
}
