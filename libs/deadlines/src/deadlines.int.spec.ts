import { randomUUID } from 'node:crypto';
import { connectEventStore, type EventStoreConnection } from '@app/event-store';
import { ContactProcessRecorder, type RecordCommand } from '@app/contact-process';
import { localDate } from '@app/legal-time';
import { ProjectionRunner, type WithCheckpoints } from '@app/projections';
import { sql, type Kysely } from 'kysely';
import { aPerson, interview } from '@app/contact-process/testing';
import { READ_MODEL_DIALECTS, testReadModels, type TestReadModels } from '../../../test/support/read-models';
import { DeadlinesProjection } from './deadlines.projection';
import { DeadlinesQueries } from './deadlines.queries';
import type { DeadlinesDatabase } from './deadlines.tables';

const d = localDate;
const actor = { organisation: 'akasse-3f', role: 'integration', user: 'sys-1' };

describe.each(READ_MODEL_DIALECTS)(
  'deadlines projection against the embedded node, read model in %s',
  (dialect) => {
    let readModels: TestReadModels;
    let connection: EventStoreConnection;
    let db: Kysely<WithCheckpoints<DeadlinesDatabase>>;
    let runner: ProjectionRunner<DeadlinesDatabase>;
    let recorder: ContactProcessRecorder;
    let now = new Date('2024-03-20T10:00:00Z');
    const queries = () => new DeadlinesQueries(db, connection.store);

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

    async function aPersonPlacedAndRegistered(
      personId: string,
      akasseId = 'akasse-3f',
      jobcenterId = 'jc-101',
    ) {
      await record(personId, {
        type: 'RecordPersonFacts',
        recordedBy: 'akasse',
        data: aPerson().data,
      });
      await record(personId, {
        type: 'PlaceInBenefitPeriod',
        recordedBy: 'akasse',
        data: {
          benefitPeriodId: `bp-${personId}`,
          akasseId,
          insurance: 'full-time',
          placedOn: d('2024-03-01'),
          continuingPlacement: false,
        },
      });
      await record(personId, {
        type: 'RegisterAsJobseeker',
        recordedBy: 'akasse',
        data: { registeredOn: d('2024-03-04'), jobcenterId },
      });
    }

    beforeAll(async () => {
      connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
      readModels = await testReadModels(dialect);
      db = readModels.open<WithCheckpoints<DeadlinesDatabase>>('deadlines');
      runner = new ProjectionRunner(connection.store, db, new DeadlinesProjection(connection.store), {
        batchSize: 50,
      });
      recorder = new ContactProcessRecorder(connection.store, { now: () => now });
      await runner.start();
    });

    afterAll(async () => {
      await runner.stop();
      await db.destroy();
      await readModels.drop();
      await connection.close();
    });

    it('keeps every obligation of a person with rule id, owner, due date, status and legal reference', async () => {
      await aPersonPlacedAndRegistered('p-1');
      const deadlines = await queries().forPerson('p-1', { today: d('2024-03-10') });
      const first = deadlines!.find((o) => o.ruleId === 'C24-FIRST');
      expect(first).toEqual({
        obligationKey: 'C24-FIRST:bp-p-1',
        ruleId: 'C24-FIRST',
        ruleSetId: 'C24',
        benefitPeriodId: 'bp-p-1',
        owner: 'akasse',
        dueOn: '2024-03-18',
        hourThreshold: null,
        required: null,
        fulfilledCount: null,
        status: 'open',
        metBy: [],
        waivedBy: [],
        legalReference: 'LAB §31(4), §33(1), §34(2), §42(1); 002 §3.1–3.2, §4',
        note: null,
      });
      expect(deadlines!.map((o) => o.ruleId)).toEqual(
        expect.arrayContaining(['C24-VISIT', 'C24-AK3', 'C24-JC3', 'C24-CV', 'C24-JSR']),
      );
    });

    it('derives the status for the day asked: the same row is overdue the day after its due date', async () => {
      const later = await queries().forPerson('p-1', { today: d('2024-03-19') });
      expect(later!.find((o) => o.ruleId === 'C24-FIRST')!.status).toBe('overdue');
    });

    it('marks an obligation met by the event that met it', async () => {
      const held = await record('p-1', {
        type: 'RecordJobInterview',
        recordedBy: 'akasse',
        data: interview('2024-03-15', { interviewId: 'i-1', minPlanPrepared: true, joblogReviewed: true })
          .data,
      });
      const first = (await queries().forPerson('p-1', { today: d('2024-03-20') }))!.find(
        (o) => o.ruleId === 'C24-FIRST',
      );
      expect(first).toMatchObject({ status: 'met', metBy: [held.events[0].eventId] });
    });

    it('answers as of an earlier day from only the facts that had happened by then', async () => {
      const asOf = await queries().forPerson('p-1', { today: d('2024-03-20'), asOf: d('2024-03-14') });
      expect(asOf!.find((o) => o.ruleId === 'C24-FIRST')!.status).toBe('open');
    });

    it('lists worklists per a-kasse and per jobcentre, sorted by due date and paged', async () => {
      await aPersonPlacedAndRegistered('p-2', 'akasse-3f', 'jc-202');
      await aPersonPlacedAndRegistered('p-3', 'akasse-krifa', 'jc-101');
      const today = d('2024-03-19');
      const overdue = await queries().worklist({
        organisation: 'akasse',
        organisationId: 'akasse-3f',
        kind: 'overdue',
        today,
        limit: 50,
        offset: 0,
      });
      // p-1 held the first interview; p-2 did not. p-3 belongs to another a-kasse.
      expect(overdue.items.filter((i) => i.ruleId === 'C24-FIRST').map((i) => i.personId)).toEqual(['p-2']);
      expect(
        overdue.items.every(
          (i) => i.akasseId === 'akasse-3f' && i.owner === 'akasse' && i.status === 'overdue',
        ),
      ).toBe(true);
      const dueSoon = await queries().worklist({
        organisation: 'akasse',
        organisationId: 'akasse-3f',
        kind: 'due-within',
        days: 30,
        today: d('2024-03-10'),
        limit: 2,
        offset: 0,
      });
      expect(dueSoon.items).toHaveLength(2);
      expect(dueSoon.total).toBeGreaterThan(2);
      const dues = dueSoon.items.map((i) => i.dueOn!);
      expect([...dues].sort()).toEqual(dues);
      const jobcentre = await queries().worklist({
        organisation: 'jobcenter',
        organisationId: 'jc-202',
        kind: 'open',
        today,
        limit: 50,
        offset: 0,
      });
      expect(jobcentre.items.every((i) => i.personId === 'p-2' && i.owner === 'jobcenter')).toBe(true);
      expect(jobcentre.items.map((i) => i.ruleId)).toEqual(expect.arrayContaining(['C24-JC3', 'C24-M16']));
    });

    it('stores its checkpoint with the rows and resumes after a restart without applying anything twice', async () => {
      const before = runner.status();
      await runner.stop();
      now = new Date('2024-03-21T10:00:00Z');
      // written while the projection is down
      await recorder.record(
        'p-2',
        { type: 'MarkCvComplete', recordedBy: 'akasse', data: { markedOn: d('2024-03-21'), by: 'akasse' } },
        { eventId: randomUUID(), actor, correlationId: randomUUID(), causationId: null },
      );
      runner = new ProjectionRunner(connection.store, db, new DeadlinesProjection(connection.store), {
        batchSize: 50,
      });
      await runner.start();
      const { position } = await record('p-2', {
        type: 'SetJobSearchRequirements',
        recordedBy: 'akasse',
        data: { setOn: d('2024-03-21'), by: 'akasse', reportedToDfdg: true },
      });
      await runner.waitFor(position!);
      expect(runner.status().eventsApplied).toBe(before.eventsApplied + 2);
      const cv = (await queries().forPerson('p-2', { today: d('2024-03-21') }))!.find(
        (o) => o.ruleId === 'C24-CV',
      );
      expect(cv!.status).toBe('missed'); // marked complete on day 17: late
    });

    it('does not know a person never recorded', async () => {
      expect(await queries().forPerson('nobody', { today: d('2024-03-21') })).toBeUndefined();
    });
  },
);

describe('deadlines read model in PostgreSQL', () => {
  it('compares and orders its text byte-wise, as SQLite does, whatever the server locale', async () => {
    const readModels = await testReadModels('postgres');
    const db = readModels.open<WithCheckpoints<DeadlinesDatabase>>('collation');
    try {
      await new DeadlinesProjection({ readStream: () => (async function* () {})() } as never).migrate(db);
      const { rows } = await sql<{ column_name: string; collation_name: string | null }>`
        SELECT column_name, collation_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'deadlines' AND data_type = 'text'`.execute(
        db,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.collation_name !== 'C')).toEqual([]);
      // Upper case before lower case before '~', as SQLite's BINARY orders them (a locale would say a, B, ~).
      const ids = ['p-a', 'p-B', 'p-~'];
      await db
        .insertInto('contact_process_states')
        .values(ids.map((person_id) => ({ person_id, state: '{}' })))
        .execute();
      const ordered = await db
        .selectFrom('contact_process_states')
        .select('person_id')
        .orderBy('person_id')
        .execute();
      expect(ordered.map((r) => r.person_id)).toEqual(['p-B', 'p-a', 'p-~']);
    } finally {
      await db.destroy();
      await readModels.drop();
    }
  });
});
