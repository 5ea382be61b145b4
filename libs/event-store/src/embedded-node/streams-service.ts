import { randomUUID } from 'node:crypto';
import type {
  sendUnaryData,
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
} from '@grpc/grpc-js';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteReq,
  DeleteResp,
  ReadReq,
  ReadResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { UUID } from '@eventstore/db-client/generated/shared_pb';
import {
  asStoreFailure,
  MAX_APPEND_SIZE,
  StoreFailure,
  type AppendOutcome,
  type DeleteOutcome,
  type EventLog,
  type ExpectedRevision,
  type ProposedEvent,
  type StoredEvent,
} from './event-log';
import * as wire from './wire';
import { compileFilter, type EventFilter } from './filter';
import { encodeEventResponse, GRPC_FRAME_HEADER } from './read-event-encoder';
import { decodeBatchAppendReq, type DecodedBatchAppendReq } from './batch-append-decoder';
import type { AppendQueue } from './append-queue';

/**
 * Rows per SQLite read in reads and catch-up. Each read blocks the event loop while it materialises and encodes
 * its rows; the client's 64 KiB receive window holds only ~150 events, so a long stall leaves it idle. 128
 * rows (~0.6 ms) keeps it fed: `$all` reads measured ~55–58k events/s with 512, ~64–66k with 128 (bench:store).
 */
const READ_BATCH = 128;
const LINK_EVENT_TYPE = '$>';
/**
 * Framed responses gathered into one write to the call. Each write costs grpc-js and HTTP/2 a fixed few µs (a
 * copy, a write request, a DATA frame) whatever its size; 32 KiB (~80 bench events) makes that a fraction of a µs
 * per event and stays within the client's 64 KiB receive window.
 */
const WRITE_BATCH_BYTES = 32 * 1024;

/** Everything a long-lived call needs so the node can end it on shutdown. */
export interface OpenCalls {
  add(end: () => void): () => void;
}

type AnyStreamingCall = { cancelled: boolean; write(message: unknown): boolean };

/** Several gRPC messages, each behind its frame header, written to the call as one chunk. */
class FramedMessages {
  constructor(readonly bytes: Buffer) {}
}

/**
 * Lets this call take `FramedMessages`. grpc-js frames one message per write and offers no way to write several
 * at once, so this replaces the call's `serializeMessage` (which adds the frame header to what the service
 * definition serialized) for this call only, passing pre-framed bytes through. Everything else about the write
 * — headers first, cancellation, the size limit, backpressure, the order of writes — stays grpc-js's. False when
 * the grpc-js in use has no such method: the call then writes one message at a time as before.
 */
function acceptFramedMessages(call: ServerWritableStream<ReadReq, ReadResp>): boolean {
  const base = (call as unknown as { call?: { serializeMessage?: (value: unknown) => Buffer } }).call;
  const serialize = base?.serializeMessage;
  if (!base || typeof serialize !== 'function') return false;
  base.serializeMessage = (value: unknown) =>
    value instanceof FramedMessages ? value.bytes : serialize.call(base, value);
  return true;
}

/** A generated message behind its gRPC frame header, to go into a batch. */
function framed(message: ReadResp | Buffer): Buffer {
  const body = Buffer.isBuffer(message) ? message : Buffer.from(message.serializeBinary());
  const out = Buffer.allocUnsafe(GRPC_FRAME_HEADER + body.length);
  out[0] = 0;
  out.writeUInt32BE(body.length, 1);
  body.copy(out, GRPC_FRAME_HEADER);
  return out;
}

/**
 * Event responses on their way to one Read call, written `WRITE_BATCH_BYTES` at a time. `flush` before anything
 * sent directly with `send`, so the order on the wire is the order of the calls.
 */
class ResponseWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private readonly batched: boolean;

  constructor(private readonly call: ServerWritableStream<ReadReq, ReadResp>) {
    this.batched = acceptFramedMessages(call);
  }

  /** One framed message (see `EventLog.framedResponse`). */
  async add(message: Buffer): Promise<void> {
    if (!this.batched) return send(this.call, message.subarray(GRPC_FRAME_HEADER));
    this.parts.push(message);
    this.size += message.length;
    if (this.size >= WRITE_BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    await send(this.call, new FramedMessages(bytes));
  }
}

