import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestIssuer, type TestIssuer } from '../../../test/support/oidc-issuer';
import { type AuthSettings, signToken } from '@app/auth';
import { SESSION_COOKIE } from '../src/access/browser-session';
import type { BrowserSignInSettings } from '../src/access/browser-session.settings';
import { createTestApp } from './test-app';

jest.setTimeout(60_000);

/** The development key of these specs' "embedded defaults", made in memory. */
const DEV = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const DEV_AUTH: AuthSettings = {
  keys: { kind: 'key', key: DEV.publicKey },
  issuer: 'sagsforloeb-dev',
  audience: 'sagsforloeb-api',
};
const devSignIn = (sessionSecret: Buffer): BrowserSignInSettings => ({
  sessionSecret,
  secureCookies: false,
  dev: {
    key: { kid: 'dev-test', ...DEV },
    issuer: DEV_AUTH.issuer,
    audience: DEV_AUTH.audience,
    akasser: ['akasse-3f'],
  },
});

/** The `name=value` part of the Set-Cookie for `name`, and its attributes. */
function cookieOf(response: request.Response, name: string): { pair: string; attributes: string[] } {
  const all = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = all.find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
  const [pair, ...attributes] = line.split('; ');
  return { pair, attributes };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('signing in to the HTML pages', () => {
  describe('on embedded defaults, through the development sign-in page', () => {
    const secret = randomBytes(32);
    let app: INestApplication;
    const http = () => request(app.getHttpServer());
    const signIn = (fields: Record<string, string>) =>
      http()
        .post('/auth/dev')
        .type('form')
        .send(form({ returnTo: '/dashboard', ...fields }));

    beforeAll(async () => {
      app = await createTestApp({ auth: DEV_AUTH, browserSignIn: devSignIn(secret) });
    });
    afterAll(() => app.close());

    it('sends a browser without a session from the dashboard to the development page', async () => {
      const dashboard = await http().get('/dashboard?lang=en').expect(303);
      expect(dashboard.headers.location).toBe('/auth/signin?returnTo=%2Fdashboard%3Flang%3Den');
      const signin = await http().get(dashboard.headers.location).expect(303);
      expect(signin.headers.location).toBe('/auth/dev?returnTo=%2Fdashboard%3Flang%3Den');
      const page = await http().get(signin.headers.location).expect(200);
      expect(page.text).toContain('DEVELOPMENT SIGN-IN');
      expect(page.text).toContain('value="/dashboard?lang=en"');
    });

    it('signs in as the chosen role into an HttpOnly, SameSite=Lax session cookie and returns to the page', async () => {
      const signedIn = await signIn({ role: 'star-analyst', org: 'star' }).expect(303);
      expect(signedIn.headers.location).toBe('/dashboard');
      const { pair, attributes } = cookieOf(signedIn, SESSION_COOKIE);
      expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
      expect(attributes).not.toContain('Secure'); // plain http on 127.0.0.1
      const page = await http().get('/dashboard').set('Cookie', pair).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
    });

    it('decides by the token’s claims as the bearer API does: a caseworker is refused STAR’s overview', async () => {
      const signedIn = await signIn({ role: 'akasse-caseworker', org: 'akasse-3f' }).expect(303);
      // Sent home instead of to a refusal: the a-kasse's own page.
      expect(signedIn.headers.location).toBe('/dashboard/akasser/akasse-3f');
      const cookie = cookieOf(signedIn, SESSION_COOKIE).pair;
      const refused = await http().get('/dashboard').set('Cookie', cookie).expect(403);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(refused.text).toContain('the akasse-caseworker role may not call this endpoint');
      expect(refused.text).toContain('(not-for-this-role)');
      const other = await http().get('/dashboard/akasser/akasse-hk').set('Cookie', cookie).expect(403);
      expect(other.text).toContain('(not-own-organisation)');
      const month = await http()
        .get('/dashboard/akasser/akasse-hk/months/2025-03')
        .set('Cookie', cookie)
        .expect(403);
      expect(month.text).toContain('(not-own-organisation)');
      // The same refusal to a bearer token stays the API's JSON.
      const bearer = await signToken(
        { privateKey: DEV.privateKey },
        { sub: 'cw', role: 'akasse-caseworker', org: 'akasse-3f' },
        { issuer: DEV_AUTH.issuer, audience: DEV_AUTH.audience },
      );
      const json = await http().get('/dashboard').set('Authorization', `Bearer ${bearer}`).expect(403);
      expect(json.body.code).toBe('not-for-this-role');
    });

    it('the auditor’s timeline is for auditors only: a caseworker’s or STAR’s session is refused it', async () => {
      for (const who of [
        { role: 'akasse-caseworker', org: 'akasse-3f' },
        { role: 'star-analyst', org: 'star' },
      ]) {
        const signedIn = await signIn(who).expect(303);
        const refused = await http()
          .get('/audit/persons/p-1')
          .set('Cookie', cookieOf(signedIn, SESSION_COOKIE).pair)
          .expect(403);
        expect(refused.text).toContain('(not-for-this-role)');
      }
      const auditor = await signIn({ role: 'auditor', org: 'audit' }).expect(303);
      // An auditor reads; a person with no facts is unknown.
      await http()
        .get('/audit/persons/p-1')
        .set('Cookie', cookieOf(auditor, SESSION_COOKIE).pair)
        .expect(404);
    });

    it('STAR’s analyst sees one a-kasse’s figures but never the persons behind a month', async () => {
      const signedIn = await signIn({ role: 'star-analyst', org: 'star' }).expect(303);
      const cookie = cookieOf(signedIn, SESSION_COOKIE).pair;
      const month = await http()
        .get('/dashboard/akasser/akasse-hk/months/2025-03')
        .set('Cookie', cookie)
        .expect(403);
      expect(month.text).toContain('(not-for-this-role)');
    });

    it('keeps the JSON API on bearer tokens: a session cookie is not a token there', async () => {
      const signedIn = await signIn({ role: 'star-analyst', org: 'star' }).expect(303);
      await http()
        .get('/supervision/akasser')
        .set('Cookie', cookieOf(signedIn, SESSION_COOKIE).pair)
        .expect(401);
    });

    it('a session cookie that was tampered with, or sealed under another secret, is no session', async () => {
      const signedIn = await signIn({ role: 'star-analyst', org: 'star' }).expect(303);
      const { pair } = cookieOf(signedIn, SESSION_COOKIE);
      const tampered = pair.slice(0, -3) + (pair.endsWith('AAA') ? 'BBB' : 'AAA');
      expect((await http().get('/dashboard').set('Cookie', tampered)).status).toBe(303);
      const other = await createTestApp({ auth: DEV_AUTH, browserSignIn: devSignIn(randomBytes(32)) });
      try {
        await request(other.getHttpServer()).get('/dashboard').set('Cookie', pair).expect(303);
      } finally {
        await other.close();
      }
    });

    it('a second instance with the same SESSION_SECRET reads the session: nothing is kept in one process', async () => {
      const signedIn = await signIn({ role: 'star-analyst', org: 'star' }).expect(303);
      const second = await createTestApp({ auth: DEV_AUTH, browserSignIn: devSignIn(secret) });
      try {
        await request(second.getHttpServer())
          .get('/dashboard')
          .set('Cookie', cookieOf(signedIn, SESSION_COOKIE).pair)
          .expect(200);
      } finally {
        await second.close();
      }
    });

    it('an expired token ends the session: the page asks to sign in again', async () => {
      const expired = await signToken(
        { privateKey: DEV.privateKey },
        { sub: 'a', role: 'star-analyst', org: 'star' },
        { issuer: DEV_AUTH.issuer, audience: DEV_AUTH.audience, issuedAt: 1_000_000, expiresIn: 1_000_060 },
      );
      // A session is only ever made from a token that verifies: an expired one is refused at sign-in.
      const sessions = app.get<import('../src/access/browser-sessions').BrowserSessions>(
        (await import('../src/access/browser-sessions')).BROWSER_SESSIONS,
      );
      expect(await sessions.start({ headers: {} }, expired)).toEqual({ reason: 'the token has expired' });
    });

    it('names the wrong field of the form, and refuses a form posted from another site', async () => {
      const wrong = await signIn({ role: 'integration', org: 'akasse-3f' }).expect(400);
      expect(wrong.text).toContain('role must be one of: star-analyst, auditor');
      const badOrg = await signIn({ role: 'star-analyst', org: 'no spaces' }).expect(400);
      expect(badOrg.text).toContain('organisation must be 1–64 letters');
      await signIn({ role: 'star-analyst', org: 'star' }).set('Origin', 'http://evil.example').expect(403);
    });

    it('an auditor signs in with the purpose the form states, carried in the token like a purpose claim', async () => {
      const signedIn = await signIn({ role: 'auditor', org: 'audit', purpose: 'review of 2025 supervision' });
      expect(signedIn.status).toBe(303);
      await http().get('/dashboard').set('Cookie', cookieOf(signedIn, SESSION_COOKIE).pair).expect(200);
    });

    it('signs out: the cookie is cleared and the page asks to sign in again', async () => {
      const signedIn = await signIn({ role: 'star-analyst', org: 'star' }).expect(303);
      const { pair } = cookieOf(signedIn, SESSION_COOKIE);
      const out = await http().post('/auth/signout').set('Cookie', pair).expect(303);
      expect(out.headers.location).toBe('/auth/signed-out');
      const cleared = cookieOf(out, SESSION_COOKIE);
      expect(cleared.pair).toBe(`${SESSION_COOKIE}=`);
      expect(cleared.attributes).toContain('Max-Age=0');
      await http().get('/dashboard').set('Cookie', cleared.pair).expect(303);
    });
  });

  describe('through the organisation’s identity provider (authorisation code with PKCE)', () => {
    let issuer: TestIssuer;
    let app: INestApplication;
    const http = () => request(app.getHttpServer());
    const REDIRECT = 'https://sagsforloeb.example/auth/callback';

    /** Follows the flow as a browser does: the API's redirects, the provider's /authorize, back to the callback. */
    async function signInAtProvider(returnTo: string) {
      const page = await http().get(returnTo).expect(303);
      const start = await http().get(page.headers.location).expect(303);
      const authorize = new URL(start.headers.location);
      const pending = cookieOf(start, 'sagsforloeb_sign_in');
      const atProvider = await fetch(authorize, { redirect: 'manual' });
      const back = new URL(atProvider.headers.get('location')!);
      return { authorize, pending, back };
    }

    beforeAll(async () => {
      issuer = await startTestIssuer();
      app = await createTestApp({
        auth: {
          keys: { kind: 'jwks-url', url: new URL(`${issuer.url}/jwks`) },
          issuer: issuer.url,
          audience: issuer.audience,
        },
        browserSignIn: {
          sessionSecret: randomBytes(32),
          secureCookies: true,
          oidc: { issuerUrl: issuer.url, clientId: issuer.clientId, redirectUrl: REDIRECT, scope: 'openid' },
        },
      });
    });
    afterAll(async () => {
      await app.close();
      await issuer.close();
    });

    it('signs in at the provider with S256 PKCE, state and nonce, and opens the page on the session', async () => {
      issuer.signInAs({ sub: 'analyst-7', role: 'star-analyst', org: 'star' });
      const { authorize, pending, back } = await signInAtProvider('/dashboard?lang=en');
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        client_id: issuer.clientId,
        response_type: 'code',
        redirect_uri: REDIRECT,
        code_challenge_method: 'S256',
        scope: 'openid',
      });
      expect(authorize.searchParams.get('state')).toBeTruthy();
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      expect(pending.attributes).toEqual(
        expect.arrayContaining(['Path=/auth', 'HttpOnly', 'SameSite=Lax', 'Secure']),
      );

      const callback = await http()
        .get(`${back.pathname}${back.search}`)
        .set('Cookie', pending.pair)
        .expect(303);
      expect(callback.headers.location).toBe('/dashboard?lang=en');
      // The code was exchanged with the verifier whose S256 the provider was given.
      const token = issuer.requests.filter((r) => r.path === '/token').at(-1)!;
      expect(token.params.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      const session = cookieOf(callback, SESSION_COOKIE);
      expect(session.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Secure']));
      await http().get('/dashboard?lang=en').set('Cookie', session.pair).expect(200);
    });

    it('refuses a callback whose state is not the one this browser started with', async () => {
      issuer.signInAs({ sub: 'analyst-7', role: 'star-analyst', org: 'star' });
      const first = await signInAtProvider('/dashboard');
      const second = await signInAtProvider('/dashboard');
      const crossed = await http()
        .get(`${first.back.pathname}${first.back.search}`)
        .set('Cookie', second.pending.pair)
        .expect(401);
      expect(crossed.text).toContain('state mismatch');
      const none = await http().get(`${first.back.pathname}${first.back.search}`).expect(400);
      expect(none.text).toContain('not started here');
    });

    it('makes no session of a token the bearer API would refuse, naming the claim', async () => {
      issuer.signInAs({ sub: 'someone', org: 'star' });
      const { pending, back } = await signInAtProvider('/dashboard');
      const refused = await http()
        .get(`${back.pathname}${back.search}`)
        .set('Cookie', pending.pair)
        .expect(401);
      expect(refused.text).toContain('&quot;role&quot; claim must be one of');
      expect(refused.headers['set-cookie']?.toString()).not.toContain(`${SESSION_COOKIE}=`);
    });

    it('turns the development page off beside a real provider', async () => {
      await http().get('/auth/dev').expect(404);
      await http()
        .post('/auth/dev')
        .type('form')
        .send(form({ role: 'star-analyst', org: 'star' }))
        .expect(404);
    });

    it('signs out here and at the provider', async () => {
      const out = await http().post('/auth/signout').expect(303);
      expect(out.headers.location).toMatch(
        new RegExp(`^${issuer.url}/logout\\?client_id=${issuer.clientId}`),
      );
      expect(cookieOf(out, SESSION_COOKIE).attributes).toContain('Max-Age=0');
    });
  });
});
