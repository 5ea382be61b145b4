import {
  storedTypeOf,
  type AllFilter,
  type EventStore,
  type Position,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@app/event-store';

/** The position of the newest event in `$all`, or null for an empty store. */
export async function headPosition(store: EventStore): Promise<Position | null> {
  let head: Position | null = null;
  // Read to the end of each read: a read left early keeps the client's dispose() waiting for it.
  for await (const event of store.readAll({ direction: 'backwards', maxCount: 1 })) head = event.position;
  return head;
}

const PAGE = 512;

/** Whether a `$all` filter takes the event (as the server applies it to a filtered subscription). */
export function filterTakes(
  filter: AllFilter,
  event: Pick<RecordedEvent, 'streamName' | 'type' | 'schemaVersion'>,
): boolean {
  // An event-type filter sees the type as stored (`PersonDataRead.v1`), as the server's does; a recorded event
  // carries it parsed.
  const subject =
    filter.on === 'stream-name'
      ? event.streamName
      : event.schemaVersion > 0
        ? storedTypeOf(event.type, event.schemaVersion)
        : event.type;
  return 'prefixes' in filter
    ? filter.prefixes.some((prefix) => subject.startsWith(prefix))
    : new RegExp(filter.regex).test(subject);
}

/**
 * The position of the newest event in `$all` that `filter` takes, or null when there is none. What a filtered
 * projection can be waited for: a live filtered subscription sends a checkpoint only every checkpoint interval
 * of examined events (as EventStoreDB does), so an event it does not take at the head of `$all` (an access-log
 * entry after a read) is never confirmed, and waiting for the head itself would wait for ever.
 */
export const headPositionTaken = (store: EventStore, filter: AllFilter): Promise<Position | null> =>
  newestPositionWhere(store, (e) => filterTakes(filter, e));

/**
 * The position of the last event the store had recorded before `instant` (its recorded time, `created`), or
 * null when it had recorded none. Read backwards from the end: recorded time grows with the position.
 */
export const positionRecordedBefore = (store: EventStore, instant: Date): Promise<Position | null> =>
  newestPositionWhere(store, (e) => e.recordedAt.getTime() < instant.getTime());

/** The position of the newest event in `$all` that `wanted` holds for, read backwards a page at a time. */
async function newestPositionWhere(
  store: EventStore,
  wanted: (event: RecordedEvent) => boolean,
): Promise<Position | null> {
  let from: Position | 'end' = 'end';
  while (true) {
    const page: RecordedEvent[] = [];
    for await (const event of store.readAll({ direction: 'backwards', fromPosition: from, maxCount: PAGE }))
      page.push(event);
    const before: Position | 'end' = from;
    // A read from a position includes the event at it: only what is older is new to this page.
    const older: RecordedEvent[] = page.filter((e) => before === 'end' || e.position.commit < before.commit);
    const found = older.find(wanted);
    if (found) return found.position;
    if (older.length === 0) return null;
    from = older[older.length - 1].position;
  }
}

/**
 * The store as it was at `until`: stream reads leave out later events. A projection that re-reads a stream
 * while it applies (to refold a person after a correction) must not see the future when it replays up to
 * `until` for an auditor. Subscriptions and appends are the store's own; the runner bounds `$all` itself.
 */
export function storeUpTo(store: EventStore, until: Position): EventStore {
  const readStream = async (
    streamName: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> => {
    // Read without the count, so the count applies to what existed at `until` (in either direction).
    const { maxCount, ...rest } = options;
    const events = (await store.readStream(streamName, rest)).filter(
      (e) => e.position.commit <= until.commit,
    );
    return maxCount === undefined ? events : events.slice(0, maxCount);
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readStream') return readStream;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
