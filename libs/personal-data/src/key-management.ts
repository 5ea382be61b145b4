/**
 * What the personal-data codec needs of key management, and the two parts any backend is made of: a store of
 * wrapped data keys (SQLite on embedded defaults, PostgreSQL shared by every instance) and a key-encryption key
 * that wraps them (derived from PERSONAL_DATA_KEY here; a KMS such as Vault Transit in its place, see README).
 *
 * Asynchronous throughout, since a shared store answers over the network.
 */

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

/**
 * A person's data was encrypted under a key the key store does not hold, and the person was not erased: the
 * store is the wrong one, or was lost. Never read as an erasure — that would silently drop the person (answered
 * 503: the data is there, this instance cannot open it now).
 */
export class PersonKeyMissingError extends Error {
  readonly code = 'person-key-missing';
  constructor(
    readonly personId: string,
    detail = 'has no key in the key store',
  ) {
    super(
      `the personal data of person ${personId} cannot be opened: the person ${detail}, yet was never erased (is this instance using the right key store?)`,
    );
  }
}

/** The key store did not answer (down, unreachable, failing over): the request may be retried (503). */
export class KeyStoreUnavailableError extends Error {
  readonly code = 'key-store-unavailable';
  constructor(readonly reason: string) {
    super(`the person key store is unavailable: ${reason}`);
  }
}

/** Per-person data keys, as the codec and the eraser use them. */
export interface KeyManagement {
  /** The person's key, made on first use (one key however many instances ask at once); PersonErasedError once destroyed. */
  keyFor(personId: string): Promise<Buffer>;
  /** The key if it exists, 'destroyed' after erasure, undefined when none was ever made. */
  find(personId: string): Promise<Buffer | 'destroyed' | undefined>;
  /** Looks many persons up in one go, so decoding a batch of their events needs no further lookup. */
  prefetch(personIds: Iterable<string>): Promise<void>;
  /** Whether the person's key is known to be destroyed. */
  isDestroyed(personId: string): Promise<boolean>;
  /** When the key was destroyed, or null. */
  destroyedAt(personId: string): Promise<string | null>;
  /** Destroys the key for good, for every instance (idempotent); a person with no key yet gets none ever. */
  destroy(personId: string, at: Date): Promise<void>;
  /** This process read the person's erasure fact: drop what it holds of their key and treat them as erased. */
  forget(personId: string): void;
  close(): Promise<void>;
}

/** A person's row in the key store: the wrapped key, or null once destroyed (`destroyedAt` then set). */
export interface StoredKey {
  wrapped: Buffer | null;
  destroyedAt: string | null;
}

export interface WrappedKeyStore {
  /** The stored rows of these persons (absent: no key was ever made). */
  load(personIds: readonly string[]): Promise<Map<string, StoredKey>>;
  /** Stores `wrapped` unless the person has a row already; answers the row stored afterwards (the winner's). */
  insertIfAbsent(personId: string, wrapped: Buffer, createdAt: string): Promise<StoredKey>;
  /** Drops the wrapped key and records when (the first time only); answers the row afterwards. */
  markDestroyed(personId: string, at: string): Promise<StoredKey>;
  close(): Promise<void>;
}

/**
 * The key-encryption key: wraps data keys so the key store alone reveals nothing. A KMS fits here — wrap and
 * unwrap are its encrypt and decrypt of the 32-byte key (bound to the person id as context), and `destroy`
 * deletes the person's own key-encryption key where it keeps one per person.
 */
export interface KeyEncryption {
  wrap(personId: string, dataKey: Buffer): Promise<Buffer>;
  /** Unwraps many keys at once (one round trip to whatever it needs), in the order given. */
  unwrap(keys: ReadonlyArray<{ personId: string; wrapped: Buffer }>): Promise<Buffer[]>;
  /** Makes the person's wrapped key unopenable wherever a copy of it lies, where this KEK can (else a no-op). */
  destroy(personId: string): Promise<void>;
  close(): Promise<void>;
}
