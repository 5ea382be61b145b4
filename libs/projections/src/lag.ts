import type { EventStore, Position } from '@app/event-store';

export interface ProjectionLag {
  /** Events in `$all` after the checkpoint, yet to be examined (at most `cap`; `atLeast` when there are more). */
  events: number;
  atLeast: boolean;
  /** How long the oldest of them has waited (recorded time to now); 0 when there are none. */
  seconds: number;
}

/**
 * How far a projection is behind `$all`: the events after its checkpoint (counted up to `cap`, so an operator's
 * health check stays cheap however far behind it is) and the age of the oldest one.
 */
export async function projectionLag(
  store: EventStore,
  checkpoint: Position | null,
  now: Date,
  cap = 1000,
): Promise<ProjectionLag> {
  let events = 0;
  let oldest: Date | undefined;
  // One more than the cap tells "more than cap"; one more again for the checkpoint's own event.
  const maxCount = cap + (checkpoint ? 2 : 1);
  for await (const event of store.readAll({ fromPosition: checkpoint ?? 'start', maxCount })) {
    if (checkpoint && event.position.commit <= checkpoint.commit) continue; // the read starts at the checkpoint
    oldest ??= event.recordedAt;
    events += 1;
  }
  return {
    events: Math.min(events, cap),
    atLeast: events > cap,
    seconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}
