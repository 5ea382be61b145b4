import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTACT_PROCESS_CATALOGUE, contactProcessStream, PERSONAL_FIELDS } from '@app/contact-process';
import { personIdentityStream, withIdentity } from './catalogue';
import { PersonErasedError, SqliteKeyStore, SqlitePersonKeyring } from './keyring';
import { PERSONAL, PersonalDataCodec } from './personal-data.codec';
import { personalDataSettingsFromEnv } from './settings';

/** The catalogue the API gives the store: the contact process's personal fields and the identity streams'. */
const CATALOGUE = withIdentity(CONTACT_PROCESS_CATALOGUE);

const stream = contactProcessStream('p-1');
const personFacts = {
  birthDate: '1985-04-02',
  hasVocationalEducation: true,
  hasCustodyOfChildrenAtHome: false,
  coveredByRepatriationAct: false,
  residencePermitYears: null,
};

describe('personal fields under a per-person key (crypto-shredding)', () => {
  let keyring: SqlitePersonKeyring;
  let codec: PersonalDataCodec;
  beforeEach(() => {
    keyring = new SqlitePersonKeyring(':memory:', randomBytes(32));
    codec = new PersonalDataCodec(keyring, CATALOGUE);
  });
  afterEach(() => keyring.close());

  const write = (type: string, data: unknown, eventId = 'e-1', streamName = stream) =>
    codec.encode({ streamName, type, eventId, data });
  const read = (type: string, data: unknown, eventId = 'e-1', streamName = stream) =>
    codec.decode({ streamName, type, eventId, data });

  it('stores a person’s facts encrypted and reads them back as they were', async () => {
    const stored = await write('PersonFactsRecorded', personFacts);
    expect(JSON.stringify(stored)).not.toContain('1985-04-02');
    expect(stored).toEqual({ [PERSONAL]: expect.objectContaining({ fields: Object.keys(personFacts) }) });
    expect(await read('PersonFactsRecorded', stored)).toEqual({ data: personFacts, erased: false });
  });

  it('keeps what is not personal readable: dates, organisations, ids', async () => {
    const refused = {
      requestId: 'r-1',
      refusedOn: '2024-05-01',
      by: 'jobcenter',
      reason: 'Anna fik afslag',
      personNotifiedOn: null,
    };
    const stored = (await write('OfferRefused', refused)) as Record<string, unknown>;
    expect(stored).toMatchObject({ requestId: 'r-1', refusedOn: '2024-05-01', by: 'jobcenter' });
    expect(JSON.stringify(stored)).not.toContain('Anna');
    const interview = { interviewId: 'i-1', heldOn: '2024-03-12' };
    expect(await write('JobInterviewHeld', interview)).toBe(interview);
  });

  it('leaves streams about no one person as they are', async () => {
    expect(await write('PersonFactsRecorded', personFacts, 'e-1', 'job-order-agreements')).toBe(personFacts);
  });

  it('protects the CPR number of the identity stream too', async () => {
    const data = { cpr: { keyId: 'k', iv: 'x', ciphertext: 'global', tag: 't' } };
    const stored = await write('PersonIdentified', data, 'e-1', personIdentityStream('p-1'));
    expect(JSON.stringify(stored)).not.toContain('global');
  });

  it('encrypts every field the catalogue lists, for every event type', async () => {
    for (const [type, fields] of Object.entries(PERSONAL_FIELDS)) {
      const data = Object.fromEntries(fields!.map((f) => [f, `secret-${f}`]));
      const stored = JSON.stringify(await write(type, { ...data, someDate: '2024-01-01' }));
      for (const field of fields!) expect(stored).not.toContain(`secret-${field}`);
      expect(stored).toContain('2024-01-01');
    }
  });

  it('binds a ciphertext to its event: moved to another, it does not open', async () => {
    const stored = await write('PersonFactsRecorded', personFacts, 'e-1');
    await expect(read('PersonFactsRecorded', stored, 'e-2')).rejects.toThrow();
  });

  describe('once the person’s key is destroyed', () => {
    it('reads their personal fields as null, marks every event of theirs erased, writes nothing personal', async () => {
      const stored = await write('PersonFactsRecorded', personFacts);
      const interview = { interviewId: 'i-1', heldOn: '2024-03-12' };
      await keyring.destroy('p-1', new Date('2026-11-30T12:00:00Z'));

      expect(await read('PersonFactsRecorded', stored)).toEqual({
        data: Object.fromEntries(Object.keys(personFacts).map((f) => [f, null])),
        erased: true,
      });
      expect(await read('JobInterviewHeld', interview)).toEqual({ data: interview, erased: true });
      await expect(write('PersonFactsRecorded', personFacts, 'e-9')).rejects.toThrow(PersonErasedError);
      // Another person is untouched.
      const other = contactProcessStream('p-2');
      expect((await read('JobInterviewHeld', interview, 'e-1', other)).erased).toBe(false);
    });

    it('learns it from the erasure fact when another process destroyed it', async () => {
      const stored = await write('PersonFactsRecorded', personFacts);
      await read('PersonErased', { erasedOn: '2026-11-30' }, 'e-5');
      expect((await read('PersonFactsRecorded', stored)).erased).toBe(true);
    });
  });
});

