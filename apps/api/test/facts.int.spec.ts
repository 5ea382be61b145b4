import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FACT_TYPES } from '../src/contact-process/fact-requests';
import { ConcurrentWriteError } from '@app/event-store';
import { Recorder } from '../src/contact-process/contact-process.providers';
import { as, createTestApp, integrationOf, type Client } from './test-app';

const fact = (factType: string, data: object, extra: object = {}) => ({
  eventId: randomUUID(),
  factType,
  recordedBy: 'akasse',
  data,
  ...extra,
});
/** The documented example of a job interview, with a fresh id. */
const interview = (overrides: object = {}) => ({
  ...FACT_TYPES.JobInterviewHeld.example,
  interviewId: `i-${randomUUID().slice(0, 8)}`,
  ...overrides,
});

const ACTOR = { organisation: 'akasse-3f', role: 'integration', user: 'integration-of-akasse-3f' };

describe('recording what happened, through the HTTP API', () => {
  let app: INestApplication;
  let now = new Date('2024-03-20T09:00:00Z');
  /** Each person's a-kasse: its caseworker system records the a-kasse's facts, its caseworker reads. */
  const akasseOf = new Map<string, string>();
  const clients = new Map<string, Client>();
  const client = (role: string, org: string) => clients.get(`${role}|${org}`)!;
  const post = (personId: string, body: { recordedBy: string }) =>
    client(
      'integration',
      body.recordedBy === 'jobcenter' ? 'jc-101' : (akasseOf.get(personId) ?? 'akasse-3f'),
    )
      .post(`/persons/${personId}/facts`)
      .send(body);
  const deadlines = (personId: string, query = '') =>
    client('akasse-caseworker', akasseOf.get(personId) ?? 'akasse-3f').get(
      `/persons/${personId}/deadlines${query}`,
    );

  async function start(personId: string, akasseId = 'akasse-3f') {
    akasseOf.set(personId, akasseId);
    await post(
      personId,
      fact('PersonFactsRecorded', {
        birthDate: '1985-04-02',
        hasVocationalEducation: true,
        hasCustodyOfChildrenAtHome: false,
        coveredByRepatriationAct: false,
        residencePermitYears: null,
      }),
    ).expect(201);
    await post(
      personId,
      fact('PlacedInBenefitPeriod', {
        benefitPeriodId: `bp-${personId}`,
        akasseId,
        insurance: 'full-time',
        placedOn: '2024-03-01',
        continuingPlacement: false,
      }),
    ).expect(201);
    return post(
      personId,
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04', jobcenterId: 'jc-101' }),
    ).expect(201);
  }

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => now } });
    for (const org of ['akasse-3f', 'akasse-hk', 'akasse-krifa', 'jc-101']) {
      clients.set(`integration|${org}`, await as(app, integrationOf(org)));
      const role = org.startsWith('jc') ? 'jobcenter-caseworker' : 'akasse-caseworker';
      clients.set(`${role}|${org}`, await as(app, { role, org }));
    }
    clients.set('auditor|audit', await as(app, { role: 'auditor', org: 'audit' }));
  });
  afterAll(() => app.close());

  it('records facts and shows the deadlines they start, with rule id, owner, due date, status and reference', async () => {
    const registered = await start('p-http-1');
    expect(registered.body).toMatchObject({
      duplicate: false,
      revision: '2',
      events: [{ type: 'RegisteredAsJobseeker' }],
    });
    const response = await deadlines('p-http-1').expect(200);
    expect(response.body.asOf).toBe('2024-03-20');
    expect(response.body.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'C24-FIRST',
          owner: 'akasse',
          dueOn: '2024-03-18',
          status: 'overdue',
          legalReference: expect.stringContaining('LAB §31(4)'),
        }),
        expect.objectContaining({
          ruleId: 'C24-AK3',
          dueOn: null,
          hourThreshold: { hours: 410, counter: 'akasse' },
          status: 'open',
        }),
      ]),
    );
  });

  it('answers as of an earlier day', async () => {
    const response = await deadlines('p-http-1', '?asOf=2024-03-10').expect(200);
    expect(response.body.deadlines.find((o: { ruleId: string }) => o.ruleId === 'C24-FIRST').status).toBe(
      'open',
    );
  });

  it('is idempotent by the client’s eventId', async () => {
    const body = fact('JobInterviewHeld', interview());
    const first = await post('p-http-1', body).expect(201);
    const again = await post('p-http-1', body).expect(201);
    expect(first.body.duplicate).toBe(false);
    expect(again.body).toMatchObject({ duplicate: true, events: [], revision: first.body.revision });
  });

  it.each([
    [
      'a malformed date',
      fact('CvMarkedComplete', { markedOn: '2024-02-30', by: 'akasse' }),
      'data.markedOn must be a calendar date as YYYY-MM-DD',
    ],
    [
      'a missing field',
      fact('CvMarkedComplete', { markedOn: '2024-03-12' }),
      'data.by must be one of the following values: akasse, jobcenter',
    ],
    [
      'an unknown field',
      fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse', cpr: '0101901234' }),
      'data.property cpr should not exist',
    ],
    ['an unknown fact type', fact('SomethingElse', {}), 'factType must be one of the following values'],
    [
      'a missing eventId',
      { ...fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' }), eventId: undefined },
      'eventId must be a UUID',
    ],
  ])('refuses %s with 400 naming the field', async (_name, body, message) => {
    const response = await post('p-http-1', body).expect(400);
    expect(response.body.message.join('\n')).toContain(message);
  });

  it('refuses a CPR number as person id', async () => {
    const response = await post(
      '010190-1234',
      fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' }),
    ).expect(400);
    expect(response.body.message).toEqual(['personId must be an opaque id, never a CPR number']);
    expect(JSON.stringify(response.body)).not.toContain('010190');
  });

  it.each([
    [
      'the owner changing the form to phone',
      fact('InterviewFormChangedByOwner', { form: 'phone', changedOn: '2024-03-19', by: 'akasse' }),
      'C24-FORM',
      'form',
    ],
    [
      'an interview dated before the registration',
      fact('JobInterviewHeld', interview({ heldOn: '2024-03-01' })),
      'C24-FIRST',
      'heldOn',
    ],
    [
      'an offer entered by the a-kasse',
      fact('OfferGranted', {
        offerId: 'o-1',
        grantedOn: '2024-03-19',
        by: 'akasse',
        chapter: 11,
        startsOn: '2024-04-01',
      }),
      'C24-MINPLAN',
      'by',
    ],
  ])('refuses %s with 422 naming the rule, and stores nothing', async (_name, body, ruleId, field) => {
    const before = await post(
      'p-http-1',
      fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' }),
    ).expect(201);
    const response = await post('p-http-1', body).expect(422);
    expect(response.body).toMatchObject({ ruleId, field, code: 'precondition-failed' });
    const after = await post(
      'p-http-1',
      fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' }),
    ).expect(201);
    expect(BigInt(after.body.revision)).toBe(BigInt(before.body.revision) + 1n);
  });

  it('records Min Plan and a joint recommendation, and shows the jobcentre’s decision as its deadline', async () => {
    await start('p-http-rec', 'akasse-hk');
    await post(
      'p-http-rec',
      fact('JobInterviewHeld', interview({ heldOn: '2024-03-15', minPlanPrepared: false })),
    ).expect(201);
    await post(
      'p-http-rec',
      fact('MinPlanPrepared', { preparedOn: '2024-03-15', by: 'akasse', jobGoals: ['warehouse worker'] }),
    ).expect(201);
    await post(
      'p-http-rec',
      fact('JointRecommendationSent', {
        ...FACT_TYPES.JointRecommendationSent.example,
        sentOn: '2024-03-18',
      }),
    ).expect(201);
    const open = await deadlines('p-http-rec').expect(200);
    expect(open.body.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'C24-MINPLAN', status: 'met' }),
        expect.objectContaining({ ruleId: 'C24-REC', owner: 'jobcenter', dueOn: null, status: 'open' }),
      ]),
    );
    const answer = {
      ...FACT_TYPES.JointRecommendationAnswered.example,
      answeredOn: '2024-03-19',
      personNotifiedOn: '2024-03-19',
      akasseToldOn: null,
    };
    await post('p-http-rec', fact('JointRecommendationAnswered', answer)).expect(422); // recorded by the a-kasse
    await post('p-http-rec', fact('JointRecommendationAnswered', answer, { recordedBy: 'jobcenter' })).expect(
      201,
    );
    const after = await deadlines('p-http-rec').expect(200);
    const rec = after.body.deadlines.filter((o: { ruleId: string }) => o.ruleId === 'C24-REC');
    expect(rec).toEqual([
      expect.objectContaining({ status: 'met' }),
      expect.objectContaining({
        dueOn: '2024-03-19',
        status: 'overdue',
        note: expect.stringContaining('a-kasse'),
      }),
    ]);
  });

  it('refuses a Min Plan part written by the wrong party, naming the rule and the part', async () => {
    await start('p-http-plan', 'akasse-hk');
    await post(
      'p-http-plan',
      fact('MinPlanPrepared', { preparedOn: '2024-03-15', by: 'akasse', jobGoals: ['cook'] }),
    ).expect(201);
    const response = await post(
      'p-http-plan',
      fact(
        'MinPlanRevised',
        {
          revisedOn: '2024-03-19',
          by: 'jobcenter',
          reason: 'new requirements',
          jobSearchRequirements: ['3 a week'],
        },
        { recordedBy: 'jobcenter' },
      ),
    ).expect(422);
    expect(response.body).toMatchObject({ ruleId: 'C24-JSR', field: 'jobSearchRequirements' });
    const noGoals = await post(
      'p-http-plan',
      fact('MinPlanPrepared', { preparedOn: '2024-03-15', by: 'akasse' }),
    ).expect(400);
    expect(noGoals.body.message.join('\n')).toContain('data.jobGoals');
  });

  it('answers 409 when expectedRevision is stale, and stores nothing', async () => {
    const response = await post(
      'p-http-1',
      fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' }, { expectedRevision: '1' }),
    ).expect(409);
    expect(response.body).toMatchObject({ field: 'expectedRevision', code: 'wrong-expected-revision' });
  });

  it('gives 404 for a person with no facts (to an auditor: a caseworker is refused any person not its own)', async () => {
    await client('auditor', 'audit').get('/persons/p-nobody/deadlines').expect(404);
    await deadlines('p-nobody').expect(403);
  });

  it('lists worklists per a-kasse and per jobcentre, sorted by due date', async () => {
    await start('p-http-2');
    await start('p-http-3', 'akasse-krifa');
    const akasse = client('akasse-caseworker', 'akasse-3f');
    const overdue = await akasse.get('/worklists/akasser/akasse-3f?kind=overdue&pageSize=100').expect(200);
    const firsts = overdue.body.items
      .filter((i: { ruleId: string }) => i.ruleId === 'C24-FIRST')
      .map((i: { personId: string }) => i.personId);
    expect(firsts).toEqual(['p-http-2']); // p-http-1 held its first interview (late, so it is missed, not overdue)
    const dues = overdue.body.items.map((i: { dueOn: string }) => i.dueOn);
    expect([...dues].sort()).toEqual(dues);
    const jobcentre = await client('jobcenter-caseworker', 'jc-101')
      .get('/worklists/jobcentres/jc-101?kind=open')
      .expect(200);
    // Everyone registered at jc-101 has open jobcentre obligations (C24-JC3, C24-M16 on their hour thresholds).
    expect([...new Set(jobcentre.body.items.map((i: { personId: string }) => i.personId))]).toEqual(
      expect.arrayContaining(['p-http-1', 'p-http-2', 'p-http-3']),
    );
    await akasse.get('/worklists/akasser/akasse-3f?kind=sometime').expect(400);
  });

  it('documents every fact type with an example at /docs', async () => {
    const doc = await request(app.getHttpServer()).get('/docs/json').expect(200); // public: no token
    const examples =
      doc.body.paths['/persons/{personId}/facts'].post.requestBody.content['application/json'].examples;
    expect(Object.keys(examples).sort()).toEqual(Object.keys(FACT_TYPES).sort());
    now = new Date('2024-03-21T09:00:00Z');
  });

  describe('when the same request arrives many times at once', () => {
    it('stores it once and answers each repeat as the duplicate it is', async () => {
      await start('p-http-race');
      const body = fact('JobInterviewHeld', interview());
      const answers = await Promise.all(Array.from({ length: 20 }, () => post('p-http-race', body)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
      expect(answers.map((a) => a.body.duplicate).sort()).toEqual([false, ...Array(19).fill(true)]);
      expect(new Set(answers.map((a) => a.body.revision))).toEqual(new Set(['3']));
      const stored = (await app.get(Recorder).load('p-http-race')).facts;
      expect(stored.filter((f) => f.eventId === body.eventId)).toHaveLength(1);
    });
  });

  describe('when another write comes in between reading the record and storing a fact', () => {
    it('refuses it as a conflict with that write, not with a revision the client never sent', async () => {
      await start('p-http-between');
      const recorder = app.get(Recorder);
      const readBefore = await recorder.load('p-http-between');
      await post('p-http-between', fact('CvMarkedComplete', { markedOn: '2024-03-12', by: 'akasse' })).expect(
        201,
      );
      const late = recorder.record(
        'p-http-between',
        {
          type: 'MarkCvComplete',
          recordedBy: 'akasse',
          data: { markedOn: '2024-03-13', by: 'akasse' },
        } as never,
        { eventId: randomUUID(), actor: ACTOR, correlationId: randomUUID(), causationId: null },
        readBefore,
      );
      await expect(late).rejects.toBeInstanceOf(ConcurrentWriteError);
      await expect(late).rejects.toMatchObject({ actual: 3n });
    });
  });
});