/** Writes with backpressure: waits for 'drain' whenever grpc-js says its buffer is full. */
async function send(
  call: ServerWritableStream<ReadReq, ReadResp>,
  message: ReadResp | Buffer | FramedMessages,
): Promise<void> {
  if ((call as unknown as AnyStreamingCall).write(message)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}

function expectedFromOptions(options: {
  hasRevision?: () => boolean;
  getRevision?: () => string;
  hasStreamPosition?: () => boolean;
  getStreamPosition?: () => string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}): ExpectedRevision {
  if (options.hasRevision?.()) return { kind: 'exact', revision: BigInt(options.getRevision!()) };
  if (options.hasStreamPosition?.()) return { kind: 'exact', revision: BigInt(options.getStreamPosition!()) };
  if (options.hasNoStream()) return { kind: 'no-stream' };
  if (options.hasStreamExists()) return { kind: 'stream-exists' };
  return { kind: 'any' };
}

/** Streams/Append's proposed messages (BatchAppend's are decoded by batch-append-decoder.ts). */
function proposedEvent(message: AppendReq.ProposedMessage): ProposedEvent | undefined {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  const id = wire.parseUuid(message.getId());
  if (!type || !contentType || !id) return undefined;
  const data = message.getData_asU8();
  const custom = message.getCustomMetadata_asU8();
  return {
    id,
    type,
    contentType,
    data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    metadata: Buffer.from(custom.buffer, custom.byteOffset, custom.byteLength),
  };
}

/**
 * The client package's own Streams service definition, with two changes on the hot paths: Read responses that
 * are already serialized (event responses) pass through unchanged, every other message being serialized by the
 * generated serializer as before; and BatchAppend requests are decoded by hand (batch-append-decoder.ts).
 */
export const streamsServiceDefinition = {
  ...StreamsService,
  read: {
    ...StreamsService.read,
    responseSerialize: (value: ReadResp | Buffer): Buffer =>
      Buffer.isBuffer(value) ? value : StreamsService.read.responseSerialize(value),
  },
  batchAppend: {
    ...StreamsService.batchAppend,
    requestDeserialize: decodeBatchAppendReq,
  },
};

/** The generated server interface, with BatchAppend taking what `streamsServiceDefinition` decodes. */
export type StreamsServer = Omit<IStreamsServer, 'batchAppend'> & {
  batchAppend(call: ServerDuplexStream<DecodedBatchAppendReq, BatchAppendResp>): void;
};

/** How many calls of each Streams method the node has served (operators and conformance tests read it). */
export interface CallCounts {
  read: number;
  append: number;
  batchAppend: number;
  delete: number;
  tombstone: number;
}

/** `appends` writes every append (group commit); the other writes flush it first, to keep arrival order. */
export function createStreamsService(
  log: EventLog,
  appends: AppendQueue,
  openCalls: OpenCalls,
  counts: CallCounts,
): StreamsServer {
  return {
    read(call: ServerWritableStream<ReadReq, ReadResp>) {
      counts.read += 1;
      const options = call.request.getOptions();
      if (!options) {
        call.emit('error', wire.invalidArgument('Read request without options'));
        return;
      }
      const run = options.hasSubscription()
        ? subscribe(log, call, options, openCalls)
        : read(log, call, options);
      run.catch((error: Error) => {
        const failure = asStoreFailure(error);
        if (!call.cancelled) call.emit('error', failure ? wire.storeFailureError(failure) : error);
      });
    },

    append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) {
      counts.append += 1;
      let options: AppendReq.Options | undefined;
      const events: ProposedEvent[] = [];
      let size = 0;
      let answered = false;
      // Exactly one answer; whatever the client still sends after it is dropped unread.
      const answer: sendUnaryData<AppendResp> = (error, value) => {
        if (answered) return;
        answered = true;
        events.length = 0;
        remove();
        callback(error, value);
      };
      // At shutdown EventStoreDB's client expects an unfinished append to fail as UNAVAILABLE (its suite's
      // `extra/write-after-end`), unlike BatchAppend's CANCELLED: the append was not written and may be retried.
      const remove = openCalls.add(() => answer(wire.unavailable('The node is shutting down.')));
      call.on('data', (req: AppendReq) => {
        if (answered) return;
        if (req.hasOptions()) options = req.getOptions();
        else if (req.hasProposedMessage()) {
          const event = proposedEvent(req.getProposedMessage()!);
          if (!event) return answer(wire.missingMetadataError());
          // Refused as it arrives, as EventStoreDB does: an endless append must not grow the node's memory.
          size += event.data.length + event.metadata.length;
          if (size > MAX_APPEND_SIZE) return answer(wire.maxAppendSizeError(MAX_APPEND_SIZE));
          events.push(event);
        }
      });
      call.on('end', () => {
        if (answered) return;
        if (!options) return answer(wire.invalidArgument('Append without options'));
        const streamName = wire.streamNameOf(options.getStreamIdentifier());
        const expected = expectedFromOptions(options);
        appends.append({ streamName, expected, events }, (outcome) => {
          if (outcome instanceof StoreFailure) return answer(wire.storeFailureError(outcome));
          answerAppend(streamName, outcome, answer);
        });
      });
      call.on('cancelled', remove);
      call.on('error', remove);
    },

    batchAppend(call: ServerDuplexStream<DecodedBatchAppendReq, BatchAppendResp>) {
      counts.batchAppend += 1;
      const pending = new Map<
        string,
        { options: BatchAppendReq.Options; events: ProposedEvent[]; invalid: boolean; size: number }
      >();
      /** Appends answered with an error before their final chunk; forgotten when that chunk arrives. */
      const failed = new Set<string>();
      const remove = openCalls.add(() => call.emit('error', wire.cancelled('The node is shutting down.')));
      const answers = new PendingAnswers((resp) => {
        if (!call.cancelled) call.write(resp);
      });
      call.on('data', (req: DecodedBatchAppendReq) => {
        const correlation = req.correlationId;
        const key = wire.parseUuid(correlation) ?? '';
        if (failed.has(key)) {
          // once a correlation id failed, its later chunks are ignored
          if (req.isFinal) failed.delete(key);
          return;
        }
        let entry = pending.get(key);
        // Answers this append early with an error; its later chunks are then ignored.
        const fail = (options: BatchAppendReq.Options, error: BatchError) => {
          pending.delete(key);
          if (!req.isFinal) failed.add(key);
          call.write(batchResponse(correlation, options, { error }));
        };
        if (!entry) {
          const options = req.options;
          if (!options) return;
          entry = { options, events: [], invalid: false, size: 0 };
          pending.set(key, entry);
          const deadline = options.getDeadline();
          if (deadline && deadline.toDate().getTime() < Date.now()) return fail(options, wire.batchTimeout());
        }
        for (const event of req.proposed) {
          if (!event) {
            entry.invalid = true;
            continue;
          }
          // Refused as the chunks arrive, so an append that never sends its final chunk cannot grow memory.
          entry.size += event.data.length + event.metadata.length;
          if (entry.size > MAX_APPEND_SIZE)
            return fail(entry.options, wire.batchMaxAppendSize(MAX_APPEND_SIZE));
          entry.events.push(event);
        }
        if (!req.isFinal) return;
        pending.delete(key);
        answers.add(finalBatchAppend(appends, correlation, entry));
      });
      call.on('end', () => {
        remove();
        // Appends still in the queue are answered first: each final chunk gets exactly one response.
        void answers.settled().then(() => call.end());
      });
      call.on('cancelled', remove);
      call.on('error', remove);
    },

    delete(call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>) {
      counts.delete += 1;
      const options = call.request.getOptions();
      if (!options) return callback(wire.invalidArgument('Delete without options'));
      const streamName = wire.streamNameOf(options.getStreamIdentifier());
      appends.flush();
      const outcome = storeCall(() => log.softDelete(streamName, expectedFromOptions(options)));
      if (outcome instanceof StoreFailure) return callback(wire.storeFailureError(outcome));
      answerDelete(
        streamName,
        outcome,
        callback,
        () => new DeleteResp(),
        (resp, position) => {
          const p = new DeleteResp.Position();
          p.setCommitPosition(String(position));
          p.setPreparePosition(String(position));
          resp.setPosition(p);
        },
      );
    },

    tombstone(call: ServerUnaryCall<TombstoneReq, TombstoneResp>, callback: sendUnaryData<TombstoneResp>) {
      counts.tombstone += 1;
      const options = call.request.getOptions();
      if (!options) return callback(wire.invalidArgument('Tombstone without options'));
      const streamName = wire.streamNameOf(options.getStreamIdentifier());
      appends.flush();
      const outcome = storeCall(() => log.tombstone(streamName, expectedFromOptions(options)));
      if (outcome instanceof StoreFailure) return callback(wire.storeFailureError(outcome));
      answerDelete(
        streamName,
        outcome,
        callback,
        () => new TombstoneResp(),
        (resp, position) => {
          const p = new TombstoneResp.Position();
          p.setCommitPosition(String(position));
          p.setPreparePosition(String(position));
          resp.setPosition(p);
        },
      );
    },
  };
}

