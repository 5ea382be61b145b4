import { randomUUID } from 'node:crypto';
import { connectEventStore, type EventStoreConnection } from '@app/event-store';
import { projectionLag } from './lag';

describe('projection lag', () => {
  let connection: EventStoreConnection;
  let now = new Date('2024-05-01T10:00:00Z');
  const clock = { now: () => now };
  const event = () => ({
    type: 'Counted',
    schemaVersion: 1,
    data: {},
    metadata: {
      eventId: randomUUID(),
      occurredAt: now.toISOString(),
      actor: { organisation: 'test', role: 'test', user: 'test' },
      correlationId: randomUUID(),
      causationId: null,
    },
  });

  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0, clock });
  });
  afterAll(() => connection.close());

  it('counts the events after the checkpoint and the age of the oldest, up to a cap', async () => {
    const { store } = connection;
    const first = await store.append('lag-1', [event()], 'no_stream');
    now = new Date('2024-05-01T10:00:30Z');
    await store.append('lag-1', [event(), event()], 0n);
    now = new Date('2024-05-01T10:01:00Z');

    expect(await projectionLag(store, first.position!, now)).toEqual({
      events: 2,
      atLeast: false,
      seconds: 30,
    });
    expect(await projectionLag(store, first.position!, now, 1)).toMatchObject({ events: 1, atLeast: true });

    const head = await store.append('lag-1', [event()], 2n);
    expect(await projectionLag(store, head.position!, now)).toEqual({
      events: 0,
      atLeast: false,
      seconds: 0,
    });
  });

  it('counts only the events its filter takes, however many others lie after the checkpoint', async () => {
    const { store } = connection;
    const start = await store.append('filtered-1', [event()], 'no_stream');
    now = new Date('2024-05-01T10:02:00Z');
    await store.append('elsewhere-1', [event(), event(), event()], 'no_stream');
    const filter = { on: 'stream-name' as const, prefixes: ['filtered-'] };

    expect(await projectionLag(store, start.position!, now, 1000, filter)).toEqual({
      events: 0,
      atLeast: false,
      seconds: 0,
    });
    now = new Date('2024-05-01T10:02:10Z');
    await store.append('filtered-1', [event()], 0n);
    now = new Date('2024-05-01T10:02:15Z');
    expect(await projectionLag(store, start.position!, now, 1000, filter)).toEqual({
      events: 1,
      atLeast: false,
      seconds: 5,
    });
  });
});
