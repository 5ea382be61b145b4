import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DeadlinesProjection } from '@app/deadlines';
import { EventStore, type Position } from '@app/event-store';
import { protectPersonalData, type ProtectedStore } from '@app/personal-data';
import { CONTACT_PROCESS_CATALOGUE } from '@app/contact-process';
import { headPosition, openReadModel, type Projection, type WithCheckpoints } from '@app/projections';
import { SupervisionProjection } from '@app/supervision';
import { secretsEnv, startApiProcess, type ApiProcess } from '../../../test/support/api-process';
import { eventually } from '../../../test/support/eventually';
import { exited, spawnNodeProcess, type NodeProcess } from '../../../test/support/node-process';
import { freshPostgresDatabase, type TestDatabase } from '../../../test/support/postgres';
import { freshRebuild, rowsOf } from '../../../test/support/read-models';
import { fact, integrationOf, TEST_AUTH, tokenFor, type Who } from './test-app';

// Three processes compiled by ts-node on a shared machine, a kill and a take-over.
jest.setTimeout(150_000);

const JOB_GOAL = 'lagerarbejder hos Brødrene Mortensens Lager';
const caseworker: Who = { role: 'akasse-caseworker', org: 'akasse-3f' };
const system = integrationOf('akasse-3f');
/** Every request is bounded: one that hangs fails the spec instead of holding it. */
const REQUEST_MS = 15_000;

interface ProjectionView {
  name: string;
  state: string;
  checkpoint: string | null;
}
interface HealthView {
  projections: ProjectionView[];
  deadlineSweep: {
    leading: boolean;
    lastRun: { recorded: number; skipped: number; candidates: number; startedAt: string } | null;
  };
}

/**
 * Issue #14 item 6: two API instances as their own processes, as an operator runs them — the embedded node
 * alone, one PostgreSQL for read models, leases and person keys, the same secrets — started at the same moment
 * on an empty database. What one writes the other reads; an erasure through one holds on the other; the deadline
 * sweep records each missed deadline once, whichever instance sweeps; a SIGKILL of the projection leader hands
 * its projections to the other, whose read model is then what a fresh rebuild from $all makes.
 */
