import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './event-log';
import {
  encodeEventResponse,
  encodeFramedEventResponse,
  GRPC_FRAME_HEADER,
  payloadViews,
} from './read-event-encoder';
import { DELETED_STREAM } from './event-log';
import { encodeUuid, streamIdentifier, type UuidFormat } from './wire';

/** The reference encoding: the same response built through the generated classes. */
const TICKS_PER_MICROSECOND = 10n;

function revisionOf(event: StoredEvent): string {
  return event.revision < 0 ? DELETED_STREAM.toString() : String(event.revision);
}

function recordedEvent(event: StoredEvent, uuidFormat: UuidFormat): ReadResp.ReadEvent.RecordedEvent {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const position = String(event.position);
  recorded.setId(encodeUuid(event.eventId, uuidFormat));
  recorded.setStreamIdentifier(streamIdentifier(event.streamName));
  recorded.setStreamRevision(revisionOf(event));
  recorded.setPreparePosition(position);
  recorded.setCommitPosition(position);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  // .NET ticks (100 ns) since the Unix epoch.
  metadata.set('created', (BigInt(event.createdMicros) * TICKS_PER_MICROSECOND).toString());
  recorded.setCustomMetadata(event.metadata);
  recorded.setData(event.data);
  return recorded;
}

function eventResponse(event: StoredEvent, link: StoredEvent | undefined, uuidFormat: UuidFormat): ReadResp {
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recordedEvent(event, uuidFormat));
  if (link) readEvent.setLink(recordedEvent(link, uuidFormat));
  readEvent.setCommitPosition(String((link ?? event).position));
  const resp = new ReadResp();
  resp.setEvent(readEvent);
  return resp;
}

const anEvent = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({
  position: 123456,
  streamName: 'contact-process-ø-1',
  revision: 42,
  eventId: 'c0ffee00-1234-4abc-8def-0123456789ab',
  type: 'JobInterviewHeld.v1',
  contentType: 'application/json',
  createdMicros: 1_767_225_600_123_456,
  data: Buffer.from('{"heldBy":"akasse"}'),
  metadata: Buffer.from('{"actor":"x"}'),
  ...overrides,
});

/** The generated classes are the reference: both encodings must decode to the same message. */
const decoded = (bytes: Uint8Array) => ReadResp.deserializeBinary(bytes).toObject();
const reference = (event: StoredEvent, link?: StoredEvent, format: 'string' | 'structured' = 'string') =>
  ReadResp.deserializeBinary(eventResponse(event, link, format).serializeBinary()).toObject();

describe('read event encoder', () => {
  it.each([
    ['a JSON event', anEvent()],
    ['an event with empty data and metadata', anEvent({ data: Buffer.alloc(0), metadata: Buffer.alloc(0) })],
    ['a tombstone (revision 2^63 − 1)', anEvent({ revision: -1, type: '$streamDeleted' })],
    ['a large event at a large position', anEvent({ position: 2 ** 40, data: Buffer.alloc(70_000, 7) })],
  ])('encodes %s exactly as the generated classes do', (_name, event) => {
    expect(decoded(encodeEventResponse(event, undefined, 'string'))).toEqual(reference(event));
  });

  it('encodes structured UUIDs (negative 64-bit halves) as the generated classes do', () => {
    const event = anEvent({ eventId: 'ffffffff-ffff-4fff-bfff-ffffffffffff' });
    expect(decoded(encodeEventResponse(event, undefined, 'structured'))).toEqual(
      reference(event, undefined, 'structured'),
    );
  });

  it('encodes a resolved link with the link’s position as commit position', () => {
    const target = anEvent();
    const link = anEvent({
      position: 999_999,
      streamName: 'links',
      revision: 0,
      type: '$>',
      eventId: '00000000-0000-4000-8000-000000000001',
    });
    const bytes = encodeEventResponse(target, link, 'string');
    expect(decoded(bytes)).toEqual(reference(target, link));
    expect(ReadResp.deserializeBinary(bytes).getEvent()!.getCommitPosition()).toBe('999999');
  });

  it.each([
    ['a JSON event', anEvent()],
    ['an event with empty data and metadata', anEvent({ data: Buffer.alloc(0), metadata: Buffer.alloc(0) })],
    ['an event with data only', anEvent({ metadata: Buffer.alloc(0) })],
    ['an event with metadata only', anEvent({ data: Buffer.alloc(0) })],
    ['a large event at a large position', anEvent({ position: 2 ** 40, data: Buffer.alloc(70_000, 7) })],
  ])('frames %s for the wire and finds its payload inside the frame', (_name, event) => {
    for (const format of ['string', 'structured'] as const) {
      const framed = encodeFramedEventResponse(event, format);
      expect(framed[0]).toBe(0);
      expect(framed.readUInt32BE(1)).toBe(framed.length - GRPC_FRAME_HEADER);
      expect(decoded(framed.subarray(GRPC_FRAME_HEADER))).toEqual(reference(event, undefined, format));
      const views = payloadViews(framed, event.position, event.data.length, event.metadata.length);
      expect(Buffer.compare(views.data, Buffer.from(event.data))).toBe(0);
      expect(Buffer.compare(views.metadata, Buffer.from(event.metadata))).toBe(0);
    }
  });
});