function answerAppend(streamName: string, outcome: AppendOutcome, callback: sendUnaryData<AppendResp>): void {
  const resp = new AppendResp();
  switch (outcome.kind) {
    case 'success': {
      const success = new AppendResp.Success();
      if (outcome.currentRevision === null) success.setNoStream(wire.sharedEmpty());
      else success.setCurrentRevision(outcome.currentRevision.toString());
      if (outcome.position === null) success.setNoPosition(wire.sharedEmpty());
      else {
        const position = new AppendResp.Position();
        position.setCommitPosition(String(outcome.position));
        position.setPreparePosition(String(outcome.position));
        success.setPosition(position);
      }
      resp.setSuccess(success);
      return callback(null, resp);
    }
    case 'wrong-expected-version': {
      const wrong = new AppendResp.WrongExpectedVersion();
      if (outcome.currentRevision === null) wrong.setCurrentNoStream(wire.sharedEmpty());
      else wrong.setCurrentRevision(outcome.currentRevision.toString());
      const expected = outcome.expected;
      switch (expected.kind) {
        case 'any':
          wrong.setExpectedAny(wire.sharedEmpty());
          break;
        case 'no-stream':
          wrong.setExpectedNoStream(wire.sharedEmpty());
          break;
        case 'stream-exists':
          wrong.setExpectedStreamExists(wire.sharedEmpty());
          break;
        case 'exact':
          wrong.setExpectedRevision(expected.revision.toString());
          break;
      }
      resp.setWrongExpectedVersion(wrong);
      return callback(null, resp);
    }
    case 'stream-deleted':
      return callback(wire.streamDeletedError(streamName));
    case 'max-append-size-exceeded':
      return callback(wire.maxAppendSizeError(outcome.maxAppendSize));
  }
}

