import { credentials as grpcCredentials, status, type ServiceError } from '@grpc/grpc-js';
import {
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  UnavailableError,
  convertToCommandError,
  WrongExpectedVersionError,
  jsonEvent,
  binaryEvent,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, BatchAppendReq, type BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { EmbeddedEventStoreNode } from '@app/event-store';
import { collect, startTestNode, uniqueStream, type TestNode } from '../support/embedded-node';

const adminCredentials = { username: 'admin', password: 'changeit' };
const anEvent = (n = 0) => jsonEvent({ type: 'SomethingHappened', data: { n } });

/** One BatchAppend request of one event of `bytes` bytes, as the client sends each chunk of an append. */
function batchChunk(
  stream: string,
  correlationId: string,
  { final, withOptions, bytes }: { final: boolean; withOptions: boolean; bytes: number },
): BatchAppendReq {
  const request = new BatchAppendReq();
  const correlation = new UUID();
  correlation.setString(correlationId);
  request.setCorrelationId(correlation);
  if (withOptions) {
    const options = new BatchAppendReq.Options();
    const identifier = new StreamIdentifier();
    identifier.setStreamName(Buffer.from(stream));
    options.setStreamIdentifier(identifier);
    options.setAny(new GoogleEmpty());
    request.setOptions(options);
  }
  const message = new BatchAppendReq.ProposedMessage();
  const id = new UUID();
  id.setString(globalThis.crypto.randomUUID());
  message.setId(id);
  message.getMetadataMap().set('type', 'Part');
  message.getMetadataMap().set('content-type', 'application/octet-stream');
  message.setData(new Uint8Array(bytes));
  request.setProposedMessagesList([message]);
  request.setIsFinal(final);
  return request;
}

describe('embedded node: appends', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await startTestNode();
  });
  afterAll(() => t.stop());

  describe('server features', () => {
    it('lists the methods it serves, with lower-case names, as a real server does', async () => {
      const raw = new ServerFeaturesClient(`127.0.0.1:${t.node.port}`, grpcCredentials.createInsecure());
      const methods = await new Promise<SupportedMethods>((resolve, reject) =>
        raw.getSupportedMethods(new Empty(), (error, value) => (error ? reject(error) : resolve(value))),
      );
      raw.close();
      const listed = methods.getMethodsList().map((m) => `${m.getServiceName()}/${m.getMethodName()}`);
      expect(listed).toEqual(
        expect.arrayContaining([
          'event_store.client.streams.streams/batchappend',
          'event_store.client.streams.streams/append',
          'event_store.client.streams.streams/read',
          'event_store.client.streams.streams/delete',
          'event_store.client.streams.streams/tombstone',
        ]),
      );
      const read = methods.getMethodsList().find((m) => m.getMethodName() === 'read');
      expect(read?.getFeaturesList()).toEqual(['position', 'events']);
    });

    it('makes the client use BatchAppend without per-call credentials and Append with them', async () => {
      const before = { ...t.node.calls };
      await t.client.appendToStream(uniqueStream(), anEvent());
      expect(t.node.calls.append).toBe(before.append);
      await t.client.appendToStream(uniqueStream(), anEvent(), { credentials: adminCredentials });
      expect(t.node.calls.append).toBe(before.append + 1);
      // BatchAppend is one long-lived call shared by all appends on the channel.
      expect(t.node.calls.batchAppend).toBeGreaterThanOrEqual(1);
    });
  });

  describe.each([
    ['BatchAppend', {}],
    ['Append', { credentials: adminCredentials }],
  ])('expected revision through %s', (_method, callOptions) => {
    const append = (stream: string, expectedRevision: AppendExpectedRevision, n = 0) =>
      t.client.appendToStream(stream, anEvent(n), { expectedRevision, ...callOptions });

    it('answers with the new revision and a position', async () => {
      const stream = uniqueStream();
      const first = await append(stream, 'no_stream');
      const second = await append(stream, 0n);
      expect(first.nextExpectedRevision).toBe(0n);
      expect(second.nextExpectedRevision).toBe(1n);
      expect(second.position!.commit).toBeGreaterThan(first.position!.commit);
      expect(second.position!.prepare).toBe(second.position!.commit);
    });

    it('accepts any on a new and on an existing stream', async () => {
      const stream = uniqueStream();
      await append(stream, 'any');
      expect((await append(stream, 'any')).nextExpectedRevision).toBe(1n);
    });

    it('refuses no_stream when the stream exists', async () => {
      const stream = uniqueStream();
      await append(stream, 'no_stream');
      const error = await append(stream, 'no_stream').catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.expectedVersion).toBe('no_stream');
      expect(error.actualVersion).toBe(0n);
    });

    it('refuses stream_exists when there is no stream', async () => {
      const error = await append(uniqueStream(), 'stream_exists').catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.actualVersion).toBe('no_stream');
    });

    it('accepts stream_exists when there is one', async () => {
      const stream = uniqueStream();
      await append(stream, 'no_stream');
      expect((await append(stream, 'stream_exists')).nextExpectedRevision).toBe(1n);
    });

    it('refuses an exact revision that is not the current one, and writes nothing', async () => {
      const stream = uniqueStream();
      await append(stream, 'no_stream');
      await append(stream, 0n);
      const error = await append(stream, 0n, 99).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error.expectedVersion).toBe(0n);
      expect(error.actualVersion).toBe(1n);
      const events = await collect(t.client.readStream(stream));
      expect(events.map((e) => (e.event!.data as { n: number }).n)).toEqual([0, 0]);
    });

    it('re-appending the same event ids at the same expected position succeeds without duplicates', async () => {
      const stream = uniqueStream();
      const batch = [anEvent(1), anEvent(2), anEvent(3)];
      const first = await t.client.appendToStream(stream, batch, {
        expectedRevision: 'no_stream',
        ...callOptions,
      });
      const retry = await t.client.appendToStream(stream, batch, {
        expectedRevision: 'no_stream',
        ...callOptions,
      });
      expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect(retry.position).toEqual(first.position);
      const events = await collect(t.client.readStream(stream));
      expect(events).toHaveLength(3);
    });

    it('re-appending the same event ids with any succeeds without duplicates', async () => {
      const stream = uniqueStream();
      const batch = [anEvent(1), anEvent(2)];
      await t.client.appendToStream(stream, batch, { expectedRevision: 'any', ...callOptions });
      await t.client.appendToStream(stream, batch, { expectedRevision: 'any', ...callOptions });
      expect(await collect(t.client.readStream(stream))).toHaveLength(2);
    });

    it('refuses more than 1 MiB of event data in one append', async () => {
      const big = binaryEvent({ type: 'Big', data: new Uint8Array(1024 * 1024 + 1) });
      const error = await t.client.appendToStream(uniqueStream(), big, callOptions).catch((e) => e);
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error.maxAppendSize).toBe(1024 * 1024);
    });
  });

  it('keeps data, metadata, type, content type and id of each event as written', async () => {
    const stream = uniqueStream();
    const json = jsonEvent({
      type: 'JobInterviewHeld.v1',
      data: { heldBy: 'akasse' },
      metadata: { actor: 'x' },
    });
    const binary = binaryEvent({ type: 'Blob', data: new Uint8Array([1, 2, 3]) });
    await t.client.appendToStream(stream, [json, binary]);
    const [a, b] = await collect(t.client.readStream(stream));
    expect(a.event).toMatchObject({
      id: json.id,
      type: 'JobInterviewHeld.v1',
      data: { heldBy: 'akasse' },
      metadata: { actor: 'x' },
      isJson: true,
    });
    expect(b.event).toMatchObject({ id: binary.id, type: 'Blob', isJson: false });
    expect(Array.from(b.event!.data as Uint8Array)).toEqual([1, 2, 3]);
  });

  it('answers a BatchAppend message without a type as a bad request, and writes nothing', async () => {
    const raw = new StreamsClient(`127.0.0.1:${t.node.port}`, grpcCredentials.createInsecure());
    const call = raw.batchAppend();
    const stream = uniqueStream('untyped');
    const request = new BatchAppendReq();
    const correlation = new UUID();
    correlation.setString('9a1c0d2e-0000-4000-8000-000000000001');
    request.setCorrelationId(correlation);
    const options = new BatchAppendReq.Options();
    const identifier = new StreamIdentifier();
    identifier.setStreamName(Buffer.from(stream));
    options.setStreamIdentifier(identifier);
    options.setAny(new GoogleEmpty());
    request.setOptions(options);
    const message = new BatchAppendReq.ProposedMessage();
    const id = new UUID();
    id.setString('9a1c0d2e-0000-4000-8000-000000000002');
    message.setId(id);
    message.getMetadataMap().set('content-type', 'application/json');
    message.setData(Buffer.from('{}'));
    request.setProposedMessagesList([message]);
    request.setIsFinal(true);
    const response = await new Promise<BatchAppendResp>((resolve) => {
      call.on('data', resolve);
      call.write(request);
    });
    call.end();
    raw.close();
    expect(response.getError()?.getCode()).toBe(3);
    expect(response.getError()?.getMessage()).toMatch(/Required metadata properties are missing/);
    await expect(collect(t.client.readStream(stream))).rejects.toThrow();
  });

  // The client keeps one pending promise per correlation id, deleted by the first response: a second response,
  // or one for a non-final chunk, would resolve the append early and then crash the client's process.
  it('answers an append sent in several chunks once, after its final chunk', async () => {
    const raw = new StreamsClient(`127.0.0.1:${t.node.port}`, grpcCredentials.createInsecure());
    const call = raw.batchAppend();
    const stream = uniqueStream('chunked');
    const responses: BatchAppendResp[] = [];
    call.on('data', (r: BatchAppendResp) => responses.push(r));
    const ended = new Promise((resolve) => call.on('end', resolve));
    const correlation = globalThis.crypto.randomUUID();
    for (let i = 0; i < 3; i += 1)
      call.write(batchChunk(stream, correlation, { final: i === 2, withOptions: i === 0, bytes: 10 }));
    call.end();
    await ended;
    raw.close();
    expect(responses.map((r) => [r.hasSuccess(), r.getSuccess()?.getCurrentRevision()])).toEqual([
      [true, '2'],
    ]);
  });

  it('gives each of several interleaved many-chunk appends of the real client its own one answer', async () => {
    const streams = [uniqueStream('chunks-a'), uniqueStream('chunks-b'), uniqueStream('chunks-c')];
    const events = Array.from({ length: 30 }, (_, n) => anEvent(n));
    // batchAppendSize of 100 bytes: about one event per chunk, so the three appends' chunks interleave.
    const results = await Promise.all(
      streams.map((s) =>
        t.client.appendToStream(s, events, { expectedRevision: 'no_stream', batchAppendSize: 100 }),
      ),
    );
    expect(results.map((r) => r.nextExpectedRevision)).toEqual([29n, 29n, 29n]);
    for (const s of streams) expect(await collect(t.client.readStream(s))).toHaveLength(30);
  });

  it('answers a BatchAppend above 1 MiB as its chunks arrive, before its final chunk', async () => {
    const raw = new StreamsClient(`127.0.0.1:${t.node.port}`, grpcCredentials.createInsecure());
    const call = raw.batchAppend();
    const stream = uniqueStream('big-batch');
    const responses: BatchAppendResp[] = [];
    const first = new Promise<void>((resolve) =>
      call.on('data', (r: BatchAppendResp) => resolve(void responses.push(r))),
    );
    const chunk = (final: boolean, withOptions: boolean) =>
      batchChunk(stream, '9a1c0d2e-0000-4000-8000-00000000000b', { final, withOptions, bytes: 300 * 1024 });
    let sent = 0;
    while (responses.length === 0 && sent < 16) {
      call.write(chunk(false, sent === 0));
      sent += 1;
      await Promise.race([first, new Promise((r) => setImmediate(r))]);
    }
    if (responses.length === 0) call.write(chunk(true, false)); // a node that waits for the end answers now
    await first;
    call.end();
    raw.close();
    expect(sent).toBeLessThan(16);
    expect(responses[0].getError()?.getDetails()?.getTypeName()).toBe(
      'event_store.client.MaximumAppendSizeExceeded',
    );
    await expect(collect(t.client.readStream(stream))).rejects.toThrow();
  });

  it('answers a BatchAppend whose deadline has already passed with a timeout', async () => {
    const error = await t.client
      .appendToStream(uniqueStream(), anEvent(), { deadline: -1000 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.type).toBe('deadline-exceeded');
  });

  describe('classic Append (per-call credentials)', () => {
    const MiB = 1024 * 1024;
    let raw: StreamsClient;
    beforeAll(() => {
      raw = new StreamsClient(`127.0.0.1:${t.node.port}`, grpcCredentials.createInsecure());
    });
    afterAll(() => raw.close());

    it('refuses an endless append as soon as it passes 1 MiB, before the client has ended it', async () => {
      const stream = uniqueStream('endless');
      let answer: ServiceError | null | undefined;
      let answered!: () => void;
      const answeredPromise = new Promise<void>((resolve) => (answered = resolve));
      const call = raw.append((error) => {
        answer = error;
        answered();
      });
      const sent = await writeUntil(call, stream, () => answer !== undefined, 16 * MiB);
      call.end();
      await answeredPromise;
      const error = convertToCommandError(answer!);
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(MiB);
      expect(sent.endedBeforeAnswer).toBe(false);
      expect(sent.bytes).toBeLessThan(16 * MiB);
      await expect(collect(t.client.readStream(stream))).rejects.toThrow();
    });

    it('refuses a real client append of many events above 1 MiB, and writes nothing', async () => {
      const stream = uniqueStream('many');
      const events = Array.from({ length: 40 }, () =>
        binaryEvent({ type: 'Part', data: new Uint8Array(32 * 1024) }),
      );
      const error = await t.client
        .appendToStream(stream, events, { credentials: adminCredentials })
        .catch((e) => e);
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      await expect(collect(t.client.readStream(stream))).rejects.toThrow();
    });
  });
});

