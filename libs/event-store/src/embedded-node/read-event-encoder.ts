/**
 * The hot path of every read and catch-up: a `ReadResp` carrying one event, encoded straight to protobuf
 * bytes. Building it through the generated message classes costs several object graphs per event; this
 * writes the same bytes (checked field by field against the generated classes in
 * `read-event-encoder.unit.spec.ts`) for a fraction of the time.
 *
 * Field numbers are those of EventStoreDB's `streams.proto` / `shared.proto`:
 *   ReadResp.event = 1
 *   ReadResp.ReadEvent: event = 1, link = 2, commit_position = 3
 *   RecordedEvent: id = 1, stream_identifier = 2, stream_revision = 3, prepare_position = 4,
 *                  commit_position = 5, metadata (map<string,string>) = 6, custom_metadata = 7, data = 8
 *   UUID: structured = 1 (most_significant_bits = 1, least_significant_bits = 2), string = 2
 *   StreamIdentifier.stream_name = 3
 */
import { DELETED_STREAM, type StoredEvent } from './event-log';
import type { UuidFormat } from './wire';

const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const TICKS_PER_MICROSECOND = 10;

const key = (field: number, wire: number) => (field << 3) | wire;

function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

function bigVarintSize(value: bigint): number {
  let size = 1;
  while (value >= 128n) {
    value >>= 7n;
    size += 1;
  }
  return size;
}

class Writer {
  constructor(
    readonly buffer: Buffer,
    private offset = 0,
  ) {}

  byte(value: number): this {
    this.buffer[this.offset++] = value;
    return this;
  }

