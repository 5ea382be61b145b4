import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ContactProcessRecorder, type RecordCommand } from '@app/contact-process';
import { aPerson, interview } from '@app/contact-process/testing';
import { connectEventStore, type EventStoreConnection } from '@app/event-store';
import { localDate } from '@app/legal-time';
import { ProjectionRunner, type WithCheckpoints } from '@app/projections';
import { READ_MODEL_DIALECTS, testReadModels, type TestReadModels } from '../../../test/support/read-models';
import { SupervisionProjection } from './supervision.projection';
import { SupervisionQueries } from './supervision.queries';
import type { SupervisionDatabase } from './supervision.tables';

const d = localDate;
const actor = { organisation: 'akasse-3f', role: 'integration', user: 'sys-1' };

describe.each(READ_MODEL_DIALECTS)(
  'supervision projection against the embedded node, read model in %s',
  (dialect) => {
    let readModels: TestReadModels;
    let connection: EventStoreConnection;
    let db: Kysely<WithCheckpoints<SupervisionDatabase>>;
    let runner: ProjectionRunner<SupervisionDatabase>;
    let recorder: ContactProcessRecorder;
    const queries = () => new SupervisionQueries(db);
    const start = () => {
      runner = new ProjectionRunner(connection.store, db, new SupervisionProjection(connection.store), {
        batchSize: 7,
      });
      return runner.start();
    };

    async function record(personId: string, command: RecordCommand) {
      const result = await recorder.record(personId, command, {
        eventId: randomUUID(),
        actor,
        correlationId: randomUUID(),
        causationId: null,
      });
      return result.position;
    }

    /** Placed 2024-02-01, 410 h registered on 2024-05-05: handed over at the end of May 2024. */
    async function handedOverInMay(personId: string, interviews: number) {
      await record(personId, { type: 'RecordPersonFacts', recordedBy: 'akasse', data: aPerson().data });
      await record(personId, {
        type: 'PlaceInBenefitPeriod',
        recordedBy: 'akasse',
        data: {
          benefitPeriodId: `bp-${personId}`,
          akasseId: 'akasse-3f',
          insurance: 'full-time',
          placedOn: d('2024-02-01'),
          continuingPlacement: false,
        },
      });
      await record(personId, {
        type: 'RegisterAsJobseeker',
        recordedBy: 'akasse',
        data: { registeredOn: d('2024-02-02'), jobcenterId: 'jc-101' },
      });
      for (const heldOn of ['2024-02-10', '2024-03-10', '2024-04-10'].slice(0, interviews))
        await record(personId, {
          type: 'RecordJobInterview',
          recordedBy: 'akasse',
          data: interview(heldOn).data,
        });
      return record(personId, {
        type: 'ReportBenefitHours',
        recordedBy: 'akasse',
        data: { month: '2024-04', benefitHours: 410, wageSubsidyHours: 0, registeredOn: d('2024-05-05') },
      });
    }

    beforeAll(async () => {
      connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
      readModels = await testReadModels(dialect);
      db = readModels.open<WithCheckpoints<SupervisionDatabase>>('supervision');
      recorder = new ContactProcessRecorder(connection.store, {
        now: () => new Date('2024-06-15T10:00:00Z'),
      });
      await start();
    });

    afterAll(async () => {
      await runner.stop();
      await db.destroy();
      await readModels.drop();
      await connection.close();
    });

    it('counts a month from the events, in small batches', async () => {
      await handedOverInMay('p-1', 3);
      const position = await handedOverInMay('p-2', 2);
      await runner.waitFor(position!);
      const may = await queries().organisation('akasse', 'akasse-3f');
      expect(may!.months).toEqual([
        expect.objectContaining({
          month: '2024-05',
          population: 2,
          numerator: 1,
          share: 0.5,
          deficient: true,
        }),
      ]);
    });

    it('stores its checkpoint with the rows and resumes after a restart without counting anything twice', async () => {
      const before = runner.status();
      await runner.stop();
      // written while the projection is down
      const position = await handedOverInMay('p-3', 3);
      await start();
      await runner.waitFor(position!);
      expect(runner.status().eventsApplied).toBeGreaterThan(before.eventsApplied);
      const may = await queries().organisation('akasse', 'akasse-3f');
      expect(may!.months).toEqual([
        expect.objectContaining({ month: '2024-05', population: 3, numerator: 1, deficient: true }),
      ]);
      expect(
        (await queries().numeratorCases('akasse', 'akasse-3f', '2024-05')).map((c) => c.personId),
      ).toEqual(['p-2']);
    });
  },
);
