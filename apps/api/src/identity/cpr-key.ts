/**
 * The key that protects CPR numbers: CPR_KEY (32 random bytes, base64), or on embedded defaults a development key
 * made once into the data folder. Two keys are derived from it with HKDF: one for the keyed hash that turns a CPR
 * number into the opaque person id, one for AES-256-GCM encryption of the CPR number at rest.
 */
import { createCipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { secretFromEnvOrDevFile } from '@app/personal-data';

export interface CprKeys {
  /** Names the key a ciphertext was made with (a hash of it), so a rotated key can be told apart. */
  keyId: string;
  hashKey: Buffer;
  encryptionKey: Buffer;
}

export function cprKeysFrom(secret: Buffer): CprKeys {
  if (secret.length < 32) throw new Error('CPR_KEY must be at least 32 bytes (base64)');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  return {
    keyId: createHash('sha256').update(secret).digest('hex').slice(0, 16),
    hashKey: derive('sagsforloeb/cpr/person-id'),
    encryptionKey: derive('sagsforloeb/cpr/at-rest'),
  };
}

/** CPR_KEY, else (embedded node only) the development key file; undefined: CPR lookup is not configured. */
export function cprKeysFromEnv(env: NodeJS.ProcessEnv, devKeyFile: string | undefined): CprKeys | undefined {
  const secret = secretFromEnvOrDevFile(env.CPR_KEY, devKeyFile);
  return secret ? cprKeysFrom(secret) : undefined;
}

export interface EncryptedCpr {
  keyId: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

export function encryptCpr(keys: CprKeys, cpr: string): EncryptedCpr {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
  return {
    keyId: keys.keyId,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}