type BatchError = ReturnType<typeof wire.batchTimeout>;
type BatchResult = { success: BatchAppendResp.Success } | { error: BatchError };

interface BatchEntry {
  options: BatchAppendReq.Options;
  events: ProposedEvent[];
  invalid: boolean;
}

/** The answer to a BatchAppend whose final chunk arrived: once its group is committed (AppendQueue). */
function finalBatchAppend(
  appends: AppendQueue,
  correlation: UUID | undefined,
  { options, events, invalid }: BatchEntry,
): Promise<BatchAppendResp> {
  // A proposed message without an id, type or content type is a bad request, not an append outcome.
  if (invalid) {
    const error = wire.batchBadRequest('Required metadata properties are missing: id, type, content-type');
    return Promise.resolve(batchResponse(correlation, options, { error }));
  }
  const streamName = wire.streamNameOf(options.getStreamIdentifier());
  return new Promise((resolve) =>
    appends.append({ streamName, expected: expectedFromOptions(options), events }, (outcome) => {
      const result =
        outcome instanceof StoreFailure
          ? { error: wire.batchStoreFailure(outcome) }
          : batchResult(streamName, outcome);
      resolve(batchResponse(correlation, options, result));
    }),
  );
}

/**
 * A call's answers in the order their requests arrived, each written as soon as it and those before it are
 * known (a bad request is known at once, an append once its group committed).
 */
class PendingAnswers {
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly write: (resp: BatchAppendResp) => void) {}

  add(answer: Promise<BatchAppendResp>): void {
    this.last = this.last.then(() => answer).then(this.write);
  }

  settled(): Promise<void> {
    return this.last;
  }
}

/** Runs a log operation; a SQLite failure comes back as a value for the caller to answer, never as a throw. */
function storeCall<T>(work: () => T): T | StoreFailure {
  try {
    return work();
  } catch (error) {
    const failure = asStoreFailure(error);
    if (failure) return failure;
    throw error;
  }
}

function batchResult(streamName: string, outcome: AppendOutcome): BatchResult {
  switch (outcome.kind) {
    case 'success': {
      const success = new BatchAppendResp.Success();
      if (outcome.currentRevision === null) success.setNoStream(wire.googleEmpty());
      else success.setCurrentRevision(outcome.currentRevision.toString());
      if (outcome.position === null) success.setNoPosition(wire.googleEmpty());
      else success.setPosition(wire.allStreamPosition(outcome.position));
      return { success };
    }
    case 'wrong-expected-version':
      return { error: wire.batchWrongExpectedVersion(outcome.expected, outcome.currentRevision) };
    case 'stream-deleted':
      return { error: wire.batchStreamDeleted(streamName) };
    case 'max-append-size-exceeded':
      return { error: wire.batchMaxAppendSize(outcome.maxAppendSize) };
  }
}

