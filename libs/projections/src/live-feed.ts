import {
  EventStoreUnavailableError,
  type AllFilter,
  type AllSubscription,
  type EventStore,
  type Position,
  type SubscribeToAllOptions,
  type SubscriptionMessage,
} from '@app/event-store';
import { unionOf, type AllSource } from './shared-feed';
import { filterTakes } from './store-positions';

/** Messages a shared consumer may hold before the read waits for it: the slowest projection sets the pace. */
const HIGH_WATER = 2048;
/**
 * Messages kept for a consumer that is still catching up on a subscription of its own. Past this it stays on
 * that subscription (correct, only not shared) rather than holding the live events of a long catch-up in memory.
 */
const JOIN_CAP = 20_000;
/**
 * At the first start, runners subscribing within this window start one read from the earliest of them; it starts
 * at once when every runner given a source has subscribed.
 */
const GATHER_MS = 25;
/** The search window a server-side filter's checkpoint interval is counted in (as the embedded node's default). */
const SEARCH_WINDOW = 32;

export interface LiveFeedStats {
  /** `$all` subscriptions opened on the store: the shared read's, and each catching-up consumer's own. */
  storeSubscriptions: number;
  /** Consumers served by the shared read now. */
  shared: number;
  /** Consumers on a subscription of their own now (catching up to the shared read, or past JOIN_CAP). */
  direct: number;
}

/**
 * One live read of `$all` for the running service's projections: each event is read, decoded and decrypted
 * once and handed to every runner whose filter takes it (a checkpoint for the others, as a server-side filter
 * sends). Each runner keeps its own lease, checkpoint, batches and generation switch: it subscribes and
 * unsubscribes through `sourceFor()` as it would on the store.
 *
 * Unlike `SharedAllFeed` (one pass for a rebuild), runners come and go: a lease taken or lost, a checkpoint moved by
 * a generation switch, a store outage. A runner subscribing from exactly where the read is joins it at once. Any
 * other (behind or ahead of the read) catches up on a subscription of its own while the read keeps what arrives
 * for it; at its own `caught-up` every event up to the store's head then has reached it, so it continues with
 * what the read kept after its last position — no event lost or doubled — and the own subscription ends.
 *
 * When the store goes away the read fails every consumer on it (each runner then retries with its backoff, as
 * against the store) and the read ends; the first runner back starts it again from its checkpoint, the others
 * join as above. When the last runner lets go (no lease held here), the read ends too.
 */
export class LiveAllFeed {
  private readonly consumers = new Set<LiveConsumer>();
  private readonly filters: AllFilter[];
  /** The filters of the read that runs: a runner with another one is served by the store. */
  private readFilters: AllFilter[] = [];
  /** The read, while there is one; `pending` before it starts (the first start gathers runners). */
  private source: AllSubscription | 'pending' | undefined;
  /** The furthest commit position the read has handed out (its start position before the first message). */
  private position: bigint | undefined;
  private live = false;
  private everStarted = false;
  private wakePump: (() => void) | undefined;
  private opened = 0;
  /** Runners given a source (`sourceFor`): the first read waits for no more than these. */
  private expected = 0;
  private gathering: NodeJS.Timeout | undefined;

  /** `filters`: the projections the feed serves (a read takes what any of them takes); see also `sourceFor`. */
  constructor(
    private readonly store: EventStore,
    filters: readonly AllFilter[] = [],
  ) {
    this.filters = [...filters];
  }

  /**
   * A source for one runner, whose projection's `filter` the reads starting from now on take too. Each call of
   * the source is one consumer.
   */
  sourceFor(filter?: AllFilter): AllSource {
    if (filter) this.filters.push(filter);
    this.expected += 1;
    return (options) => this.subscribe(options);
  }

  stats(): LiveFeedStats {
    const open = [...this.consumers];
    return {
      storeSubscriptions: this.opened,
      shared: open.filter((c) => c.mode === 'shared').length,
      direct: open.filter((c) => c.mode !== 'shared').length,
    };
  }

  private subscribe(options: SubscribeToAllOptions): AllSubscription {
    const from = options.fromPosition ?? 'start';
    // Nothing to share from 'end' (only what comes next); a filter the read does not take is not served by it.
    if (from === 'end' || !this.covers(options.filter)) return this.storeSubscription(options);
    const after = from === 'start' ? -1n : from.commit;
    const consumer = new LiveConsumer(from, after, options.filter, {
      tookOne: () => this.wakePump?.(),
      closed: (c) => this.closed(c),
    });
    this.consumers.add(consumer);
    if (this.source === undefined) this.startSoon();
    if (this.source === 'pending') {
      if (this.gathering && this.consumers.size >= this.expected) this.startNow();
      return consumer; // starts with the read
    }
    consumer.read = this.source;
    if (after === this.position) {
      if (this.live) consumer.offer({ kind: 'caught-up' });
    } else consumer.catchUpAlone(this.storeSubscription(options));
    return consumer;
  }

