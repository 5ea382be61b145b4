/**
 * Encoding between the embedded node's log and the messages the real client expects. Every message class
 * comes from the client package's own `generated/` folder (serializers check `instanceof`).
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  AllStreamPosition,
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
  StreamDeleted,
  Timeout,
  MaximumAppendSizeExceeded,
  BadRequest,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import type { ExpectedRevision, StoreFailure } from './event-log';

/** Options a Read call chose for the UUIDs it gets back. */
export type UuidFormat = 'string' | 'structured';

export function streamIdentifier(name: string): StreamIdentifier {
  const id = new StreamIdentifier();
  id.setStreamName(Buffer.from(name, 'utf8'));
  return id;
}

export function streamNameOf(id: StreamIdentifier | undefined): string {
  if (!id) return '';
  return Buffer.from(id.getStreamName_asU8()).toString('utf8');
}

export function parseUuid(uuid: UUID | undefined): string | undefined {
  if (!uuid) return undefined;
  if (uuid.hasStructured()) {
    const s = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt(s.getMostSignificantBits()), 0);
    bytes.writeBigInt64BE(BigInt(s.getLeastSignificantBits()), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString();
  return text ? text.toLowerCase() : undefined;
}

export function encodeUuid(id: string, format: UuidFormat): UUID {
  const uuid = new UUID();
  if (format === 'string') {
    uuid.setString(id);
    return uuid;
  }
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const structured = new UUID.Structured();
  structured.setMostSignificantBits(bytes.readBigInt64BE(0).toString());
  structured.setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  uuid.setStructured(structured);
  return uuid;
}

export function streamNotFoundResponse(streamName: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(streamName));
  const resp = new ReadResp();
  resp.setStreamNotFound(notFound);
  return resp;
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(subscriptionId);
  const resp = new ReadResp();
  resp.setConfirmation(confirmation);
  return resp;
}

export function checkpointResponse(position: number): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(String(position));
  checkpoint.setPreparePosition(String(position));
  const resp = new ReadResp();
  resp.setCheckpoint(checkpoint);
  return resp;
}

export function caughtUpResponse(): ReadResp {
  const resp = new ReadResp();
  resp.setCaughtUp(new ReadResp.CaughtUp());
  return resp;
}

export function allStreamPosition(position: number): AllStreamPosition {
  const p = new AllStreamPosition();
  p.setCommitPosition(String(position));
  p.setPreparePosition(String(position));
  return p;
}

/** The numeric form EventStoreDB uses in `expected-version` trailers. */
function expectedVersionNumber(expected: ExpectedRevision): string {
  switch (expected.kind) {
    case 'any':
      return '-2';
    case 'no-stream':
      return '-1';
    case 'stream-exists':
      return '-4';
    case 'exact':
      return expected.revision.toString();
  }
}

// ---- errors as gRPC statuses with trailers (Append, Delete, Tombstone, Read) ----

function serviceError(code: status, details: string, trailers: Record<string, string>): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function streamDeletedError(streamName: string): ServiceError {
  return serviceError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });
}

