/**
 * What the event store reports of each call it makes, for metrics: the kind of call, how many events it moved,
 * how long it took and whether it succeeded. No stream name is passed on — stream names carry person ids, and
 * nothing personal may reach a metric label.
 */
export type StoreOperation = 'append' | 'read-stream' | 'read-all';

export interface StoreCall {
  operation: StoreOperation;
  /** Events appended, or read back (an append that failed moved none). */
  events: number;
  seconds: number;
  outcome: 'ok' | 'error';
}

export interface StoreObserver {
  observe(call: StoreCall): void;
}

/** Times `work` and reports it to `observer` (when there is one), passing its result or error on unchanged. */
export async function observed<T>(
  observer: StoreObserver | undefined,
  operation: StoreOperation,
  work: () => Promise<T>,
  eventsOf: (result: T) => number,
): Promise<T> {
  if (!observer) return work();
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await work();
    observer.observe({ operation, events: eventsOf(result), seconds: seconds(), outcome: 'ok' });
    return result;
  } catch (error) {
    observer.observe({ operation, events: 0, seconds: seconds(), outcome: 'error' });
    throw error;
  }
}
