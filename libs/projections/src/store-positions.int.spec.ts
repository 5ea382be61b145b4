import { randomUUID } from 'node:crypto';
import { connectEventStore, type EventStoreConnection } from '@app/event-store';
import { headPosition, headPositionTaken, positionRecordedBefore, storeUpTo } from './store-positions';

describe('positions in $all', () => {
  let connection: EventStoreConnection;
  let now = new Date('2024-05-01T10:00:00Z');
  const anEvent = (n: number) => ({
    type: 'Counted',
    schemaVersion: 1,
    data: { n },
    metadata: {
      eventId: randomUUID(),
      occurredAt: now.toISOString(),
      actor: { organisation: 'o', role: 'r', user: 'u' },
      correlationId: randomUUID(),
      causationId: null,
    },
  });
  const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => anEvent(from + i));

  beforeAll(async () => {
    connection = await connectEventStore({
      dataDir: ':memory:',
      host: '127.0.0.1',
      port: 0,
      clock: { now: () => now },
    });
  });
  afterAll(() => connection.close());

  describe('the last event recorded before an instant', () => {
    it('is found however many events were recorded after it', async () => {
      const { store } = connection;
      const firstDay = await store.append('positions-1', events(0, 300));
      now = new Date('2024-05-02T10:00:00Z');
      // More than one page of events to read back through.
      await store.append('positions-1', events(300, 700));
      await store.append('positions-1', events(1000, 400));

      expect(await positionRecordedBefore(store, new Date('2024-05-02T00:00:00Z'))).toEqual(
        firstDay.position,
      );
      expect(await positionRecordedBefore(store, new Date('2024-05-03T00:00:00Z'))).toEqual(
        await headPosition(store),
      );
      expect(await positionRecordedBefore(store, new Date('2020-01-01T00:00:00Z'))).toBeNull();
    });
  });

  describe('the store as it was at a position', () => {
    it('reads a stream without the events after it, in either direction', async () => {
      const { store } = connection;
      const early = await store.append('positions-2', events(0, 3));
      await store.append('positions-2', events(3, 2));
      const then = storeUpTo(store, early.position!);

      expect((await then.readStream('positions-2')).map((e) => (e.data as { n: number }).n)).toEqual([
        0, 1, 2,
      ]);
      const newestThen = await then.readStream('positions-2', { direction: 'backwards', maxCount: 2 });
      expect(newestThen.map((e) => (e.data as { n: number }).n)).toEqual([2, 1]);
      expect((await store.readStream('positions-2')).length).toBe(5);
    });
  });

  describe('the newest event a filter takes', () => {
    it('is found behind more than a page of events it does not take (an access log after a read)', async () => {
      const { store } = connection;
      const taken = await store.append('taken-1', events(0, 2));
      await store.append('untaken-1', events(2, 700));
      const filter = { on: 'stream-name' as const, prefixes: ['taken-'] };

      expect(await headPositionTaken(store, filter)).toEqual(taken.position);
      expect(await headPositionTaken(store, { on: 'stream-name', regex: '^untaken-' })).toEqual(
        await headPosition(store),
      );
      expect(await headPositionTaken(store, { on: 'event-type', prefixes: ['Nothing'] })).toBeNull();
    });
  });
});
