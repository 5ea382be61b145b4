import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { EventStoreConnection } from '@app/event-store';
import { FACT_TYPES } from '../src/contact-process/fact-requests';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { seededRandom } from './hostile-http';
import { as, createTestApp, integrationOf, tokenFor, TEST_AUTH } from './test-app';

jest.setTimeout(60_000);

const next = seededRandom(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];

const deep = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = next() < 0.5 ? [value] : { a: value };
  return value;
};
const HOSTILE: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  [],
  {},
  [1, 2, 3],
  '',
  ' ',
  'x'.repeat(70_000),
  'å'.repeat(5000),
  "' OR 1=1; DROP TABLE deadlines; --",
  '"; DELETE FROM contact_process_states; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${process.exit()}',
  '{{constructor.constructor("return process")()}}',
  '\u0000\u0001\u0002',
  '\ud800',
  '010190-1234',
  '0101901234',
  { $where: 'sleep(1000)' },
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
  Array.from({ length: 5000 }, (_, i) => i),
  deep(40),
];
const HOSTILE_TEXT = [
  "' OR 1=1 --",
  '../x',
  '..%2F..%2Fx',
  '%00',
  '%2e%2e',
  'p-a;DROP',
  '010190-1234',
  'a'.repeat(300),
  '%F0%9F%92%A9',
  '$(id)',
  '%0d%0aSet-Cookie:%20x=y',
  'p-b%00',
  '*',
  '{}',
];

/** A valid body of `factType` for the person, then broken in a way that can never be valid. */
function brokenFact(): unknown {
  const factType = pick(Object.keys(FACT_TYPES));
  const body: Record<string, unknown> = {
    eventId: randomUUID(),
    factType,
    recordedBy: 'akasse',
    data: { ...(FACT_TYPES[factType].example as Record<string, unknown>) },
  };
  const data = body.data as Record<string, unknown>;
  // Random damage first (it may or may not be invalid on its own)…
  for (let i = Math.floor(next() * 3); i > 0; i--) {
    const keys = Object.keys(data);
    if (keys.length) data[pick(keys)] = pick(HOSTILE);
  }
  // …then one fault the validation always refuses.
  switch (Math.floor(next() * 9)) {
    case 0:
      data[pick(['cpr', '__proto__x', 'isAdmin', '$set', 'constructor'])] = pick(HOSTILE);
      break;
    case 1:
      body[pick(['role', 'admin', 'personId', 'organisation'])] = pick(HOSTILE);
      break;
    case 2:
      body.eventId = pick(HOSTILE.filter((v) => typeof v !== 'string' || v.length < 100));
      break;
    case 3:
      body.factType = pick(HOSTILE);
      break;
    case 4:
      body.recordedBy = pick(HOSTILE);
      break;
    case 5:
      body.data = pick([null, 'data', 42, [], deep(30)]);
      break;
    case 6:
      body.expectedRevision = pick([-1, 'latest', '99999999999999999999', { $gt: 0 }, '1e3']);
      break;
    case 7:
      body.actor = pick([
        'someone',
        { organisation: 'akasse-krifa', role: 'integration', user: 'x', extra: 1 },
        { organisation: pick(HOSTILE), role: 'integration', user: 'x' },
      ]);
      break;
    default:
      body.correlationId = pick(['not-a-uuid', 1, [], "' OR 1=1"]);
  }
  return body;
}

