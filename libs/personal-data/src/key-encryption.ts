/**
 * Key-encryption keys derived from PERSONAL_DATA_KEY (the master secret, never stored with the keys).
 *
 * - `MasterKeyEncryption`: one wrapping key for every person (the embedded SQLite keyring's, as it always was).
 * - `SaltedKeyEncryption`: a key-encryption key per person, HKDF(master, the person's random salt). The salts
 *   live in a store of their own (a table, or a database of its own with a short backup retention); destroying
 *   deletes the salt, so a copy of the wrapped key — in the key store's WAL, a dead tuple, a backup — no longer
 *   opens even with the master secret, unless a copy of the salt store from before the erasure is at hand too.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { PersonKeyMissingError, type KeyEncryption } from './key-management';

const IV_BYTES = 12;
const TAG_BYTES = 16;

function checkSecret(secret: Buffer): void {
  if (secret.length < 32) throw new Error('PERSONAL_DATA_KEY must be at least 32 bytes (base64)');
}

function wrapWith(kek: Buffer, personId: string, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(personId));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function unwrapWith(kek: Buffer, personId: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, IV_BYTES));
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

export class MasterKeyEncryption implements KeyEncryption {
  private readonly kek: Buffer;

  constructor(secret: Buffer) {
    checkSecret(secret);
    this.kek = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'sagsforloeb/person-keys/wrap', 32));
  }

  async wrap(personId: string, dataKey: Buffer): Promise<Buffer> {
    return wrapWith(this.kek, personId, dataKey);
  }

  async unwrap(keys: ReadonlyArray<{ personId: string; wrapped: Buffer }>): Promise<Buffer[]> {
    return keys.map((k) => unwrapWith(this.kek, k.personId, k.wrapped));
  }

  /** Nothing of the person's own: the wrapped key is all there is to destroy (the store does). */
  async destroy(): Promise<void> {}

  async close(): Promise<void> {}
}

/** Where per-person salts are kept: shared by every instance, written once per person, deleted on erasure. */
export interface SaltStore {
  /** The person's salt: `candidate` when they had none (the first writer's wins, for every instance). */
  saltFor(personId: string, candidate: Buffer): Promise<Buffer>;
  load(personIds: readonly string[]): Promise<Map<string, Buffer>>;
  delete(personId: string): Promise<void>;
  close(): Promise<void>;
}

export class SaltedKeyEncryption implements KeyEncryption {
  constructor(
    private readonly secret: Buffer,
    private readonly salts: SaltStore,
  ) {
    checkSecret(secret);
  }

  async wrap(personId: string, dataKey: Buffer): Promise<Buffer> {
    // The stored salt, not our candidate: whoever of two instances stores their wrapped key, it opens.
    const salt = await this.salts.saltFor(personId, randomBytes(32));
    return wrapWith(this.kekOf(salt), personId, dataKey);
  }

  async unwrap(keys: ReadonlyArray<{ personId: string; wrapped: Buffer }>): Promise<Buffer[]> {
    if (keys.length === 0) return [];
    const salts = await this.salts.load([...new Set(keys.map((k) => k.personId))]);
    return keys.map(({ personId, wrapped }) => {
      const salt = salts.get(personId);
      if (!salt) throw new PersonKeyMissingError(personId, 'has a wrapped key but no salt in the salt store');
      return unwrapWith(this.kekOf(salt), personId, wrapped);
    });
  }

  async destroy(personId: string): Promise<void> {
    await this.salts.delete(personId);
  }

  async close(): Promise<void> {
    await this.salts.close();
  }

  private kekOf(salt: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.secret, salt, 'sagsforloeb/person-keys/kek-per-person', 32));
  }
}
