import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CONTACT_PROCESS_CATALOGUE, contactProcessStream } from '@app/contact-process';
import { freshPostgresDatabase, type TestDatabase } from '../../../test/support/postgres';
import { withIdentity } from './catalogue';
import { SaltedKeyEncryption, type SaltStore } from './key-encryption';
import {
  KeyStoreUnavailableError,
  PersonErasedError,
  PersonKeyMissingError,
  type KeyManagement,
} from './key-management';
import { PersonKeyring, SqlitePersonKeyring } from './keyring';
import { PersonalDataCodec } from './personal-data.codec';
import { openPostgresKeyring } from './postgres-keyring';

/** The catalogue the API gives the store: the contact process's personal fields and the identity streams'. */
const CATALOGUE = withIdentity(CONTACT_PROCESS_CATALOGUE);

/** One shared key store, opened as many times as there are instances. */
interface Backend {
  name: string;
  setUp(): Promise<void>;
  open(options?: { cacheSize?: number }): Promise<KeyManagement>;
  /** Another, empty key store (an instance pointed at the wrong one). */
  openEmpty(): Promise<KeyManagement>;
  tearDown(): Promise<void>;
}

const secret = randomBytes(32);

function sqliteBackend(): Backend {
  let dir = '';
  return {
    name: 'SQLite (one file, two connections)',
    setUp: async () => void (dir = mkdtempSync(join(tmpdir(), 'keyring-'))),
    open: async (options) => new SqlitePersonKeyring(join(dir, 'keys.sqlite'), secret, options?.cacheSize),
    openEmpty: async () =>
      new SqlitePersonKeyring(join(dir, `other-${randomBytes(4).toString('hex')}.sqlite`), secret),
    tearDown: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresBackend(): Backend {
  const databases: TestDatabase[] = [];
  let shared: TestDatabase;
  return {
    name: 'PostgreSQL (one database, two instances)',
    setUp: async () => {
      shared = await freshPostgresDatabase('keyring');
      databases.push(shared);
    },
    open: async (options) =>
      openPostgresKeyring({ databaseUrl: shared.url, secret, cacheSize: options?.cacheSize }),
    openEmpty: async () => {
      const other = await freshPostgresDatabase('keyring_other');
      databases.push(other);
      return openPostgresKeyring({ databaseUrl: other.url, secret });
    },
    tearDown: async () => {
      for (const db of databases.splice(0)) await db.drop();
    },
  };
}

const facts = { birthDate: '1985-04-02', hasCustodyOfChildrenAtHome: true, residencePermitYears: 3 };
const personFacts = (codec: PersonalDataCodec, personId: string, eventId = 'e-1') =>
  codec.encode({
    streamName: contactProcessStream(personId),
    type: 'PersonFactsRecorded',
    eventId,
    data: facts,
  });
const readBack = (
  codec: PersonalDataCodec,
  personId: string,
  data: unknown,
  type = 'PersonFactsRecorded',
  eventId = 'e-1',
) => codec.decode({ streamName: contactProcessStream(personId), type, eventId, data });

describe.each([sqliteBackend(), postgresBackend()])('person keys shared by instances: $name', (backend) => {
  let a: KeyManagement;
  let b: KeyManagement;
  let opened: KeyManagement[];
  const open = async (options?: { cacheSize?: number }) => {
    const keyring = await backend.open(options);
    opened.push(keyring);
    return keyring;
  };
  beforeEach(async () => {
    opened = [];
    await backend.setUp();
    a = await open();
    b = await open();
  });
  afterEach(async () => {
    for (const keyring of opened) await keyring.close();
    await backend.tearDown();
  });

  it('opens on B what A wrote under a key A made', async () => {
    const onA = new PersonalDataCodec(a, CATALOGUE);
    const onB = new PersonalDataCodec(b, CATALOGUE);
    const stored = await personFacts(onA, 'p-1');
    await onB.prepare([{ streamName: contactProcessStream('p-1') }]);
    expect(await readBack(onB, 'p-1', stored)).toEqual({ data: facts, erased: false });
    expect((await b.find('p-1')) as Buffer).toEqual(await a.keyFor('p-1'));
  });

  it('ends with one key when both make the first key of a person at the same moment', async () => {
    const persons = Array.from({ length: 20 }, (_, i) => `p-${i}`);
    const keys = await Promise.all(
      persons.flatMap((p) => [a.keyFor(p), b.keyFor(p), a.keyFor(p), b.keyFor(p)]),
    );
    for (let i = 0; i < persons.length; i++) {
      const mine = keys.slice(i * 4, i * 4 + 4).map((k) => k.toString('hex'));
      expect(new Set(mine).size).toBe(1);
    }
    // And a third instance, with nothing cached, reads that same key.
    const c = await open();
    for (let i = 0; i < persons.length; i++)
      expect((await c.find(persons[i])) as Buffer).toEqual(keys[i * 4]);
  });

  it('refuses on A, once A reads the erasure fact, a person B destroyed; at once where nothing was cached', async () => {
    const onA = new PersonalDataCodec(a, CATALOGUE);
    const stored = await personFacts(onA, 'p-1');
    await b.destroy('p-1', new Date('2026-11-30T12:00:00Z'));

    await readBack(onA, 'p-1', { erasedOn: '2026-11-30' }, 'PersonErased', 'e-2');
    await expect(a.keyFor('p-1')).rejects.toThrow(PersonErasedError);
    expect(await readBack(onA, 'p-1', stored)).toEqual({
      data: Object.fromEntries(Object.keys(facts).map((f) => [f, null])),
      erased: true,
    });

    const fresh = await open();
    await expect(fresh.find('p-1')).resolves.toBe('destroyed');
    await expect(fresh.destroyedAt('p-1')).resolves.toBe('2026-11-30T12:00:00.000Z');
    await expect(fresh.keyFor('p-1')).rejects.toThrow(PersonErasedError);
  });

  it('raises an error, never "erased", for personal data whose key the store does not hold', async () => {
    const stored = await personFacts(new PersonalDataCodec(a, CATALOGUE), 'p-1');
    const wrongStore = await backend.openEmpty();
    opened.push(wrongStore);
    const elsewhere = new PersonalDataCodec(wrongStore, CATALOGUE);
    await expect(readBack(elsewhere, 'p-1', stored)).rejects.toThrow(PersonKeyMissingError);
    await expect(elsewhere.open(contactProcessStream('p-1'), 'states', 'sealed.v1:AAAA')).rejects.toThrow(
      PersonKeyMissingError,
    );
  });

  it('holds no more persons in memory than its cache size, and reloads an evicted key as it was', async () => {
    const small = (await open({ cacheSize: 2 })) as PersonKeyring;
    const first = Buffer.from(await small.keyFor('p-1'));
    await small.keyFor('p-2');
    await small.keyFor('p-3');
    await small.prefetch(['p-4', 'p-5', 'p-6']);
    expect(small.cached()).toBe(2);
    expect((await small.find('p-1')) as Buffer).toEqual(first);
  });

  it('seals a read model’s text deterministically under the person’s key, unreadable once erased', async () => {
    const onA = new PersonalDataCodec(a, CATALOGUE);
    const onB = new PersonalDataCodec(b, CATALOGUE);
    const stream = contactProcessStream('p-1');
    const sealed = (await onA.seal(stream, 'states', '{"birthDate":"1985-04-02"}'))!;
    expect(sealed).not.toContain('1985');
    expect(await onB.seal(stream, 'states', '{"birthDate":"1985-04-02"}')).toBe(sealed);
    expect(await onB.open(stream, 'states', sealed)).toBe('{"birthDate":"1985-04-02"}');
    await expect(onB.open(stream, 'other-table', sealed)).rejects.toThrow();

    await a.destroy('p-1', new Date('2026-11-30T12:00:00Z'));
    const fresh = new PersonalDataCodec(await open(), CATALOGUE);
    await expect(fresh.open(stream, 'states', sealed)).resolves.toBeUndefined();
    await expect(fresh.seal(stream, 'states', '{}')).resolves.toBeUndefined();
  });
});

describe('person keys in PostgreSQL: a key-encryption key per person', () => {
  let keys: TestDatabase;
  let salts: TestDatabase;
  beforeAll(async () => {
    keys = await freshPostgresDatabase('keys');
    salts = await freshPostgresDatabase('salts');
  });
  afterAll(async () => {
    await keys.drop();
    await salts.drop();
  });

  const query = async <R>(url: string, text: string, values: unknown[] = []): Promise<R[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as R[];
    } finally {
      await client.end();
    }
  };

  it('says the key store is unavailable, not what a failed query said, when PostgreSQL does not answer', async () => {
    await expect(
      openPostgresKeyring({ databaseUrl: 'postgres://127.0.0.1:1/nothing', secret }),
    ).rejects.toThrow(KeyStoreUnavailableError);
  });

  it('comes up when two instances start at the same moment on an empty database', async () => {
    const empty = await freshPostgresDatabase('race');
    try {
      const both = await Promise.all([
        openPostgresKeyring({ databaseUrl: empty.url, secret }),
        openPostgresKeyring({ databaseUrl: empty.url, secret }),
      ]);
      expect(await both[0].keyFor('p-1')).toEqual(await both[1].keyFor('p-1'));
      for (const keyring of both) await keyring.close();
    } finally {
      await empty.drop();
    }
  });

  it('keeps the salts in their own database, and a copy of the key database from before an erasure does not open the key', async () => {
    const keyring = await openPostgresKeyring({ databaseUrl: keys.url, saltsDatabaseUrl: salts.url, secret });
    try {
      const key = Buffer.from(await keyring.keyFor('p-1'));
      expect(await query(keys.url, "SELECT to_regclass('person_key_salts') AS t")).toEqual([{ t: null }]);
      // What a backup of the key database taken before the erasure holds, and what one of the salts' would.
      const [{ wrapped }] = await query<{ wrapped: Buffer }>(keys.url, 'SELECT wrapped FROM person_keys');
      const [{ salt }] = await query<{ salt: Buffer }>(salts.url, 'SELECT salt FROM person_key_salts');

      await keyring.destroy('p-1', new Date('2026-11-30T12:00:00Z'));
      expect(await query(salts.url, 'SELECT salt FROM person_key_salts')).toEqual([]);
      expect(await query(keys.url, 'SELECT wrapped, destroyed_at FROM person_keys')).toEqual([
        { wrapped: null, destroyed_at: '2026-11-30T12:00:00.000Z' },
      ]);

      // With the master secret and the key database's copy, but the salt gone: nothing opens.
      const liveSalts: SaltStore = {
        saltFor: async () => Buffer.alloc(0),
        load: async () => new Map(),
        delete: async () => undefined,
        close: async () => undefined,
      };
      await expect(
        new SaltedKeyEncryption(secret, liveSalts).unwrap([{ personId: 'p-1', wrapped }]),
      ).rejects.toThrow(PersonKeyMissingError);
      // Honestly: whoever also kept the salts' database from before the erasure still opens it.
      const oldSalts: SaltStore = { ...liveSalts, load: async () => new Map([['p-1', salt]]) };
      expect(
        (await new SaltedKeyEncryption(secret, oldSalts).unwrap([{ personId: 'p-1', wrapped }]))[0],
      ).toEqual(key);
    } finally {
      await keyring.close();
    }
  });
});