  /** Whether the read, running or to start, takes every event `filter` does: it was given as one of its filters. */
  private covers(filter: AllFilter | undefined): boolean {
    const wanted = JSON.stringify(filter ?? null);
    const among = this.source && this.source !== 'pending' ? this.readFilters : this.filters;
    if (!among.some((f) => JSON.stringify(f) === wanted)) {
      if (this.source && this.source !== 'pending') return false;
      if (filter) this.filters.push(filter);
      else return false; // everything: the read would take it all, for one runner only
    }
    return true;
  }

  private storeSubscription(options: SubscribeToAllOptions): AllSubscription {
    this.opened += 1;
    return this.store.subscribeToAll(options);
  }

  /** The first start waits a moment for the other runners starting with it; a restart starts at once. */
  private startSoon(): void {
    this.source = 'pending';
    const wait = this.everStarted ? 0 : GATHER_MS;
    this.everStarted = true;
    this.gathering = setTimeout(() => this.startNow(), wait).unref();
  }

  private startNow(): void {
    clearTimeout(this.gathering);
    this.gathering = undefined;
    void this.pump();
  }

  private async pump(): Promise<void> {
    const waiting = [...this.consumers].filter((c) => !c.read && c.onSharedRead());
    if (waiting.length === 0) {
      this.source = undefined;
      return;
    }
    const first = waiting.reduce((a, c) => (c.after < a.after ? c : a));
    this.position = first.after;
    this.live = false;
    this.readFilters = [...this.filters];
    const source = this.storeSubscription({
      fromPosition: first.from,
      filter: unionOf(this.readFilters),
    });
    this.source = source;
    for (const consumer of waiting) consumer.read = source;
    let failure: Error = new EventStoreUnavailableError('the event store ended the subscription');
    try {
      for await (const message of source) {
        if (this.source !== source) break;
        this.take(source, message);
        if (!(await this.roomInEveryConsumer(source))) break;
      }
    } catch (error) {
      failure = error as Error;
    }
    this.ended(source);
    await source.unsubscribe().catch(() => undefined);
    // Ended by the store (or the last runner let go): whoever still listened resubscribes after its backoff.
    for (const consumer of this.on(source)) consumer.fail(failure);
  }

  /** The consumers the read `source` serves (or keeps messages for). */
  private on(source: AllSubscription): LiveConsumer[] {
    return [...this.consumers].filter((c) => c.read === source && c.onSharedRead());
  }

  private ended(source: AllSubscription): void {
    if (this.source !== source) return;
    this.source = undefined;
    this.live = false;
  }

  private take(source: AllSubscription, message: SubscriptionMessage): void {
    if (message.kind === 'caught-up') this.live = true;
    else {
      const position = message.kind === 'event' ? message.event.position : message.position;
      if (this.position === undefined || position.commit > this.position) this.position = position.commit;
    }
    for (const consumer of this.on(source)) consumer.offer(message);
  }

  /** The last runner on the read let go: it ends now, also while it waits for the next live event. */
  private closed(consumer: LiveConsumer): void {
    this.consumers.delete(consumer);
    this.wakePump?.();
    const source = this.source;
    if (source && source !== 'pending' && this.on(source).length === 0) {
      this.ended(source);
      void source.unsubscribe().catch(() => undefined);
    }
  }

  /** Waits while a shared consumer is full; false once no consumer listens to the read. */
  private async roomInEveryConsumer(source: AllSubscription): Promise<boolean> {
    while (true) {
      const open = this.on(source);
      if (open.length === 0) return false;
      if (open.every((c) => c.mode !== 'shared' || c.buffered() < HIGH_WATER)) return true;
      await new Promise<void>((resolve) => (this.wakePump = resolve));
      this.wakePump = undefined;
    }
  }
}

interface ConsumerHooks {
  tookOne(): void;
  closed(consumer: LiveConsumer): void;
}

/**
 * One runner's view of the live read. `shared`: it takes the read's messages. `joining`: it takes its own
 * subscription's until that is caught up, while the read's are kept for it. `direct`: its own subscription only.
 */
class LiveConsumer implements AllSubscription {
  mode: 'shared' | 'joining' | 'direct' = 'shared';
  /** The feed's read it is on (served by, or kept for while joining); none before the first read starts. */
  read: AllSubscription | undefined;
  private readonly queue: SubscriptionMessage[] = [];
  private readonly kept: SubscriptionMessage[] = [];
  /** Events the filter did not take since the last message handed on, and the last of them. */
  private skipped = 0;
  private lastSkipped: Position | undefined;
  private readonly checkpointEvery: number;
  private own: AllSubscription | undefined;
  private ended = false;
  private closedNow = false;
  private failure: Error | undefined;
  private notify: (() => void) | undefined;

