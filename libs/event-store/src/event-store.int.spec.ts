import { randomUUID } from 'node:crypto';
import { connectEventStore, type EventStoreConnection } from './connection';
import type { NewEvent } from './envelope';
import { StreamDeletedError, WrongExpectedRevisionError } from './errors';
import type { SubscriptionMessage } from './event-store';

const anEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
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
  ...overrides,
});

describe('event-store library against the embedded node', () => {
  let connection: EventStoreConnection;
  beforeAll(async () => {
    connection = await connectEventStore({ dataDir: ':memory:', host: '127.0.0.1', port: 0 });
  });
  afterAll(() => connection.close());

  it('starts the embedded node when no connection string is configured', () => {
    expect(connection.embeddedNode).toBeDefined();
    expect(connection.connectionString).toMatch(/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
  });

  it('round-trips an envelope: type, schema version, data, metadata, and the store’s recorded time', async () => {
    const event = anEvent();
    const before = Date.now();
    await connection.store.append('contact-process-p1', [event], 'no_stream');
    const [read] = await connection.store.readStream('contact-process-p1');
    expect(read).toMatchObject({
      streamName: 'contact-process-p1',
      revision: 0n,
      type: 'JobInterviewHeld',
      schemaVersion: 1,
      data: { heldBy: 'akasse' },
      metadata: event.metadata,
      isSystem: false,
    });
    expect(read.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it('uses the envelope eventId as the store event id, so a retried append is not duplicated', async () => {
    const event = anEvent();
    await connection.store.append('retry-1', [event], 'no_stream');
    await connection.store.append('retry-1', [event], 'no_stream');
    expect(await connection.store.readStream('retry-1')).toHaveLength(1);
  });

  it('translates a wrong expected revision into its own error', async () => {
    await connection.store.append('conflict-1', [anEvent()], 'no_stream');
    const error = await connection.store.append('conflict-1', [anEvent()], 5n).catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamName: 'conflict-1', expected: 5n, actual: 0n });
  });

  it('reads an unknown stream as empty', async () => {
    expect(await connection.store.readStream('never-written')).toEqual([]);
  });

  it('translates a deleted stream into its own error', async () => {
    await connection.store.append('gone-1', [anEvent()]);
    const { EventStoreDBClient } = await import('@eventstore/db-client');
    const raw = EventStoreDBClient.connectionString(connection.connectionString);
    await raw.tombstoneStream('gone-1');
    await raw.dispose();
    await expect(connection.store.append('gone-1', [anEvent()])).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('reads $all from a position, forwards and backwards', async () => {
    const all = [];
    for await (const e of connection.store.readAll()) all.push(e);
    expect(all.some((e) => e.isSystem)).toBe(true);
    const tail = [];
    for await (const e of connection.store.readAll({ fromPosition: all[2].position, maxCount: 2 }))
      tail.push(e);
    expect(tail.map((e) => e.position)).toEqual([all[2].position, all[3].position]);
    const back = [];
    for await (const e of connection.store.readAll({ direction: 'backwards', maxCount: 1 })) back.push(e);
    expect(back[0].position).toEqual(all[all.length - 1].position);
  });

  it('subscribes to $all with a filter: events, checkpoints and caught-up in wire order, then live', async () => {
    const stream = `sub-${randomUUID()}`;
    for (let i = 0; i < 5; i += 1) await connection.store.append(stream, [anEvent({ data: { i } })]);
    const subscription = connection.store.subscribeToAll({
      filter: { on: 'stream-name', prefixes: [stream], checkpointInterval: 1, maxSearchWindow: 2 },
    });
    const seen: SubscriptionMessage[] = [];
    let live = false;
    for await (const message of subscription) {
      seen.push(message);
      if (message.kind === 'caught-up' && !live) {
        live = true;
        await connection.store.append(stream, [anEvent({ data: { i: 5 } })]);
      }
      if (message.kind === 'event' && (message.event.data as { i: number }).i === 5) break;
    }
    await subscription.unsubscribe();
    const events = seen
      .filter((m) => m.kind === 'event')
      .map((m) => (m as { event: { data: { i: number } } }).event.data.i);
    expect(events).toEqual([0, 1, 2, 3, 4, 5]);
    // A checkpoint never claims a position before an event already delivered ahead of it.
    let lastEvent = -1n;
    for (const m of seen) {
      if (m.kind === 'event') lastEvent = m.event.position.commit;
      if (m.kind === 'checkpoint') expect(m.position.commit).toBeGreaterThanOrEqual(lastEvent);
    }
    expect(seen.some((m) => m.kind === 'checkpoint')).toBe(true);
    expect(seen.findIndex((m) => m.kind === 'caught-up')).toBeGreaterThan(
      seen.findIndex((m) => m.kind === 'event' && (m.event.data as { i: number }).i === 4),
    );
  });
});