describe('embedded node: an append in flight when the node stops', () => {
  it('ends an unfinished classic Append with UNAVAILABLE, which the client reports as UnavailableError', async () => {
    const node = await EmbeddedEventStoreNode.start({ port: 0 });
    const raw = new StreamsClient(`127.0.0.1:${node.port}`, grpcCredentials.createInsecure());
    const answered = new Promise<ServiceError | null>((resolve) => {
      const call = raw.append((error) => resolve(error));
      call.write(optionsRequest(uniqueStream('in-flight')));
      call.write(messageRequest(new Uint8Array(16)));
    });
    while (node.calls.append === 0) await new Promise((r) => setImmediate(r));
    await node.stop();
    const error = await answered;
    raw.close();
    expect(error?.code).toBe(status.UNAVAILABLE);
    expect(convertToCommandError(error!)).toBeInstanceOf(UnavailableError);
  });

  it('still ends the shared BatchAppend call with CANCELLED', async () => {
    const node = await EmbeddedEventStoreNode.start({ port: 0 });
    const client = EventStoreDBClient.connectionString(node.connectionString);
    await client.appendToStream(uniqueStream(), anEvent()); // opens the long-lived BatchAppend call
    const raw = new StreamsClient(`127.0.0.1:${node.port}`, grpcCredentials.createInsecure());
    const call = raw.batchAppend();
    const ended = new Promise<ServiceError>((resolve) => call.on('error', resolve));
    call.write(new BatchAppendReq()); // an unfinished append: no final chunk
    while (node.calls.batchAppend < 2) await new Promise((r) => setImmediate(r));
    await node.stop();
    const error = await ended;
    raw.close();
    await client.dispose();
    expect(error.code).toBe(status.CANCELLED);
  });
});

