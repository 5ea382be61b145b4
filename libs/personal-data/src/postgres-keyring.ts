/**
 * Person keys shared by every instance, in PostgreSQL: each data key wrapped by a key-encryption key per person
 * (HKDF of PERSONAL_DATA_KEY and the person's random salt), the salts in a table — or a database — of their own.
 *
 * Two instances making a key for the same person at the same moment end with one: the salt and then the key are
 * each `INSERT … ON CONFLICT DO NOTHING` and read back, so both use what was stored first. Destroying sets
 * `destroyed_at` (every instance honours it) and deletes the salt. What PostgreSQL's WAL, dead tuples and backups
 * mean for this is in the README ("Crypto-shredding on PostgreSQL").
 */
import { Pool, type QueryResultRow } from 'pg';
import { SaltedKeyEncryption, type SaltStore } from './key-encryption';
import { KeyStoreUnavailableError, type StoredKey, type WrappedKeyStore } from './key-management';
import { PersonKeyring } from './keyring';

/** Made once per database, under a lock: instances started at the same moment on an empty database all come up. */
async function migrateOnce(pool: Pool, lockName: string, ddl: string): Promise<void> {
  const client = await pool.connect().catch((error: unknown) => {
    throw unavailableOr(error);
  });
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockName]);
    await client.query(ddl);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A query, with the server being unreachable told apart from every other failure: a connection refused, reset or
 * timed out (Node's E… codes) and PostgreSQL's connection exceptions (08…) and shutdowns (57P…) can be retried.
 */
async function query<R extends object = Record<string, unknown>>(
  pool: Pool,
  text: string,
  values: unknown[],
): Promise<{ rows: R[] }> {
  try {
    return await pool.query<R & QueryResultRow>(text, values);
  } catch (error) {
    throw unavailableOr(error);
  }
}

function unavailableOr(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(E[A-Z]+|08|57P)/.test(code)
    ? new KeyStoreUnavailableError((error as Error).message || code)
    : error;
}

interface KeyRow {
  person_id: string;
  wrapped: Buffer | null;
  destroyed_at: string | null;
}

const storedOf = (row: KeyRow): StoredKey => ({ wrapped: row.wrapped, destroyedAt: row.destroyed_at });

export class PostgresKeyStore implements WrappedKeyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly onClose: () => Promise<void>,
  ) {}

  /** `onClose` ends what the caller lent it (its pools). */
  static async open(pool: Pool, onClose: () => Promise<void> = async () => {}): Promise<PostgresKeyStore> {
    // Ids compare byte-wise, as in SQLite. Times as text: the ISO string given is the string read back.
    await migrateOnce(
      pool,
      'sagsforloeb/person_keys',
      `CREATE TABLE IF NOT EXISTS person_keys (
        person_id text COLLATE "C" PRIMARY KEY,
        wrapped bytea,
        created_at text NOT NULL,
        destroyed_at text
      )`,
    );
    return new PostgresKeyStore(pool, onClose);
  }

  async load(personIds: readonly string[]): Promise<Map<string, StoredKey>> {
    const { rows } = await query<KeyRow>(
      this.pool,
      'SELECT person_id, wrapped, destroyed_at FROM person_keys WHERE person_id = ANY($1::text[])',
      [personIds],
    );
    return new Map(rows.map((row) => [row.person_id, storedOf(row)]));
  }

  async insertIfAbsent(personId: string, wrapped: Buffer, createdAt: string): Promise<StoredKey> {
    await query(
      this.pool,
      'INSERT INTO person_keys (person_id, wrapped, created_at) VALUES ($1, $2, $3) ON CONFLICT (person_id) DO NOTHING',
      [personId, wrapped, createdAt],
    );
    // Read back in its own statement: under READ COMMITTED it sees the row of whoever won.
    const { rows } = await query<KeyRow>(
      this.pool,
      'SELECT person_id, wrapped, destroyed_at FROM person_keys WHERE person_id = $1',
      [personId],
    );
    return storedOf(rows[0]);
  }

  async markDestroyed(personId: string, at: string): Promise<StoredKey> {
    const { rows } = await query<KeyRow>(
      this.pool,
      `INSERT INTO person_keys (person_id, wrapped, created_at, destroyed_at) VALUES ($1, NULL, $2, $2)
       ON CONFLICT (person_id) DO UPDATE SET wrapped = NULL,
         destroyed_at = COALESCE(person_keys.destroyed_at, excluded.destroyed_at)
       RETURNING person_id, wrapped, destroyed_at`,
      [personId, at],
    );
    return storedOf(rows[0]);
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

export class PostgresSaltStore implements SaltStore {
  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PostgresSaltStore> {
    await migrateOnce(
      pool,
      'sagsforloeb/person_key_salts',
      `CREATE TABLE IF NOT EXISTS person_key_salts (
        person_id text COLLATE "C" PRIMARY KEY,
        salt bytea NOT NULL
      )`,
    );
    return new PostgresSaltStore(pool);
  }

  async saltFor(personId: string, candidate: Buffer): Promise<Buffer> {
    await query(
      this.pool,
      'INSERT INTO person_key_salts (person_id, salt) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING',
      [personId, candidate],
    );
    const { rows } = await query<{ salt: Buffer }>(
      this.pool,
      'SELECT salt FROM person_key_salts WHERE person_id = $1',
      [personId],
    );
    return rows[0].salt;
  }

  async load(personIds: readonly string[]): Promise<Map<string, Buffer>> {
    const { rows } = await query<{ person_id: string; salt: Buffer }>(
      this.pool,
      'SELECT person_id, salt FROM person_key_salts WHERE person_id = ANY($1::text[])',
      [personIds],
    );
    return new Map(rows.map((row) => [row.person_id, row.salt]));
  }

  async delete(personId: string): Promise<void> {
    await query(this.pool, 'DELETE FROM person_key_salts WHERE person_id = $1', [personId]);
  }

  async close(): Promise<void> {}
}

export interface PostgresKeyringSettings {
  /** The database of the wrapped keys. */
  databaseUrl: string;
  /** The database of the per-person salts (default: the keys' database, a table of its own). */
  saltsDatabaseUrl?: string;
  /** PERSONAL_DATA_KEY's bytes (≥ 32). */
  secret: Buffer;
  cacheSize?: number;
}

function poolOf(connectionString: string): Pool {
  const pool = new Pool({ connectionString, max: 4 });
  // An idle connection dropped by the server (a restart, a fail-over) must not end the process: the next query
  // fails with the reason, and the pool connects again.
  pool.on('error', () => undefined);
  return pool;
}

/** A keyring over PostgreSQL; closing it ends its connections. */
export async function openPostgresKeyring(settings: PostgresKeyringSettings): Promise<PersonKeyring> {
  const keysPool = poolOf(settings.databaseUrl);
  const saltsPool =
    settings.saltsDatabaseUrl && settings.saltsDatabaseUrl !== settings.databaseUrl
      ? poolOf(settings.saltsDatabaseUrl)
      : keysPool;
  const end = async () => {
    await keysPool.end();
    if (saltsPool !== keysPool) await saltsPool.end();
  };
  try {
    const kek = new SaltedKeyEncryption(settings.secret, await PostgresSaltStore.open(saltsPool));
    // The key store ends both pools when the keyring closes it.
    return new PersonKeyring(await PostgresKeyStore.open(keysPool, end), kek, settings.cacheSize);
  } catch (error) {
    await end();
    throw error;
  }
}
