/**
 * Person keys shared by every instance, in PostgreSQL: each data key wrapped by a key-encryption key per person
 * (HKDF of PERSONAL_DATA_KEY and the person's random salt), the salts in a table — or a database — of their own.
 *
 * Two instances making a key for the same person at the same moment end with one: the salt and then the key are
 * each `INSERT … ON CONFLICT DO NOTHING` and read back, so both use what was stored first. Destroying sets
 * `destroyed_at` (every instance honours it) and deletes the salt. What PostgreSQL's WAL, dead tuples and backups
 * mean for this is in the README ("Crypto-shredding on PostgreSQL").
 */
import { Pool } from 'pg';
import { SaltedKeyEncryption, type SaltStore } from './key-encryption';
import type { StoredKey, WrappedKeyStore } from './key-management';
import { PersonKeyring } from './keyring';

/** Made once per database, under a lock: instances started at the same moment on an empty database all come up. */
async function migrateOnce(pool: Pool, lockName: string, ddl: string): Promise<void> {
  const client = await pool.connect();
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
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT person_id, wrapped, destroyed_at FROM person_keys WHERE person_id = ANY($1::text[])',
      [personIds],
    );
    return new Map(rows.map((row) => [row.person_id, storedOf(row)]));
  }

  async insertIfAbsent(personId: string, wrapped: Buffer, createdAt: string): Promise<StoredKey> {
    await this.pool.query(
      'INSERT INTO person_keys (person_id, wrapped, created_at) VALUES ($1, $2, $3) ON CONFLICT (person_id) DO NOTHING',
      [personId, wrapped, createdAt],
    );
    // Read back in its own statement: under READ COMMITTED it sees the row of whoever won.
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT person_id, wrapped, destroyed_at FROM person_keys WHERE person_id = $1',
      [personId],
    );
    return storedOf(rows[0]);
  }

  async markDestroyed(personId: string, at: string): Promise<StoredKey> {
    const { rows } = await this.pool.query<KeyRow>(
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
    await this.pool.query(
      'INSERT INTO person_key_salts (person_id, salt) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING',
      [personId, candidate],
    );
    const { rows } = await this.pool.query<{ salt: Buffer }>(
      'SELECT salt FROM person_key_salts WHERE person_id = $1',
      [personId],
    );
    return rows[0].salt;
  }

  async load(personIds: readonly string[]): Promise<Map<string, Buffer>> {
    const { rows } = await this.pool.query<{ person_id: string; salt: Buffer }>(
      'SELECT person_id, salt FROM person_key_salts WHERE person_id = ANY($1::text[])',
      [personIds],
    );
    return new Map(rows.map((row) => [row.person_id, row.salt]));
  }

  async delete(personId: string): Promise<void> {
    await this.pool.query('DELETE FROM person_key_salts WHERE person_id = $1', [personId]);
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

/** A keyring over PostgreSQL; closing it ends its connections. */
export async function openPostgresKeyring(settings: PostgresKeyringSettings): Promise<PersonKeyring> {
  const keysPool = new Pool({ connectionString: settings.databaseUrl, max: 4 });
  const saltsPool =
    settings.saltsDatabaseUrl && settings.saltsDatabaseUrl !== settings.databaseUrl
      ? new Pool({ connectionString: settings.saltsDatabaseUrl, max: 4 })
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
