import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { DeadlinesProjection, type DeadlinesReadModel } from '@app/deadlines';
import { EventStore } from '@app/event-store';
import { headPosition, openSqliteReadModel, ProjectionRunner, type Projection } from '@app/projections';
import { SupervisionProjection, type SupervisionReadModel } from '@app/supervision';
import { DeadlinesReadSide } from '../src/contact-process/contact-process.providers';
import { SupervisionReadSide } from '../src/supervision/supervision.providers';
import { as, createTestApp, fact, integrationOf, type Client } from './test-app';

jest.setTimeout(120_000);

type ReadModel = DeadlinesReadModel & SupervisionReadModel;

/**
 * What the person's facts say. The field names are in the list too: they appear in a read model only where a
 * folded state lies readable, so not finding them shows no copy of the state is, whatever its values.
 */
const PERSONAL = [
  '1979-11-23',
  'Vognmand Pedersens',
  '"birthDate"',
  '"hasCustodyOfChildrenAtHome"',
  '"residencePermitYears"',
];

/**
 * Issue #15 item 6: the deadlines and supervision read models keep each person's folded state (birth date,
 * custody, residence permit, free texts) — sealed under the person's key, so neither the files nor what an
 * erasure deletes from them leave a readable copy.
 */
describe('personal facts in the read-model files', () => {
  let app: INestApplication;
  let folder: string;
  let system: Client;
  const person = 'p-sealed';
  const other = 'p-other';

  const caughtUp = async () => {
    await app.get(SupervisionReadSide).caughtUp();
    const head = await headPosition(app.get(EventStore));
    if (head) await app.get(DeadlinesReadSide).runner.waitFor(head);
  };
  /** Every byte of the read-model folder: the database, its write-ahead log, anything beside them. */
  const filesBytes = () => Buffer.concat(readdirSync(folder).map((name) => readFileSync(join(folder, name))));
  const readable = () => {
    const bytes = filesBytes();
    return PERSONAL.filter((text) => bytes.includes(Buffer.from(text, 'utf8')));
  };

  async function seed(personId: string, birthDate: string) {
    const bodies = [
      fact('PersonFactsRecorded', { birthDate, hasCustodyOfChildrenAtHome: true, residencePermitYears: 4 }),
      fact('PlacedInBenefitPeriod', {
        benefitPeriodId: `bp-${personId}`,
        akasseId: 'akasse-3f',
        placedOn: '2024-02-01',
      }),
      fact('RegisteredAsJobseeker', { registeredOn: '2024-02-02', jobcenterId: 'jc-101' }),
      fact('MinPlanPrepared', { preparedOn: '2024-02-10', jobGoals: ['chauffør hos Vognmand Pedersens'] }),
    ];
    for (const body of bodies) await system.post(`/persons/${personId}/facts`).send(body).expect(201);
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'read-model-'));
    app = await createTestApp({ readModel: { sqlitePath: join(folder, 'read-models.sqlite') } });
    system = await as(app, integrationOf('akasse-3f'));
    await seed(person, '1979-11-23');
    await seed(other, '1991-03-04');
    await caughtUp();
  });
  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the folded states, sealed: none of the person’s facts is readable in the files', async () => {
    const db = app.get(DeadlinesReadSide).db as unknown as Kysely<ReadModel>;
    const states = await db.selectFrom('contact_process_states').selectAll().execute();
    expect(states.map((s) => s.person_id).sort()).toEqual([other, person]);
    const supervision = await (app.get(SupervisionReadSide).db as unknown as Kysely<ReadModel>)
      .selectFrom('supervision_person_states')
      .selectAll()
      .execute();
    expect(supervision).toHaveLength(2);
    expect(readable()).toEqual([]);
    // Still what the queries need: the deadlines as of a past day are folded from the stored state.
    const caseworker = await as(app, { role: 'akasse-caseworker', org: 'akasse-3f' });
    const asOf = await caseworker.get(`/persons/${person}/deadlines?asOf=2024-02-20`).expect(200);
    expect(asOf.body.deadlines.length).toBeGreaterThan(0);
  });

  it('rebuilds from $all to the very same rows, sealed states included', async () => {
    const store = app.get(EventStore);
    const live = app.get(DeadlinesReadSide).db as unknown as Kysely<ReadModel>;
    const liveSupervision = app.get(SupervisionReadSide).db as unknown as Kysely<ReadModel>;
    const rebuild = async <DB>(projection: Projection<DB>) => {
      const db = openSqliteReadModel<ReadModel>({ sqlitePath: ':memory:' });
      const runner = new ProjectionRunner(store, db as never, projection);
      await runner.start();
      await runner.waitFor((await headPosition(store))!);
      await runner.stop();
      return db;
    };
    const rows = (db: Kysely<ReadModel>, table: 'contact_process_states' | 'supervision_person_states') =>
      db.selectFrom(table).selectAll().orderBy('person_id').execute();
    const deadlines = await rebuild(new DeadlinesProjection(store));
    const supervision = await rebuild(new SupervisionProjection(store));
    try {
      expect(await rows(deadlines, 'contact_process_states')).toEqual(
        await rows(live, 'contact_process_states'),
      );
      expect(await rows(supervision, 'supervision_person_states')).toEqual(
        await rows(liveSupervision, 'supervision_person_states'),
      );
      const deadlineRows = (db: Kysely<ReadModel>) =>
        db.selectFrom('deadlines').selectAll().orderBy('person_id').orderBy('obligation_key').execute();
      expect(await deadlineRows(deadlines)).toEqual(await deadlineRows(live));
    } finally {
      await deadlines.destroy();
      await supervision.destroy();
    }
  });

  it('leaves no readable copy in the files once the person is erased', async () => {
    await system
      .post(`/persons/${person}/erasure`)
      .send({ eventId: randomUUID(), reason: 'data-subject-request' })
      .expect(200);
    await caughtUp();
    const db = app.get(DeadlinesReadSide).db as unknown as Kysely<ReadModel>;
    const left = await db.selectFrom('contact_process_states').select('person_id').execute();
    expect(left).toEqual([{ person_id: other }]);
    expect(readable()).toEqual([]);
  });
});

describe('a SQLite read model', () => {
  it('overwrites what it deletes, so a purged row leaves nothing in a free page', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'read-model-'));
    const path = join(folder, 'model.sqlite');
    const db = openSqliteReadModel<{ t: { x: string } }>({ sqlitePath: path });
    try {
      await sql`CREATE TABLE t (x text)`.execute(db);
      await db.insertInto('t').values({ x: 'kept row' }).execute();
      await db.insertInto('t').values({ x: 'purged: Vognmand Pedersens' }).execute();
      await db.deleteFrom('t').where('x', 'like', 'purged%').execute();
      // Everything in the database file, nothing left in the log.
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
      const bytes = readFileSync(path);
      expect(bytes.includes(Buffer.from('kept row'))).toBe(true);
      expect(bytes.includes(Buffer.from('Vognmand Pedersens'))).toBe(false);
    } finally {
      await db.destroy();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
