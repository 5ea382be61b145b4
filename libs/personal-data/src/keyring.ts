/**
 * One key per person, the key that encrypts their personal fields in events. Destroying it is erasure by
 * crypto-shredding: the events stay in the append-only store, their personal fields can never be read again.
 *
 * `PersonKeyring` is the KeyManagement every backend shares: a bounded (least recently used) cache in front of
 * a store of wrapped keys and a key-encryption key. The store is authoritative: a key missing from it is an
 * error (PersonKeyMissingError), never an erasure; an erasure is a recorded state (`destroyed_at`).
 *
 * The embedded default is `SqlitePersonKeyring`: a small SQLite file (PERSON_KEYS_SQLITE_PATH), each key wrapped
 * with a key derived from PERSONAL_DATA_KEY, so a copy of the file alone reveals nothing. Destroying overwrites
 * the key in place (`secure_delete`) and truncates the write-ahead log, so no page with the key is left behind in
 * either file. Instances sharing keys use the PostgreSQL store (postgres-keyring.ts).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MasterKeyEncryption } from './key-encryption';
import {
  PersonErasedError,
  type KeyEncryption,
  type KeyManagement,
  type StoredKey,
  type WrappedKeyStore,
} from './key-management';

export { PersonErasedError, PersonKeyMissingError } from './key-management';

/** What this process knows of a person: their key, its destruction, or that the store had none (a hint only). */
type Known = { key: Buffer } | { destroyedAt: string } | { none: true };

/** Enough for the persons of a rebuild's working set; a miss costs one indexed read and one unwrap. */
const DEFAULT_CACHE_SIZE = 20_000;

export class PersonKeyring implements KeyManagement {
  private readonly cache = new Map<string, Known>();

  constructor(
    private readonly store: WrappedKeyStore,
    private readonly kek: KeyEncryption,
    private readonly cacheSize = DEFAULT_CACHE_SIZE,
  ) {}

  async keyFor(personId: string): Promise<Buffer> {
    const known = await this.lookUp(personId);
    if ('key' in known) return known.key;
    if ('destroyedAt' in known) throw new PersonErasedError(personId, known.destroyedAt || null);
    const key = randomBytes(32);
    const wrapped = await this.kek.wrap(personId, key);
    // Another instance may have made one first: the stored key is the key.
    const stored = await this.store.insertIfAbsent(personId, wrapped, new Date().toISOString());
    const [winner] = await this.resolve([[personId, stored]]);
    if (!('key' in winner)) throw new PersonErasedError(personId, this.erasedAt(winner));
    return winner.key;
  }

  async find(personId: string): Promise<Buffer | 'destroyed' | undefined> {
    const known = await this.lookUp(personId);
    return 'key' in known ? known.key : 'destroyedAt' in known ? 'destroyed' : undefined;
  }

  async prefetch(personIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(personIds)].filter((id) => {
      const known = this.cache.get(id);
      return known === undefined || 'none' in known;
    });
    if (wanted.length === 0) return;
    // More than the cache holds would evict what this batch just fetched: fetch what fits, the rest on demand.
    const rows = await this.store.load(wanted.slice(0, this.cacheSize));
    await this.resolve(wanted.slice(0, this.cacheSize).map((id) => [id, rows.get(id)]));
  }

  async isDestroyed(personId: string): Promise<boolean> {
    const known = this.cache.get(personId) ?? (await this.lookUp(personId));
    return 'destroyedAt' in known;
  }

  async destroyedAt(personId: string): Promise<string | null> {
    return this.erasedAt(await this.lookUp(personId));
  }

  async destroy(personId: string, at: Date): Promise<void> {
    // The store first: once it says destroyed, every instance refuses, whatever happens to the KEK step.
    const stored = await this.store.markDestroyed(personId, at.toISOString());
    await this.kek.destroy(personId);
    this.remember(personId, { destroyedAt: stored.destroyedAt ?? at.toISOString() });
  }

  forget(personId: string): void {
    // Not zeroed: a reader may be opening an event with it right now; the garbage collector owns the bytes.
    const known = this.cache.get(personId);
    if (known && 'destroyedAt' in known) return;
    this.remember(personId, { destroyedAt: '' });
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.store.close();
    await this.kek.close();
  }

  /** How many persons this process holds in memory (bounded by the cache size). */
  cached(): number {
    return this.cache.size;
  }

  /** From the cache, or the store — where "no key" is asked again, since another instance may have made one. */
  private async lookUp(personId: string): Promise<Known> {
    const known = this.cache.get(personId);
    if (known && !('none' in known)) {
      this.remember(personId, known);
      return known;
    }
    const rows = await this.store.load([personId]);
    const [found] = await this.resolve([[personId, rows.get(personId)]]);
    return found;
  }

  /** Unwraps the stored rows (in one call to the KEK) and caches what they say. */
  private async resolve(rows: Array<[string, StoredKey | undefined]>): Promise<Known[]> {
    const toUnwrap = rows.flatMap(([personId, row]) =>
      row?.wrapped && row.destroyedAt === null ? [{ personId, wrapped: row.wrapped }] : [],
    );
    const keys = await this.kek.unwrap(toUnwrap);
    let next = 0;
    return rows.map(([personId, row]) => {
      const known: Known = !row
        ? { none: true }
        : row.destroyedAt !== null || row.wrapped === null
          ? { destroyedAt: row.destroyedAt ?? '' }
          : { key: keys[next++] };
      // A destruction this process learnt from an erasure fact is not undone by a store that lags behind.
      const held = this.cache.get(personId);
      this.remember(personId, held && 'destroyedAt' in held ? held : known);
      return this.cache.get(personId)!;
    });
  }

  private remember(personId: string, known: Known): void {
    this.cache.delete(personId);
    this.cache.set(personId, known);
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  private erasedAt(known: Known): string | null {
    return 'destroyedAt' in known ? known.destroyedAt || null : null;
  }
}