function batchResponse(
  correlation: UUID | undefined,
  options: BatchAppendReq.Options,
  result: BatchResult,
): BatchAppendResp {
  const resp = new BatchAppendResp();
  if (correlation) resp.setCorrelationId(correlation);
  resp.setStreamIdentifier(options.getStreamIdentifier());
  if (options.hasStreamPosition()) resp.setStreamPosition(options.getStreamPosition());
  else if (options.hasNoStream()) resp.setNoStream(wire.googleEmpty());
  else if (options.hasStreamExists()) resp.setStreamExists(wire.googleEmpty());
  else resp.setAny(wire.googleEmpty());
  if ('success' in result) resp.setSuccess(result.success);
  else resp.setError(result.error);
  return resp;
}

function answerDelete<T>(
  streamName: string,
  outcome: DeleteOutcome,
  callback: sendUnaryData<T>,
  create: () => T,
  setPosition: (resp: T, position: number) => void,
): void {
  switch (outcome.kind) {
    case 'success': {
      const resp = create();
      setPosition(resp, outcome.position);
      return callback(null, resp);
    }
    case 'wrong-expected-version':
      return callback(wire.wrongExpectedVersionError(streamName, outcome.expected, outcome.currentRevision));
    case 'stream-deleted':
      return callback(wire.streamDeletedError(streamName));
  }
}

// ---- reads ----

function uuidFormatOf(options: ReadReq.Options): wire.UuidFormat {
  return options.getUuidOption()?.hasStructured() ? 'structured' : 'string';
}

