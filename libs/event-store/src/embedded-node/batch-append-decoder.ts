/**
 * The hot path of every append: decoding a `BatchAppendReq` straight from protobuf bytes into the
 * `ProposedEvent`s the log takes. The generated classes build, per event, a message object, a UUID object and
 * a jspb.Map, and copy every string through their own UTF-8 decoder — roughly a sixth of the node's CPU time
 * per 100-event append. The small, once-per-request parts (correlation id, options) are still decoded by the
 * generated classes, because the handler hands them back to the generated response builders.
 *
 * The result is checked against the generated classes in `batch-append-decoder.unit.spec.ts`.
 *
 * Field numbers are those of EventStoreDB's `streams.proto` / `shared.proto`:
 *   BatchAppendReq: correlation_id = 1, options = 2, proposed_messages = 3 (repeated), is_final = 4
 *   BatchAppendReq.ProposedMessage: id = 1, metadata (map<string,string>) = 2, custom_metadata = 3, data = 4
 *   map entry: key = 1, value = 2
 *   UUID: structured = 1 (oneof), string = 2 (oneof)
 * As in the generated decoder: a repeated singular field keeps its last occurrence, map entries accumulate
 * (a repeated key keeps its last value), and unknown fields are skipped.
 */
import { BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import { UUID } from '@eventstore/db-client/generated/shared_pb';
import type { ProposedEvent } from './event-log';
import { parseUuid } from './wire';

export interface DecodedBatchAppendReq {
  correlationId: UUID | undefined;
  options: BatchAppendReq.Options | undefined;
  /** One entry per proposed message; `undefined` for a message without an id, a type or a content type. */
  proposed: Array<ProposedEvent | undefined>;
  isFinal: boolean;
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

class MalformedMessage extends Error {}

/** A cursor over one message's bytes (or a length-delimited part of them). */
class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Varints up to 2^53: enough for tags, lengths and bools (longer ones are only ever skipped). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new MalformedMessage('truncated varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
      if (scale > 2 ** 63) throw new MalformedMessage('varint too long');
    }
  }

  /** The bounds of a length-delimited field's body; moves past it. */
  lengthDelimited(): [start: number, end: number] {
    const length = this.varint();
    const start = this.pos;
    const end = start + length;
    if (end > this.end) throw new MalformedMessage('truncated field');
    this.pos = end;
    return [start, end];
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new MalformedMessage(`unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new MalformedMessage('truncated field');
  }
}

/** grpc-js `requestDeserialize` for Streams/BatchAppend. */
export function decodeBatchAppendReq(bytes: Buffer): DecodedBatchAppendReq {
  const r = new Reader(bytes, 0, bytes.length);
  const decoded: DecodedBatchAppendReq = {
    correlationId: undefined,
    options: undefined,
    proposed: [],
    isFinal: false,
  };
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (field === 1 && wireType === WIRE_LEN) {
      const [start, end] = r.lengthDelimited();
      decoded.correlationId = UUID.deserializeBinary(bytes.subarray(start, end));
    } else if (field === 2 && wireType === WIRE_LEN) {
      const [start, end] = r.lengthDelimited();
      decoded.options = BatchAppendReq.Options.deserializeBinary(bytes.subarray(start, end));
    } else if (field === 3 && wireType === WIRE_LEN) {
      const [start, end] = r.lengthDelimited();
      decoded.proposed.push(proposedMessage(new Reader(bytes, start, end)));
    } else if (field === 4 && wireType === WIRE_VARINT) {
      decoded.isFinal = r.varint() !== 0;
    } else {
      r.skip(wireType);
    }
  }
  return decoded;
}

const EMPTY = Buffer.alloc(0);

function proposedMessage(r: Reader): ProposedEvent | undefined {
  const buf = r.buf;
  let id: string | undefined;
  let type = '';
  let contentType = '';
  let data: Buffer = EMPTY;
  let metadata: Buffer = EMPTY;
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType !== WIRE_LEN || field < 1 || field > 4) {
      r.skip(wireType);
      continue;
    }
    const [start, end] = r.lengthDelimited();
    switch (field) {
      case 1:
        id = uuidOf(buf, start, end);
        break;
      case 2: {
        const [key, value] = mapEntry(new Reader(buf, start, end));
        if (key === 'type') type = value;
        else if (key === 'content-type') contentType = value;
        break;
      }
      case 3:
        metadata = buf.subarray(start, end);
        break;
      case 4:
        data = buf.subarray(start, end);
        break;
    }
  }
  if (!type || !contentType || !id) return undefined;
  return { id, type, contentType, data, metadata };
}

function mapEntry(r: Reader): [key: string, value: string] {
  let key = '';
  let value = '';
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType === WIRE_LEN && (field === 1 || field === 2)) {
      const [start, end] = r.lengthDelimited();
      const text = r.buf.toString('utf8', start, end);
      if (field === 1) key = text;
      else value = text;
    } else {
      r.skip(wireType);
    }
  }
  return [key, value];
}

/** A UUID message's text, as `wire.parseUuid` gives it. The string form (what the client sends) is read here. */
function uuidOf(buf: Buffer, start: number, end: number): string | undefined {
  const r = new Reader(buf, start, end);
  let text: string | undefined;
  let structured = false;
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType === WIRE_LEN && field === 2) {
      const [s, e] = r.lengthDelimited();
      text = buf.toString('utf8', s, e);
      structured = false; // oneof: the last member on the wire wins
    } else if (wireType === WIRE_LEN && field === 1) {
      r.lengthDelimited();
      structured = true;
    } else {
      r.skip(wireType);
    }
  }
  // The structured form is rare (our client sends strings): leave it to the generated classes.
  if (structured) return parseUuid(UUID.deserializeBinary(buf.subarray(start, end)));
  return text ? text.toLowerCase() : undefined;
}
