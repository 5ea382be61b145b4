import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Kysely } from 'kysely';
import request from 'supertest';
import { DeadlinesProjection } from '@app/deadlines';
import { EventStore, type Position } from '@app/event-store';
import { headPosition } from '@app/projections';
import { SupervisionProjection } from '@app/supervision';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { DeadlineSweeper } from '../src/contact-process/deadline-sweeper';
import { SupervisionReadSide } from '../src/supervision/supervision.providers';
import { eventually } from '../../../test/support/eventually';
import { freshRebuild, rowsOf } from '../../../test/support/read-models';
import { exited, spawnNodeProcess, type NodeProcess } from '../../../test/support/node-process';
import { as, createTestApp, fact, factRecorder } from './test-app';

jest.setTimeout(120_000);

/** Every request in this spec is bounded: one that hangs fails the spec instead of holding it. */
const BOUND = { response: 10_000, deadline: 15_000 };

describe('the API through an outage of the event store (a node run as its own process)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sagsforloeb-resilience-'));
  const nodeEnv = (port: number) => ({
    EVENTSTORE_DATA_DIR: join(folder, 'node'),
    EVENTSTORE_PORT: String(port),
  });
  let node: NodeProcess;
  let app: INestApplication;
  let record: Awaited<ReturnType<typeof factRecorder>>;
  let port: number;
  const persons = ['p-outage-1', 'p-outage-2', 'p-outage-3'];
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    node = await spawnNodeProcess(nodeEnv(0));
    port = Number(new URL(node.connectionString.replace(/^esdb:/, 'http:')).port);
    app = await createTestApp({
      eventStore: {
        connectionString: node.connectionString,
        dataDir: ':memory:',
        host: '127.0.0.1',
        port: 0,
      },
      readModel: { sqlitePath: join(folder, 'read-models.sqlite') },
      clock: { now: () => new Date('2024-03-25T09:00:00Z') },
    });
    record = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
  });
  afterAll(async () => {
    await app?.close();
    node?.child.kill('SIGTERM');
    if (node) await exited(node.child);
    rmSync(folder, { recursive: true, force: true });
  });

  const startPerson = async (personId: string) => {
    for (const body of [
      fact('PersonFactsRecorded'),
      fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01', benefitPeriodId: `bp-${personId}` }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
    ])
      await record(`/persons/${personId}/facts`, body).timeout(BOUND).expect(201);
  };

  it('serves, refuses with 503 while the node is away, and resumes where it stopped once it is back', async () => {
    for (const personId of persons) await startPerson(personId);
    await http().get('/health/ready').timeout(BOUND).expect(200);
    const deadlines = app.get(DeadlinesReadSide).runner;
    const supervision = app.get(SupervisionReadSide).runner;
    const before = {
      deadlines: deadlines.status().checkpoint!,
      supervision: supervision.status().checkpoint!,
    };
    const store = app.get(EventStore);
    const subscribe = jest.spyOn(store, 'subscribeToAll');

    // The node is killed: no goodbye to its clients.
    node.child.kill('SIGKILL');
    await exited(node.child);

    const ready = await http().get('/health/ready').timeout(BOUND).expect(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect(ready.body.reasons).toContain('the event store does not answer');
    await http().get('/health/live').timeout(BOUND).expect(200);
    const health = await http().get('/health').timeout(BOUND).expect(503);
    expect(JSON.stringify(health.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);

    const whileAway = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        record(
          `/persons/${persons[i % persons.length]}/facts`,
          fact('CvMarkedComplete', { markedOn: '2024-03-20' }),
        )
          .timeout(BOUND)
          .then((r) => r),
      ),
    );
    for (const answer of whileAway) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBeDefined();
      expect(answer.body).toMatchObject({ code: 'event-store-unavailable' });
      expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    }
    // A read is logged in the person's access log before it is answered: without the store, it is refused too.
    const caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    const read = await caseworker.get(`/persons/${persons[0]}/deadlines`).timeout(BOUND);
    expect({ status: read.status, retryAfter: read.headers['retry-after'] }).toEqual({
      status: 503,
      retryAfter: '5',
    });
    await eventually(
      () => deadlines.status().state === 'retrying' && supervision.status().state === 'retrying',
      'both projections to notice the outage',
    );
    expect(deadlines.status().lastError).not.toBeNull();
    const sweeper = app.get(DeadlineSweeper);
    await expect(sweeper.sweep()).rejects.toThrow();
    expect(sweeper.status().lastError).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);

    // Back on the same data folder and port.
    node = await spawnNodeProcess(nodeEnv(port));
    await eventually(
      async () => (await http().get('/health/ready').timeout(BOUND)).status === 200,
      '/health/ready to answer 200 again',
      60_000,
    );
    expect(deadlines.status()).toMatchObject({ state: 'running', lastError: null, caughtUp: true });
    expect(supervision.status()).toMatchObject({ state: 'running', lastError: null, caughtUp: true });
    // Each resubscribed from the checkpoint it had stored, not from the start of $all.
    const resubscribedFrom = subscribe.mock.calls.map(
      ([options]) => (options?.fromPosition as Position).commit,
    );
    expect(resubscribedFrom).toEqual(
      expect.arrayContaining([before.deadlines.commit, before.supervision.commit]),
    );
    expect(subscribe.mock.calls.map(([options]) => options?.fromPosition)).not.toContain('start');

    // Writes go through again; the sweep too.
    for (const personId of persons)
      await record(`/persons/${personId}/facts`, fact('CvMarkedComplete', { markedOn: '2024-03-20' }))
        .timeout(BOUND)
        .expect(201);
    await startPerson('p-after-outage');
    expect((await sweeper.sweep()).recorded).toBeGreaterThan(0);
    expect(sweeper.status().lastError).toBeNull();

    // The read models then hold exactly what a fresh rebuild from $all holds, row for row.
    const head = (await headPosition(store))!;
    await deadlines.waitFor(head);
    await supervision.waitFor(head);
    const live = await rowsOf(
      app.get(DeadlinesReadSide).db as unknown as Kysely<unknown>,
      new DeadlinesProjection(store).tables,
    );
    expect(live.deadlines.length).toBeGreaterThan(0);
    expect(live).toEqual(await freshRebuild(store, new DeadlinesProjection(store), head));
    const liveSupervision = await rowsOf(
      app.get(SupervisionReadSide).db as unknown as Kysely<unknown>,
      new SupervisionProjection(store).tables,
    );
    expect(liveSupervision.supervision_person_states.length).toBeGreaterThan(0);
    expect(liveSupervision).toEqual(await freshRebuild(store, new SupervisionProjection(store), head));
  });
});