function countOf(options: ReadReq.Options): number {
  const count = BigInt(options.getCount() || '0');
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

/**
 * An event's response, framed for `ResponseWriter`: the event log keeps each event's bytes; a resolved link
 * (its target with the link beside it) is encoded per read.
 */
function toResponse(
  log: EventLog,
  event: StoredEvent,
  resolveLinks: boolean,
  uuidFormat: wire.UuidFormat,
): Buffer {
  if (resolveLinks && event.type === LINK_EVENT_TYPE) {
    const target = log.resolveLink(event);
    if (target) return framed(encodeEventResponse(target, event, uuidFormat));
  }
  return log.framedResponse(event, uuidFormat);
}

async function read(
  log: EventLog,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadReq.Options,
): Promise<void> {
  const uuidFormat = uuidFormatOf(options);
  const resolveLinks = options.getResolveLinks();
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  let remaining = countOf(options);
  const out = new ResponseWriter(call);

  if (options.hasStream()) {
    const stream = options.getStream()!;
    const streamName = wire.streamNameOf(stream.getStreamIdentifier());
    const status = log.streamStatus(streamName);
    if (status === 'tombstoned') throw wire.streamDeletedError(streamName);
    if (status !== 'exists') {
      await send(call, wire.streamNotFoundResponse(streamName));
      call.end();
      return;
    }
    if (backwards) {
      let from: bigint | 'end' = stream.hasRevision()
        ? BigInt(stream.getRevision())
        : stream.hasStart()
          ? 0n
          : 'end';
      while (remaining > 0 && !call.cancelled && (from === 'end' || from >= 0n)) {
        const batch = Math.min(READ_BATCH, remaining);
        const rows = log.readStreamBackward(streamName, from, batch);
        for (const row of rows) await out.add(toResponse(log, row, resolveLinks, uuidFormat));
        await out.flush();
        remaining -= rows.length;
        if (rows.length < batch) break;
        from = BigInt(rows[rows.length - 1].revision) - 1n;
      }
    } else {
      let from = stream.hasRevision()
        ? BigInt(stream.getRevision())
        : stream.hasEnd()
          ? BigInt(log.lastRevisionOf(streamName)) + 1n
          : 0n;
      while (remaining > 0 && !call.cancelled) {
        const batch = Math.min(READ_BATCH, remaining);
        const rows = log.readStreamForward(streamName, from, batch);
        for (const row of rows) await out.add(toResponse(log, row, resolveLinks, uuidFormat));
        await out.flush();
        remaining -= rows.length;
        if (rows.length < batch) break;
        from = BigInt(rows[rows.length - 1].revision) + 1n;
      }
    }
    call.end();
    return;
  }

  const all = options.getAll()!;
  if (backwards) {
    let before = all.hasPosition()
      ? Number(all.getPosition()!.getCommitPosition())
      : all.hasStart()
        ? 0
        : log.lastPosition + 1;
    while (remaining > 0 && !call.cancelled && before > 0) {
      const batch = Math.min(READ_BATCH, remaining);
      const rows = log.readAllBackward(before, batch);
      for (const row of rows) await out.add(toResponse(log, row, resolveLinks, uuidFormat));
      await out.flush();
      remaining -= rows.length;
      if (rows.length < batch) break;
      before = rows[rows.length - 1].position;
    }
  } else {
    let from = all.hasPosition()
      ? Number(all.getPosition()!.getCommitPosition())
      : all.hasEnd()
        ? log.lastPosition + 1
        : 0;
    while (remaining > 0 && !call.cancelled) {
      const batch = Math.min(READ_BATCH, remaining);
      const rows = log.readAllForward(from, batch);
      for (const row of rows) await out.add(toResponse(log, row, resolveLinks, uuidFormat));
      await out.flush();
      remaining -= rows.length;
      if (rows.length < batch) break;
      from = rows[rows.length - 1].position + 1;
    }
  }
  call.end();
}

// ---- subscriptions: confirmation → catch-up (start exclusive) → caught_up → live ----

async function subscribe(
  log: EventLog,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadReq.Options,
  openCalls: OpenCalls,
): Promise<void> {
  const uuidFormat = uuidFormatOf(options);
  const resolveLinks = options.getResolveLinks();
  let wake: (() => void) | undefined;
  let dirty = false;
  const unlisten = log.onCommit(() => {
    dirty = true;
    const w = wake;
    wake = undefined;
    w?.();
  });
  let ended = false;
  const finish = () => {
    ended = true;
    unlisten();
    const w = wake;
    wake = undefined;
    w?.();
  };
  const removeOpen = openCalls.add(() => {
    finish();
    call.emit('error', wire.cancelled('The node is shutting down.'));
  });
  call.on('cancelled', finish);
  call.on('close', finish);

  const waitForCommit = () =>
    new Promise<void>((resolve) => {
      if (dirty || ended) return resolve();
      wake = resolve;
    });

  const out = new ResponseWriter(call);
  try {
    await send(call, wire.confirmationResponse(randomUUID()));
    let caughtUp = false;

    if (options.hasStream()) {
      const stream = options.getStream()!;
      const streamName = wire.streamNameOf(stream.getStreamIdentifier());
      let next = stream.hasRevision()
        ? BigInt(stream.getRevision()) + 1n
        : stream.hasEnd()
          ? BigInt(log.lastRevisionOf(streamName)) + 1n
          : 0n;
      while (!ended) {
        dirty = false;
        if (log.streamStatus(streamName) === 'tombstoned') throw wire.streamDeletedError(streamName);
        const rows = log.readStreamForward(streamName, next, READ_BATCH);
        for (const row of rows) {
          if (ended) break;
          await out.add(toResponse(log, row, resolveLinks, uuidFormat));
          next = BigInt(row.revision) + 1n;
        }
        await out.flush();
        if (rows.length === READ_BATCH) continue;
        if (!caughtUp) {
          caughtUp = true;
          await send(call, wire.caughtUpResponse());
        }
        await waitForCommit();
      }
      return;
    }

    const all = options.getAll()!;
    let last = all.hasPosition()
      ? Number(all.getPosition()!.getCommitPosition())
      : all.hasEnd()
        ? log.lastPosition
        : 0;
    const filter: EventFilter | undefined = options.hasFilter()
      ? compileFilter(options.getFilter()!)
      : undefined;
    let examined = 0;
    while (!ended) {
      dirty = false;
      const rows = log.readAllAfter(last, READ_BATCH);
      for (const row of rows) {
        if (ended) break;
        last = row.position;
        if (!filter || filter.matches(row)) await out.add(toResponse(log, row, resolveLinks, uuidFormat));
        if (filter) {
          examined += 1;
          if (examined % filter.checkpointInterval === 0)
            await out.add(framed(wire.checkpointResponse(row.position)));
        }
      }
      await out.flush();
      if (rows.length === READ_BATCH) continue;
      if (!caughtUp) {
        caughtUp = true;
        if (filter) await send(call, wire.checkpointResponse(Math.max(last, 0)));
        await send(call, wire.caughtUpResponse());
      }
      await waitForCommit();
    }
  } finally {
    finish();
    removeOpen();
  }
}