describe('two API instances over one event-store node and one PostgreSQL', () => {
  let node: NodeProcess;
  let database: TestDatabase;
  let rebuildDatabase: TestDatabase;
  let instances: ApiProcess[] = [];
  let protectedStore: ProtectedStore;
  let rawStore: EventStore;
  const personalDataKey = randomBytes(32);

  beforeAll(async () => {
    [node, database, rebuildDatabase] = await Promise.all([
      spawnNodeProcess({ EVENTSTORE_DATA_DIR: ':memory:', EVENTSTORE_PORT: '0' }),
      freshPostgresDatabase('multi_instance'),
      freshPostgresDatabase('multi_instance_rebuild'),
    ]);
    if (TEST_AUTH.keys.kind !== 'key') throw new Error('the test key is a key');
    const env = {
      EVENTSTORE_CONNECTION_STRING: node.connectionString,
      READ_MODEL_DATABASE_URL: database.url,
      // 1.2 s between sweeps (the first 5 s after start), so the sweep runs many times during the spec.
      DEADLINE_SWEEP_INTERVAL_MINUTES: '0.02',
      ...secretsEnv({
        publicKey: TEST_AUTH.keys.key,
        issuer: TEST_AUTH.issuer,
        audience: TEST_AUTH.audience,
        personalDataKey,
        cprKey: randomBytes(32),
      }),
    };
    // Item 5: at the same moment, on a database with no table yet.
    // ts-node compiles both at once: on a loaded machine that takes longer than the harness's default wait.
    const start = () => startApiProcess(env, { startTimeoutMs: 90_000 });
    const starts = await Promise.allSettled([start(), start()]);
    instances = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
    const failed = starts.find((start): start is PromiseRejectedResult => start.status === 'rejected');
    if (failed) throw failed.reason;

    rawStore = EventStore.fromConnectionString(node.connectionString);
    protectedStore = await protectPersonalData(
      rawStore,
      {
        keyringPath: ':memory:',
        secret: personalDataKey,
        databaseUrl: database.url,
      },
      CONTACT_PROCESS_CATALOGUE,
    );
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop().catch(() => undefined);
    await protectedStore?.keyring.close();
    await rawStore?.close();
    node?.child.kill('SIGTERM');
    if (node) await exited(node.child);
    await database?.drop();
    await rebuildDatabase?.drop();
  });

  const call = async (
    instance: ApiProcess,
    who: Who,
    path: string,
    options: { body?: object; minPosition?: string } = {},
  ) => {
    const { body, minPosition } = options;
    const response = await fetch(`${instance.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${await tokenFor(who)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(minPosition ? { 'x-min-position': minPosition } : {}),
      },
      body: body && JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_MS),
    });
    return { status: response.status, text: await response.text() };
  };
  const json = (answer: { text: string }) => JSON.parse(answer.text) as Record<string, unknown>;

  /** Records `bodies` through `instance` as the a-kasse's system; answers the last recording's position. */
  const recordThrough = async (instance: ApiProcess, personId: string, bodies: object[]) => {
    let position = '';
    for (const body of bodies) {
      const answer = await call(instance, system, `/persons/${personId}/facts`, { body });
      if (answer.status !== 201) throw new Error(`${answer.status}: ${answer.text}`);
      position = json(answer).position as string;
    }
    return position;
  };
  /** Placed and registered in February 2024, so its first deadlines passed long ago: the sweep has work. */
  const placedLongAgo = (extra: object[] = []) => [
    fact('PersonFactsRecorded', { birthDate: '1988-08-08' }),
    fact('PlacedInBenefitPeriod', { benefitPeriodId: 'bp-1', akasseId: 'akasse-3f', placedOn: '2024-02-01' }),
    fact('RegisteredAsJobseeker', { registeredOn: '2024-02-02', jobcenterId: 'jc-101' }),
    ...extra,
  ];

  const health = async (instance: ApiProcess): Promise<HealthView> => {
    const response = await fetch(`${instance.url}/health`, { signal: AbortSignal.timeout(REQUEST_MS) });
    return (await response.json()) as HealthView;
  };
  const leads = (view: HealthView) =>
    view.projections.length > 0 && view.projections.every((projection) => projection.state === 'running');

  /** The sweep's own account in each instance's log: how many DeadlineMissed it says it appended. */
  const reportedBySweeps = () =>
    instances
      .flatMap((instance) => [...instance.output().matchAll(/(\d+) deadline\(s\) recorded as missed/g)])
      .reduce((sum, match) => sum + Number(match[1]), 0);
  const sweptBy = (instance: ApiProcess) => /deadline\(s\) recorded as missed/.test(instance.output());

  /** Every DeadlineMissed in $all, keyed by person, rule and due date. */
  const missedInStore = async () => {
    const keys: string[] = [];
    for await (const event of rawStore.readAll())
      if (event.type === 'DeadlineMissed') {
        const { ruleId, dueOn } = event.data as { ruleId: string; dueOn: string };
        keys.push(`${event.streamName} ${ruleId} ${dueOn}`);
      }
    return keys;
  };

  it('both come up when started at the same moment on an empty PostgreSQL, each projection led by one of them', async () => {
    expect(instances).toHaveLength(2);
    for (const instance of instances) {
      const ready = await fetch(`${instance.url}/health/ready`, { signal: AbortSignal.timeout(REQUEST_MS) });
      expect(ready.status).toBe(200);
    }
    await eventually(
      async () => {
        const views = await Promise.all(instances.map(health));
        return ['deadlines', 'supervision'].every(
          (name) =>
            views.filter((view) => view.projections.find((p) => p.name === name)?.state === 'running')
              .length === 1,
        );
      },
      'each projection to run on exactly one instance',
      30_000,
    );
  });

  it('reads through B, with X-Min-Position, the personal text written through A', async () => {
    const [a, b] = instances;
    const person = 'p-multi-shared';
    const position = await recordThrough(
      a,
      person,
      placedLongAgo([fact('MinPlanPrepared', { preparedOn: '2024-02-10', jobGoals: [JOB_GOAL] })]),
    );

    const planOnB = await call(b, caseworker, `/persons/${person}/min-plan`, { minPosition: position });
    expect(planOnB.status).toBe(200);
    expect(planOnB.text).toContain(JOB_GOAL);
    const planOnA = await call(a, caseworker, `/persons/${person}/min-plan`, { minPosition: position });
    expect(json(planOnB)).toEqual(json(planOnA));

    // The sweep may append DeadlineMissed or DeadlineDueSoon between the two reads: compare what A's system
    // recorded.
    const bySweep = new Set(['DeadlineMissed', 'DeadlineDueSoon']);
    const recorded = (answer: { text: string }) =>
      (json(answer).events as { type: string }[]).filter((event) => !bySweep.has(event.type));
    const historyOnB = await call(b, caseworker, `/persons/${person}/history`, { minPosition: position });
    const historyOnA = await call(a, caseworker, `/persons/${person}/history`, { minPosition: position });
    expect(historyOnB.status).toBe(200);
    expect(historyOnB.text).toContain(JOB_GOAL);
    expect(recorded(historyOnB)).toEqual(recorded(historyOnA));

    // The deadlines come from the shared read model: B waits until it includes A's write.
    const deadlinesOnB = await call(b, caseworker, `/persons/${person}/deadlines`, { minPosition: position });
    expect(deadlinesOnB.status).toBe(200);
    expect((json(deadlinesOnB).deadlines as unknown[]).length).toBeGreaterThan(0);
  });

  it('answers 410 on A for a person erased through B', async () => {
    const [a, b] = instances;
    const person = 'p-multi-erased';
    const position = await recordThrough(
      a,
      person,
      placedLongAgo([fact('MinPlanPrepared', { preparedOn: '2024-02-10', jobGoals: [JOB_GOAL] })]),
    );
    // A has opened the person's key (and may hold it in its cache) before B destroys it.
    expect((await call(a, caseworker, `/persons/${person}/min-plan`, { minPosition: position })).status).toBe(
      200,
    );

    const erasure = await call(b, system, `/persons/${person}/erasure`, {
      body: { eventId: randomUUID(), reason: 'data-subject-request' },
    });
    expect(erasure.status).toBe(200);

    for (const path of ['min-plan', 'history', 'deadlines']) {
      const onA = await call(a, caseworker, `/persons/${person}/${path}`);
      expect({ path, status: onA.status }).toEqual({ path, status: 410 });
      expect(json(onA)).toMatchObject({ code: 'person-erased' });
      expect(onA.text).not.toContain('Mortensens');
    }
  });

  let survivor: ApiProcess;

  it('hands the projections to the other instance when the leader is killed; its read model equals a fresh rebuild', async () => {
    // The sweep has recorded what had passed before the kill, so the kill interrupts no append.
    await eventually(
      async () => reportedBySweeps() > 0 && (await missedInStore()).length === reportedBySweeps(),
      'the sweep to record the deadlines missed so far',
      30_000,
    );
    const views = await Promise.all(instances.map(health));
    const leaderAt = views.findIndex((view) =>
      view.projections.some((p) => p.name === 'deadlines' && p.state === 'running'),
    );
    expect(leaderAt).toBeGreaterThanOrEqual(0);
    const leader = instances[leaderAt];
    survivor = instances[1 - leaderAt];
    // Until the kill the survivor only follows the deadlines projection: what it leads afterwards it took over.
    expect(views[1 - leaderAt].projections.find((p) => p.name === 'deadlines')?.state).toBe('following');

    const killedAt = Date.now();
    await leader.kill('SIGKILL');
    await eventually(
      async () => {
        const view = await health(survivor);
        return leads(view) && view.deadlineSweep.leading;
      },
      'the survivor to lead every projection and the sweep',
      30_000,
    );
    const takeOverMs = Date.now() - killedAt;
    console.log(
      `multi-instance: projections and sweep taken over ${takeOverMs} ms after SIGKILL of the leader`,
    );

    // The survivor projects (and sweeps) what is written after the kill.
    const position = await recordThrough(survivor, 'p-multi-after-kill', placedLongAgo());
    const deadlines = await call(survivor, caseworker, '/persons/p-multi-after-kill/deadlines', {
      minPosition: position,
    });
    expect(deadlines.status).toBe(200);
    await eventually(
      async () =>
        (await missedInStore()).some((key) => key.startsWith('contact-process-p-multi-after-kill ')),
      'the survivor to sweep the person written after the kill',
      30_000,
    );

    // Row for row what a runner makes from the start of $all, up to the same position.
    const compare = async <DB>(name: string, projection: Projection<DB>) => {
      const live = openReadModel<WithCheckpoints<DB>>({
        sqlitePath: ':memory:',
        databaseUrl: database.url,
        name,
      });
      try {
        for (let attempt = 0; attempt < 5; attempt++) {
          const head = (await headPosition(protectedStore.store))!;
          await eventually(
            async () =>
              BigInt((await health(survivor)).projections.find((p) => p.name === name)?.checkpoint ?? '-1') >=
              head.commit,
            `${name} on the survivor to reach ${head.commit}`,
            30_000,
          );
          const liveRows = await rowsOf(live as Kysely<unknown>, projection.tables);
          // A sweep appended meanwhile: the live rows may be past `head`, so take both again.
          if ((await headPosition(protectedStore.store))!.commit !== head.commit) continue;
          const rebuilt = await freshRebuild(protectedStore.store, projection, head as Position, () =>
            openReadModel<WithCheckpoints<DB>>({
              sqlitePath: ':memory:',
              databaseUrl: rebuildDatabase.url,
              name,
            }),
          );
          return { liveRows, rebuilt };
        }
        throw new Error(`$all kept moving while ${name} was compared`);
      } finally {
        await live.destroy();
      }
    };
    const deadlinesModel = await compare('deadlines', new DeadlinesProjection(protectedStore.store));
    expect(deadlinesModel.liveRows.deadlines.length).toBeGreaterThan(0);
    expect(deadlinesModel.liveRows).toEqual(deadlinesModel.rebuilt);
    const supervisionModel = await compare('supervision', new SupervisionProjection(protectedStore.store));
    expect(supervisionModel.liveRows.supervision_person_states.length).toBeGreaterThan(0);
    expect(supervisionModel.liveRows).toEqual(supervisionModel.rebuilt);
  });

  it('records each missed deadline once, whichever instance swept, and the sweeps report what is in the store', async () => {
    expect(sweptBy(survivor)).toBe(true);
    const missed = await missedInStore();
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.filter((key, i) => missed.indexOf(key) !== i)).toEqual([]);
    // The last append may be logged a moment after it is in the store.
    await eventually(
      () => reportedBySweeps() === missed.length,
      'the sweeps to log what they appended',
      10_000,
    ).catch(() => undefined);
    expect(reportedBySweeps()).toBe(missed.length);

    // A sweep after all of them were recorded finds the candidates again but counts none of them twice.
    const settledAt = new Date().toISOString();
    let lastRun: HealthView['deadlineSweep']['lastRun'] = null;
    await eventually(
      async () => {
        lastRun = (await health(survivor)).deadlineSweep.lastRun;
        return lastRun !== null && lastRun.startedAt > settledAt;
      },
      'a sweep on the survivor after the last append',
      15_000,
    );
    expect(lastRun).toMatchObject({ recorded: 0, skipped: 0 });
    expect(lastRun!.candidates).toBeGreaterThan(0);
    expect((await missedInStore()).length).toBe(missed.length);
    console.log(
      `multi-instance: ${missed.length} DeadlineMissed in the store; swept by ${
        instances.filter(sweptBy).length
      } instance(s)`,
    );
  });
});
