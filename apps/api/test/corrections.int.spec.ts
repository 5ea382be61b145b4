import type { INestApplication } from '@nestjs/common';
import { actorFor, as, createTestApp, integrationOf, type Client, fact } from './test-app';

const system = integrationOf('akasse-3f');
const actor = actorFor(system);

/**
 * Issue #6: a fact recorded in error is corrected or retracted by a new event that says so and why; the
 * deadlines (live read model and as-of replays) honour it, and the history shows both.
 */
describe('corrections without rewriting history', () => {
  let app: INestApplication;
  let now = new Date('2024-03-04T09:00:00Z');
  const clock = { now: () => now };
  let recorder: Client;
  let reader: Client;
  const first = async (person: string, query = '') => {
    const response = await reader.get(`/persons/${person}/deadlines${query}`).expect(200);
    return response.body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'C24-FIRST');
  };
  const registeredPerson = async (person: string) => {
    now = new Date('2024-03-04T09:00:00Z');
    for (const body of [
      fact('PersonFactsRecorded', {}),
      fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01' }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
    ])
      await recorder.post(`/persons/${person}/facts`).send(body).expect(201);
  };

  beforeAll(async () => {
    app = await createTestApp({
      clock,
      eventStore: { dataDir: ':memory:', host: '127.0.0.1', port: 0, clock },
    });
    recorder = await as(app, system);
    reader = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
  });
  afterAll(() => app.close());

  describe('given an interview recorded on the wrong person, when it is retracted', () => {
    const interview = fact('JobInterviewHeld', { interviewId: 'i-wrong', heldOn: '2024-03-12' });
    const retraction = fact('FactRetracted', {
      retractedEventId: interview.eventId,
      reason: 'recorded on the wrong person',
      retractedOn: '2024-03-26',
    });

    beforeAll(async () => {
      await registeredPerson('p-retract');
      now = new Date('2024-03-12T12:00:00Z');
      await recorder.post('/persons/p-retract/facts').send(interview).expect(201);
      now = new Date('2024-03-26T12:00:00Z');
      await recorder.post('/persons/p-retract/facts').send(retraction).expect(201);
    });

    it('the live deadlines no longer count it: the first interview is overdue', async () => {
      expect(await first('p-retract')).toMatchObject({ status: 'overdue', metBy: [] });
    });

    it('what was known before the retraction still shows it met', async () => {
      expect(await first('p-retract', '?asOf=2024-03-20&knownAt=2024-03-20')).toMatchObject({
        status: 'met',
        metBy: [interview.eventId],
      });
      expect(await first('p-retract', '?asOf=2024-03-20')).toMatchObject({ status: 'overdue' });
    });

    it('the history shows the fact, the retraction and why', async () => {
      const response = await reader.get('/persons/p-retract/history').expect(200);
      const events = response.body.events as Array<Record<string, unknown>>;
      expect(events.find((e) => e.eventId === interview.eventId)).toMatchObject({
        type: 'JobInterviewHeld',
        correctedBy: [
          { eventId: retraction.eventId, type: 'FactRetracted', reason: 'recorded on the wrong person' },
        ],
      });
      expect(events.find((e) => e.eventId === retraction.eventId)).toMatchObject({
        type: 'FactRetracted',
        actor,
        data: { retractedEventId: interview.eventId, factType: 'JobInterviewHeld' },
      });
    });

    it('refuses to retract it twice, and stores nothing', async () => {
      const before = await reader.get('/persons/p-retract/history').expect(200);
      const again = await recorder
        .post('/persons/p-retract/facts')
        .send(fact('FactRetracted', { retractedEventId: interview.eventId, retractedOn: '2024-03-26' }))
        .expect(422);
      expect(again.body).toMatchObject({
        field: 'retractedEventId',
        message: expect.stringMatching(/already/),
      });
      const after = await reader.get('/persons/p-retract/history').expect(200);
      expect(after.body.events).toHaveLength(before.body.events.length);
    });
  });

  describe('given an interview recorded with a wrong date, when it is corrected', () => {
    const interview = fact('JobInterviewHeld', { interviewId: 'i-typo', heldOn: '2024-03-21' });

    beforeAll(async () => {
      await registeredPerson('p-correct');
      now = new Date('2024-03-21T12:00:00Z');
      await recorder.post('/persons/p-correct/facts').send(interview).expect(201);
      now = new Date('2024-03-27T12:00:00Z');
    });

    it('refuses corrected details that break a rule, naming the field inside data', async () => {
      const response = await recorder
        .post('/persons/p-correct/facts')
        .send(
          fact('FactCorrected', {
            correctedEventId: interview.eventId,
            factType: 'JobInterviewHeld',
            correctedOn: '2024-03-27',
            data: { ...interview.data, heldOn: '2024-03-01' },
          }),
        )
        .expect(422);
      expect(response.body).toMatchObject({ field: 'data.heldOn' });
    });

    it('refuses malformed corrected details with 400', async () => {
      const response = await recorder
        .post('/persons/p-correct/facts')
        .send(
          fact('FactCorrected', {
            correctedEventId: interview.eventId,
            factType: 'JobInterviewHeld',
            data: { ...interview.data, form: 'carrier-pigeon' },
          }),
        )
        .expect(400);
      expect(response.body.message).toEqual([expect.stringMatching(/^data\.data\.form must be one of/)]);
    });

    it('the deadlines use the corrected date: held on the 15th, the deadline of the 18th was met', async () => {
      expect(await first('p-correct')).toMatchObject({ status: 'missed' });
      await recorder
        .post('/persons/p-correct/facts')
        .send(
          fact('FactCorrected', {
            correctedEventId: interview.eventId,
            factType: 'JobInterviewHeld',
            reason: 'the date was typed wrong',
            correctedOn: '2024-03-27',
            data: { ...interview.data, heldOn: '2024-03-15' },
          }),
        )
        .expect(201);
      expect(await first('p-correct')).toMatchObject({ status: 'met', metBy: [interview.eventId] });
      expect(await first('p-correct', '?asOf=2024-03-30&knownAt=2024-03-26')).toMatchObject({
        status: 'missed',
      });
    });
  });
});
