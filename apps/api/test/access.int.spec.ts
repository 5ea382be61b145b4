import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Logger, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { dayAccessLogStream, PERSON_DATA_READ, personAccessLogStream } from '@app/access-log';
import { EventStore } from '@app/event-store';
import { AccessLogReadSide } from '../src/access/access-log.read-side';
import { FACT_TYPES } from '../src/contact-process/fact-requests';
import { as, createTestApp, integrationOf, tokenFor, type Client, type Who } from './test-app';

jest.setTimeout(60_000);

/** Issue #7, "Who may see what": each role sees exactly its part, through the HTTP API. */
const fact = (factType: keyof typeof FACT_TYPES, data: object = {}, extra: object = {}) => ({
  eventId: randomUUID(),
  factType,
  recordedBy: 'akasse',
  data: { ...FACT_TYPES[factType].example, ...data },
  ...extra,
});

const caseworkerOf = (org: string): Who => ({
  role: org.startsWith('jc') ? 'jobcenter-caseworker' : 'akasse-caseworker',
  org,
  user: `cw-${org}`,
});

describe('who may see what', () => {
  let app: INestApplication;
  const now = new Date('2024-03-20T09:00:00Z');
  const warnings: string[] = [];
  let threeF: Client;
  let krifa: Client;
  let jc101: Client;
  let threeFSystem: Client;
  let jc101System: Client;
  let auditor: Client;
  let star: Client;

  /** A person of `akasseId` registered with `jobcenterId`, recorded by the a-kasse's system. */
  async function aMember(personId: string, akasseId: string, jobcenterId: string) {
    const system = await as(app, integrationOf(akasseId));
    for (const body of [
      fact('PersonFactsRecorded'),
      fact('PlacedInBenefitPeriod', { benefitPeriodId: `bp-${personId}`, akasseId, placedOn: '2024-03-01' }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId }),
      fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' }),
    ])
      await system.post(`/persons/${personId}/facts`).send(body).expect(201);
  }

  beforeAll(async () => {
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warnings.push(String(message)));
    app = await createTestApp({ clock: { now: () => now } });
    [threeF, krifa, jc101, threeFSystem, jc101System, auditor, star] = await Promise.all([
      as(app, caseworkerOf('akasse-3f')),
      as(app, caseworkerOf('akasse-krifa')),
      as(app, caseworkerOf('jc-101')),
      as(app, integrationOf('akasse-3f')),
      as(app, integrationOf('jc-101')),
      as(app, { role: 'auditor', org: 'rigsrevisionen', user: 'auditor-1' }),
      as(app, { role: 'star-analyst', org: 'star', user: 'analyst-1' }),
    ]);
    await aMember('p-3f', 'akasse-3f', 'jc-101');
    await aMember('p-krifa', 'akasse-krifa', 'jc-202');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  describe('authentication', () => {
    const http = () => request(app.getHttpServer());

    it('refuses a request without a token with 401, a reason and a Bearer challenge', async () => {
      const response = await http().get('/persons/p-3f/deadlines').expect(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body.message).toMatch(/no bearer token/);
    });

    it.each([
      ['a malformed header', async () => 'Basic dXNlcjpwYXNz', /must be "Bearer <JWT>"/],
      ['a token that is not a JWT', async () => 'Bearer not.a.jwt', /malformed/],
      [
        'a token signed with another key',
        async () =>
          `Bearer ${await tokenFor(caseworkerOf('akasse-3f'), { key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey })}`,
        /signature does not verify/,
      ],
      [
        'an expired token',
        async () =>
          `Bearer ${await tokenFor(caseworkerOf('akasse-3f'), { issuedAt: 1_000_000, expiresIn: 1_000_100 })}`,
        /expired/,
      ],
      [
        'another issuer’s token',
        async () => `Bearer ${await tokenFor(caseworkerOf('akasse-3f'), { issuer: 'someone-else' })}`,
        /"iss" claim/,
      ],
      [
        'a token for another audience',
        async () => `Bearer ${await tokenFor(caseworkerOf('akasse-3f'), { audience: 'another-api' })}`,
        /"aud" claim/,
      ],
      [
        'an unsigned token (alg none)',
        async () => {
          const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
          const exp = Math.floor(Date.now() / 1000) + 600;
          return `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'auditor', org: 'x', scope: 'all', iss: 'sagsforloeb-test', aud: 'sagsforloeb-api', exp, iat: exp - 700 })}.`;
        },
        /malformed|algorithm/,
      ],
      [
        'a token with an unknown role',
        async () => `Bearer ${await tokenFor({ role: 'superuser' as never, org: 'akasse-3f' })}`,
        /"role" claim must be one of/,
      ],
      [
        'an integration token without org_kind',
        async () => `Bearer ${await tokenFor({ role: 'integration', org: 'x-1', kind: 'other' as never })}`,
        /org_kind/,
      ],
    ])('refuses %s with 401 naming why', async (_name, header, reason) => {
      const response = await http()
        .get('/persons/p-3f/deadlines')
        .set('Authorization', await header())
        .expect(401);
      expect(response.body.message).toMatch(reason);
    });

    it('never writes a token to the log', async () => {
      const token = await tokenFor(caseworkerOf('akasse-3f'), { audience: 'another-api' });
      await http().get('/persons/p-3f/deadlines').set('Authorization', `Bearer ${token}`).expect(401);
      expect(warnings.join('\n')).not.toContain(token.split('.')[2]);
      expect(warnings.join('\n')).toMatch(/unauthenticated: GET \/persons\/:personId\/deadlines/);
    });

    it('keeps /health and the API description at /docs public', async () => {
      await http().get('/health').expect(200);
      await http().get('/docs').expect(200);
      const doc = await http().get('/docs/json').expect(200);
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });
  });

  describe('an a-kasse caseworker', () => {
    it('sees its own members: deadlines, history, CV and access log', async () => {
      for (const path of ['deadlines', 'history', 'cv', 'access-log'])
        await threeF.get(`/persons/p-3f/${path}`).expect(200);
    });

    it('is refused another a-kasse’s member, and a person unknown to us, with the same reason', async () => {
      const foreign = await krifa.get('/persons/p-3f/deadlines').expect(403);
      const unknown = await krifa.get('/persons/p-nobody/deadlines').expect(403);
      expect(foreign.body).toMatchObject({ code: 'not-own-person' });
      expect(foreign.body.message).toContain('p-3f is not a member of akasse-krifa');
      expect(unknown.body.message.replace('p-nobody', 'p-3f')).toBe(foreign.body.message);
      expect(JSON.stringify(foreign.body)).not.toContain('akasse-3f');
    });

    it('reads its own worklist only', async () => {
      const own = await threeF.get('/worklists/akasser/akasse-3f?kind=open').expect(200);
      expect(new Set(own.body.items.map((i: { personId: string }) => i.personId))).toEqual(new Set(['p-3f']));
      const other = await threeF.get('/worklists/akasser/akasse-krifa').expect(403);
      expect(other.body.message).toMatch(/own worklist only/);
      await threeF.get('/worklists/jobcentres/jc-101').expect(403);
    });

    it('records no facts and sees no supervision', async () => {
      const post = await threeF.post('/persons/p-3f/facts').send(fact('CvMarkedComplete')).expect(403);
      expect(post.body.message).toMatch(/role integration/);
      await threeF.get('/supervision/akasser').expect(403);
      await threeF.get('/dashboard').expect(403);
    });
  });

  describe('a jobcentre caseworker', () => {
    it('sees the persons registered with it, not others, nor their access log', async () => {
      await jc101.get('/persons/p-3f/deadlines').expect(200);
      await jc101.get('/persons/p-3f/history').expect(200);
      const other = await jc101.get('/persons/p-krifa/deadlines').expect(403);
      expect(other.body.message).toContain('not registered with jc-101');
      await jc101.get('/persons/p-3f/access-log').expect(403);
    });

    it('reads its own worklist only', async () => {
      const own = await jc101.get('/worklists/jobcentres/jc-101').expect(200);
      expect(own.body.items.every((i: { jobcenterId: string }) => i.jobcenterId === 'jc-101')).toBe(true);
      await jc101.get('/worklists/jobcentres/jc-202').expect(403);
      await jc101.get('/worklists/akasser/akasse-3f').expect(403);
    });
  });

  describe('a caseworker system (integration)', () => {
    it('records facts as the token’s actor when the body names none', async () => {
      const body = fact('JobSearchRequirementsSet', { setOn: '2024-03-15', by: 'akasse' });
      await threeFSystem.post('/persons/p-3f/facts').send(body).expect(201);
      const history = await auditor.get('/persons/p-3f/history').expect(200);
      const stored = history.body.events.find((e: { eventId: string }) => e.eventId === body.eventId);
      expect(stored.actor).toEqual({
        organisation: 'akasse-3f',
        role: 'integration',
        user: 'integration-of-akasse-3f',
      });
    });

    it('accepts a body actor equal to the token’s, and refuses any other with 403, storing nothing', async () => {
      const same = { organisation: 'akasse-3f', role: 'integration', user: 'integration-of-akasse-3f' };
      await threeFSystem
        .post('/persons/p-3f/facts')
        .send(fact('AvailabilityInterviewHeld', { heldOn: '2024-03-18' }, { actor: same }))
        .expect(201);
      const before = (await auditor.get('/persons/p-3f/history').expect(200)).body.events.length;
      const forged = await threeFSystem
        .post('/persons/p-3f/facts')
        .send(
          fact(
            'AvailabilityInterviewHeld',
            { heldOn: '2024-03-19' },
            { actor: { ...same, user: 'someone-else' } },
          ),
        )
        .expect(403);
      expect(forged.body).toMatchObject({ code: 'actor-mismatch' });
      expect((await auditor.get('/persons/p-3f/history').expect(200)).body.events).toHaveLength(before);
    });

    it('records only for its own organisation’s persons and as its own kind', async () => {
      const other = await threeFSystem
        .post('/persons/p-krifa/facts')
        .send(fact('CvMarkedComplete'))
        .expect(403);
      expect(other.body.message).toContain('not a member of akasse-3f');
      const kind = await threeFSystem
        .post('/persons/p-3f/facts')
        .send(fact('CvMarkedComplete', {}, { recordedBy: 'jobcenter' }))
        .expect(403);
      expect(kind.body).toMatchObject({ code: 'recorded-by-mismatch' });
      const placement = await threeFSystem
        .post('/persons/p-new/facts')
        .send(fact('PlacedInBenefitPeriod', { akasseId: 'akasse-krifa' }))
        .expect(403);
      expect(placement.body.message).toMatch(/data.akasseId must be akasse-3f/);
    });

    it('records for a jobcentre the facts of the persons registered with it', async () => {
      const interview = fact(
        'JobInterviewHeld',
        { interviewId: 'i-jc', heldOn: '2024-03-19', heldBy: 'jobcenter', allPartiesAgreed: true },
        { recordedBy: 'jobcenter' },
      );
      await jc101System.post('/persons/p-3f/facts').send(interview).expect(201);
      await jc101System
        .post('/persons/p-krifa/facts')
        .send({ ...interview, eventId: randomUUID() })
        .expect(403);
    });
  });

  describe('an auditor', () => {
    it('states a purpose for every read, else 403; a malformed one is 400', async () => {
      const token = await tokenFor({ role: 'auditor', org: 'rigsrevisionen', user: 'auditor-1' });
      const http = () =>
        request(app.getHttpServer()).get('/persons/p-3f/deadlines').set('Authorization', `Bearer ${token}`);
      const none = await http().expect(403);
      expect(none.body).toMatchObject({ code: 'purpose-missing' });
      await http().set('X-Purpose', 'ab').expect(400);
      await http().set('X-Purpose', 'complaint 2024-117 about missed interviews').expect(200);
    });

    it('reads every person with scope all; a scoped auditor only its organisations’ persons', async () => {
      await auditor.get('/persons/p-krifa/history').expect(200);
      await auditor.get('/persons/p-nobody/deadlines').expect(404);
      const scoped = await as(app, {
        role: 'auditor',
        org: 'ankestyrelsen',
        scope: 'akasse-krifa jc-999',
        purpose: 'case 2024-5',
      });
      await scoped.get('/persons/p-krifa/deadlines').expect(200);
      const refused = await scoped.get('/persons/p-3f/deadlines').expect(403);
      expect(refused.body).toMatchObject({ code: 'out-of-scope' });
      // A purpose bound in the token may not be replaced by the header.
      await scoped.get('/persons/p-krifa/deadlines').set('X-Purpose', 'something else').expect(403);
    });

    it('never records anything', async () => {
      const response = await auditor.post('/persons/p-3f/facts').send(fact('CvMarkedComplete')).expect(403);
      expect(response.body).toMatchObject({ code: 'auditor-read-only' });
    });

    it('leaves its purpose in the person’s access log', async () => {
      const purposeful = await as(
        app,
        { role: 'auditor', org: 'rigsrevisionen', user: 'auditor-2' },
        { 'X-Purpose': 'annual audit 2024, sample 17' },
      );
      await purposeful.get('/persons/p-3f/history').expect(200);
      const log = await threeF.get('/persons/p-3f/access-log').expect(200);
      expect(log.body.entries).toEqual(
        expect.arrayContaining([
          {
            readAt: expect.any(String),
            by: { organisation: 'rigsrevisionen', role: 'auditor', user: 'auditor-2' },
            endpoint: 'GET /persons/:personId/history',
            purpose: 'annual audit 2024, sample 17',
            basis: 'auditor of all organisations',
            ruleId: null,
            jobOrderId: null,
          },
        ]),
      );
    });
  });

  describe('a STAR analyst', () => {
    it('sees the supervision aggregates and the dashboard, never a person nor a worklist', async () => {
      await star.get('/supervision/akasser').expect(200);
      await star.get('/supervision/status').expect(200);
      await star.get('/dashboard').expect(200);
      const person = await star.get('/persons/p-3f/deadlines').expect(403);
      expect(person.body.message).toMatch(/never a person/);
      await star.get('/persons/p-3f/history').expect(403);
      await star.get('/worklists/akasser/akasse-3f').expect(403);
    });
  });

  describe('the job-order exception (C24-JOBORDER)', () => {
    const cvFor = (client: Client, jobOrder?: string) => {
      const test = client.get('/persons/p-3f/cv');
      return jobOrder ? test.set('X-Job-Order', jobOrder) : test;
    };

    it('refuses another a-kasse without a named job order, and without an agreement, never naming the member’s a-kasse', async () => {
      await cvFor(krifa).expect(403);
      const noAgreement = await cvFor(krifa, 'jo-2024-88').expect(403);
      expect(noAgreement.body).toMatchObject({ code: 'C24-JOBORDER' });
      expect(noAgreement.body.message).toMatch(/no job-order agreement/);
      expect(JSON.stringify(noAgreement.body)).not.toContain('akasse-3f');
    });

    it('lets the partner read the CV, and only the CV, for a named job order once the member’s a-kasse records the agreement', async () => {
      await krifa
        .post('/job-order-agreements')
        .send({ partnerAkasseId: 'akasse-krifa', reference: 'self', enteredOn: '2024-03-01' })
        .expect(403);
      await threeF
        .post('/job-order-agreements')
        .send({ partnerAkasseId: 'akasse-krifa', reference: 'agreement 2024/17', enteredOn: '2024-03-01' })
        .expect(201);
      const listed = await threeF.get('/job-order-agreements').expect(200);
      expect(listed.body.agreements).toEqual([
        { partnerAkasseId: 'akasse-krifa', reference: 'agreement 2024/17', enteredOn: '2024-03-01' },
      ]);

      // Under the agreement, only a member the own a-kasse attached to the job order is shown.
      const notAttached = await cvFor(krifa, 'jo-2024-88').expect(403);
      expect(notAttached.body.message).toMatch(/has not attached this member to job order jo-2024-88/);
      const attach = (client: Client, personId: string, jobOrder = 'jo-2024-88') =>
        client
          .post(`/job-order-agreements/akasse-krifa/job-orders/${jobOrder}/members`)
          .send({ personId, attachedOn: '2024-04-02' });
      await attach(krifa, 'p-3f').expect(403); // the partner cannot attach another a-kasse's member
      await attach(threeF, 'p-krifa').expect(403); // nor an a-kasse someone who is not its member
      await attach(threeF, 'p-3f', 'jo 88').expect(400);
      await attach(threeF, 'p-3f').expect(201);
      await cvFor(krifa, 'jo-2024-99').expect(403); // attached to one job order, not to every one

      const cv = await cvFor(krifa, 'jo-2024-88').expect(200);
      expect(cv.body).toEqual({
        personId: 'p-3f',
        complete: true,
        markedComplete: [{ markedOn: '2024-03-12', by: 'akasse' }],
      });
      const deadlines = await krifa
        .get('/persons/p-3f/deadlines')
        .set('X-Job-Order', 'jo-2024-88')
        .expect(403);
      expect(deadlines.body.message).toMatch(/only CV, CPR number and health limitations/);
      await cvFor(krifa).expect(403); // no job order named

      const log = await threeF.get('/persons/p-3f/access-log').expect(200);
      expect(log.body.entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            by: { organisation: 'akasse-krifa', role: 'akasse-caseworker', user: 'cw-akasse-krifa' },
            endpoint: 'GET /persons/:personId/cv',
            ruleId: 'C24-JOBORDER',
            jobOrderId: 'jo-2024-88',
          }),
        ]),
      );
      // The partner may not read the member's access log.
      await krifa.get('/persons/p-3f/access-log').expect(403);
    });

    it('ends with the agreement', async () => {
      await threeF.delete('/job-order-agreements/akasse-krifa').expect(204);
      await cvFor(krifa, 'jo-2024-88').expect(403);
    });
  });

  describe('the access log', () => {
    it('records every read of a person’s data: who, organisation, role, purpose, when, what', async () => {
      await jc101.get('/persons/p-krifa/deadlines').expect(403); // refused: not logged as a read
      const before = (await auditor.get('/persons/p-krifa/access-log').expect(200)).body.entries.length;
      const krifaWithPurpose = await as(app, caseworkerOf('akasse-krifa'), {
        'X-Purpose': 'member called about her plan',
      });
      await krifaWithPurpose.get('/persons/p-krifa/deadlines?asOf=2024-03-15').expect(200);
      const entries = (await auditor.get('/persons/p-krifa/access-log').expect(200)).body.entries;
      // The auditor's own earlier listing is itself a read, logged after it was answered.
      expect(entries).toHaveLength(before + 2);
      expect(entries.at(-1)).toMatchObject({
        by: { organisation: 'akasse-krifa', role: 'akasse-caseworker', user: 'cw-akasse-krifa' },
        purpose: 'member called about her plan',
        endpoint: 'GET /persons/:personId/deadlines',
        basis: 'member of akasse-krifa',
      });
      expect(Date.parse(entries.at(-1).readAt)).not.toBeNaN();
    });

    it('logs worklist reads in the access log of every person listed', async () => {
      const before = (await threeF.get('/persons/p-3f/access-log').expect(200)).body.entries.length;
      await threeF.get('/worklists/akasser/akasse-3f').expect(200);
      const after = (await threeF.get('/persons/p-3f/access-log').expect(200)).body.entries;
      expect(after).toHaveLength(before + 2);
      expect(after.at(-1)).toMatchObject({ endpoint: 'GET /worklists/akasser/:akasseId' });
    });

    it('appends one event per request, naming every person listed, to the day’s stream and none per person', async () => {
      const store = app.get(EventStore);
      const day = dayAccessLogStream('2024-03-20');
      const before = await store.readStream(day);
      const perPerson = await store.readStream(personAccessLogStream('p-3f'));
      const page = await threeF.get('/worklists/akasser/akasse-3f').expect(200);
      const listed = [...new Set(page.body.items.map((i: { personId: string }) => i.personId))];
      expect(listed.length).toBeGreaterThan(0);
      const appended = (await store.readStream(day)).slice(before.length);
      expect(appended).toHaveLength(1);
      expect(appended[0]).toMatchObject({
        type: PERSON_DATA_READ,
        schemaVersion: 2,
        data: { personIds: listed, endpoint: 'GET /worklists/akasser/:akasseId', basis: expect.any(String) },
        metadata: { actor: { organisation: 'akasse-3f', role: 'akasse-caseworker', user: 'cw-akasse-3f' } },
      });
      expect(await store.readStream(personAccessLogStream('p-3f'))).toHaveLength(perPerson.length);
    });

    it('answers 503 rather than a log without a read its read model has not reached, and the whole log once it has', async () => {
      const readSide = app.get(AccessLogReadSide);
      const before = (await auditor.get('/persons/p-3f/access-log').expect(200)).body.entries.length;
      await readSide.runner.stop();
      try {
        await threeF.get('/persons/p-3f/deadlines').expect(200);
        const behind = await auditor.get('/persons/p-3f/access-log').expect(503);
        expect(behind.body).toMatchObject({ code: 'read-model-behind' });
      } finally {
        await readSide.runner.start();
      }
      const entries = (await auditor.get('/persons/p-3f/access-log').expect(200)).body.entries;
      // The auditor's first listing, then the caseworker's read; the refused listing is not a read.
      expect(entries).toHaveLength(before + 2);
      expect(entries.at(-1)).toMatchObject({ endpoint: 'GET /persons/:personId/deadlines' });
    });

    it('still answers the per-person entries stored before one event per request, in the order they were made', async () => {
      const store = app.get(EventStore);
      const old = {
        endpoint: 'GET /persons/:personId/history',
        purpose: 'kept since 2023',
        basis: 'member of akasse-3f',
        ruleId: null,
        jobOrderId: null,
      };
      const by = { organisation: 'akasse-3f', role: 'akasse-caseworker', user: 'cw-old' };
      await store.append(personAccessLogStream('p-3f'), [
        {
          type: PERSON_DATA_READ,
          schemaVersion: 1,
          data: old,
          metadata: {
            eventId: randomUUID(),
            occurredAt: now.toISOString(),
            actor: by,
            correlationId: randomUUID(),
            causationId: null,
          },
        },
      ]);
      await threeF.get('/persons/p-3f/deadlines').expect(200);
      const entries = (await auditor.get('/persons/p-3f/access-log').expect(200)).body.entries;
      expect(entries.slice(-2)).toEqual([
        { readAt: expect.any(String), by, ...old },
        expect.objectContaining({
          endpoint: 'GET /persons/:personId/deadlines',
          by: expect.objectContaining({ user: 'cw-akasse-3f' }),
        }),
      ]);
    });
  });

  it('logs every refusal without a person id, purpose or token', () => {
    const refusals = warnings.filter((w) => w.startsWith('refused'));
    expect(refusals.length).toBeGreaterThan(10);
    for (const line of refusals) {
      expect(line).toMatch(
        /^refused [a-z-]+ of [A-Za-z0-9_.:-]+: (GET|POST|DELETE) \/\S+ \([A-Za-z0-9-]+\)$/,
      );
      expect(line).not.toMatch(/p-3f|p-krifa|p-nobody|audit 20|case 2024/);
    }
  });
});
