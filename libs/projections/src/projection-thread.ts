import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { AllFilter, Position } from '@app/event-store';
import {
  storedCheckpoint,
  type LeasedProjection,
  type LeasedProjectionStatus,
  type LiveProjection,
} from './leased-projection';
import type { LiveAllFeed, LiveFeedStats } from './live-feed';

export type EventLoopUtilization = ReturnType<Worker['performance']['eventLoopUtilization']>;

/** Each projection's batches so far: how many, and how many events they held (the mean batch size). */
export type BatchCounts = Record<string, { batches: number; events: number }>;

/** What the projection thread tells the thread that started it. */
export type ThreadReport =
  | { kind: 'started'; statuses: LeasedProjectionStatus[] }
  | { kind: 'start-failed'; message: string }
  | {
      kind: 'status';
      statuses: LeasedProjectionStatus[];
      feed?: LiveFeedStats;
      batches?: BatchCounts;
      /** The thread's own CPU time so far (Linux; absent elsewhere). */
      cpuMs?: number;
    }
  | { kind: 'batch'; name: string; events: number; seconds: number }
  | { kind: 'failed'; name: string; transient: boolean }
  | { kind: 'warn'; message: string }
  | { kind: 'done'; id: number; error?: string }
  | { kind: 'stopped' };

/** What the starting thread asks of the projection thread. */
export type ThreadCommand = { kind: 'start' | 'stop'; id: number; name: string } | { kind: 'shutdown' };

/** How often the thread reports every projection's state (a commit is reported at once). */
const STATUS_EVERY_MS = 100;
/** How long shutdown waits for the thread to stop its runners and close its connections. */
const STOP_TIMEOUT_MS = 15_000;
/** How often a waiting reader looks at the checkpoint stored by another instance (as LeasedProjection's). */
const POLL_MS = 50;

export interface ProjectionThreadHooks {
  /** A batch committed in the thread (metrics). */
  batch?(name: string, events: number, seconds: number): void;
  failed?(name: string, transient: boolean): void;
  warn?(message: string): void;
}

/**
 * The running service's live projections in a worker thread of this process (node:worker_threads): the thread
 * has its own store client, keyring and read-model connections and runs each LeasedProjection there, fed by one
 * LiveAllFeed. This side holds a `ThreadedProjection` for each (what the read sides, health and metrics see),
 * kept current by the thread's reports: every committed checkpoint at once (read-your-write), states every 100 ms.
 *
 * A thread that fails (an uncaught error, an exit nobody asked for) shows as every projection `failed` with the
 * reason, as a runner's own failure does; it is not restarted.
 */
export class ProjectionThread {
  private worker: Worker | undefined;
  private readonly projections = new Map<string, ThreadedProjection>();
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private stopping: Promise<void> | undefined;
  private exited: Promise<void> | undefined;
  private feedStats: LiveFeedStats | undefined;
  private batchCounts: BatchCounts = {};
  private cpuMs: number | undefined;
  private failedWith: string | undefined;

  constructor(
    /** The thread's module: `serveProjectionThread` is called there. A `.ts` file is run through ts-node. */
    private readonly entry: string,
    private readonly hooks: ProjectionThreadHooks = {},
  ) {}

  /** The stand-in of projection `name`, whose read model this side reads through `db`. */
  add(name: string, filter: AllFilter, db: Kysely<unknown>): LiveProjection {
    const projection = new ThreadedProjection(name, filter, db, (action) => this.command(action, name));
    this.projections.set(name, projection);
    return projection;
  }

  names(): string[] {
    return [...this.projections.keys()];
  }

