import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EventStore } from '@app/event-store';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { LiveProjections } from '../src/projections/live-projections.module';
import { SupervisionReadSide } from '../src/supervision/supervision.providers';
import { AccessLogReadSide } from '../src/access/access-log.read-side';
import { eventually } from '../../../test/support/eventually';
import { exited, spawnNodeProcess, type NodeProcess } from '../../../test/support/node-process';
import { as, createTestApp, fact, factRecorder } from './test-app';

// The thread compiles its modules through ts-node when it starts: slow on a loaded 2-core machine.
jest.setTimeout(180_000);

/** Every request bounded: one that hangs fails the spec instead of holding it. */
const BOUND = { response: 10_000, deadline: 15_000 };

/** Read models and keyring in files another thread can open: the default layout, projections in the thread. */
const sharedFiles = (folder: string) => ({
  readModel: { sqlitePath: join(folder, 'read-models.sqlite') },
  personalData: { keyringPath: join(folder, 'person-keys.sqlite'), secret: randomBytes(32) },
});

const registered = (personId: string) => [
  fact('PersonFactsRecorded'),
  fact('PlacedInBenefitPeriod', { placedOn: '2024-03-01', benefitPeriodId: `bp-${personId}` }),
  fact('RegisteredAsJobseeker', { registeredOn: '2024-03-04' }),
];

const runnersOf = (app: INestApplication) => [
  app.get(DeadlinesReadSide).runner,
  app.get(SupervisionReadSide).runner,
  app.get(AccessLogReadSide).runner,
];

describe('the live projections in the projection thread', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sagsforloeb-thread-'));
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp({
      ...sharedFiles(folder),
      clock: { now: () => new Date('2024-03-25T09:00:00Z') },
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs them in the thread, all three fed from one subscription, none on the event loop', async () => {
    const mainSubscriptions = jest.spyOn(app.get(EventStore), 'subscribeToAll');
    const record = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    for (const body of registered('p-thread-1')) await record('/persons/p-thread-1/facts', body).expect(201);
    const thread = app.get(LiveProjections).thread!;
    expect(thread).toBeDefined();
    await eventually(() => thread.stats().feed?.shared === 3, 'the thread to report its feed');

    expect(thread.stats().feed).toEqual({ storeSubscriptions: 1, shared: 3, direct: 0 });
    expect(mainSubscriptions).not.toHaveBeenCalled();
    for (const runner of runnersOf(app))
      expect(runner.status()).toMatchObject({ state: 'running', leading: true, lastError: null });
    mainSubscriptions.mockRestore();
  });

  it('reads its own write: the deadlines of a fact just recorded are there on the next request', async () => {
    const record = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    const caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    for (const personId of ['p-thread-2', 'p-thread-3']) {
      for (const body of registered(personId)) await record(`/persons/${personId}/facts`, body).expect(201);
      const read = await caseworker.get(`/persons/${personId}/deadlines`).expect(200);
      expect(read.body.deadlines.length).toBeGreaterThan(0);
    }
  });

  it('reports each projection on /health as the thread last told', async () => {
    const health = await request(app.getHttpServer()).get('/health').expect(200);
    const names = (health.body.projections as Array<{ name: string }>).map((p) => p.name);
    expect(names).toEqual(['deadlines', 'supervision', 'access_log']);
    expect(health.body.reasons).toEqual([]);
  });
});

describe('the projection thread through an outage of the event store', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sagsforloeb-thread-outage-'));
  const nodeEnv = (port: number) => ({
    EVENTSTORE_DATA_DIR: join(folder, 'node'),
    EVENTSTORE_PORT: String(port),
  });
  let node: NodeProcess;
  let app: INestApplication;

  beforeAll(async () => {
    node = await spawnNodeProcess(nodeEnv(0));
    app = await createTestApp({
      ...sharedFiles(folder),
      eventStore: {
        connectionString: node.connectionString,
        dataDir: ':memory:',
        host: '127.0.0.1',
        port: 0,
      },
      clock: { now: () => new Date('2024-03-25T09:00:00Z') },
    });
  });
  afterAll(async () => {
    await app?.close();
    node?.child.kill('SIGTERM');
    if (node) await exited(node.child);
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows each projection retrying while the node is away, and resumes from its checkpoint once it is back', async () => {
    const port = Number(new URL(node.connectionString.replace(/^esdb:/, 'http:')).port);
    const record = await factRecorder(app, { akasse: 'akasse-3f', jobcenter: 'jc-101' });
    for (const body of registered('p-outage-1'))
      await record('/persons/p-outage-1/facts', body).timeout(BOUND).expect(201);
    const [deadlines, supervision] = runnersOf(app);
    const before = deadlines.status().checkpoint!;

    node.child.kill('SIGKILL');
    await exited(node.child);
    await eventually(
      () => deadlines.status().state === 'retrying' && supervision.status().state === 'retrying',
      'the thread to report the outage',
    );
    const health = await request(app.getHttpServer()).get('/health').timeout(BOUND);
    expect(health.status).toBe(503);

    node = await spawnNodeProcess(nodeEnv(port));
    await eventually(
      async () => (await request(app.getHttpServer()).get('/health/ready').timeout(BOUND)).status === 200,
      '/health/ready to answer 200 again',
      60_000,
    );
    for (const runner of runnersOf(app))
      expect(runner.status()).toMatchObject({ state: 'running', lastError: null, caughtUp: true });
    expect(deadlines.status().checkpoint!.commit).toBeGreaterThanOrEqual(before.commit);

    const caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    for (const body of registered('p-outage-2'))
      await record('/persons/p-outage-2/facts', body).timeout(BOUND).expect(201);
    const read = await caseworker.get('/persons/p-outage-2/deadlines').timeout(BOUND).expect(200);
    expect(read.body.deadlines.length).toBeGreaterThan(0);
    await eventually(
      () => app.get(LiveProjections).thread!.stats().feed?.direct === 0,
      'every projection to share the read again',
    );
  });
});
