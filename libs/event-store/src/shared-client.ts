import { EventStoreDBClient } from '@eventstore/db-client';

/**
 * Why this exists: `@eventstore/db-client` 6.2.1 keeps every pending BatchAppend in ONE module-level map shared
 * by all clients in the process (`dist/streams/appendToStream/batchAppend.js`, `promiseBank`), while each client
 * has its own BatchAppend call. When one client's call errors — and `dispose()` errors it, by cancelling it — the
 * client rejects and clears the pending appends of *every* client. The other clients' appends then fail with
 * "CANCELLED: Cancelled on client", and the next response one of them receives finds no entry and throws a
 * TypeError out of a stream listener, which ends the process (seen seeding the demo: the seeder's store and the
 * API's share a process). So:
 * - one client per connection string in a process, disposed when the last store holding it closes;
 * - a client is disposed only once no append of any client is in flight, and no append starts while it is
 *   being disposed (a process-wide gate: disposal is exclusive, appends share).
 * The wait is bounded without a timer of ours: every append settles — answered, timed out by the server at its
 * deadline (the client's default 10 s), or failed when keep-alive (10 s + 10 s) finds the connection dead.
 */
export interface ClientHandle {
  readonly client: EventStoreDBClient;
  /** Runs `run` (anything that may use BatchAppend) so that no client is disposed while it is in flight. */
  append<T>(run: (client: EventStoreDBClient) => Promise<T>): Promise<T>;
  /** Releases this holder; the client is disposed when it was the last. Closing twice releases once. */
  close(): Promise<void>;
}

/** Appends share the gate; a disposal waits for them to settle and holds new ones until it is done. */
class AppendGate {
  private inFlight = 0;
  private settled: Array<() => void> = [];
  private disposals = 0;
  private lastDisposal: Promise<void> = Promise.resolve();

  async append<T>(run: () => Promise<T>): Promise<T> {
    while (this.disposals > 0) await this.lastDisposal;
    this.inFlight += 1;
    try {
      return await run();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.settled.splice(0)) wake();
    }
  }

  dispose(client: EventStoreDBClient): Promise<void> {
    this.disposals += 1;
    const disposal = this.lastDisposal
      .then(() => this.appendsSettled())
      .then(() => client.dispose())
      .finally(() => {
        this.disposals -= 1;
      });
    this.lastDisposal = disposal.catch(() => undefined);
    return disposal;
  }

  private appendsSettled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((wake) => this.settled.push(wake));
  }
}

const gate = new AppendGate();
const shared = new Map<string, { client: EventStoreDBClient; holders: number }>();

/** The process's client for `connectionString`, made on first use. */
export function sharedClient(connectionString: string): ClientHandle {
  let entry = shared.get(connectionString);
  if (!entry) {
    entry = { client: EventStoreDBClient.connectionString(connectionString), holders: 0 };
    shared.set(connectionString, entry);
  }
  entry.holders += 1;
  const held = entry;
  return handleOf(held.client, async () => {
    held.holders -= 1;
    if (held.holders > 0) return;
    if (shared.get(connectionString) === held) shared.delete(connectionString);
    await gate.dispose(held.client);
  });
}

/** A client made elsewhere (a test's own), disposed through the same gate when its holder closes. */
export function ownClient(client: EventStoreDBClient): ClientHandle {
  return handleOf(client, () => gate.dispose(client));
}

function handleOf(client: EventStoreDBClient, release: () => Promise<void>): ClientHandle {
  let closed: Promise<void> | undefined;
  return {
    client,
    append: (run) => gate.append(() => run(client)),
    close: () => (closed ??= release()),
  };
}