  /**
   * Starts the thread with `workerData` (its settings); resolves once every projection has started there (its
   * tables migrated, or its lease asked for).
   */
  start(workerData: unknown): Promise<void> {
    const worker = spawnWorker(this.entry, workerData);
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (report: ThreadReport) => {
        if (report.kind === 'started') resolve();
        if (report.kind === 'start-failed') reject(new Error(report.message));
        this.receive(report);
      });
      worker.on('error', (error) => {
        this.failAll(`the projection thread failed: ${error.message}`);
        reject(error);
      });
      this.exited = new Promise<void>((done) =>
        worker.on('exit', (code) => {
          if (!this.stopping) this.failAll(`the projection thread exited (code ${code})`);
          for (const { reject: fail } of this.pending.values())
            fail(new Error('the projection thread exited'));
          this.pending.clear();
          reject(new Error(`the projection thread exited (code ${code}) before it started`));
          done();
        }),
      );
    });
  }

  /** Stops every runner in the thread and lets it end (terminated if it does not within STOP_TIMEOUT_MS). */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  /**
   * The thread's own view of its feed (the subscriptions it opened), its batches and its CPU time (Linux only), as
   * last reported.
   */
  stats(): { feed: LiveFeedStats | undefined; batches: BatchCounts; cpuMs: number | undefined } {
    return { feed: this.feedStats, batches: this.batchCounts, cpuMs: this.cpuMs };
  }

  /**
   * The thread's event-loop utilisation (its busy time; since `previous` when given), for the bench; undefined
   * before it started.
   */
  eventLoopUtilization(previous?: EventLoopUtilization): EventLoopUtilization | undefined {
    return this.worker?.performance.eventLoopUtilization(previous);
  }

  private async shutDown(): Promise<void> {
    const worker = this.worker;
    if (!worker || !this.exited) return;
    worker.postMessage({ kind: 'shutdown' } satisfies ThreadCommand);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS)),
    );
    if ((await Promise.race([this.exited, timedOut])) === 'timeout') await worker.terminate();
    clearTimeout(timer);
  }

  private command(kind: 'start' | 'stop', name: string): Promise<void> {
    const worker = this.worker;
    if (!worker || this.stopping) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ kind, id, name } satisfies ThreadCommand);
    });
  }

  private receive(report: ThreadReport): void {
    switch (report.kind) {
      case 'started':
      case 'status':
        for (const status of report.statuses) this.projections.get(status.name)?.reported(status);
        if (report.kind === 'status') {
          this.feedStats = report.feed ?? this.feedStats;
          this.batchCounts = report.batches ?? this.batchCounts;
          this.cpuMs = report.cpuMs ?? this.cpuMs;
        }
        break;
      case 'batch':
        this.hooks.batch?.(report.name, report.events, report.seconds);
        break;
      case 'failed':
        this.hooks.failed?.(report.name, report.transient);
        break;
      case 'warn':
        this.hooks.warn?.(report.message);
        break;
      case 'done': {
        const waiting = this.pending.get(report.id);
        this.pending.delete(report.id);
        if (report.error) waiting?.reject(new Error(report.error));
        else waiting?.resolve();
        break;
      }
      default:
        break;
    }
  }

  /** The first reason is kept: an uncaught error is followed by the thread's exit. */
  private failAll(reason: string): void {
    if (this.failedWith) return;
    this.failedWith = reason;
    for (const projection of this.projections.values()) projection.threadFailed(reason);
  }
}

/**
 * One projection run in the thread, as the read sides see it: the state the thread reported, and — while another
 * instance leads it — the checkpoint stored in the shared read model, read here as LeasedProjection's follower does.
 */
export class ThreadedProjection implements LiveProjection {
  private latest: LeasedProjectionStatus;
  private stored: Pick<LeasedProjectionStatus, 'checkpoint' | 'eventsApplied' | 'lastError'> | undefined;
  private listeners: Array<() => void> = [];

  constructor(
    readonly name: string,
    readonly filter: AllFilter,
    private readonly db: Kysely<unknown>,
    private readonly control: (action: 'start' | 'stop') => Promise<void>,
  ) {
    this.latest = {
      name,
      checkpoint: null,
      eventsApplied: 0,
      caughtUp: false,
      state: 'following',
      lastError: null,
      leading: false,
    };
  }

  status(): LeasedProjectionStatus {
    const stored = this.stored;
    if (this.latest.leading || !stored || !later(stored.checkpoint, this.latest.checkpoint))
      return this.latest;
    return { ...this.latest, ...stored };
  }

  isLeading(): boolean {
    return this.latest.leading;
  }

  start(): Promise<void> {
    return this.control('start');
  }

  stop(): Promise<void> {
    return this.control('stop');
  }

