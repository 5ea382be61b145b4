import { BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID, Empty } from '@eventstore/db-client/generated/shared_pb';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { decodeBatchAppendReq } from './batch-append-decoder';
import { parseUuid } from './wire';

const stringUuid = (text: string) => {
  const uuid = new UUID();
  uuid.setString(text);
  return uuid;
};

const structuredUuid = (msb: string, lsb: string) => {
  const s = new UUID.Structured();
  s.setMostSignificantBits(msb);
  s.setLeastSignificantBits(lsb);
  const uuid = new UUID();
  uuid.setStructured(s);
  return uuid;
};

/** A proposed message built the way the client's batchAppend builds it. */
const message = (overrides: { id?: UUID | null; type?: string | null; contentType?: string | null } = {}) => {
  const m = new BatchAppendReq.ProposedMessage();
  if (overrides.id !== null) m.setId(overrides.id ?? stringUuid('C0FFEE00-1234-4abc-8def-0123456789ab'));
  if (overrides.type !== null) m.getMetadataMap().set('type', overrides.type ?? 'JobInterviewHeld.v1');
  if (overrides.contentType !== null)
    m.getMetadataMap().set('content-type', overrides.contentType ?? 'application/json');
  m.setData(Buffer.from('{"heldBy":"akasse","ø":"æ"}').toString('base64'));
  m.setCustomMetadata(Buffer.from('{"actor":"x"}').toString('base64'));
  return m;
};

const request = (messages: BatchAppendReq.ProposedMessage[], isFinal = true, withOptions = true) => {
  const req = new BatchAppendReq();
  req.setCorrelationId(stringUuid('11111111-2222-4333-8444-555555555555'));
  if (withOptions) {
    const options = new BatchAppendReq.Options();
    const id = new StreamIdentifier();
    id.setStreamName(Buffer.from('contact-process-ø-1'));
    options.setStreamIdentifier(id);
    options.setStreamPosition('41');
    options.setDeadline(Timestamp.fromDate(new Date(1_767_225_600_000)));
    req.setOptions(options);
  }
  req.setProposedMessagesList(messages);
  req.setIsFinal(isFinal);
  return Buffer.from(req.serializeBinary());
};

/** The generated classes are the reference: what the handler used to derive from them, field by field. */
function reference(bytes: Buffer) {
  const req = BatchAppendReq.deserializeBinary(bytes);
  return {
    correlationId: req.getCorrelationId()?.toObject(),
    options: req.getOptions()?.toObject(),
    isFinal: req.getIsFinal(),
    proposed: req.getProposedMessagesList().map((m) => {
      const type = m.getMetadataMap().get('type');
      const contentType = m.getMetadataMap().get('content-type');
      const id = parseUuid(m.getId());
      if (!type || !contentType || !id) return undefined;
      return {
        id,
        type,
        contentType,
        data: Buffer.from(m.getData_asU8()),
        metadata: Buffer.from(m.getCustomMetadata_asU8()),
      };
    }),
  };
}

function decoded(bytes: Buffer) {
  const req = decodeBatchAppendReq(bytes);
  return {
    correlationId: req.correlationId?.toObject(),
    options: req.options?.toObject(),
    isFinal: req.isFinal,
    proposed: req.proposed.map((e) =>
      e ? { ...e, data: Buffer.from(e.data), metadata: Buffer.from(e.metadata) } : undefined,
    ),
  };
}

describe('BatchAppendReq decoder', () => {
  it.each([
    ['a final chunk of 100 events', request(Array.from({ length: 100 }, () => message()))],
    ['a non-final chunk without options', request([message()], false, false)],
    ['an empty final chunk', request([], true)],
    ['a message without a type', request([message(), message({ type: null })])],
    ['a message with an empty content type', request([message({ contentType: '' })])],
    ['a message without an id', request([message({ id: null })])],
    ['a message with an empty string id', request([message({ id: stringUuid('') })])],
    [
      'a structured id (negative 64-bit halves)',
      request([message({ id: structuredUuid('-1', '-6148914691236517206') })]),
    ],
    [
      'a message with empty data',
      request([
        (() => {
          const m = message();
          m.setData('');
          return m;
        })(),
      ]),
    ],
  ])('decodes %s as the generated classes do', (_name, bytes) => {
    expect(decoded(bytes)).toEqual(reference(bytes));
  });

  it('keeps the last value of a repeated map key and of a repeated id, and skips unknown fields', () => {
    const first = Buffer.from(message().serializeBinary());
    const second = message({ id: stringUuid('00000000-0000-4000-8000-000000000002'), type: 'Other.v2' });
    second.getMetadataMap().set('extra', 'ignored');
    // Field 9 (varint), field 10 (fixed64), field 11 (bytes), field 12 (fixed32): unknown to both decoders.
    const unknown = Buffer.from([
      9 << 3,
      0x96,
      0x01,
      (10 << 3) | 1,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      (11 << 3) | 2,
      2,
      0xaa,
      0xbb,
      (12 << 3) | 5,
      1,
      2,
      3,
      4,
    ]);
    const merged = Buffer.concat([first, Buffer.from(second.serializeBinary()), unknown]);
    const frame = Buffer.concat([Buffer.from([(3 << 3) | 2]), varint(merged.length), merged]);
    const bytes = Buffer.concat([request([], false), frame, unknown]);
    expect(decoded(bytes)).toEqual(reference(bytes));
    expect(decoded(bytes).proposed[0]).toMatchObject({
      id: '00000000-0000-4000-8000-000000000002',
      type: 'Other.v2',
    });
  });

  it('keeps the last member of the UUID oneof', () => {
    const structuredThenString = Buffer.concat([
      Buffer.from(structuredUuid('1', '2').serializeBinary()),
      Buffer.from(stringUuid('00000000-0000-4000-8000-000000000003').serializeBinary()),
    ]);
    const m = message({ id: null });
    const body = Buffer.concat([
      Buffer.from([(1 << 3) | 2]),
      varint(structuredThenString.length),
      structuredThenString,
      Buffer.from(m.serializeBinary()),
    ]);
    const bytes = Buffer.concat([Buffer.from([(3 << 3) | 2]), varint(body.length), body]);
    expect(decoded(bytes)).toEqual(reference(bytes));
  });

  it('rejects truncated input, as the generated decoder does', () => {
    const bytes = request([message()]);
    const cut = bytes.subarray(0, bytes.length - 10);
    expect(() => BatchAppendReq.deserializeBinary(cut)).toThrow();
    expect(() => decodeBatchAppendReq(cut)).toThrow();
  });

  it('reads the expected-position oneof through the generated Options class', () => {
    const req = new BatchAppendReq();
    const options = new BatchAppendReq.Options();
    options.setNoStream(new Empty());
    req.setOptions(options);
    const decodedOptions = decodeBatchAppendReq(Buffer.from(req.serializeBinary())).options;
    expect(decodedOptions?.hasNoStream()).toBe(true);
  });
});

function varint(value: number): Buffer {
  const bytes: number[] = [];
  while (value >= 128) {
    bytes.push((value % 128) | 128);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}
