import { join } from 'node:path';
import { dataFolderFromEnv, type EventStore } from '@app/event-store';
import { withIdentity } from './catalogue';
import type { KeyManagement } from './key-management';
import { SqlitePersonKeyring } from './keyring';
import { openPostgresKeyring } from './postgres-keyring';
import { PersonalDataCodec, type PersonalDataCatalogue } from './personal-data.codec';
import { secretFromEnvOrDevFile } from './secrets';

export interface PersonalDataSettings {
  /** The keyring's SQLite file, or ':memory:' (used when no `databaseUrl` is given). */
  keyringPath: string;
  /** PERSONAL_DATA_KEY's bytes: wraps every person's key. */
  secret: Buffer;
  /** PostgreSQL holding the keys every instance shares; left out, the SQLite keyring at `keyringPath`. */
  databaseUrl?: string;
  /** PostgreSQL holding the per-person salts (default: `databaseUrl`); see README on backups. */
  saltsDatabaseUrl?: string;
}

/**
 * PERSONAL_DATA_KEY (≥ 32 bytes, base64) and PERSON_KEYS_SQLITE_PATH (default data/person-keys.sqlite). On the
 * embedded node a development key is made once into the data folder; against a real cluster the key must be
 * given — without it no personal data could be written or read, so start-up fails with this message.
 *
 * Keys are shared in PostgreSQL when PERSON_KEYS_DATABASE_URL is set, or else when READ_MODEL_DATABASE_URL names
 * a PostgreSQL (the read models' database, so one URL is enough) and PERSON_KEYS_SQLITE_PATH does not name a
 * keyring file — an explicit setting beats the inferred one, so read models can move to PostgreSQL (a rebuild
 * there) while the keys stay where the events were written with them; PERSON_KEY_SALTS_DATABASE_URL puts the
 * per-person salts into a database of their own.
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
  const readModelUrl = env.READ_MODEL_DATABASE_URL;
  const databaseUrl =
    env.PERSON_KEYS_DATABASE_URL ||
    (readModelUrl && /^postgres(ql)?:\/\//.test(readModelUrl) && !env.PERSON_KEYS_SQLITE_PATH
      ? readModelUrl
      : undefined);
  if (env.PERSON_KEY_SALTS_DATABASE_URL && !databaseUrl)
    throw new Error(
      'PERSON_KEY_SALTS_DATABASE_URL is set but the keys are not in PostgreSQL: set PERSON_KEYS_DATABASE_URL (or a postgres:// READ_MODEL_DATABASE_URL) too',
    );
  return {
    keyringPath: env.PERSON_KEYS_SQLITE_PATH ?? join(dataDir, 'person-keys.sqlite'),
    secret,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(env.PERSON_KEY_SALTS_DATABASE_URL ? { saltsDatabaseUrl: env.PERSON_KEY_SALTS_DATABASE_URL } : {}),
  };
}

/** The keyring the settings name: PostgreSQL (shared by every instance) or the embedded SQLite file. */
export async function openKeyring(settings: PersonalDataSettings): Promise<KeyManagement> {
  if (settings.databaseUrl)
    return openPostgresKeyring({
      databaseUrl: settings.databaseUrl,
      saltsDatabaseUrl: settings.saltsDatabaseUrl,
      secret: settings.secret,
    });
  return new SqlitePersonKeyring(settings.keyringPath, settings.secret);
}

export interface ProtectedStore {
  store: EventStore;
  keyring: KeyManagement;
}

/**
 * The store with every person's personal fields encrypted under their key (see PersonalDataCodec): those the
 * processes' catalogues name, and the identity streams'.
 */
export async function protectPersonalData(
  store: EventStore,
  settings: PersonalDataSettings,
  processes: PersonalDataCatalogue,
): Promise<ProtectedStore> {
  const keyring = await openKeyring(settings);
  return { store: store.withCodec(new PersonalDataCodec(keyring, withIdentity(processes))), keyring };
}
