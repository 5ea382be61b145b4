/**
 * The development key pair (embedded defaults only): made once into the data folder by the service or by
 * `npm run token`, whichever comes first, and used by the token CLI to sign development tokens.
 */
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export const DEV_ISSUER = 'sagsforloeb-dev';
export const DEV_AUDIENCE = 'sagsforloeb-api';
export const DEV_ALGORITHM = 'ES256';

export interface DevKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

interface DevKeyFile {
  note: string;
  alg: typeof DEV_ALGORITHM;
  kid: string;
  privateJwk: JWK;
}

/** Reads the key pair from `path`, generating it first when the file does not exist (mode 0600). */
export async function ensureDevKey(path: string): Promise<DevKey> {
  try {
    return readDevKey(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  const file: DevKeyFile = {
    note: 'Development key of Sagsforløb (embedded defaults only). Never use it in production.',
    alg: DEV_ALGORITHM,
    kid: `dev-${randomUUID()}`,
    privateJwk: await exportJWK(privateKey),
  };
  mkdirSync(dirname(path), { recursive: true });
  try {
    // 'wx': when two processes race to make it, the first one's key wins and both read it.
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readDevKey(path);
}

export function readDevKey(path: string): DevKey {
  const file = JSON.parse(readFileSync(path, 'utf8')) as DevKeyFile;
  const privateKey = createPrivateKey({
    key: file.privateJwk as import('node:crypto').JsonWebKey,
    format: 'jwk',
  });
  return { kid: file.kid, privateKey, publicKey: createPublicKey(privateKey) };
}

export interface TokenClaims {
  sub: string;
  role: string;
  org: string;
  org_kind?: 'akasse' | 'jobcenter';
  scope?: string;
  purpose?: string;
}

/** Signs a token with the given key; used by the token CLI and by the tests' `tokenFor`. */
export function signToken(
  key: { privateKey: KeyObject; kid?: string },
  claims: TokenClaims,
  options: { issuer?: string; audience?: string; expiresIn?: string | number; issuedAt?: number } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: DEV_ALGORITHM, typ: 'JWT', ...(key.kid ? { kid: key.kid } : {}) })
    .setSubject(sub)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key.privateKey);
}
