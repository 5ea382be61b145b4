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

/**
 * Another write reached the stream between reading it and appending what was decided on that read, when the
 * caller asked for no particular revision: the decision was taken on a state that is gone. Nothing was stored.
 */
export class ConcurrentWriteError extends Error {
  readonly code = 'concurrent-write';
  constructor(
    readonly streamName: string,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `Stream ${streamName} was written to (now at revision ${String(actual)}) while this write was decided`,
    );
  }
}

/**
 * The event store did not answer: the connection is refused or dropped (gRPC UNAVAILABLE), a call ran past its
 * deadline, or the node is not the leader. Transient: the same call may succeed once the store is back.
 */
export class EventStoreUnavailableError extends Error {
  readonly code = 'event-store-unavailable';
}

/** Whether a failure may pass by itself (the store was away), so retrying it later is the right answer. */
export function isTransientEventStoreError(error: unknown): boolean {
  return error instanceof EventStoreUnavailableError;
}
