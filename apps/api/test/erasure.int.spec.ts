import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { contactProcessStream } from '@app/contact-process';
import { DeadlinesProjection, type DeadlinesReadModel } from '@app/deadlines';
import { EventStore, type EventStoreConnection } from '@app/event-store';
import type { KeyManagement } from '@app/personal-data';
import { headPosition, openSqliteReadModel, ProjectionRunner, type Projection } from '@app/projections';
import { SupervisionProjection, type SupervisionReadModel } from '@app/supervision';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { EVENT_STORE_CONNECTION, PERSON_KEYRING } from '../src/event-store.module';
import { SupervisionReadSide } from '../src/supervision/supervision.providers';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

jest.setTimeout(120_000);

/** What only the erased person's facts say: none of it may be readable after the erasure. */
const PERSONAL = {
  birthDate: '1983-07-19',
  jobGoal: 'tømrer hos Jensens Tømrerfirma',
  recommendation: 'praktik hos Jensens Tømrerfirma, som Mette selv har fundet',
  cpr: '190783-4417',
};

/**
 * Issue #7 item 5: "forget this person" destroys the person's key (crypto-shredding), records the erasure and
 * purges the read models; replays still run over the unreadable fields and STAR's figures stay the same.
 */
describe('erasure by crypto-shredding', () => {
  let app: INestApplication;
  const clock = { now: () => new Date('2026-10-15T10:00:00Z') };
  let system: Client;
  let analyst: Client;
  let caseworker: Client;
  let gone: string;
  const kept = 'p-kept';
  let figuresBefore: unknown;

  /** Placed in 2024-02, 410 hours registered on 5 May: handed over at the end of May with `interviews` held. */
  async function handedOver(
    personId: string,
    birthDate: string,
    interviews: number,
    extra: Array<ReturnType<typeof fact>> = [],
  ) {
    const bodies = [
      fact('PersonFactsRecorded', { birthDate }),
      fact('PlacedInBenefitPeriod', {
        benefitPeriodId: `bp-${personId}`,
        akasseId: 'akasse-3f',
        placedOn: '2024-02-01',
      }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-02-02', jobcenterId: 'jc-101' }),
      ...['2024-02-10', '2024-02-20', '2024-03-10']
        .slice(0, interviews)
        .map((heldOn, i) => fact('JobInterviewHeld', { interviewId: `i-${i}`, heldOn, heldBy: 'akasse' })),
      ...extra,
      fact('BenefitHoursReported', {
        month: '2024-04',
        benefitHours: 410,
        wageSubsidyHours: 0,
        registeredOn: '2024-05-05',
      }),
    ];
    for (const body of bodies) {
      const client = body.recordedBy === 'jobcenter' ? await as(app, integrationOf('jc-101')) : system;
      const response = await client.post(`/persons/${personId}/facts`).send(body);
      if (response.status !== 201) throw new Error(`${body.factType}: ${JSON.stringify(response.body)}`);
    }
  }

  const figures = async () => ({
    akasse: (await analyst.get('/supervision/akasser/akasse-3f').expect(200)).body,
    akasser: (await analyst.get('/supervision/akasser').expect(200)).body,
    jobcentres: (await analyst.get('/supervision/jobcentres').expect(200)).body,
  });
  const caughtUp = async () => {
    await app.get(SupervisionReadSide).caughtUp();
    const head = await headPosition(app.get(EventStore));
    if (head) await app.get(DeadlinesReadSide).runner.waitFor(head);
  };
  /** The stream as stored, read without the keyring: what a copy of the event store reveals. */
  const storedText = async (personId: string) => {
    const raw = EventStore.fromConnectionString(
      app.get<EventStoreConnection>(EVENT_STORE_CONNECTION).connectionString,
    );
    try {
      const events = await raw.readStream(contactProcessStream(personId));
      return JSON.stringify(events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })));
    } finally {
      await raw.close();
    }
  };

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    system = await as(app, integrationOf('akasse-3f'));
    analyst = await as(app, { role: 'star-analyst', org: 'star' });
    caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    gone = (await system.post('/persons/identify').send({ cpr: PERSONAL.cpr }).expect(200)).body.personId;
    await handedOver(kept, '1990-01-01', 3);
    // The erased person counts in the numerator: one a-kasse interview by the handover.
    await handedOver(gone, PERSONAL.birthDate, 1, [
      fact('MinPlanPrepared', { preparedOn: '2024-02-10', jobGoals: [PERSONAL.jobGoal] }),
      fact('JointRecommendationSent', { sentOn: '2024-02-12', description: PERSONAL.recommendation }),
    ]);
    await caughtUp();
    figuresBefore = await figures();
  });
  afterAll(() => app.close());

  it('stores personal fields encrypted from the start: a copy of the event store reveals none of them', async () => {
    const stored = await storedText(gone);
    expect(stored).toContain('$personal');
    expect(stored).toContain('2024-02-01'); // what is not personal stays readable
    for (const text of [PERSONAL.birthDate, 'Jensens', PERSONAL.cpr]) expect(stored).not.toContain(text);
    expect((await caseworker.get(`/persons/${gone}/min-plan`).expect(200)).text).toContain(PERSONAL.jobGoal);
    expect(figuresBefore).toMatchObject({
      akasse: {
        months: expect.arrayContaining([
          expect.objectContaining({ month: '2024-05', population: 2, numerator: 1 }),
        ]),
      },
    });
  });

  it('is asked for by the person’s own a-kasse’s caseworker system only', async () => {
    const body = { eventId: randomUUID(), reason: 'data-subject-request' };
    const jobcentre = await as(app, integrationOf('jc-101'));
    expect((await jobcentre.post(`/persons/${gone}/erasure`).send(body).expect(403)).body.code).toBe(
      'not-for-this-role',
    );
    const other = await as(app, integrationOf('akasse-krifa'));
    expect((await other.post(`/persons/${gone}/erasure`).send(body).expect(403)).body.code).toBe(
      'not-own-person',
    );
    await caseworker.post(`/persons/${gone}/erasure`).send(body).expect(403);
    const bad = await system
      .post(`/persons/${gone}/erasure`)
      .send({ eventId: 'x', reason: 'tired' })
      .expect(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([expect.stringContaining('eventId'), expect.stringContaining('reason')]),
    );
    // Nothing happened: the person reads as before.
    await caseworker.get(`/persons/${gone}/deadlines`).expect(200);
  });

  describe('once the person is erased', () => {
    const eventId = randomUUID();
    beforeAll(async () => {
      const erased = await system
        .post(`/persons/${gone}/erasure`)
        .send({ eventId, reason: 'data-subject-request' })
        .expect(200);
      expect(erased.body).toMatchObject({
        personId: gone,
        duplicate: false,
        events: [{ type: 'PersonErased', eventId }],
      });
      await caughtUp();
    });

    it('has destroyed the key; a repeated request repeats nothing, a new one is told the person is gone', async () => {
      await expect(app.get<KeyManagement>(PERSON_KEYRING).find(gone)).resolves.toBe('destroyed');
      const again = await system
        .post(`/persons/${gone}/erasure`)
        .send({ eventId, reason: 'data-subject-request' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ duplicate: true, events: [] });
      const anew = await system
        .post(`/persons/${gone}/erasure`)
        .send({ eventId: randomUUID(), reason: 'data-subject-request' })
        .expect(410);
      expect(anew.body.code).toBe('person-erased');
    });

    it('leaves the facts unreadable: personal fields null, every event marked erased, the rest intact', async () => {
      const events = await app.get(EventStore).readStream(contactProcessStream(gone));
      expect(events.every((e) => e.erased)).toBe(true);
      const facts = events.find((e) => e.type === 'PersonFactsRecorded')!.data as Record<string, unknown>;
      expect(facts.birthDate).toBeNull();
      const plan = events.find((e) => e.type === 'MinPlanPrepared')!.data as Record<string, unknown>;
      expect(plan).toMatchObject({ jobGoals: null, preparedOn: '2024-02-10', by: 'akasse' });
      expect(events.at(-1)).toMatchObject({ type: 'PersonErased', data: { reason: 'data-subject-request' } });
      const stored = await storedText(gone);
      for (const text of [PERSONAL.birthDate, 'Jensens']) expect(stored).not.toContain(text);
    });

    it('answers 410 to whoever could see the person, 403 to whoever could not, and records nothing more', async () => {
      for (const path of ['deadlines', 'history', 'min-plan']) {
        const response = await caseworker.get(`/persons/${gone}/${path}`).expect(410);
        expect(response.body).toMatchObject({ code: 'person-erased', erasedOn: '2026-10-15' });
        expect(response.text).not.toContain('Jensens');
      }
      // Who read the person's data before stays accountable: the access log is kept and still listed.
      const log = await caseworker.get(`/persons/${gone}/access-log`).expect(200);
      expect(log.body.entries.length).toBeGreaterThan(0);
      const other = await as(app, { role: 'akasse-caseworker', org: 'akasse-krifa' });
      await other.get(`/persons/${gone}/deadlines`).expect(403);
      const late = await system
        .post(`/persons/${gone}/facts`)
        .send(fact('JobInterviewHeld', { interviewId: 'i-late', heldOn: '2024-06-01', heldBy: 'akasse' }))
        .expect(410);
      expect(late.body.code).toBe('person-erased');
      // Nor is the CPR number taken in again under the erased person's id.
      await system.post('/persons/identify').send({ cpr: PERSONAL.cpr }).expect(410);
    });

    it('purges the person from the deadlines read model and the worklists; others stay', async () => {
      const db = app.get(DeadlinesReadSide).db;
      const rows = async (personId: string) =>
        (await db.selectFrom('deadlines').select('person_id').where('person_id', '=', personId).execute())
          .length;
      expect(await rows(gone)).toBe(0);
      expect(await rows(kept)).toBeGreaterThan(0);
      const worklist = await caseworker.get('/worklists/akasser/akasse-3f?kind=open').expect(200);
      expect(worklist.text).not.toContain(gone);
    });

    it('keeps STAR’s figures exactly as they were', async () => {
      expect(await figures()).toEqual(figuresBefore);
    });

    it('rebuilds both projections from $all over the unreadable facts: the same figures, no trace of the person', async () => {
      const store = app.get(EventStore);
      const rebuild = async <DB>(projection: Projection<DB>) => {
        const db = openSqliteReadModel<DB & DeadlinesReadModel & SupervisionReadModel>({
          sqlitePath: ':memory:',
        });
        const runner = new ProjectionRunner(store, db as never, projection);
        await runner.start();
        await runner.waitFor((await headPosition(store))!);
        await runner.stop();
        return db;
      };
      const deadlines = await rebuild(new DeadlinesProjection(store));
      const supervision = await rebuild(new SupervisionProjection(store));
      try {
        const deadlineRows = await deadlines.selectFrom('deadlines').select('person_id').execute();
        expect(deadlineRows.some((r) => r.person_id === gone)).toBe(false);
        expect(deadlineRows.some((r) => r.person_id === kept)).toBe(true);
        const months = (db: typeof supervision) =>
          db
            .selectFrom('supervision_months')
            .selectAll()
            .orderBy('measure')
            .orderBy('organisation_id')
            .orderBy('month')
            .execute();
        expect(await months(supervision)).toEqual(await months(app.get(SupervisionReadSide).db as never));
        expect(await months(supervision)).toContainEqual(
          expect.objectContaining({ measure: 'akasse', month: '2024-05', population: 2, numerator: 1 }),
        );
      } finally {
        await deadlines.destroy();
        await supervision.destroy();
      }
    });
  });
});
