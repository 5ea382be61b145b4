import type {
  AllFilter,
  AllSubscription,
  EventStore,
  Position,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '@app/event-store';
import { filterTakes } from './store-positions';

/** Where a runner's events come from: the store's own `$all` subscription unless a shared feed is given. */
export type AllSource = (options: SubscribeToAllOptions) => AllSubscription;

/** Messages a consumer may hold before the shared read waits for it: the slowest projection sets the pace. */
const HIGH_WATER = 2048;

/**
 * One read of `$all` for several runners (`rebuild --all`): each event is read, decoded and decrypted once, and
 * handed in order to every runner whose filter takes it; a runner whose filter does not take it gets a checkpoint
 * at its position instead (as a server-side filter would send), so it knows how far `$all` was examined and
 * reaches its `until`. Each runner still commits its own batches and checkpoint.
 *
 * Only each runner's first subscription is shared. A runner that subscribes again (the store went away, or its
 * stored checkpoint moved) is served by the store directly: correct, only no longer shared. The read starts at
 * `start()`, from the earliest position any runner asked for, and ends when every runner has unsubscribed.
 */
export class SharedAllFeed {
  private readonly consumers: FeedConsumer[] = [];
  private started = false;
  private wakePump: (() => void) | undefined;
  private source: AllSubscription | undefined;

  constructor(private readonly store: EventStore) {}

  /** A source for one runner (give each runner its own). */
  sourceFor(): AllSource {
    let used = false;
    return (options) => {
      if (used || this.started) return this.store.subscribeToAll(options);
      used = true;
      const consumer = new FeedConsumer(
        options,
        () => this.wakePump?.(),
        () => this.consumerClosed(),
      );
      this.consumers.push(consumer);
      return consumer;
    };
  }

  /** Reads `$all` once for every runner that has subscribed; resolves when the read has ended. */
  async start(): Promise<void> {
    this.started = true;
    const open = this.consumers.filter((c) => !c.closed);
    if (open.length === 0) return;
    const source = this.store.subscribeToAll({
      fromPosition: earliest(open.map((c) => c.from)),
      filter: unionOf(open.map((c) => c.filter)),
    });
    this.source = source;
    try {
      for await (const message of source) {
        for (const consumer of this.consumers) consumer.offer(message);
        if (!(await this.roomInEveryConsumer())) break;
      }
      for (const consumer of this.consumers) consumer.end();
    } catch (error) {
      for (const consumer of this.consumers) consumer.fail(error as Error);
    } finally {
      await source.unsubscribe().catch(() => undefined);
    }
  }

  /**
   * The last runner let go: the read ends now, also while it waits for the next live event (after `caught-up`
   * nothing may come for a long time).
   */
  private consumerClosed(): void {
    this.wakePump?.();
    if (this.source && this.consumers.every((c) => c.closed))
      void this.source.unsubscribe().catch(() => undefined);
  }

  /** Waits while a consumer is full; false once every consumer has unsubscribed. */
  private async roomInEveryConsumer(): Promise<boolean> {
    while (true) {
      const open = this.consumers.filter((c) => !c.closed);
      if (open.length === 0) return false;
      if (open.every((c) => c.buffered() < HIGH_WATER)) return true;
      await new Promise<void>((resolve) => (this.wakePump = resolve));
      this.wakePump = undefined;
    }
  }
}

/** One runner's view of the shared read: an AllSubscription holding what its filter takes after its position. */
class FeedConsumer implements AllSubscription {
  readonly from: Position | 'start' | 'end';
  readonly filter: AllFilter | undefined;
  closed = false;
  private readonly queue: SubscriptionMessage[] = [];
  private ended = false;
  private failure: Error | undefined;
  private notify: (() => void) | undefined;

  constructor(
    options: SubscribeToAllOptions,
    private readonly tookOne: () => void,
    private readonly closedNow: () => void,
  ) {
    this.from = options.fromPosition ?? 'start';
    this.filter = options.filter;
  }

  offer(message: SubscriptionMessage): void {
    if (this.closed) return;
    const position =
      message.kind === 'event'
        ? message.event.position
        : message.kind === 'checkpoint'
          ? message.position
          : null;
    if (position && typeof this.from === 'object' && position.commit <= this.from.commit) return;
    if (message.kind === 'event' && this.filter && !filterTakes(this.filter, message.event))
      this.checkpointAt(message.event.position);
    else if (message.kind === 'checkpoint') this.checkpointAt(message.position);
    else this.queue.push(message);
    this.wake();
  }

  /** Checkpoints in a row are one: only the furthest matters to the runner. */
  private checkpointAt(position: Position): void {
    const last = this.queue[this.queue.length - 1];
    if (last?.kind === 'checkpoint') last.position = position;
    else this.queue.push({ kind: 'checkpoint', position });
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  fail(error: Error): void {
    this.failure = error;
    this.end();
  }

  buffered(): number {
    return this.queue.length;
  }

  unsubscribe(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    this.end();
    this.closedNow();
    return Promise.resolve();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    while (true) {
      const next = this.queue.shift();
      if (next) {
        this.tookOne();
        yield next;
        continue;
      }
      if (this.ended) {
        if (this.failure && !this.closed) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => (this.notify = resolve));
    }
  }

  private wake(): void {
    const n = this.notify;
    this.notify = undefined;
    n?.();
  }
}

function earliest(froms: Array<Position | 'start' | 'end'>): Position | 'start' | 'end' {
  if (froms.includes('start')) return 'start';
  const positions = froms.filter((f): f is Position => typeof f === 'object');
  if (positions.length === 0) return 'end';
  return positions.reduce((a, b) => (b.commit < a.commit ? b : a));
}

/**
 * One server-side filter taking what any consumer's takes, where there is one: prefixes on the same field.
 * Otherwise (e.g. stream names for one, event types for another) everything is read and each consumer's
 * filter is applied here.
 */
export function unionOf(filters: Array<AllFilter | undefined>): AllFilter | undefined {
  if (filters.some((f) => !f || !('prefixes' in f))) return undefined;
  const prefixed = filters as Array<Extract<AllFilter, { prefixes: string[] }>>;
  const on = prefixed[0].on;
  if (prefixed.some((f) => f.on !== on)) return undefined;
  return {
    on,
    prefixes: [...new Set(prefixed.flatMap((f) => f.prefixes))],
    checkpointInterval: Math.min(...prefixed.map((f) => f.checkpointInterval ?? 1)),
  };
}
