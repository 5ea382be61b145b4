import type { EventStore, NewEvent, Position } from '@app/event-store';

interface Waiting {
  event: NewEvent;
  resolve(position: Position | undefined): void;
  reject(error: unknown): void;
}

/**
 * Appends events to their streams, one append per stream for whatever arrived while the previous appends were
 * in flight: under load, concurrent requests' access-log entries share one round trip and one commit (one
 * fsync) of the store instead of taking one each; alone, an event is appended at once. Each caller's promise
 * settles when its own event is stored — resolved with the append's position, which covers every event of the
 * append — or rejected with the error of the append it was part of (so a failed append returns no data).
 */
export class CoalescingAppender {
  private waiting = new Map<string, Waiting[]>();
  private draining = false;

  constructor(
    private readonly store: Pick<EventStore, 'append'>,
    /** Events per append at most (a day stream's events are small: 500 a batch stays far below any limit). */
    private readonly maxBatch = 500,
  ) {}

  append(stream: string, event: NewEvent): Promise<Position | undefined> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(stream);
      if (queue) queue.push({ event, resolve, reject });
      else this.waiting.set(stream, [{ event, resolve, reject }]);
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.size > 0) {
        const batches = [...this.waiting];
        this.waiting = new Map();
        await Promise.all(batches.map(([stream, queue]) => this.flush(stream, queue)));
      }
    } finally {
      this.draining = false;
    }
  }

  private async flush(stream: string, queue: Waiting[]): Promise<void> {
    for (let i = 0; i < queue.length; i += this.maxBatch) {
      const batch = queue.slice(i, i + this.maxBatch);
      try {
        const { position } = await this.store.append(
          stream,
          batch.map((w) => w.event),
        );
        for (const w of batch) w.resolve(position);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  }
}
