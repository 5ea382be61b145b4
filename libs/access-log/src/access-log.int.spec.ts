import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { connectEventStore, type EventStoreConnection, type NewEvent } from '@app/event-store';
import { ProjectionRunner, type WithCheckpoints } from '@app/projections';
import { READ_MODEL_DIALECTS, testReadModels, type TestReadModels } from '../../../test/support/read-models';
import {
  dayAccessLogStream,
  PER_PERSON_VERSION,
  PER_REQUEST_VERSION,
  PERSON_DATA_READ,
  personAccessLogStream,
  type PersonDataRead,
} from './access-log.events';
import { AccessLogProjection } from './access-log.projection';
import { AccessLogQueries } from './access-log.queries';
import type { AccessLogDatabase } from './access-log.tables';

const caseworker = { organisation: 'akasse-3f', role: 'akasse-caseworker', user: 'cw-17' };
const auditor = { organisation: 'rigsrevisionen', role: 'auditor', user: 'au-1' };
const deadlinesRead: PersonDataRead = {
  endpoint: 'GET /persons/:personId/deadlines',
  purpose: null,
  basis: 'member of akasse-3f',
  ruleId: null,
  jobOrderId: null,
};
const worklistRead: PersonDataRead = {
  endpoint: 'GET /worklists/akasser/:akasseId',
  purpose: 'weekly follow-up',
  basis: 'own worklist of akasse-3f',
  ruleId: null,
  jobOrderId: null,
};

function read(schemaVersion: number, data: unknown, actor = caseworker): NewEvent {
  return {
    type: PERSON_DATA_READ,
    schemaVersion,
    data,
    metadata: {
      eventId: randomUUID(),
      occurredAt: '2024-03-20T10:00:00.000Z',
      actor,
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}

describe.each(READ_MODEL_DIALECTS)('access-log projection, read model in %s', (dialect) => {
  let readModels: TestReadModels;
  let connection: EventStoreConnection;
  let db: Kysely<WithCheckpoints<AccessLogDatabase>>;
  let runner: ProjectionRunner<AccessLogDatabase>;
  const queries = () => new AccessLogQueries(db);
  const newRunner = () =>
    new ProjectionRunner(connection.store, db, new AccessLogProjection(), { batchSize: 50 });

  async function append(stream: string, event: NewEvent) {
    const { position } = await connection.store.append(stream, [event]);
    await runner.waitFor(position!);
  }

  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    readModels = await testReadModels(dialect);
    db = readModels.open<WithCheckpoints<AccessLogDatabase>>('access_log');
    runner = newRunner();
    await runner.start();
  });

  afterAll(async () => {
    await runner.stop();
    await db.destroy();
    await readModels.drop();
    await connection.close();
  });

  it('answers each person named by one event per request, and the old per-person events beside them, in order', async () => {
    // Stored before #16: one event per person, in the person's own stream.
    await append(personAccessLogStream('p-1'), read(PER_PERSON_VERSION, deadlinesRead));
    // One worklist page: one event naming every person listed.
    await append(
      dayAccessLogStream('2024-03-20'),
      read(PER_REQUEST_VERSION, { ...worklistRead, personIds: ['p-1', 'p-2', 'p-3'] }),
    );
    await append(
      dayAccessLogStream('2024-03-20'),
      read(PER_REQUEST_VERSION, { ...deadlinesRead, purpose: 'annual audit', personIds: ['p-2'] }, auditor),
    );

    const p1 = await queries().entriesOf('p-1');
    expect(p1).toEqual([
      { readAt: expect.any(String), by: caseworker, ...deadlinesRead },
      { readAt: expect.any(String), by: caseworker, ...worklistRead },
    ]);
    expect(Date.parse(p1[0].readAt)).toBeLessThanOrEqual(Date.parse(p1[1].readAt));
    expect(await queries().entriesOf('p-2')).toEqual([
      { readAt: expect.any(String), by: caseworker, ...worklistRead },
      { readAt: expect.any(String), by: auditor, ...deadlinesRead, purpose: 'annual audit' },
    ]);
    expect(await queries().entriesOf('p-3')).toHaveLength(1);
    expect(await queries().entriesOf('p-4')).toEqual([]);
  });

  it('names a person once per event even when a request lists them twice', async () => {
    await append(
      dayAccessLogStream('2024-03-21'),
      read(PER_REQUEST_VERSION, { ...worklistRead, personIds: ['p-5', 'p-5'] }),
    );
    expect(await queries().entriesOf('p-5')).toHaveLength(1);
  });

  it('stores its checkpoint with the rows and resumes after a restart without applying anything twice', async () => {
    const before = runner.status();
    await runner.stop();
    // Logged while the projection is down.
    await connection.store.append(dayAccessLogStream('2024-03-21'), [
      read(PER_REQUEST_VERSION, { ...deadlinesRead, personIds: ['p-6'] }),
    ]);
    runner = newRunner();
    await runner.start();
    await append(
      dayAccessLogStream('2024-03-21'),
      read(PER_REQUEST_VERSION, { ...deadlinesRead, personIds: ['p-6'] }),
    );
    expect(runner.status().eventsApplied).toBe(before.eventsApplied + 2);
    expect(await queries().entriesOf('p-6')).toHaveLength(2);
    expect(await queries().entriesOf('p-1')).toHaveLength(2);
  });

  it('stops at a request event that names no persons, saying which field, rather than lose whom it read', async () => {
    await connection.store.append(dayAccessLogStream('2024-03-22'), [
      read(PER_REQUEST_VERSION, deadlinesRead),
    ]);
    await expect(runner.finished()).rejects.toThrow('data.personIds must be a list of person ids');
    expect(runner.status()).toMatchObject({ state: 'failed' });
  });
});