  varint(value: number): this {
    while (value >= 128) {
      this.buffer[this.offset++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.buffer[this.offset++] = value;
    return this;
  }

  bigVarint(value: bigint): this {
    while (value >= 128n) {
      this.buffer[this.offset++] = Number(value & 127n) | 128;
      value >>= 7n;
    }
    this.buffer[this.offset++] = Number(value);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.varint(key(field, WIRE_LEN)).varint(value.length);
    this.buffer.set(value, this.offset);
    this.offset += value.length;
    return this;
  }

  get length(): number {
    return this.offset;
  }
}

/** Bytes of a length-delimited field: key + length prefix + body. */
const lenField = (field: number, bodySize: number) =>
  varintSize(key(field, WIRE_LEN)) + varintSize(bodySize) + bodySize;

interface EncodedParts {
  id: Buffer;
  structured?: [bigint, bigint];
  stream: Buffer;
  revision: bigint | number;
  created: string;
  type: Buffer;
  contentType: Buffer;
}

const TYPE_KEY = Buffer.from('type');
const CONTENT_TYPE_KEY = Buffer.from('content-type');
const CREATED_KEY = Buffer.from('created');

function mapEntrySize(k: Buffer, v: Buffer): number {
  return lenField(1, k.length) + lenField(2, v.length);
}

function asUint64(signed: bigint): bigint {
  return signed < 0n ? signed + (1n << 64n) : signed;
}

function partsOf(event: StoredEvent, uuidFormat: UuidFormat): EncodedParts {
  const parts: EncodedParts = {
    id: Buffer.from(event.eventId, 'latin1'),
    stream: Buffer.from(event.streamName, 'utf8'),
    revision: event.revision < 0 ? DELETED_STREAM : event.revision,
    created: String(event.createdMicros * TICKS_PER_MICROSECOND),
    type: Buffer.from(event.type, 'utf8'),
    contentType: Buffer.from(event.contentType, 'utf8'),
  };
  if (uuidFormat === 'structured') {
    const raw = Buffer.from(event.eventId.replace(/-/g, ''), 'hex');
    parts.structured = [raw.readBigInt64BE(0), raw.readBigInt64BE(8)];
  }
  // Ticks fit in a double for any date before the year 2255 (2^53 / 10^7 s).
  if (!Number.isSafeInteger(event.createdMicros * TICKS_PER_MICROSECOND)) {
    parts.created = (BigInt(event.createdMicros) * BigInt(TICKS_PER_MICROSECOND)).toString();
  }
  return parts;
}

function uuidBodySize(p: EncodedParts): number {
  if (p.structured) {
    const [msb, lsb] = p.structured;
    const structured = 1 + bigVarintSize(asUint64(msb)) + 1 + bigVarintSize(asUint64(lsb));
    return lenField(1, structured);
  }
  return lenField(2, p.id.length);
}

function recordedSize(event: StoredEvent, p: EncodedParts, created: Buffer): number {
  const revision = typeof p.revision === 'bigint' ? bigVarintSize(p.revision) : varintSize(p.revision);
  let size =
    lenField(1, uuidBodySize(p)) +
    lenField(2, lenField(3, p.stream.length)) +
    1 +
    revision +
    1 +
    varintSize(event.position) +
    1 +
    varintSize(event.position) +
    lenField(6, mapEntrySize(TYPE_KEY, p.type)) +
    lenField(6, mapEntrySize(CONTENT_TYPE_KEY, p.contentType)) +
    lenField(6, mapEntrySize(CREATED_KEY, created));
  if (event.metadata.length > 0) size += lenField(7, event.metadata.length);
  if (event.data.length > 0) size += lenField(8, event.data.length);
  return size;
}

function writeMapEntry(w: Writer, k: Buffer, v: Buffer): void {
  w.varint(key(6, WIRE_LEN)).varint(mapEntrySize(k, v)).bytes(1, k).bytes(2, v);
}

function writeRecorded(w: Writer, field: number, event: StoredEvent, p: EncodedParts, created: Buffer): void {
  w.varint(key(field, WIRE_LEN)).varint(recordedSize(event, p, created));
  w.varint(key(1, WIRE_LEN)).varint(uuidBodySize(p));
  if (p.structured) {
    const [msb, lsb] = p.structured;
    w.varint(key(1, WIRE_LEN)).varint(1 + bigVarintSize(asUint64(msb)) + 1 + bigVarintSize(asUint64(lsb)));
    w.byte(key(1, WIRE_VARINT)).bigVarint(asUint64(msb));
    w.byte(key(2, WIRE_VARINT)).bigVarint(asUint64(lsb));
  } else {
    w.bytes(2, p.id);
  }
  w.varint(key(2, WIRE_LEN)).varint(lenField(3, p.stream.length)).bytes(3, p.stream);
  w.byte(key(3, WIRE_VARINT));
  if (typeof p.revision === 'bigint') w.bigVarint(p.revision);
  else w.varint(p.revision);
  w.byte(key(4, WIRE_VARINT)).varint(event.position);
  w.byte(key(5, WIRE_VARINT)).varint(event.position);
  writeMapEntry(w, TYPE_KEY, p.type);
  writeMapEntry(w, CONTENT_TYPE_KEY, p.contentType);
  writeMapEntry(w, CREATED_KEY, created);
  if (event.metadata.length > 0) w.bytes(7, event.metadata);
  if (event.data.length > 0) w.bytes(8, event.data);
}

/** gRPC's length prefix before each message on the wire: a compressed flag (0) and a 4-byte big-endian length. */
export const GRPC_FRAME_HEADER = 5;

/** A serialized `ReadResp { event: ReadEvent { event, link?, commit_position } }`. */
export function encodeEventResponse(
  event: StoredEvent,
  link: StoredEvent | undefined,
  uuidFormat: UuidFormat,
): Buffer {
  return encode(event, link, uuidFormat, 0);
}

/**
 * The same response for an event read without a link, behind its gRPC frame header, as the read cache keeps it:
 * a batch of these concatenated is what goes on the wire, without another copy per message.
 */
export function encodeFramedEventResponse(event: StoredEvent, uuidFormat: UuidFormat): Buffer {
  return encode(event, undefined, uuidFormat, GRPC_FRAME_HEADER);
}

/**
 * Where an event's data and custom metadata sit inside `encodeFramedEventResponse`'s bytes for an event at
 * `position` with payloads of these lengths: they are the last two fields before the commit position.
 */
export function payloadViews(
  framed: Buffer,
  position: number,
  dataLength: number,
  metadataLength: number,
): { data: Buffer; metadata: Buffer } {
  const dataEnd = framed.length - 1 - varintSize(position);
  const dataStart = dataEnd - dataLength;
  const metadataEnd = dataLength > 0 ? dataStart - lenField(8, dataLength) + dataLength : dataStart;
  return {
    data: framed.subarray(dataStart, dataEnd),
    metadata: framed.subarray(metadataEnd - metadataLength, metadataEnd),
  };
}

function encode(
  event: StoredEvent,
  link: StoredEvent | undefined,
  uuidFormat: UuidFormat,
  headerSize: number,
): Buffer {
  const p = partsOf(event, uuidFormat);
  const created = Buffer.from(p.created, 'latin1');
  const recorded = recordedSize(event, p, created);
  const lp = link ? partsOf(link, uuidFormat) : undefined;
  const linkCreated = lp ? Buffer.from(lp.created, 'latin1') : undefined;
  const commit = (link ?? event).position;
  const readEvent =
    lenField(1, recorded) +
    (link ? lenField(2, recordedSize(link, lp!, linkCreated!)) : 0) +
    1 +
    varintSize(commit);
  const total = lenField(1, readEvent);
  const buffer = Buffer.allocUnsafe(headerSize + total);
  if (headerSize > 0) {
    buffer[0] = 0;
    buffer.writeUInt32BE(total, 1);
  }
  const w = new Writer(buffer, headerSize);
  w.varint(key(1, WIRE_LEN)).varint(readEvent);
  writeRecorded(w, 1, event, p, created);
  if (link) writeRecorded(w, 2, link, lp!, linkCreated!);
  w.byte(key(3, WIRE_VARINT)).varint(commit);
  if (w.length !== buffer.length) throw new Error(`encoded ${w.length} bytes, expected ${buffer.length}`);
  return buffer;
}