  async waitFor(position: Position, timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (includes(this.status().checkpoint, position)) return true;
      // Led here, each commit is reported at once; led elsewhere, only the shared read model says.
      if (!this.latest.leading) {
        this.stored = await storedCheckpoint(this.db, this.name);
        if (includes(this.stored.checkpoint, position)) return true;
      }
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.nextReport(Math.min(POLL_MS, left));
    }
  }

  reported(status: LeasedProjectionStatus): void {
    this.latest = status;
    const listeners = this.listeners;
    this.listeners = [];
    listeners.forEach((wake) => wake());
  }

  threadFailed(reason: string): void {
    this.reported({ ...this.latest, state: 'failed', caughtUp: false, lastError: reason, leading: false });
  }

  private nextReport(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== wake);
        resolve();
      }, ms);
      this.listeners.push(wake);
    });
  }
}

/**
 * The thread's side: reports each projection's state to the thread that started it (every commit at once, all of
 * them every STATUS_EVERY_MS), starts them all, and obeys its commands; `close` releases what the thread opened
 * (store client, keyring, read models) once every runner has stopped.
 */
export function serveProjectionThread(
  port: MessagePort,
  projections: ReadonlyArray<LeasedProjection<unknown>>,
  feed: LiveAllFeed,
  batches: BatchCounts,
  close: () => Promise<void>,
): { committed(name: string): void } {
  const byName = new Map(projections.map((p) => [p.name, p]));
  const post = (report: ThreadReport) => port.postMessage(report);
  const statuses = () => projections.map((p) => p.status());
  const ticker = setInterval(
    () => post({ kind: 'status', statuses: statuses(), feed: feed.stats(), batches, cpuMs: threadCpuMs() }),
    STATUS_EVERY_MS,
  );
  port.on('message', (command: ThreadCommand) => {
    if (command.kind === 'shutdown') {
      clearInterval(ticker);
      void Promise.all(projections.map((p) => p.stop()))
        .then(close)
        .finally(() => port.close());
      return;
    }
    const projection = byName.get(command.name);
    const run = command.kind === 'start' ? projection?.start() : projection?.stop();
    void Promise.resolve(run).then(
      () => post({ kind: 'done', id: command.id }),
      (error: Error) => post({ kind: 'done', id: command.id, error: error.message }),
    );
  });
  Promise.all(projections.map((p) => p.start())).then(
    () => post({ kind: 'started', statuses: statuses() }),
    (error: Error) => post({ kind: 'start-failed', message: error.message }),
  );
  return {
    committed: (name) => {
      const projection = byName.get(name);
      if (projection) post({ kind: 'status', statuses: [projection.status()] });
    },
  };
}

/**
 * The calling thread's CPU time (user + system) in ms, from /proc/thread-self/stat (Linux: fields 14 and 15, in
 * clock ticks of 10 ms); undefined where there is no such file. The bench reads it for the API's main thread
 * too: process.cpuUsage() counts every thread of the process.
 */
export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * A worker on `entry`. Compiled (`.js`), the thread inherits the process's `-r register-paths.js`; from the
 * sources (`npm start`, jest), it registers ts-node and the `@app/*` paths of the repository's tsconfig.json first.
 */
function spawnWorker(entry: string, workerData: unknown): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsconfig = findUp(dirname(entry), 'tsconfig.json');
  // Resolved here: an eval'd worker resolves modules from the working directory, which may be anywhere.
  const [tsNode, tsconfigPaths] = ['ts-node', 'tsconfig-paths'].map((m) =>
    JSON.stringify(require.resolve(m)),
  );
  const bootstrap = `
    require(${tsNode}).register({ transpileOnly: true, project: ${JSON.stringify(tsconfig)} });
    const { compilerOptions } = require(${JSON.stringify(tsconfig)});
    require(${tsconfigPaths}).register({ baseUrl: ${JSON.stringify(dirname(tsconfig))}, paths: compilerOptions.paths });
    require(${JSON.stringify(entry)});
  `;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}

function findUp(from: string, name: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) throw new Error(`no ${name} above ${from}`);
  }
}

const includes = (checkpoint: Position | null, position: Position) =>
  !!checkpoint && checkpoint.commit >= position.commit;

const later = (a: Position | null, b: Position | null) => !!a && (!b || a.commit > b.commit);
