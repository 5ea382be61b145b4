import { Logger, type INestApplication } from '@nestjs/common';
import type { EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { as, createTestApp, integrationOf, type Client, fact } from './test-app';

/** Every spelling of the test CPR numbers that must never leave the edge. */
const CPR_TRACES = /010190-?1234|020285-?4321|320190-?1234/;

describe('CPR numbers at the edge only', () => {
  let app: INestApplication;
  let system: Client;
  let caseworker: Client;
  const logged: string[] = [];
  const answers: string[] = [];
  const remember = <T extends { text: string }>(response: T) => {
    answers.push(response.text);
    return response;
  };

  beforeAll(async () => {
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose'] as const)
      jest
        .spyOn(Logger.prototype, level)
        .mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    app = await createTestApp({ clock: { now: () => new Date('2024-03-20T09:00:00Z') } });
    system = await as(app, integrationOf('akasse-3f'));
    caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  const identify = (cpr: unknown, client = system) => client.post('/persons/identify').send({ cpr });

  it('exchanges a CPR number for an opaque person id, the same whichever way it is written', async () => {
    const dashed = remember(await identify('010190-1234').expect(200));
    const plain = remember(await identify('0101901234').expect(200));
    const other = remember(await identify('020285-4321').expect(200));
    expect(dashed.body.personId).toMatch(/^p-[A-Za-z0-9_-]{32}$/);
    expect(plain.body.personId).toBe(dashed.body.personId);
    expect(other.body.personId).not.toBe(dashed.body.personId);

    const personId = dashed.body.personId as string;
    for (const body of [
      fact('PersonFactsRecorded'),
      fact('PlacedInBenefitPeriod', { akasseId: 'akasse-3f', placedOn: '2024-03-01' }),
    ])
      remember(await system.post(`/persons/${personId}/facts`).send(body).expect(201));
    remember(await caseworker.get(`/persons/${personId}/deadlines`).expect(200));
    // The lookup is itself in the person's access log.
    const log = remember(await caseworker.get(`/persons/${personId}/access-log`).expect(200));
    expect(log.body.entries[0]).toMatchObject({
      endpoint: 'POST /persons/identify',
      basis: 'identified by CPR number',
    });
  });

  it('refuses a malformed CPR number without repeating it, and anyone but a caseworker system', async () => {
    const bad = remember(await identify('320190-1234').expect(400));
    expect(bad.body.message).toEqual(['cpr must be a CPR number, DDMMYY-SSSS']);
    remember(await identify(101901234).expect(400));
    remember(await identify('010190-1234', caseworker).expect(403));
    remember(await system.post('/persons/identify').send({ cpr: '010190-1234', name: 'x' }).expect(400));
  });

  it('refuses a CPR number in a URL or as an unknown field, without repeating it', async () => {
    remember(await caseworker.get('/persons/010190-1234/deadlines').expect(400));
    remember(await system.post('/persons/0101901234/facts').send(fact('PersonFactsRecorded')).expect(400));
    remember(
      await system
        .post('/persons/p-1/facts')
        .send({ ...fact('PersonFactsRecorded'), cpr: '010190-1234' })
        .expect(400),
    );
  });

  it('refuses a CPR number written into a fact’s text, naming the field', async () => {
    const refusal = remember(
      await system
        .post('/persons/p-text/facts')
        .send(
          fact('InterviewDutyExempted', {
            reason: 'the member (cpr 0101901234) starts a job on 2026-08-03',
          }),
        )
        .expect(400),
    );
    expect(refusal.body.message).toEqual([
      'data.reason must not contain a CPR number (identify persons with POST /persons/identify)',
    ]);
  });

  it('leaves no trace of a CPR number in stream names, event data or metadata, logs or answers', async () => {
    const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    const stored: string[] = [];
    for await (const event of store.readAll())
      stored.push(
        `${event.streamName} ${JSON.stringify(event.data)} ${JSON.stringify(event.metadata ?? null)}`,
      );
    expect(stored.some((s) => s.startsWith('person-identity-p-'))).toBe(true);
    expect(stored.filter((s) => CPR_TRACES.test(s))).toEqual([]);
    expect(logged.filter((s) => CPR_TRACES.test(s))).toEqual([]);
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((s) => CPR_TRACES.test(s))).toEqual([]);
  });
});