describe('the keyring file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'keyring-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps keys across restarts, wrapped: another PERSONAL_DATA_KEY cannot open them', async () => {
    const path = join(dir, 'keys.sqlite');
    const secret = randomBytes(32);
    const first = new SqlitePersonKeyring(path, secret);
    const key = Buffer.from(await first.keyFor('p-1'));
    await first.close();

    const again = new SqlitePersonKeyring(path, secret);
    expect((await again.keyFor('p-1')).equals(key)).toBe(true);
    await again.close();

    const stranger = new SqlitePersonKeyring(path, randomBytes(32));
    await expect(stranger.find('p-1')).rejects.toThrow(/does not open with this PERSONAL_DATA_KEY/);
    await stranger.close();
  });

  it('destroys a key for good: gone from the file and its log, refused after a restart', async () => {
    const path = join(dir, 'keys.sqlite');
    const secret = randomBytes(32);
    const keyring = new SqlitePersonKeyring(path, secret);
    await keyring.keyFor('p-2');
    await keyring.keyFor('p-1');
    const store = (keyring as unknown as { store: SqliteKeyStore }).store;
    const row = (await store.load(['p-1'])).get('p-1')!;
    await keyring.destroy('p-1', new Date('2026-11-30T12:00:00Z'));

    // Read while the keyring is still open: nothing may wait for a clean shutdown to be forgotten.
    const files = [path, `${path}-wal`].flatMap((f) => {
      try {
        return [readFileSync(f)];
      } catch {
        return [];
      }
    });
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) expect(bytes.includes(row.wrapped!)).toBe(false);
    await keyring.close();

    const reopened = new SqlitePersonKeyring(path, secret);
    await expect(reopened.find('p-1')).resolves.toBe('destroyed');
    await expect(reopened.destroyedAt('p-1')).resolves.toBe('2026-11-30T12:00:00.000Z');
    await expect(reopened.keyFor('p-1')).rejects.toThrow(PersonErasedError);
    await expect(reopened.find('p-2')).resolves.toBeInstanceOf(Buffer);
    await reopened.close();
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new SqlitePersonKeyring(':memory:', randomBytes(16))).toThrow(/at least 32 bytes/);
  });
});

describe('where the keys are kept (environment)', () => {
  const secret = randomBytes(32).toString('base64');
  const settings = (env: NodeJS.ProcessEnv) =>
    personalDataSettingsFromEnv(
      { PERSONAL_DATA_KEY: secret, EVENTSTORE_DATA_DIR: '/tmp/x', ...env },
      { embedded: false },
    );

  it('keeps them in the SQLite file unless a PostgreSQL is named', () => {
    expect(settings({}).databaseUrl).toBeUndefined();
    expect(settings({ READ_MODEL_DATABASE_URL: 'file.sqlite' }).databaseUrl).toBeUndefined();
  });

  it('shares them in the read models’ PostgreSQL, or in the one PERSON_KEYS_DATABASE_URL names', () => {
    expect(settings({ READ_MODEL_DATABASE_URL: 'postgres://h/rm' }).databaseUrl).toBe('postgres://h/rm');
    expect(
      settings({
        READ_MODEL_DATABASE_URL: 'postgres://h/rm',
        PERSON_KEYS_DATABASE_URL: 'postgresql://h/keys',
      }).databaseUrl,
    ).toBe('postgresql://h/keys');
    expect(
      settings({
        PERSON_KEYS_DATABASE_URL: 'postgres://h/keys',
        PERSON_KEY_SALTS_DATABASE_URL: 'postgres://s/salts',
      }).saltsDatabaseUrl,
    ).toBe('postgres://s/salts');
  });

  it('keeps them in the keyring file PERSON_KEYS_SQLITE_PATH names, even beside a PostgreSQL read model', () => {
    const kept = settings({
      READ_MODEL_DATABASE_URL: 'postgres://h/rm',
      PERSON_KEYS_SQLITE_PATH: '/k/keys.sqlite',
    });
    expect(kept.keyringPath).toBe('/k/keys.sqlite');
    expect(kept.databaseUrl).toBeUndefined();
    expect(
      settings({
        READ_MODEL_DATABASE_URL: 'postgres://h/rm',
        PERSON_KEYS_SQLITE_PATH: '/k/keys.sqlite',
        PERSON_KEYS_DATABASE_URL: 'postgres://h/keys',
      }).databaseUrl,
    ).toBe('postgres://h/keys');
  });

  it('refuses a salts database for keys that are not in PostgreSQL', () => {
    expect(() => settings({ PERSON_KEY_SALTS_DATABASE_URL: 'postgres://s/salts' })).toThrow(
      /PERSON_KEY_SALTS_DATABASE_URL is set but the keys are not in PostgreSQL/,
    );
  });
});