/** Rows per statement, under SQLite's bound-parameter limit. */
const IDS_PER_STATEMENT = 500;

interface KeyRow {
  person_id: string;
  wrapped: Buffer | null;
  destroyed_at: string | null;
}

const storedOf = (row: KeyRow): StoredKey => ({ wrapped: row.wrapped, destroyedAt: row.destroyed_at });

/** The embedded keyring's file. */
export class SqliteKeyStore implements WrappedKeyStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], KeyRow>;
  private readonly insert: Database.Statement<[string, Buffer, string]>;
  private readonly markDestroyedStatement: Database.Statement<[string, string, string]>;

  /** `path` is a file (made when missing) or ':memory:'. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS person_keys (
      person_id TEXT PRIMARY KEY,
      wrapped BLOB,
      created_at TEXT NOT NULL,
      destroyed_at TEXT
    )`);
    this.select = this.db.prepare(
      'SELECT person_id, wrapped, destroyed_at FROM person_keys WHERE person_id = ?',
    );
    this.insert = this.db.prepare(
      'INSERT INTO person_keys (person_id, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (person_id) DO NOTHING',
    );
    this.markDestroyedStatement = this.db.prepare(
      `INSERT INTO person_keys (person_id, wrapped, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET wrapped = NULL,
         destroyed_at = COALESCE(person_keys.destroyed_at, excluded.destroyed_at)`,
    );
  }

  async load(personIds: readonly string[]): Promise<Map<string, StoredKey>> {
    const found = new Map<string, StoredKey>();
    for (let i = 0; i < personIds.length; i += IDS_PER_STATEMENT) {
      const ids = personIds.slice(i, i + IDS_PER_STATEMENT);
      const rows = this.db
        .prepare(
          `SELECT person_id, wrapped, destroyed_at FROM person_keys WHERE person_id IN (${ids.map(() => '?').join(',')})`,
        )
        .all(...ids) as KeyRow[];
      for (const row of rows) found.set(row.person_id, storedOf(row));
    }
    return found;
  }

  async insertIfAbsent(personId: string, wrapped: Buffer, createdAt: string): Promise<StoredKey> {
    this.insert.run(personId, wrapped, createdAt);
    return storedOf(this.select.get(personId)!);
  }

  async markDestroyed(personId: string, at: string): Promise<StoredKey> {
    this.markDestroyedStatement.run(personId, at, at);
    // Move every page of the log into the database file (where secure_delete zeroed the key) and empty the log.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return storedOf(this.select.get(personId)!);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** The embedded default: keys in a SQLite file, wrapped with a key derived from `secret` (PERSONAL_DATA_KEY, ≥ 32 bytes). */
export class SqlitePersonKeyring extends PersonKeyring {
  constructor(path: string, secret: Buffer, cacheSize = DEFAULT_CACHE_SIZE) {
    const kek = new MasterKeyEncryption(secret);
    super(new SqliteKeyStore(path), kek, cacheSize);
  }
}
