/**
 * Which instance does a job that must have one doer (a projection's writing, the deadline sweep). In
 * PostgreSQL the lease is a session advisory lock held on a connection of its own: the server releases it the
 * moment that session ends (the process died, was killed, lost its network), and another instance trying
 * every `retryMs` takes it over. Without PostgreSQL (one machine, SQLite) the lease is simply held.
 *
 * The lease alone does not make a second writer harmless — an instance cut off from PostgreSQL may still be
 * finishing a batch when another takes over — the checkpoint lock in ProjectionRunner.commit() does that.
 */
import { Client } from 'pg';

export interface LeaseOptions {
  /** The job: one lease per name across every instance using the database. */
  name: string;
  /** postgres://…; left out, the lease is held by this process alone (one machine). */
  databaseUrl?: string;
  /** How often an instance without the lease tries to take it (default 1000 ms). */
  retryMs?: number;
  /** Called when this instance takes the lease; the job starts here. */
  onAcquired: () => Promise<void>;
  /** Called when the lease is lost or given up; the job stops here. */
  onLost: () => Promise<void>;
  /** Told of a failure to reach PostgreSQL or of a job that failed to start (the lease is tried again). */
  onError?: (error: Error) => void;
}

export class Lease {
  private client: Client | undefined;
  private held = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: LeaseOptions) {}

  isHeld(): boolean {
    return this.held;
  }

  /** Starts trying to take the lease; returns at once (the job starts in `onAcquired`). */
  start(): void {
    this.loop = this.options.databaseUrl ? this.contend(this.options.databaseUrl) : this.holdAlone();
  }

  /** Stops the job if it runs here and gives the lease up, so another instance takes over at its next try. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async holdAlone(): Promise<void> {
    this.held = true;
    await this.options.onAcquired();
    // Stopped while the job started: no wake-up is coming, and stop() waits for this loop.
    if (!this.stopping) await new Promise<void>((resolve) => (this.wake = resolve));
    await this.release();
  }

  private async contend(url: string): Promise<void> {
    const retryMs = this.options.retryMs ?? 1000;
    while (!this.stopping) {
      try {
        if (!this.client) this.client = await this.connect(url);
        const wasHeld = this.held;
        if ((await this.tryLock(this.client)) && !wasHeld) {
          this.held = true;
          await this.options.onAcquired();
        }
      } catch (error) {
        this.options.onError?.(error as Error);
        await this.release();
      }
      await this.pause(retryMs);
    }
    await this.release();
  }

  private async connect(url: string): Promise<Client> {
    // Keepalive: a leader whose machine vanished without closing its connection is noticed by the server.
    // Named, so an operator sees in pg_stat_activity which session holds which lease.
    const client = new Client({
      connectionString: url,
      keepAlive: true,
      application_name: `sagsforloeb lease ${this.options.name}`.slice(0, 63),
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      if (error) this.options.onError?.(error);
      void this.release();
      this.wake?.();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    return client;
  }

  private async tryLock(client: Client): Promise<boolean> {
    // Held: the session is asked to answer, so a connection that died silently gives the job up.
    if (this.held) return (await client.query('SELECT 1')) !== undefined;
    const { rows } = await client.query<{ taken: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken',
      [`sagsforloeb:lease:${this.options.name}`],
    );
    return rows[0]?.taken === true;
  }

  /** The job stops before the lock is let go, so its successor never overlaps it through this instance. */
  private async release(): Promise<void> {
    if (this.held) {
      this.held = false;
      await this.options.onLost().catch((error: Error) => this.options.onError?.(error));
    }
    const client = this.client;
    this.client = undefined;
    // Ending the session releases the advisory lock with it.
    await client?.end().catch(() => undefined);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
