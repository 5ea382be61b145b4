import type { AppendOutcome, AppendRequest, EventLog, StoreFailure } from './event-log';

type Answer = (outcome: AppendOutcome | StoreFailure) => void;

/**
 * Group commit: the appends that arrive while the node is busy are written together, in one transaction.
 *
 * A SQLite commit in WAL mode with synchronous = FULL waits for one fsync, and the node's event loop waits with it
 * (a few ms on this machine). Committed one by one, concurrent writers queue for a flush each, so appends/s can
 * never exceed flushes/s. Meanwhile their requests pile up in the socket; grpc-js hands them over one by one on
 * the next turns. Each append is queued here as it arrives and the queue is written on the next `setImmediate`
 * — after the I/O of this turn, so everything that had arrived shares one commit. A lone writer waits only for
 * that turn; its append is written as it would have been alone.
 *
 * Each append is answered only after the commit returned: an acknowledged append is on disk, as before.
 * Order is arrival order — positions, `$all`, and each append decided after the ones queued before it
 * (EventLog.appendAll). Writes that are not appends (delete, tombstone) `flush` first, so they too see every
 * append that arrived before them.
 */
export class AppendQueue {
  private queued: AppendRequest[] = [];
  private answers: Answer[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly log: EventLog) {}

  append(request: AppendRequest, answer: Answer): void {
    this.queued.push(request);
    this.answers.push(answer);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes and answers everything queued, now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.queued.length === 0) return;
    const requests = this.queued;
    const answers = this.answers;
    this.queued = [];
    this.answers = [];
    const outcomes = this.log.appendAll(requests);
    for (let i = 0; i < answers.length; i += 1) answers[i](outcomes[i]);
  }
}