  constructor(
    /** Where the runner asked to start. */
    readonly from: Position | 'start',
    /** Everything at or before this commit position has been handed to the runner (or it did not ask for it). */
    public after: bigint,
    private readonly filter: AllFilter | undefined,
    private readonly hooks: ConsumerHooks,
  ) {
    this.checkpointEvery = (filter?.checkpointInterval ?? 1) * (filter?.maxSearchWindow ?? SEARCH_WINDOW);
  }

  /** Whether the shared read's end concerns it. */
  onSharedRead(): boolean {
    return this.mode !== 'direct' && !this.closedNow && !this.failure;
  }

  catchUpAlone(own: AllSubscription): void {
    this.mode = 'joining';
    this.own = own;
  }

  offer(message: SubscriptionMessage): void {
    if (!this.onSharedRead()) return;
    if (this.mode === 'joining') {
      if (message.kind !== 'caught-up') this.kept.push(message); // its own subscription says when it caught up
      if (this.kept.length > JOIN_CAP) {
        this.mode = 'direct';
        this.kept.length = 0;
      }
      return;
    }
    this.enqueue(message);
    this.wake();
  }

  /**
   * A message of the read, as the runner's own filtered subscription would have sent it: its events, and a
   * checkpoint after every `checkpointEvery` events its filter skipped and at `caught-up` (as the node sends them;
   * one a skipped event would make a runner commit a checkpoint for each of them).
   */
  private enqueue(message: SubscriptionMessage): void {
    if (message.kind === 'caught-up') {
      this.flushSkipped();
      this.queue.push(message);
      return;
    }
    const position = message.kind === 'event' ? message.event.position : message.position;
    if (position.commit <= this.after) return;
    this.after = position.commit;
    if (message.kind === 'event' && (!this.filter || filterTakes(this.filter, message.event))) {
      this.skipped = 0;
      this.lastSkipped = undefined;
      this.queue.push(message);
      return;
    }
    this.lastSkipped = position;
    this.skipped += 1;
    if (this.skipped >= this.checkpointEvery) this.flushSkipped();
  }

  private flushSkipped(): void {
    if (this.lastSkipped) this.checkpointAt(this.lastSkipped);
    this.skipped = 0;
    this.lastSkipped = undefined;
  }

  /** Checkpoints in a row are one: only the furthest matters to the runner. */
  private checkpointAt(position: Position): void {
    const last = this.queue[this.queue.length - 1];
    if (last?.kind === 'checkpoint') last.position = position;
    else this.queue.push({ kind: 'checkpoint', position });
  }

  fail(error: Error): void {
    this.failure = error;
    this.ended = true;
    this.wake();
  }

  /** Also what the read holds still undelivered: while more is waiting, a runner keeps filling its batch. */
  buffered(): number {
    if (this.mode !== 'shared') return this.own?.buffered() ?? 0;
    return this.queue.length + (this.read?.buffered() ?? 0);
  }

  async unsubscribe(): Promise<void> {
    if (this.closedNow) return;
    this.closedNow = true;
    this.ended = true;
    this.queue.length = 0;
    this.kept.length = 0;
    this.wake();
    this.hooks.closed(this);
    await this.own?.unsubscribe();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.own) yield* this.catchUp(this.own);
    while (true) {
      const next = this.queue.shift();
      if (next) {
        this.hooks.tookOne();
        yield next;
        continue;
      }
      if (this.ended) {
        if (this.failure && !this.closedNow) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => (this.notify = resolve));
    }
  }

  /**
   * Its own subscription until caught up. The read kept every message after the read's position when it came,
   * and the own subscription's `caught-up` means it delivered all the runner's events up to the store's head,
   * which was at least there: what was kept after `after` is what follows. Past JOIN_CAP it stays on its own.
   */
  private async *catchUp(own: AllSubscription): AsyncGenerator<SubscriptionMessage> {
    for await (const message of own) {
      if (message.kind === 'event') this.after = message.event.position.commit;
      else if (message.kind === 'checkpoint') this.after = message.position.commit;
      yield message;
      if (this.closedNow) return;
      if (message.kind === 'caught-up' && this.mode === 'joining') {
        this.mode = 'shared';
        this.own = undefined;
        for (const kept of this.kept.splice(0)) this.enqueue(kept);
        await own.unsubscribe().catch(() => undefined);
        return;
      }
    }
    // Its own subscription ended (the store went away): as a subscription of the store would, it ends here.
    if (!this.closedNow) {
      this.mode = 'direct';
      throw new EventStoreUnavailableError('the event store ended the subscription');
    }
  }

  private wake(): void {
    const n = this.notify;
    this.notify = undefined;
    n?.();
  }
}
