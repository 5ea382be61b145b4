/**
 * Where "now" comes from. Injected everywhere time matters (the law's deadlines, the log's timestamps, a key's
 * destruction), never read from a global, so that a spec fixes the day and a replay reads the same time.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
