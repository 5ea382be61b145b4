import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DeadlineSweep } from '@app/deadlines';
import type { EventStoreConnection } from '@app/event-store';
import { localDate } from '@app/legal-time';
import { headPosition } from '@app/projections';
import { DeadlinesReadSide, Recorder } from '../src/contact-process/contact-process.providers';
import { DeadlineSweeper } from '../src/contact-process/deadline-sweeper';
import { EVENT_STORE_CONNECTION } from '../src/event-store.module';
import { as, createTestApp, integrationOf, type Client, fact } from './test-app';

describe('the deadline sweep: the system records deadlines that passed unmet', () => {
  let app: INestApplication;
  let now = new Date('2024-03-05T09:00:00Z');
  let system: Client;
  const post = (personId: string, body: object) =>
    system.post(`/persons/${personId}/facts`).send(body).expect(201);

  beforeAll(async () => {
    app = await createTestApp({ clock: { now: () => now } });
    system = await as(app, integrationOf('akasse-3f'));
    for (const personId of ['p-sweep-1', 'p-sweep-2']) {
      await post(personId, fact('PersonFactsRecorded', {}));
      await post(personId, fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01' }));
      await post(personId, fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }));
    }
    // p-sweep-2 meets its 14-day duties on time.
    await post('p-sweep-2', fact('JobInterviewHeld', { heldOn: '2024-03-05' }));
    await post('p-sweep-2', fact('CvMarkedComplete', { markedOn: '2024-03-05' }));
    await post('p-sweep-2', fact('JobSearchRequirementsSet', { setOn: '2024-03-05' }));
  });
  afterAll(() => app.close());

  it('appends DeadlineMissed once per passed deadline, naming the rule, as the system', async () => {
    const sweeper = app.get(DeadlineSweeper);
    expect(await sweeper.sweep()).toMatchObject({ asOf: '2024-03-05', recorded: 0 });

    now = new Date('2024-03-25T09:00:00Z');
    const first = await sweeper.sweep();
    expect(first).toMatchObject({ asOf: '2024-03-25', persons: 1, skipped: 0 });

    const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    const missed = (await store.readStream('contact-process-p-sweep-1')).filter(
      (e) => e.type === 'DeadlineMissed',
    );
    expect(missed.map((e) => (e.data as { ruleId: string }).ruleId).sort()).toEqual([
      'C24-CV',
      'C24-FIRST',
      'C24-JSR',
      'C24-MINPLAN',
    ]);
    expect(first.recorded).toBe(4);
    expect(missed[0]).toMatchObject({
      data: { dueOn: '2024-03-18', detectedOn: '2024-03-25' },
      metadata: { actor: { role: 'system', user: 'deadline-sweep' } },
    });
    const others = await store.readStream('contact-process-p-sweep-2');
    expect(others.filter((e) => e.type === 'DeadlineMissed')).toEqual([]);

    // The next sweep finds the same overdue duties but has nothing new to record.
    const again = await sweeper.sweep();
    expect(again).toMatchObject({ recorded: 0, persons: 0 });
    expect(again.candidates).toBeGreaterThan(0);
  });

  it('reports its last run on /health', async () => {
    const health = await request(app.getHttpServer()).get('/health').expect(200);
    expect(health.body.deadlineSweep).toMatchObject({
      intervalMinutes: 0,
      lastRun: { asOf: '2024-03-25' },
      lastError: null,
    });
    expect(health.body.projections).toEqual([
      expect.objectContaining({
        name: 'deadlines',
        caughtUp: true,
        lag: { events: 0, atLeast: false, seconds: 0 },
      }),
      expect.objectContaining({ name: 'supervision', lastError: null }),
      // Since #16 item 3 the access log per person is a projection too.
      expect.objectContaining({ name: 'access_log', lastError: null }),
    ]);
  });

  it('counts only what it appended when another sweep (another instance) runs at the same moment', async () => {
    const persons = ['p-race-1', 'p-race-2', 'p-race-3', 'p-race-4'];
    for (const personId of persons) {
      await post(personId, fact('PersonFactsRecorded', {}));
      await post(personId, fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01' }));
      await post(personId, fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }));
    }
    const { store } = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
    const readSide = app.get(DeadlinesReadSide);
    await readSide.runner.waitFor((await headPosition(store))!);
    // Two sweeps over one read model and one store, as two instances whose leases overlapped would run them.
    const sweep = () =>
      new DeadlineSweep(readSide.db, app.get(Recorder), readSide.sealing).run(localDate('2024-03-25'));
    const results = await Promise.all([sweep(), sweep()]);

    let missed = 0;
    for (const personId of persons)
      missed += (await store.readStream(`contact-process-${personId}`)).filter(
        (e) => e.type === 'DeadlineMissed',
      ).length;
    expect(missed).toBe(persons.length * 4);
    expect(results[0].recorded + results[1].recorded).toBe(missed);
  });
});
