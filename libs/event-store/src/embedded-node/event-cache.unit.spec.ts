import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refuseEventInserts } from '../../../../test/support/embedded-node';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { EventLog, StoreFailure, type ProposedEvent, type StoredEvent } from './event-log';
import { encodeEventResponse, GRPC_FRAME_HEADER } from './read-event-encoder';

/** Both logs must stamp the same `created`, so the cached and the uncached bytes can be compared. */
const fixedClock = { now: () => new Date('2026-03-15T09:00:00.000Z') };

let counter = 0;
const proposed = (type = 'Numbered', n = counter): ProposedEvent => ({
  id: `00000000-0000-4000-8000-${String((counter += 1)).padStart(12, '0')}`,
  type,
  contentType: 'application/json',
  data: Buffer.from(JSON.stringify({ n })),
  metadata: Buffer.from(JSON.stringify({ actor: 'x', n })),
});

/**
 * What a read returns, with its payload, compared by value (a cached event's payload is a view of its bytes).
 * The system events a new log writes get random ids, so theirs are left out.
 */
const plain = (events: StoredEvent[]) =>
  events.map((e) => ({
    position: e.position,
    streamName: e.streamName,
    revision: e.revision,
    eventId: e.streamName.startsWith('$') ? 'system' : e.eventId,
    type: e.type,
    contentType: e.contentType,
    createdMicros: e.createdMicros,
    data: Buffer.from(e.data),
    metadata: Buffer.from(e.metadata),
  }));

/** The framed bytes as the message a client decodes, checked against the reference encoding without a cache. */
const message = (framed: Buffer) => {
  expect(framed.readUInt32BE(1)).toBe(framed.length - GRPC_FRAME_HEADER);
  return ReadResp.deserializeBinary(framed.subarray(GRPC_FRAME_HEADER)).toObject();
};
const reference = (event: StoredEvent, format: 'string' | 'structured') =>
  ReadResp.deserializeBinary(encodeEventResponse(event, undefined, format)).toObject();

function fill(log: EventLog): void {
  for (let i = 0; i < 6; i += 1) {
    log.append(`s-${i % 2}`, { kind: 'any' }, [proposed(), proposed()]);
  }
}

describe('the event log’s cache of encoded events', () => {
  let cached: EventLog;
  let uncached: EventLog;
  beforeEach(() => {
    counter = 0;
    cached = new EventLog({ clock: fixedClock, eventCacheSize: 5 });
    counter = 0;
    uncached = new EventLog({ clock: fixedClock, eventCacheSize: 0 });
    // Same ids, same clock: the two logs hold the same events; only one keeps (some of) them in memory.
    counter = 0;
    fill(cached);
    counter = 0;
    fill(uncached);
  });
  afterEach(() => {
    cached.close();
    uncached.close();
  });

  it('keeps no more events than it is given room for', () => {
    expect(cached.cacheSizes.events).toBe(5);
    expect(uncached.cacheSizes.events).toBe(0);
  });

  it('reads $all the same from memory as from SQLite, across the edge of what is cached', () => {
    const last = uncached.lastPosition;
    for (let from = 0; from <= last + 1; from += 1) {
      for (const limit of [1, 3, 100]) {
        expect(plain(cached.readAllForward(from, limit))).toEqual(
          plain(uncached.readAllForward(from, limit)),
        );
        expect(plain(cached.readAllBackward(from, limit))).toEqual(
          plain(uncached.readAllBackward(from, limit)),
        );
        expect(plain(cached.readAllAfter(from, limit))).toEqual(plain(uncached.readAllAfter(from, limit)));
      }
    }
  });

  it('reads a stream the same from memory as from SQLite', () => {
    for (const stream of ['s-0', 's-1']) {
      expect(plain(cached.readStreamForward(stream, 0n, 100))).toEqual(
        plain(uncached.readStreamForward(stream, 0n, 100)),
      );
      expect(plain(cached.readStreamBackward(stream, 'end', 100))).toEqual(
        plain(uncached.readStreamBackward(stream, 'end', 100)),
      );
    }
  });

  it('answers each UUID option with its own bytes, whichever was asked first, by stream and by $all', () => {
    const [first, second] = cached.readAllForward(cached.lastPosition - 1, 2);
    // string first, then structured, for one event; the other way round for the next
    const orders: Array<[StoredEvent, Array<'string' | 'structured'>]> = [
      [first, ['string', 'structured']],
      [second, ['structured', 'string']],
    ];
    for (const [event, formats] of orders) {
      for (const format of formats) {
        expect(message(cached.framedResponse(event, format))).toEqual(reference(event, format));
      }
      const byStream = cached
        .readStreamForward(event.streamName, BigInt(event.revision), 1)
        .map((e) => [
          message(cached.framedResponse(e, 'string')),
          message(cached.framedResponse(e, 'structured')),
        ]);
      expect(byStream).toEqual([[reference(event, 'string'), reference(event, 'structured')]]);
    }
    expect(reference(first, 'string').event!.event!.id).toEqual({ string: first.eventId });
    expect(reference(first, 'structured').event!.event!.id!.structured).toBeDefined();
  });

  it('encodes an event that is not cached for the read alone, the same bytes as a cached one', () => {
    const [old] = uncached.readAllForward(4, 1);
    const [again] = cached.readAllForward(4, 1);
    expect(cached.cacheSizes.events).toBe(5);
    for (const format of ['string', 'structured'] as const) {
      expect(cached.framedResponse(again, format)).toEqual(uncached.framedResponse(old, format));
    }
  });
});

describe('the event cache and a transaction SQLite rolls back', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'event-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never serves an event that was rolled back, though its position is given to the next one', () => {
    const log = new EventLog({ dataDir: dir });
    try {
      // The second event of the append is refused after the first was inserted: the whole append rolls back.
      refuseEventInserts(dir, "NEW.type = 'Refused'");
      const position = log.lastPosition + 1;
      const cachedBefore = log.cacheSizes.events;
      expect(() =>
        log.append('s', { kind: 'any' }, [
          proposed('RolledBack'),
          proposed('RolledBack'),
          proposed('Refused'),
        ]),
      ).toThrow(StoreFailure);
      // A write that inserts nothing commits too: what the failed one inserted must not ride along.
      expect(log.append('s', { kind: 'no-stream' }, []).kind).toBe('success');
      expect(log.cacheSizes.events).toBe(cachedBefore);
      log.append('s', { kind: 'any' }, [proposed('Kept')]);

      const [event] = log.readAllForward(position, 10);
      expect(event.type).toBe('Kept');
      expect(message(log.framedResponse(event, 'string')).event!.event!.metadataMap).toContainEqual([
        'type',
        'Kept',
      ]);
      expect(log.readAllForward(position, 10)).toHaveLength(1);
    } finally {
      log.close();
    }
  });
});