describe('bad input and abuse', () => {
  let app: INestApplication;
  let base: string;
  const statuses = new Map<number, number>();
  const SECRET = 'bp-secret-of-krifa'; // only the other tenant's data carries it

  /** One request on its own connection (no keep-alive, so closing the app never waits for an idle socket). */
  function send(
    method: string,
    path: string,
    options: { token?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; text: string; sent: string }> {
    const sent = `${method} ${path} ${JSON.stringify(options.headers ?? {}).slice(0, 80)} ${(options.body ?? '').slice(0, 300)}`;
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${base}${path}`,
        {
          method,
          agent: false,
          timeout: 10_000,
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.body !== undefined
              ? {
                  'content-type': 'application/json',
                  'content-length': String(Buffer.byteLength(options.body)),
                }
              : {}),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            resolve({ status, text: Buffer.concat(chunks).toString('utf8'), sent });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  const head = async () => {
    const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    let last = -1n;
    // Read to the end (no early return): an abandoned read stream would keep the node from stopping.
    for await (const event of store.readAll({ direction: 'backwards', maxCount: 1 }))
      last = event.position.commit;
    return last;
  };

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => new Date('2024-03-20T09:00:00Z') } });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    for (const [personId, akasseId, jobcenterId, periodId] of [
      ['p-a', 'akasse-3f', 'jc-101', 'bp-of-3f'],
      ['p-b', 'akasse-krifa', 'jc-202', SECRET],
    ]) {
      const system = await as(app, integrationOf(akasseId));
      for (const [factType, data] of [
        ['PersonFactsRecorded', {}],
        ['PlacedInBenefitPeriod', { benefitPeriodId: periodId, akasseId, placedOn: '2024-03-01' }],
        ['RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId }],
      ] as const)
        await system
          .post(`/persons/${personId}/facts`)
          .send({
            eventId: randomUUID(),
            factType,
            recordedBy: 'akasse',
            data: { ...FACT_TYPES[factType].example, ...data },
          })
          .expect(201);
    }
  });
  afterAll(() => app.close());

  it('answers thousands of malformed and hostile requests without a 5xx, storing nothing, showing no other tenant’s data', async () => {
    const system = await tokenFor(integrationOf('akasse-3f'));
    const caseworker = await tokenFor({ role: 'akasse-caseworker', org: 'akasse-3f' });
    const jobcentre = await tokenFor({ role: 'jobcenter-caseworker', org: 'jc-101' });
    const analyst = await tokenFor({ role: 'star-analyst', org: 'star' });
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const [h, p] = caseworker.split('.');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const publicPem =
      TEST_AUTH.keys.kind === 'key' ? TEST_AUTH.keys.key.export({ type: 'spki', format: 'pem' }) : '';
    const hsHeader = b64({ alg: 'HS256', typ: 'JWT' });
    const hsPayload = b64({ ...claims, role: 'auditor', scope: 'all' });
    const forged = [
      'x',
      'a.b.c',
      `${h}.${b64({ ...claims, org: 'akasse-krifa' })}.${caseworker.split('.')[2]}`, // tampered claims
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'auditor', scope: 'all' })}.`,
      // alg confusion: HS256 "signed" with the public key as the secret
      `${hsHeader}.${hsPayload}.${createHmac('sha256', String(publicPem)).update(`${hsHeader}.${hsPayload}`).digest('base64url')}`,
      await tokenFor({ role: 'auditor', org: 'x', scope: 'all' }, { key: otherKey }),
      await tokenFor(
        { role: 'akasse-caseworker', org: 'akasse-krifa' },
        { expiresIn: 1_000_100, issuedAt: 1_000_000 },
      ),
      await tokenFor({ role: 'akasse-caseworker', org: 'akasse-krifa' }, { issuer: 'evil' }),
      await tokenFor({ role: 'root' as never, org: 'akasse-krifa' }),
      await tokenFor({ role: 'akasse-caseworker', org: "akasse-krifa' OR 1=1" }),
      'e'.repeat(6000),
    ];
    const endpoints = [
      ['GET', '/persons/p-a/deadlines'],
      ['GET', '/persons/p-b/history'],
      ['GET', '/persons/p-b/access-log'],
      ['GET', '/worklists/akasser/akasse-krifa'],
      ['GET', '/supervision/akasser'],
      ['GET', '/dashboard'],
      ['POST', '/persons/p-a/facts'],
      ['POST', '/job-order-agreements'],
      ['DELETE', '/job-order-agreements/akasse-krifa'],
      ['POST', '/persons/identify'],
      ['POST', '/persons/p-a/erasure'],
    ] as const;
    const before = await head();

    const requests: Array<() => Promise<{ status: number; text: string; sent: string; expect: number[] }>> =
      [];
    const add = (
      expectStatus: number[],
      call: () => Promise<{ status: number; text: string; sent: string }>,
    ) => requests.push(async () => ({ ...(await call()), expect: expectStatus }));

    // 1. Forged, tampered, expired and malformed tokens on every kind of endpoint: 401 (431 for a huge header).
    for (let i = 0; i < 400; i++) {
      const [method, path] = pick(endpoints);
      const token = pick(forged);
      const header = pick([
        `Bearer ${token}`,
        token,
        `bearer ${token}`,
        `Bearer  ${token}`,
        `Basic ${token}`,
        '',
      ]);
      add([401], () =>
        send(method, path, {
          headers: header ? { authorization: header } : {},
          body: method === 'GET' ? undefined : '{}',
        }),
      );
    }
    // 2. Broken facts from the a-kasse's own system about its own member: 400 (413 too large, 403 for a foreign actor).
    for (let i = 0; i < 1200; i++)
      add([400, 403, 413], () =>
        send('POST', '/persons/p-a/facts', { token: system, body: JSON.stringify(brokenFact()) }),
      );
    // 3. Bodies that are not a fact at all: not JSON, not an object, too large, too deep.
    const raw = [
      '',
      '{',
      '{"eventId":',
      'null',
      '[]',
      '"text"',
      '42',
      '{"a":1}{"b":2}',
      '\u0000',
      `${'['.repeat(5000)}1${']'.repeat(5000)}`,
      `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
      JSON.stringify({ data: deep(200) }),
      JSON.stringify({ x: 'y'.repeat(100_000) }),
      `{${Array.from({ length: 5000 }, (_, k) => `"k${k}":${k}`).join(',')}}`,
      '{"__proto__":{"isAdmin":true}}',
    ];
    for (let i = 0; i < 300; i++)
      add([400, 413], () => send('POST', '/persons/p-a/facts', { token: system, body: pick(raw) }));
    // CPR lookups with hostile values, always with one unknown field besides: 400.
    for (let i = 0; i < 100; i++)
      add([400, 413], () =>
        send('POST', '/persons/identify', {
          token: system,
          body: JSON.stringify({ cpr: pick(HOSTILE), [pick(['name', 'personId', 'admin'])]: pick(HOSTILE) }),
        }),
      );
    // Erasure requests with hostile values, always with one unknown field besides: 400, and p-a is never erased.
    for (let i = 0; i < 100; i++)
      add([400, 413], () =>
        send('POST', '/persons/p-a/erasure', {
          token: system,
          body: JSON.stringify({
            eventId: pick([randomUUID(), ...HOSTILE]),
            reason: pick(['data-subject-request', ...HOSTILE]),
            [pick(['personId', 'cpr', 'force'])]: pick(HOSTILE),
          }),
        }),
      );
    // 4. Hostile person ids in the path, for reads and writes.
    for (let i = 0; i < 300; i++) {
      const id = pick(HOSTILE_TEXT);
      const write = next() < 0.5;
      add([400, 403, 404, 413], () =>
        write
          ? send('POST', `/persons/${id}/facts`, { token: system, body: JSON.stringify(brokenFact()) })
          : send('GET', `/persons/${id}/${pick(['deadlines', 'history', 'cv', 'access-log'])}`, {
              token: caseworker,
            }),
      );
    }
    // 5. Hostile and unknown query parameters and headers on the caller's own data.
    const queries = [
      'asOf=2024-02-30',
      'asOf=x&knownAt=y',
      'asOf[]=1',
      'kind=sometime',
      'page=-1',
      'pageSize=1000000',
      'days=1e9',
      'from=2024-13',
      'measure=people',
      "asOf=2024-03-01'--",
    ];
    for (let i = 0; i < 300; i++) {
      const q = `${pick(queries)}&${pick(['unknown=1', 'where=1', '__proto__[x]=1', 'limit=5'])}`;
      const [token, path] = pick([
        [caseworker, `/persons/p-a/deadlines?${q}`],
        [caseworker, `/persons/p-a/history?${q}`],
        [caseworker, `/persons/p-a/cv?${q}`],
        [caseworker, `/persons/p-a/access-log?${q}`],
        [caseworker, `/worklists/akasser/akasse-3f?${q}`],
        [jobcentre, `/worklists/jobcentres/jc-101?${q}`],
        [analyst, `/supervision/akasser?${q}`],
        [analyst, `/supervision/status?${q}`],
        [analyst, `/dashboard?${q}`],
      ]);
      add([400], () => send('GET', path, { token }));
    }
    for (let i = 0; i < 100; i++)
      add([400], () =>
        send('GET', '/persons/p-a/deadlines', {
          token: caseworker,
          headers: pick<Record<string, string>>([
            { 'x-purpose': 'ab' },
            { 'x-purpose': 'x'.repeat(300) },
            { 'x-job-order': "jo' OR 1=1" },
            { 'x-job-order': 'j'.repeat(100) },
          ]),
        }),
      );
    // 6. The other tenant's persons, worklists and agreements, with or without a made-up job order: 403, nothing shown.
    for (let i = 0; i < 400; i++) {
      const jobOrder = next() < 0.5 ? { 'x-job-order': `jo-${i}` } : undefined;
      const [method, path, token, body] = pick([
        ['GET', '/persons/p-b/deadlines', caseworker, undefined],
        ['GET', '/persons/p-b/history?knownAt=2024-03-20', caseworker, undefined],
        ['GET', '/persons/p-b/cv', caseworker, undefined],
        ['GET', '/persons/p-b/access-log', caseworker, undefined],
        ['GET', '/persons/p-b/deadlines', jobcentre, undefined],
        ['GET', '/persons/p-b/deadlines', analyst, undefined],
        ['GET', '/worklists/akasser/akasse-krifa', caseworker, undefined],
        ['GET', '/worklists/jobcentres/jc-202', jobcentre, undefined],
        ['GET', '/worklists/akasser/akasse-krifa', system, undefined],
        [
          'POST',
          '/persons/p-b/facts',
          system,
          JSON.stringify({
            eventId: randomUUID(),
            factType: 'CvMarkedComplete',
            recordedBy: 'akasse',
            data: { markedOn: '2024-03-12', by: 'akasse' },
          }),
        ],
        [
          'POST',
          '/persons/p-a/facts',
          system,
          JSON.stringify({
            eventId: randomUUID(),
            factType: 'PlacedInBenefitPeriod',
            recordedBy: 'akasse',
            data: { ...FACT_TYPES.PlacedInBenefitPeriod.example, akasseId: 'akasse-krifa' },
          }),
        ],
        [
          'POST',
          '/persons/p-a/facts',
          caseworker,
          JSON.stringify({
            eventId: randomUUID(),
            factType: 'CvMarkedComplete',
            recordedBy: 'akasse',
            data: { markedOn: '2024-03-12', by: 'akasse' },
          }),
        ],
        ['DELETE', '/job-order-agreements/akasse-krifa', caseworker, undefined],
        // Erasing another a-kasse's member, or as anyone but the a-kasse's own system.
        [
          'POST',
          '/persons/p-b/erasure',
          system,
          JSON.stringify({ eventId: randomUUID(), reason: 'data-subject-request' }),
        ],
        [
          'POST',
          '/persons/p-a/erasure',
          caseworker,
          JSON.stringify({ eventId: randomUUID(), reason: 'data-subject-request' }),
        ],
        [
          'POST',
          '/persons/p-a/erasure',
          jobcentre,
          JSON.stringify({ eventId: randomUUID(), reason: 'data-subject-request' }),
        ],
      ] as const);
      add([403], () => send(method, path, { token, body, headers: jobOrder }));
    }

    // Eight at a time, as a few busy clients would.
    const results: Array<{ status: number; text: string; sent: string; expect: number[]; index: number }> =
      [];
    let nextIndex = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextIndex < requests.length) {
          const index = nextIndex++;
          results.push({ ...(await requests[index]()), index });
        }
      }),
    );

    expect(results.length).toBeGreaterThan(3000);
    const serverErrors = results.filter((r) => r.status >= 500);
    expect(serverErrors.map((r) => `${r.index}: ${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    const unexpected = results.filter((r) => !r.expect.includes(r.status) && r.status !== 431);
    expect(
      unexpected.map(
        (r) =>
          `${r.index}: ${r.status} (expected ${r.expect.join('/')}) ${r.text.slice(0, 200)} <- ${r.sent}`,
      ),
    ).toEqual([]);
    expect(results.filter((r) => r.text.includes(SECRET))).toEqual([]);
    // A CPR number sent anywhere (as an id or a field) is never echoed in an answer.
    expect(results.filter((r) => /0101901234|010190-1234/.test(r.text)).map((r) => r.sent)).toEqual([]);
    expect(await head()).toBe(before);
    process.stdout.write(
      `abuse: ${results.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
  });
});
