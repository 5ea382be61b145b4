import { randomUUID } from 'node:crypto';
import { connectEventStore, type EventStoreConnection } from './connection';
import type { NewEvent } from './envelope';
import { EventStore } from './event-store';

// The client keeps every pending BatchAppend of the process in one map, and a client's dispose() clears it
// for all clients (see shared-client.ts): these are the demo seeder's crash, reproduced through our stores.

const anEvent = (): NewEvent => ({
  type: 'JobInterviewHeld',
  schemaVersion: 1,
  data: { heldBy: 'akasse' },
  metadata: {
    eventId: randomUUID(),
    occurredAt: '2026-03-15T09:00:00.000Z',
    actor: { organisation: 'akasse-3f', role: 'integration', user: 'sys-1' },
    correlationId: randomUUID(),
    causationId: null,
  },
});

/** `count` appends of one event each to new streams, started now and not awaited. */
function appendsInFlight(store: EventStore, prefix: string, count: number) {
  const streams = Array.from({ length: count }, (_, i) => `${prefix}-${randomUUID()}-${i}`);
  const outcomes = Promise.allSettled(streams.map((s) => store.append(s, [anEvent()], 'no_stream')));
  return { streams, outcomes };
}

const reasonsOf = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));

describe('several stores in one process', () => {
  let connection: EventStoreConnection;
  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    // As the API's store had when the demo seeder closed: its BatchAppend call open, so appends go out at once.
    await connection.store.append(`api-${randomUUID()}`, [anEvent()], 'no_stream');
  });
  afterAll(() => connection.close());

  it('closing one store while another of the same node appends loses none of its appends', async () => {
    const seeder = EventStore.fromConnectionString(connection.connectionString);
    await seeder.append(`seeder-${randomUUID()}`, [anEvent()], 'no_stream'); // opens its BatchAppend call
    const { streams, outcomes } = appendsInFlight(connection.store, 'api', 20);
    await seeder.close();
    expect(reasonsOf(await outcomes)).toEqual([]);
    for (const stream of streams) expect(await connection.store.readStream(stream)).toHaveLength(1);
  });

  it('closing a store of another node while this one appends loses none of its appends', async () => {
    const other = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
    await other.store.append(`other-${randomUUID()}`, [anEvent()], 'no_stream');
    const { streams, outcomes } = appendsInFlight(connection.store, 'api', 20);
    await other.close(); // disposes its client and stops its node, whose calls end CANCELLED
    expect(reasonsOf(await outcomes)).toEqual([]);
    for (const stream of streams) expect(await connection.store.readStream(stream)).toHaveLength(1);
  });

  it('a store closed while its own appends are in flight lets them finish', async () => {
    // A connection string of its own, so that this store has a client of its own, which its close disposes.
    const store = EventStore.fromConnectionString(`${connection.connectionString}&connectionName=own`);
    await store.append(`closing-${randomUUID()}`, [anEvent()], 'no_stream');
    const { streams, outcomes } = appendsInFlight(store, 'closing', 10);
    await store.close();
    expect(reasonsOf(await outcomes)).toEqual([]);
    for (const stream of streams) expect(await connection.store.readStream(stream)).toHaveLength(1);
  });

  it('the other stores of a connection string keep appending after one of them closes', async () => {
    const first = EventStore.fromConnectionString(connection.connectionString);
    const second = EventStore.fromConnectionString(connection.connectionString);
    await first.append(`first-${randomUUID()}`, [anEvent()], 'no_stream');
    await first.close();
    await first.close(); // closing twice releases once: second still holds the client
    const stream = `second-${randomUUID()}`;
    await second.append(stream, [anEvent()], 'no_stream');
    await second.close();
    expect(await connection.store.readStream(stream)).toHaveLength(1);
  });
});
