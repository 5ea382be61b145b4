export interface ProgressSample {
  atMs: number;
  /** Commit position the new generation includes, and the end of `$all`. */
  checkpoint: bigint;
  head: bigint;
  eventsApplied: number;
}

/**
 * One progress line from the first sample of this run and the latest: events applied per second, how much
 * of `$all` (by position) is behind us, and the time left at the rate positions have been passing.
 */
export function progressLine(
  name: string,
  generation: number,
  first: ProgressSample,
  latest: ProgressSample,
): string {
  const seconds = (latest.atMs - first.atMs) / 1000;
  const percent = latest.head > 0n ? Number((latest.checkpoint * 10000n) / latest.head) / 100 : 100;
  const eventsPerSecond = seconds > 0 ? (latest.eventsApplied - first.eventsApplied) / seconds : 0;
  const positionsPerSecond = seconds > 0 ? Number(latest.checkpoint - first.checkpoint) / seconds : 0;
  const remaining = Number(latest.head - latest.checkpoint);
  const eta =
    remaining <= 0 ? 'done' : positionsPerSecond > 0 ? duration(remaining / positionsPerSecond) : 'unknown';
  return (
    `${name} generation ${generation}: ${percent.toFixed(1)}% of $all ` +
    `(position ${latest.checkpoint} of ${latest.head}), ${latest.eventsApplied} events applied, ` +
    `${Math.round(eventsPerSecond)} events/s, ETA ${eta}`
  );
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
