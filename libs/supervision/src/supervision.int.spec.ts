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

    describe('a month holding C24 and R26 cases (#18 item 3, R26-RUNNING-CASES)', () => {
      const later = () =>
        new ContactProcessRecorder(connection.store, { now: () => new Date('2026-12-01T10:00:00Z') });
      async function handedOverInSeptember(
        personId: string,
        placedOn: string,
        interviews: string[],
        hours: Array<[month: string, benefitHours: number, registeredOn: string]>,
      ) {
        const at = later();
        const meta = () => ({ eventId: randomUUID(), actor, correlationId: randomUUID(), causationId: null });
        const rec = (command: RecordCommand) => at.record(personId, command, meta());
        await rec({ type: 'RecordPersonFacts', recordedBy: 'akasse', data: aPerson().data });
        await rec({
          type: 'PlaceInBenefitPeriod',
          recordedBy: 'akasse',
          data: {
            benefitPeriodId: `bp-${personId}`,
            akasseId: 'akasse-9x',
            insurance: 'full-time',
            placedOn: d(placedOn),
            continuingPlacement: false,
          },
        });
        await rec({
          type: 'RegisterAsJobseeker',
          recordedBy: 'akasse',
          data: { registeredOn: d(placedOn), jobcenterId: 'jc-101' },
        });
        for (const heldOn of interviews)
          await rec({ type: 'RecordJobInterview', recordedBy: 'akasse', data: interview(heldOn).data });
        let position;
        for (const [month, benefitHours, registeredOn] of hours)
          position = (
            await rec({
              type: 'ReportBenefitHours',
              recordedBy: 'akasse',
              data: { month, benefitHours, wageSubsidyHours: 0, registeredOn: d(registeredOn) },
            })
          ).position;
        return position;
      }

      it('judges each case by its period’s rule set and gives the month’s figures per rule set', async () => {
        // Placed 2026-06-15: C24's (3 interviews); 410 h reached on 2026-09-05, handed over 2026-09-30.
        await handedOverInSeptember(
          'p-c24',
          '2026-06-15',
          ['2026-06-22', '2026-07-20'],
          [
            ['2026-06', 90, '2026-07-05'],
            ['2026-07', 160.33, '2026-08-05'],
            ['2026-08', 160.33, '2026-09-05'],
          ],
        );
        // Placed 2026-07-01: R26's (2 interviews); 410 h reached on 2026-09-30.
        const r26Hours: Array<[string, number, string]> = [
          ['2026-07', 160.33, '2026-07-31'],
          ['2026-08', 160.33, '2026-08-31'],
          ['2026-09', 160.33, '2026-09-30'],
        ];
        await handedOverInSeptember('p-r26-met', '2026-07-01', ['2026-07-08', '2026-08-05'], r26Hours);
        const position = await handedOverInSeptember('p-r26-one', '2026-07-01', ['2026-07-08'], r26Hours);
        await runner.waitFor(position!);

        const september = await queries().organisation('akasse', 'akasse-9x');
        expect(september!.months).toEqual([
          expect.objectContaining({
            month: '2026-09',
            ruleSetId: 'R26-SUP-AKASSE',
            population: 3,
            numerator: 2,
            deficient: true, // 2 of 3 is more than R26's 25 %
            byRuleSet: [
              { ruleSetId: 'C24-SUP-AKASSE', required: 3, population: 1, numerator: 1, share: 1 },
              { ruleSetId: 'R26-SUP-AKASSE', required: 2, population: 2, numerator: 1, share: 0.5 },
            ],
          }),
        ]);
        const overview = await queries().overview('akasse', { from: '2026-09', to: '2026-09' });
        expect(overview.organisations.find((o) => o.organisationId === 'akasse-9x')?.months).toEqual(
          september!.months,
        );
        expect(await queries().numeratorCases('akasse', 'akasse-9x', '2026-09')).toEqual([
          expect.objectContaining({
            personId: 'p-c24',
            interviewsHeld: 2,
            required: 3,
            ruleSetId: 'C24-SUP-AKASSE',
          }),
          expect.objectContaining({
            personId: 'p-r26-one',
            interviewsHeld: 1,
            required: 2,
            ruleSetId: 'R26-SUP-AKASSE',
          }),
        ]);
      });
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
