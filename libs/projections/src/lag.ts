import {
  storedTypeOf,
  type AllFilter,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@app/event-store';

export interface ProjectionLag {
  /**
   * Events after the checkpoint the projection is yet to apply: those its filter takes among the next `cap` in
   * `$all` (`atLeast` when more of `$all` lies beyond). Events its filter leaves out do not count.
   */
  events: number;
  atLeast: boolean;
  /** How long the oldest of them has waited (recorded time to now); 0 when there are none. */
  seconds: number;
}

/**
 * How far a projection is behind `$all`: the events after its checkpoint that its filter takes (among the next
 * `cap`, so an operator's health check stays cheap however far behind it is) and the age of the oldest one.
 *
 * The filter matters: a live subscription's checkpoint moves only with the events it is sent and at the filter's
 * checkpoint interval, so the events it skips (access-log entries, identities) lie after its checkpoint for a
 * while. Counted, they would make a projection that is up to date look behind, and for ever older.
 */
export async function projectionLag(
  store: EventStore,
  checkpoint: Position | null,
  now: Date,
  cap = 1000,
  filter?: AllFilter,
): Promise<ProjectionLag> {
  const takes = filter ? filterMatcher(filter) : () => true;
  let examined = 0;
  let events = 0;
  let oldest: Date | undefined;
  // One more than the cap tells "more than cap"; one more again for the checkpoint's own event.
  const maxCount = cap + (checkpoint ? 2 : 1);
  for await (const event of store.readAll({ fromPosition: checkpoint ?? 'start', maxCount })) {
    if (checkpoint && event.position.commit <= checkpoint.commit) continue; // the read starts at the checkpoint
    examined += 1;
    if (examined > cap || !takes(event)) continue;
    oldest ??= event.recordedAt;
    events += 1;
  }
  return {
    events,
    atLeast: examined > cap,
    seconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}

/** The server's filter, applied here: on the stream name or the stored type (`Type.vN`), by prefix or regex. */
function filterMatcher(filter: AllFilter): (event: RecordedEvent) => boolean {
  const subject = (event: RecordedEvent) =>
    filter.on === 'stream-name'
      ? event.streamName
      : event.schemaVersion > 0
        ? storedTypeOf(event.type, event.schemaVersion)
        : event.type;
  if ('regex' in filter) {
    const regex = new RegExp(filter.regex);
    return (event) => regex.test(subject(event));
  }
  return (event) => filter.prefixes.some((prefix) => subject(event).startsWith(prefix));
}
