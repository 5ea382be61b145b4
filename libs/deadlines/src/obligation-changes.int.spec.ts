import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ContactProcessRecorder, type RecordCommand } from '@app/contact-process';
import { aPerson, interview } from '@app/contact-process/testing';
import { connectEventStore, type EventStoreConnection } from '@app/event-store';
import { localDate } from '@app/legal-time';
import { headPosition, ProjectionRunner, type WithCheckpoints } from '@app/projections';
import {
  freshRebuild,
  READ_MODEL_DIALECTS,
  rowsOf,
  testReadModels,
  type TestReadModels,
} from '../../../test/support/read-models';
import { DeadlinesProjection } from './deadlines.projection';
import type { DeadlinesDatabase } from './deadlines.tables';
import { obligationFeedPage, OBLIGATION_CHANGES, type ObligationChangesDatabase } from './obligation-changes';

const d = localDate;
const actor = { organisation: 'akasse-3f', role: 'integration', user: 'sys-1' };

describe.each(READ_MODEL_DIALECTS)('the obligation change log, read model in %s', (dialect) => {
  let readModels: TestReadModels;
  let connection: EventStoreConnection;
  let db: Kysely<WithCheckpoints<DeadlinesDatabase>>;
  let runner: ProjectionRunner<DeadlinesDatabase>;
  let recorder: ContactProcessRecorder;

  async function record(personId: string, command: RecordCommand) {
    const result = await recorder.record(personId, command, {
      eventId: randomUUID(),
      actor,
      correlationId: randomUUID(),
      causationId: null,
    });
    if (result.position) await runner.waitFor(result.position);
    return result;
  }
  const feed = (organisation: 'akasse' | 'jobcenter', organisationId: string) =>
    obligationFeedPage(db as unknown as Kysely<ObligationChangesDatabase>, {
      organisation,
      organisationId,
      limit: 1000,
    });

  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    readModels = await testReadModels(dialect);
    db = readModels.open<WithCheckpoints<DeadlinesDatabase>>('deadlines');
    // Committed event by event as they come: a rebuild below takes them all in one batch.
    runner = new ProjectionRunner(connection.store, db, new DeadlinesProjection(connection.store));
    recorder = new ContactProcessRecorder(connection.store, { now: () => new Date('2024-03-20T10:00:00Z') });
    await runner.start();

    await record('p-1', { type: 'RecordPersonFacts', recordedBy: 'akasse', data: aPerson().data });
    await record('p-1', {
      type: 'PlaceInBenefitPeriod',
      recordedBy: 'akasse',
      data: {
        benefitPeriodId: 'bp-1',
        akasseId: 'akasse-3f',
        insurance: 'full-time',
        placedOn: d('2024-03-01'),
        continuingPlacement: false,
      },
    });
    await record('p-1', {
      type: 'RegisterAsJobseeker',
      recordedBy: 'akasse',
      data: { registeredOn: d('2024-03-04'), jobcenterId: 'jc-101' },
    });
    const held = await record('p-1', {
      type: 'RecordJobInterview',
      recordedBy: 'akasse',
      data: interview('2024-03-15', { interviewId: 'i-1', minPlanPrepared: true, joblogReviewed: true }).data,
    });
    await record('p-1', {
      type: 'RetractFact',
      recordedBy: 'akasse',
      data: {
        retractedEventId: held.events[0].eventId,
        reason: 'wrong person',
        retractedOn: d('2024-03-16'),
      },
    });
  });
  afterAll(async () => {
    await runner.stop();
    await db.destroy();
    await readModels.drop();
    await connection.close();
  });

  it('opens each obligation, meets it with the event that met it, and reopens it when that is retracted', async () => {
    const first = (await feed('akasse', 'akasse-3f')).filter((c) => c.ruleId === 'C24-FIRST');
    expect(first.map((c) => c.kind)).toEqual(['opened', 'met', 'reopened']);
    expect(first[1]).toMatchObject({ personId: 'p-1', fulfilledOn: '2024-03-15', dueOn: '2024-03-18' });
    expect((await feed('jobcenter', 'jc-101')).length).toBeGreaterThan(0);
    expect(await feed('akasse', 'akasse-other')).toEqual([]);
  });

  it('is the same log whether the events came one at a time or in one batch (a rebuild)', async () => {
    const head = (await headPosition(connection.store))!;
    await runner.waitFor(head);
    const live = await rowsOf(db as Kysely<unknown>, [OBLIGATION_CHANGES]);
    expect(live[OBLIGATION_CHANGES].length).toBeGreaterThan(5);
    const rebuilt = await freshRebuild(
      connection.store,
      new DeadlinesProjection(connection.store),
      head,
      () => readModels.open<WithCheckpoints<DeadlinesDatabase>>(`deadlines_rebuild`),
    );
    expect(rebuilt[OBLIGATION_CHANGES]).toEqual(live[OBLIGATION_CHANGES]);
  });
});
