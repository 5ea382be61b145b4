import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CookieSealer,
  cookiesOf,
  safeReturnTo,
  SESSION_COOKIE,
  setCookie,
  SIGN_IN_COOKIE,
} from './browser-session';
import { browserSignInFromEnv } from './browser-session.settings';
import { type AuthSettings, ensureDevKey } from '@app/auth';

const NOW = new Date('2026-09-01T10:00:00Z');
const LATER = new Date('2026-09-01T18:00:00Z');

describe('the sealed session cookie', () => {
  const sealer = new CookieSealer(randomBytes(32));

  it('opens what it sealed until it expires', () => {
    const sealed = sealer.seal(SESSION_COOKIE, 'a.jwt.token', LATER);
    expect(sealer.open(SESSION_COOKIE, sealed, NOW)).toBe('a.jwt.token');
    expect(sealer.open(SESSION_COOKIE, sealed, LATER)).toBeNull();
  });

  it('opens nothing tampered with, sealed under another secret, or sealed for the other purpose', () => {
    const sealed = sealer.seal(SESSION_COOKIE, 'a.jwt.token', LATER);
    const [iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(sealer.open(SESSION_COOKIE, [iv, flipped.toString('base64url'), tag].join('.'), NOW)).toBeNull();
    expect(new CookieSealer(randomBytes(32)).open(SESSION_COOKIE, sealed, NOW)).toBeNull();
    expect(sealer.open(SIGN_IN_COOKIE, sealed, NOW)).toBeNull();
    expect(sealer.open(SESSION_COOKIE, 'not-sealed', NOW)).toBeNull();
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new CookieSealer(randomBytes(16))).toThrow('SESSION_SECRET must be at least 32 bytes');
  });

  it('is set HttpOnly and SameSite=Lax, Secure when asked', () => {
    expect(setCookie('s', 'v', { maxAgeSeconds: 60, secure: true })).toBe(
      's=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
    expect(cookiesOf('a=1; s=two=parts; a=2')).toEqual(
      new Map([
        ['a', '1'],
        ['s', 'two=parts'],
      ]),
    );
  });

  it('returns only to a path on this site', () => {
    expect(safeReturnTo('/dashboard?lang=en')).toBe('/dashboard?lang=en');
    for (const elsewhere of ['https://evil.example/', '//evil.example', '/\\evil.example', 'dashboard', 7])
      expect(safeReturnTo(elsewhere)).toBe('/dashboard');
  });
});

describe('browser sign-in settings', () => {
  const auth: AuthSettings = {
    keys: { kind: 'jwks-url', url: new URL('https://idp.example/jwks') },
    issuer: 'i',
    audience: 'a',
  };
  const oidc = {
    OIDC_ISSUER_URL: 'https://idp.example',
    OIDC_CLIENT_ID: 'sagsforloeb',
    OIDC_REDIRECT_URL: 'https://sagsforloeb.example/auth/callback',
    SESSION_SECRET: randomBytes(32).toString('base64'),
  };
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'browser-settings-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('signs in through the provider with Secure cookies, and never offers the development page beside it', () => {
    const settings = browserSignInFromEnv(oidc, { auth });
    expect(settings).toMatchObject({
      secureCookies: true,
      oidc: { clientId: 'sagsforloeb', scope: 'openid' },
    });
    expect(settings?.dev).toBeUndefined();
  });

  it('names what is missing or wrong', () => {
    expect(() => browserSignInFromEnv({ ...oidc, SESSION_SECRET: undefined }, { auth })).toThrow(
      'SESSION_SECRET',
    );
    expect(() => browserSignInFromEnv({ OIDC_ISSUER_URL: oidc.OIDC_ISSUER_URL }, { auth })).toThrow(
      'OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_REDIRECT_URL are set together',
    );
    expect(() =>
      browserSignInFromEnv(
        { ...oidc, OIDC_REDIRECT_URL: 'http://sagsforloeb.example/auth/callback' },
        { auth },
      ),
    ).toThrow('OIDC_REDIRECT_URL must be https');
    expect(() =>
      browserSignInFromEnv({ ...oidc, OIDC_REDIRECT_URL: 'https://sagsforloeb.example/login' }, { auth }),
    ).toThrow('must end in /auth/callback');
  });

  it('refuses a provider while tokens would be verified with the development key', async () => {
    const devKeyFile = join(dir, 'dev-jwt-key.json');
    await ensureDevKey(devKeyFile);
    expect(() => browserSignInFromEnv(oidc, { auth, devKeyFile })).toThrow('set AUTH_JWKS_URL');
  });

  it('on embedded defaults: the development page, and a session key made once beside the development key', async () => {
    const devKeyFile = join(dir, 'dev-jwt-key.json');
    await ensureDevKey(devKeyFile);
    const first = browserSignInFromEnv({}, { auth, devKeyFile });
    const second = browserSignInFromEnv({}, { auth, devKeyFile });
    expect(first).toMatchObject({ secureCookies: false, dev: { akasser: ['akasse-3f'] } });
    expect(second!.sessionSecret.equals(first!.sessionSecret)).toBe(true); // a second instance reads the sessions
  });

  it('without a provider or a development key, the pages keep to bearer tokens', () => {
    expect(browserSignInFromEnv({}, { auth })).toBeUndefined();
  });
});
