import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FACT_TYPES } from '../src/contact-process/fact-requests';
import { as, createTestApp, integrationOf, type Client } from './test-app';

/** The fields of the one error shape (common/api-error.ts); a refusal may add details of its own beside them. */
const SHAPE = ['statusCode', 'error', 'code', 'message', 'field', 'ruleId', 'errors'];

/** Whether `body` is the API's error shape for `status`, whatever raised it. */
function expectErrorShape(body: Record<string, unknown>, status: number) {
  expect(body).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    code: expect.stringMatching(/^[A-Za-z0-9-]+$/),
  });
  expect(typeof body.message === 'string' || Array.isArray(body.message)).toBe(true);
  if ('field' in body) expect(typeof body.field).toBe('string');
  expect(Object.keys(body).filter((key) => !SHAPE.includes(key))).toEqual([]);
}

const fact = (factType: string, data: object, extra: object = {}) => ({
  eventId: randomUUID(),
  factType,
  recordedBy: 'akasse',
  data,
  ...extra,
});

/** The documented example of a job interview, with its own id. */
const interview = (overrides: object) => ({
  ...FACT_TYPES.JobInterviewHeld.example,
  interviewId: `i-${randomUUID().slice(0, 8)}`,
  ...overrides,
});

describe('the one error shape', () => {
  let app: INestApplication;
  let integration: Client;
  let caseworker: Client;
  const record = (personId: string, body: object) =>
    integration.post(`/persons/${personId}/facts`).send(body);

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => new Date('2024-03-20T09:00:00Z') } });
    integration = await as(app, integrationOf('akasse-3f'));
    caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    await record(
      'p-shape',
      fact('PersonFactsRecorded', {
        birthDate: '1985-04-02',
        hasVocationalEducation: true,
        hasCustodyOfChildrenAtHome: false,
        coveredByRepatriationAct: false,
        residencePermitYears: null,
      }),
    ).expect(201);
    await record(
      'p-shape',
      fact('PlacedInBenefitPeriod', {
        benefitPeriodId: 'bp-shape',
        akasseId: 'akasse-3f',
        insurance: 'full-time',
        placedOn: '2024-03-01',
        continuingPlacement: false,
      }),
    ).expect(201);
  });
  afterAll(() => app.close());

  describe('when validation refuses the request', () => {
    it('names each field by its property path and the check it failed', async () => {
      const response = await record(
        'p-shape',
        fact(
          'CvMarkedComplete',
          { markedOn: '2024-03-12', by: 'akasse' },
          { actor: { organisation: 'x y' }, bogus: 1 },
        ),
      ).expect(400);
      expectErrorShape(response.body, 400);
      expect(response.body).toMatchObject({ code: 'invalid-input', field: expect.any(String) });
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'bogus', code: 'whitelistValidation', message: 'property bogus should not exist' },
          expect.objectContaining({ field: 'actor.organisation', code: 'isOpaqueId' }),
          expect.objectContaining({ field: 'actor.role', code: 'isString' }),
        ]),
      );
      // The sentences stay as they were, one per failed check, each the message of one of the errors.
      expect(response.body.message).toEqual(response.body.errors.map((e: { message: string }) => e.message));
      expect(response.body.field).toBe(response.body.errors[0].field);
    });

    it('names a query parameter the same way', async () => {
      const response = await caseworker.get('/worklists/akasser/akasse-3f?kind=sometime').expect(400);
      expectErrorShape(response.body, 400);
      expect(response.body).toMatchObject({
        code: 'invalid-input',
        field: 'kind',
        errors: [expect.objectContaining({ field: 'kind', code: 'isIn' })],
      });
    });

    it('names the field of a fact’s data (data.heldOn) and of a path parameter', async () => {
      const badDate = await record(
        'p-shape',
        fact('JobInterviewHeld', interview({ heldOn: '2024-02-30' })),
      ).expect(400);
      expectErrorShape(badDate.body, 400);
      expect(badDate.body).toMatchObject({ code: 'invalid-input', field: 'data.heldOn' });
      const cprInPath = await caseworker.get('/persons/010190-1234/deadlines').expect(400);
      expectErrorShape(cprInPath.body, 400);
      expect(cprInPath.body).toMatchObject({
        field: 'personId',
        errors: [expect.objectContaining({ field: 'personId', code: 'isOpaquePersonId' })],
      });
    });
  });

  it('names the rule and field of a domain rule’s refusal (422)', async () => {
    await record(
      'p-shape',
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }),
    ).expect(201);
    // C24-FIRST: the first job interview is held after the registration, never before it.
    const early = await record(
      'p-shape',
      fact('JobInterviewHeld', interview({ heldOn: '2024-03-01' })),
    ).expect(422);
    expectErrorShape(early.body, 422);
    expect(early.body).toMatchObject({ code: 'precondition-failed', ruleId: 'C24-FIRST', field: 'heldOn' });
  });

  it('answers 401 without a token, with the Bearer challenge', async () => {
    const response = await request(app.getHttpServer()).get('/persons/p-shape/deadlines').expect(401);
    expectErrorShape(response.body, 401);
    expect(response.body.code).toBe('unauthenticated');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers 403 with the refusal’s code', async () => {
    const other = await as(app, { role: 'akasse-caseworker', org: 'akasse-hk' });
    const response = await other.get('/persons/p-shape/deadlines').expect(403);
    expectErrorShape(response.body, 403);
    expect(response.body.code).toBe('not-own-person');
  });

  it('answers 404 for an unknown person and for an unknown route alike', async () => {
    const auditor = await as(app, { role: 'auditor', org: 'audit' });
    const person = await auditor.get('/persons/p-nobody/deadlines').expect(404);
    expectErrorShape(person.body, 404);
    expect(person.body).toMatchObject({ code: 'person-unknown', field: 'personId' });
    const route = await auditor.get('/no-such-route').expect(404);
    expectErrorShape(route.body, 404);
    expect(route.body.code).toBe('not-found');
  });

  it('answers 409 for a stale expectedRevision, naming the field', async () => {
    const response = await record(
      'p-shape',
      fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' }, { expectedRevision: '0' }),
    ).expect(409);
    expectErrorShape(response.body, 409);
    expect(response.body).toMatchObject({ code: 'wrong-expected-revision', field: 'expectedRevision' });
  });

  it('documents the shape once in OpenAPI, referenced by every route’s error responses', async () => {
    const doc = (await request(app.getHttpServer()).get('/docs/json').expect(200)).body as {
      components: { schemas: Record<string, { required: string[] }> };
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    expect(doc.components.schemas.ApiError.required).toEqual(['statusCode', 'error', 'code', 'message']);
    const ref = { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } };
    const errorResponses = Object.entries(doc.paths)
      .filter(([path]) => !path.startsWith('/health'))
      .flatMap(([path, item]) =>
        Object.entries(item).flatMap(([method, operation]) =>
          Object.entries(operation.responses)
            .filter(([status]) => Number(status) >= 400)
            .map(([status, response]) => ({ at: `${method} ${path} ${status}`, content: response.content })),
        ),
      );
    expect(errorResponses.length).toBeGreaterThan(Object.keys(doc.paths).length);
    expect(errorResponses.filter((r) => JSON.stringify(r.content) !== JSON.stringify(ref))).toEqual([]);
    expect(errorResponses.map((r) => r.at)).toContain('post /persons/{personId}/facts 422');
  });
});
