/** Errors of the event-store layer, independent of the client package that produced them. */

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export class WrongExpectedRevisionError extends Error {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName} is at revision ${String(actual)}, but ${String(expected)} was expected`);
  }
}

export class StreamDeletedError extends Error {
  readonly code = 'stream-deleted';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} is deleted`);
  }
}

export class EventStoreUnavailableError extends Error {
  readonly code = 'event-store-unavailable';
}
