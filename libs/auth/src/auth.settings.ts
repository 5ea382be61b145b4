import { createPublicKey, type KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import { dataFolderFromEnv } from '@app/event-store';
import { ensureDevKey, DEV_AUDIENCE, DEV_ISSUER } from './dev-key';

/** Where the public keys that verify bearer tokens come from. */
export type VerificationKeys = { kind: 'key'; key: KeyObject } | { kind: 'jwks-url'; url: URL };

export interface AuthSettings {
  keys: VerificationKeys;
  issuer: string;
  audience: string;
}

/** The development key pair's file: AUTH_DEV_KEY_FILE, else `dev-jwt-key.json` in the data folder. */
export function devKeyFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUTH_DEV_KEY_FILE) return resolve(env.AUTH_DEV_KEY_FILE);
  return join(dataFolderFromEnv(env), 'dev-jwt-key.json');
}

/**
 * AUTH_JWT_PUBLIC_KEY (a PEM public key or certificate, or one public JWK as JSON) or AUTH_JWKS_URL, with
 * AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE. With neither key configured, and only on the embedded node, a
 * development key pair is generated once into the data folder (see `npm run token`); against a real
 * EventStoreDB the service refuses to start without a configured key.
 */
export async function authSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  options: { embedded: boolean },
): Promise<{ settings: AuthSettings; devKeyFile?: string }> {
  const { AUTH_JWT_PUBLIC_KEY: pem, AUTH_JWKS_URL: jwksUrl } = env;
  if (pem && jwksUrl) throw new Error('set either AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL, not both');
  if (pem || jwksUrl) {
    const issuer = env.AUTH_JWT_ISSUER;
    const audience = env.AUTH_JWT_AUDIENCE;
    if (!issuer || !audience)
      throw new Error(
        'AUTH_JWT_ISSUER and AUTH_JWT_AUDIENCE must be set with AUTH_JWT_PUBLIC_KEY / AUTH_JWKS_URL',
      );
    return {
      settings: {
        keys: pem ? { kind: 'key', key: publicKeyFrom(pem) } : jwksFrom(jwksUrl!),
        issuer,
        audience,
      },
    };
  }
  if (!options.embedded)
    throw new Error(
      'no key verifies bearer tokens: set AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL (the development key is only made for the embedded node)',
    );
  const devKeyFile = devKeyFileFromEnv(env);
  const devKey = await ensureDevKey(devKeyFile);
  return {
    settings: {
      keys: { kind: 'key', key: devKey.publicKey },
      issuer: env.AUTH_JWT_ISSUER || DEV_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE || DEV_AUDIENCE,
    },
    devKeyFile,
  };
}

function publicKeyFrom(text: string): KeyObject {
  try {
    const trimmed = text.trim();
    const key = trimmed.startsWith('{')
      ? createPublicKey({ key: JSON.parse(trimmed) as import('node:crypto').JsonWebKey, format: 'jwk' })
      : createPublicKey(trimmed);
    if (key.type !== 'public') throw new Error('not a public key');
    return key;
  } catch (error) {
    throw new Error(
      `AUTH_JWT_PUBLIC_KEY is not a PEM public key or a public JWK: ${(error as Error).message}`,
    );
  }
}

function jwksFrom(url: string): VerificationKeys {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.hostname !== 'localhost' && parsed.hostname !== '127.0.0.1')
    throw new Error('AUTH_JWKS_URL must be https (plain http only for localhost)');
  return { kind: 'jwks-url', url: parsed };
}
