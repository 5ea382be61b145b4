import { join } from 'node:path';
import { dataFolderFromEnv, type EventStore } from '@app/event-store';
import { SAGSFORLOEB_CATALOGUE } from './catalogue';
import { SqlitePersonKeyring, type PersonKeyring } from './keyring';
import { PersonalDataCodec } from './personal-data.codec';
import { secretFromEnvOrDevFile } from './secrets';

export interface PersonalDataSettings {
  /** The keyring's SQLite file, or ':memory:'. */
  keyringPath: string;
  /** PERSONAL_DATA_KEY's bytes: wraps every person's key. */
  secret: Buffer;
}

/**
 * PERSONAL_DATA_KEY (≥ 32 bytes, base64) and PERSON_KEYS_SQLITE_PATH (default data/person-keys.sqlite). On the
 * embedded node a development key is made once into the data folder; against a real cluster the key must be
 * given — without it no personal data could be written or read, so start-up fails with this message.
 */
export function personalDataSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  options: { embedded: boolean },
): PersonalDataSettings {
  const dataDir = dataFolderFromEnv(env);
  const secret = secretFromEnvOrDevFile(
    env.PERSONAL_DATA_KEY,
    options.embedded ? join(dataDir, 'dev-personal-data-key') : undefined,
  );
  if (!secret)
    throw new Error(
      'PERSONAL_DATA_KEY must be set (32 random bytes, base64) when EVENTSTORE_CONNECTION_STRING is: it protects every person’s key',
    );
  return {
    keyringPath: env.PERSON_KEYS_SQLITE_PATH ?? join(dataDir, 'person-keys.sqlite'),
    secret,
  };
}

export interface ProtectedStore {
  store: EventStore;
  keyring: PersonKeyring;
}

/** The store with every person's personal fields encrypted under their key (see PersonalDataCodec). */
export function protectPersonalData(store: EventStore, settings: PersonalDataSettings): ProtectedStore {
  const keyring = new SqlitePersonKeyring(settings.keyringPath, settings.secret);
  return { store: store.withCodec(new PersonalDataCodec(keyring, SAGSFORLOEB_CATALOGUE)), keyring };
}
