/**
 * One key per person, the key that encrypts their personal fields in events. Destroying it is erasure by
 * crypto-shredding: the events stay in the append-only store, their personal fields can never be read again.
 *
 * The keys live apart from the events, in a small SQLite file (PERSON_KEYS_SQLITE_PATH), each wrapped with a
 * key derived from PERSONAL_DATA_KEY, so a copy of the file alone reveals nothing. Destroying overwrites the
 * key in place (`secure_delete`) and truncates the write-ahead log, so no page with the key is left behind in
 * either file. In production the same interface fronts a key-management service.
 */
import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Personal data of an erased person is neither written nor read again. */
export class PersonErasedError extends Error {
  readonly code = 'person-erased';
  constructor(
    readonly personId: string,
    readonly erasedAt: string | null,
  ) {
    super(
      `person ${personId} was erased${erasedAt ? ` at ${erasedAt}` : ''}: their personal data can no longer be read or recorded`,
    );
  }
}

export interface PersonKeyring {
  /** The person's key, made on first use; PersonErasedError once it was destroyed. */
  keyFor(personId: string): Buffer;
  /** The key if it exists, 'destroyed' after erasure, undefined when none was ever made. */
  find(personId: string): Buffer | 'destroyed' | undefined;
  /** Whether this keyring knows the person's key to be destroyed (cheap: no lookup of the key itself). */
  isDestroyed(personId: string): boolean;
  /** When the key was destroyed, or null. */
  destroyedAt(personId: string): string | null;
  /** Destroys the key for good (idempotent); a person with no key yet gets none ever. */
  destroy(personId: string, at: Date): void;
  /** Another process destroyed the key: drop what this one holds of it. */
  forget(personId: string): void;
  close(): void;
}

interface KeyRow {
  wrapped: Buffer | null;
  destroyed_at: string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Enough for the persons of a rebuild's working set; a miss costs one indexed read and one unwrap. */
const DEFAULT_CACHE_SIZE = 20_000;

export class SqlitePersonKeyring implements PersonKeyring {
  private readonly db: Database.Database;
  private readonly wrappingKey: Buffer;
  private readonly cache = new Map<string, Buffer>();
  private readonly destroyed = new Map<string, string>();
  private readonly select: Database.Statement<[string], KeyRow>;
  private readonly insert: Database.Statement<[string, Buffer, string]>;
  private readonly markDestroyed: Database.Statement<[string, string, string]>;

  /** `path` is a file (made when missing) or ':memory:'; `secret` is PERSONAL_DATA_KEY's bytes (≥ 32). */
  constructor(
    path: string,
    secret: Buffer,
    private readonly cacheSize = DEFAULT_CACHE_SIZE,
  ) {
    if (secret.length < 32) throw new Error('PERSONAL_DATA_KEY must be at least 32 bytes (base64)');
    this.wrappingKey = Buffer.from(
      hkdfSync('sha256', secret, Buffer.alloc(0), 'sagsforloeb/person-keys/wrap', 32),
    );
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
    this.select = this.db.prepare('SELECT wrapped, destroyed_at FROM person_keys WHERE person_id = ?');
    this.insert = this.db.prepare(
      'INSERT INTO person_keys (person_id, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (person_id) DO NOTHING',
    );
    this.markDestroyed = this.db.prepare(
      `INSERT INTO person_keys (person_id, wrapped, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET wrapped = NULL,
         destroyed_at = COALESCE(person_keys.destroyed_at, excluded.destroyed_at)`,
    );
    const rows = this.db
      .prepare('SELECT person_id, destroyed_at FROM person_keys WHERE destroyed_at IS NOT NULL')
      .all() as Array<{ person_id: string; destroyed_at: string }>;
    for (const row of rows) this.destroyed.set(row.person_id, row.destroyed_at);
  }

  keyFor(personId: string): Buffer {
    const found = this.find(personId);
    if (found === 'destroyed') throw new PersonErasedError(personId, this.destroyedAt(personId));
    if (found) return found;
    const key = randomBytes(32);
    this.insert.run(personId, this.wrap(personId, key), new Date().toISOString());
    // Another writer may have made one first: the stored key is the key.
    const stored = this.find(personId);
    if (!(stored instanceof Buffer)) throw new PersonErasedError(personId, this.destroyedAt(personId));
    return stored;
  }

  find(personId: string): Buffer | 'destroyed' | undefined {
    if (this.destroyed.has(personId)) return 'destroyed';
    const cached = this.cache.get(personId);
    if (cached) return cached;
    const row = this.select.get(personId);
    if (!row) return undefined;
    if (row.destroyed_at !== null || row.wrapped === null) {
      this.destroyed.set(personId, row.destroyed_at ?? '');
      return 'destroyed';
    }
    const key = this.unwrap(personId, row.wrapped);
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(personId, key);
    return key;
  }

  isDestroyed(personId: string): boolean {
    return this.destroyed.has(personId);
  }

  destroyedAt(personId: string): string | null {
    return this.destroyed.get(personId) || null;
  }

  destroy(personId: string, at: Date): void {
    this.markDestroyed.run(personId, at.toISOString(), at.toISOString());
    // Move every page of the log into the database file (where secure_delete zeroed the key) and empty the log.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.forget(personId);
    const row = this.select.get(personId);
    this.destroyed.set(personId, row?.destroyed_at ?? at.toISOString());
  }

  forget(personId: string): void {
    const key = this.cache.get(personId);
    key?.fill(0);
    this.cache.delete(personId);
    if (!this.destroyed.has(personId)) this.destroyed.set(personId, '');
  }

  close(): void {
    for (const key of this.cache.values()) key.fill(0);
    this.cache.clear();
    this.db.close();
  }

  private wrap(personId: string, key: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.wrappingKey, iv);
    cipher.setAAD(Buffer.from(personId));
    const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  private unwrap(personId: string, wrapped: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.wrappingKey, wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(personId));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new Error(
        `the key of person ${personId} does not open with this PERSONAL_DATA_KEY: the keyring belongs to another key`,
      );
    }
  }
}