export function wrongExpectedVersionError(
  streamName: string,
  expected: ExpectedRevision,
  current: bigint | null,
): ServiceError {
  const trailers: Record<string, string> = {
    exception: 'wrong-expected-version',
    'stream-name': streamName,
    'expected-version': expectedVersionNumber(expected),
  };
  if (current !== null) trailers['actual-version'] = current.toString();
  return serviceError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedVersionNumber(expected)}, Actual version: ${current ?? -1}`,
    trailers,
  );
}

export function maxAppendSizeError(maxAppendSize: number): ServiceError {
  return serviceError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

export function missingMetadataError(): ServiceError {
  return serviceError(
    status.INVALID_ARGUMENT,
    'Required metadata properties are missing: type, content-type',
    {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': 'type,content-type',
    },
  );
}

export function invalidArgument(details: string): ServiceError {
  return serviceError(status.INVALID_ARGUMENT, details, {});
}

export function cancelled(details: string): ServiceError {
  return serviceError(status.CANCELLED, details, {});
}

/** The client reports UNAVAILABLE as UnavailableError (and reconnects, as it does when a server goes away). */
export function unavailable(details: string): ServiceError {
  return serviceError(status.UNAVAILABLE, details, {});
}

/**
 * SQLite refused the operation. A lock held elsewhere clears when released: UNAVAILABLE, which the client reports
 * as UnavailableError, and the service as "try again later". Anything else (disk full, I/O error) will not clear
 * by retrying: INTERNAL, which the client reports as UnknownError with this message.
 */
export function storeFailureError(failure: StoreFailure): ServiceError {
  return serviceError(failure.transient ? status.UNAVAILABLE : status.INTERNAL, failure.message, {
    exception: 'store-failure',
    'sqlite-code': failure.sqliteCode,
  });
}

// ---- errors as google.rpc.Status with one packed detail (BatchAppend) ----

/** google.rpc.Code values used by EventStoreDB's BatchAppend answers. */
const RPC_CODE = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

function rpcStatus(
  code: number,
  message: string,
  detail: { serializeBinary(): Uint8Array },
  typeName: string,
): Status {
  const any = new Any();
  any.pack(detail.serializeBinary(), typeName);
  const s = new Status();
  s.setCode(code as Status.AsObject['code']);
  s.setMessage(message);
  s.setDetails(any);
  return s;
}

export function batchWrongExpectedVersion(expected: ExpectedRevision, current: bigint | null): Status {
  const detail = new WrongExpectedVersion();
  if (current === null) detail.setCurrentNoStream(new GoogleEmpty());
  else detail.setCurrentStreamRevision(current.toString());
  switch (expected.kind) {
    case 'any':
      detail.setExpectedAny(new GoogleEmpty());
      break;
    case 'no-stream':
      detail.setExpectedNoStream(new GoogleEmpty());
      break;
    case 'stream-exists':
      detail.setExpectedStreamExists(new GoogleEmpty());
      break;
    case 'exact':
      detail.setExpectedStreamPosition(expected.revision.toString());
      break;
  }
  return rpcStatus(
    RPC_CODE.ALREADY_EXISTS,
    'Wrong expected version.',
    detail,
    'event_store.client.WrongExpectedVersion',
  );
}

export function batchStreamDeleted(streamName: string): Status {
  const detail = new StreamDeleted();
  detail.setStreamIdentifier(streamIdentifier(streamName));
  return rpcStatus(
    RPC_CODE.NOT_FOUND,
    `Event stream '${streamName}' is deleted.`,
    detail,
    'event_store.client.StreamDeleted',
  );
}

export function batchTimeout(): Status {
  return rpcStatus(
    RPC_CODE.DEADLINE_EXCEEDED,
    'The append deadline has passed.',
    new Timeout(),
    'event_store.client.Timeout',
  );
}

/** The client knows no BadRequest detail and reports it as an error quoting the message, which is what we want. */
export function batchBadRequest(message: string): Status {
  const detail = new BadRequest();
  detail.setMessage(message);
  return rpcStatus(RPC_CODE.INVALID_ARGUMENT, message, detail, 'event_store.client.BadRequest');
}

/**
 * SQLite refused a BatchAppend's write; only this append fails, the shared call stays open. The client maps
 * BatchAppend errors by their detail alone. A lock that stayed held is what EventStoreDB answers when a write
 * cannot commit in time, a Timeout (the client's DeadlineExceededError; retrying the same event ids is safe).
 * Any other failure carries a detail the client does not know, so it reports an UnknownError quoting this
 * message (a `Unknown` detail would reach the caller with no message at all).
 */
export function batchStoreFailure(failure: StoreFailure): Status {
  if (failure.transient) {
    return rpcStatus(RPC_CODE.UNAVAILABLE, failure.message, new Timeout(), 'event_store.client.Timeout');
  }
  const detail = new BadRequest();
  detail.setMessage(failure.message);
  return rpcStatus(RPC_CODE.INTERNAL, failure.message, detail, 'event_store.client.BadRequest');
}

export function batchMaxAppendSize(maxAppendSize: number): Status {
  const detail = new MaximumAppendSizeExceeded();
  detail.setMaxappendsize(maxAppendSize);
  return rpcStatus(
    RPC_CODE.INVALID_ARGUMENT,
    `Maximum Append Size of ${maxAppendSize} Exceeded.`,
    detail,
    'event_store.client.MaximumAppendSizeExceeded',
  );
}

export const sharedEmpty = (): Empty => new Empty();
export const googleEmpty = (): GoogleEmpty => new GoogleEmpty();