function optionsRequest(stream: string): AppendReq {
  const options = new AppendReq.Options();
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(stream));
  options.setStreamIdentifier(identifier);
  options.setAny(new Empty());
  const request = new AppendReq();
  request.setOptions(options);
  return request;
}

function messageRequest(data: Uint8Array): AppendReq {
  const message = new AppendReq.ProposedMessage();
  const id = new UUID();
  id.setString(globalThis.crypto.randomUUID());
  message.setId(id);
  message.getMetadataMap().set('type', 'Chunk');
  message.getMetadataMap().set('content-type', 'application/octet-stream');
  message.setData(data);
  const request = new AppendReq();
  request.setProposedMessage(message);
  return request;
}

/**
 * Writes an append's options, then 64 KiB messages with backpressure until `answered()` or `limit` bytes;
 * says how much was sent and whether it got to the end without an answer.
 */
async function writeUntil(
  call: ReturnType<StreamsClient['append']>,
  stream: string,
  answered: () => boolean,
  limit: number,
): Promise<{ bytes: number; endedBeforeAnswer: boolean }> {
  call.write(optionsRequest(stream));
  const chunk = new Uint8Array(64 * 1024);
  let bytes = 0;
  while (!answered() && bytes < limit) {
    bytes += chunk.length;
    if (!call.write(messageRequest(chunk))) {
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        call.once('drain', done);
        call.once('status', done);
        call.once('error', done);
      });
    }
    await new Promise((r) => setImmediate(r));
  }
  return { bytes, endedBeforeAnswer: !answered() };
}
