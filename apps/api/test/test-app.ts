import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type AuthSettings, signToken, type Role } from '@app/auth';
import { createApp } from '../src/app';
import { FACT_TYPES } from '../src/contact-process/fact-requests';
import { cprKeysFrom } from '../src/identity/cpr-key';
import type { AppConfig } from '../src/app.module';
import type { HttpTimeouts } from '../src/common/http-timeouts';

/** A key pair made in memory for this test process: specs never touch the filesystem for keys. */
const TEST_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const TEST_AUTH: AuthSettings = {
  keys: { kind: 'key', key: TEST_KEY.publicKey },
  issuer: 'sagsforloeb-test',
  audience: 'sagsforloeb-api',
};

/** Each test app's keyring is its own, in memory, under a key made for this test process. */
export const TEST_PERSONAL_DATA = { keyringPath: ':memory:', secret: randomBytes(32) };

/** The CPR keys of this test process, made in memory. */
export const TEST_CPR_KEYS = cprKeysFrom(randomBytes(32));

/** The API on an in-memory embedded node and read model, with an optional fixed clock and the test key. */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  options: { httpTimeouts?: HttpTimeouts } = {},
): Promise<INestApplication> {
  const app = await createApp(
    {
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0 },
      personalData: TEST_PERSONAL_DATA,
      readModel: { sqlitePath: ':memory:' },
      clock: { now: () => new Date() },
      auth: TEST_AUTH,
      cprKeys: TEST_CPR_KEYS,
      ...overrides,
    },
    { logger: false, ...options },
  );
  await app.init();
  return app;
}

/** Who a test calls as: the token's claims (`kind` is `org_kind`, for integrations). */
export interface Who {
  role: Role;
  org: string;
  user?: string;
  kind?: 'akasse' | 'jobcenter';
  scope?: string;
  purpose?: string;
}

/** A token for `who`, signed with the test key (or, to forge one, another key / issuer / expiry). */
export function tokenFor(
  who: Who,
  options: {
    expiresIn?: string | number;
    issuer?: string;
    audience?: string;
    issuedAt?: number;
    key?: import('node:crypto').KeyObject;
  } = {},
): Promise<string> {
  const { role, org, user, kind, scope, purpose } = who;
  return signToken(
    { privateKey: options.key ?? TEST_KEY.privateKey },
    {
      sub: user ?? `${role}-of-${org}`,
      role,
      org,
      ...(kind
        ? { org_kind: kind }
        : role === 'integration'
          ? { org_kind: org.startsWith('jc') ? 'jobcenter' : 'akasse' }
          : {}),
      ...(scope ? { scope } : role === 'auditor' ? { scope: 'all' } : {}),
      ...(purpose ? { purpose } : {}),
    },
    {
      issuer: options.issuer ?? TEST_AUTH.issuer,
      audience: options.audience ?? TEST_AUTH.audience,
      expiresIn: options.expiresIn,
      issuedAt: options.issuedAt,
    },
  );
}

/** The actor facts are recorded as when `who` records them. */
export const actorFor = (who: Who) => ({
  organisation: who.org,
  role: who.role,
  user: who.user ?? `${who.role}-of-${who.org}`,
});

export type Client = ReturnType<typeof withToken>;

function withToken(app: INestApplication, token: string, headers: Record<string, string>) {
  const set = (test: request.Test) => {
    test.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) test.set(name, value);
    return test;
  };
  const http = () => request(app.getHttpServer());
  return {
    token,
    get: (url: string) => set(http().get(url)),
    post: (url: string) => set(http().post(url)),
    delete: (url: string) => set(http().delete(url)),
  };
}

/** Requests as `who`: `(await as(app, {role, org})).get('/…')`; auditors send a purpose unless told otherwise. */
export async function as(app: INestApplication, who: Who, headers: Record<string, string> = {}) {
  const defaults: Record<string, string> =
    who.role === 'auditor' && !who.purpose ? { 'X-Purpose': 'test audit of case handling' } : {};
  return withToken(app, await tokenFor(who), { ...defaults, ...headers });
}

/** An a-kasse's or jobcentre's caseworker system (role integration). */
export const integrationOf = (org: string): Who => ({
  role: 'integration',
  org,
  kind: org.startsWith('jc') ? 'jobcenter' : 'akasse',
});

/**
 * Records facts as the caseworker systems of an a-kasse and a jobcentre do: each body goes with the token of
 * the organisation kind it names in `recordedBy`.
 */
export async function factRecorder(app: INestApplication, orgs: { akasse: string; jobcenter: string }) {
  const akasse = await as(app, integrationOf(orgs.akasse));
  const jobcenter = await as(app, integrationOf(orgs.jobcenter));
  return (url: string, body: { recordedBy?: string }) =>
    (body.recordedBy === 'jobcenter' ? jobcenter : akasse).post(url).send(body);
}

/** A fact request: the documented example of its type with `data`'s fields over it, and a fresh eventId. */
export const fact = (
  factType: keyof typeof FACT_TYPES,
  data: object = {},
  recordedBy: 'akasse' | 'jobcenter' | string = 'akasse',
) => ({
  eventId: randomUUID(),
  factType,
  recordedBy,
  data: { ...FACT_TYPES[factType].example, ...data },
});
