import type { StoredEvent } from './event-log';
import { encodeFramedEventResponse, payloadViews } from './read-event-encoder';
import type { UuidFormat } from './wire';

/**
 * An event as the event log's cache holds it: its fields and its read response, encoded once per UUID format and
 * framed for the wire. Encoding waits for the first read, so an append pays only for the entry (an event never
 * read costs no encoding); until then the payload is the one the event came with (for an append, views of its
 * request). Once encoded, the payload is held once, inside the response bytes: `data` and `metadata` are views of
 * it made when asked (link resolution), so an entry is one object and one buffer besides its strings — few
 * objects for the garbage collector to trace.
 */
export class CachedEvent implements StoredEvent {
  readonly position: number;
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly createdMicros: number;
  private readonly dataLength: number;
  private readonly metadataLength: number;
  /**
   * Data then metadata, copied into one buffer until the string form is encoded (from then on they are read from
   * that form): one object to keep instead of two views that would also keep the append's request buffers.
   */
  private payload: Buffer | undefined;
  /** With the UUID as a string: the form the client asks for. */
  private string: Buffer | undefined;
  private structured: Buffer | undefined;

  /** Positional, so an append builds the entry without an intermediate object per event. */
  constructor(
    position: number,
    streamName: string,
    revision: number,
    eventId: string,
    type: string,
    contentType: string,
    createdMicros: number,
    data: Uint8Array,
    metadata: Uint8Array,
  ) {
    this.position = position;
    this.streamName = streamName;
    this.revision = revision;
    this.eventId = eventId;
    this.type = type;
    this.contentType = contentType;
    this.createdMicros = createdMicros;
    this.dataLength = data.length;
    this.metadataLength = metadata.length;
    this.payload = Buffer.allocUnsafe(data.length + metadata.length);
    this.payload.set(data, 0);
    this.payload.set(metadata, data.length);
  }

  static of(e: StoredEvent): CachedEvent {
    return new CachedEvent(
      e.position,
      e.streamName,
      e.revision,
      e.eventId,
      e.type,
      e.contentType,
      e.createdMicros,
      e.data,
      e.metadata,
    );
  }

  get data(): Uint8Array {
    return this.payload ? this.payload.subarray(0, this.dataLength) : this.views().data;
  }

  get metadata(): Uint8Array {
    return this.payload ? this.payload.subarray(this.dataLength) : this.views().metadata;
  }

  /** The framed `ReadResp` for this event read without a link. */
  framed(uuidFormat: UuidFormat): Buffer {
    if (uuidFormat === 'structured') {
      this.structured ??= encodeFramedEventResponse(this, 'structured');
      return this.structured;
    }
    if (!this.string) {
      this.string = encodeFramedEventResponse(this, 'string');
      this.payload = undefined;
    }
    return this.string;
  }

  private views(): { data: Buffer; metadata: Buffer } {
    return payloadViews(this.framed('string'), this.position, this.dataLength, this.metadataLength);
  }
}
