import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataFolderError, DataFolderInUseError } from './data-folder-lock';
import { PortInUseError, type EmbeddedNodeOptions } from './embedded-node';

/** What the API needs of an embedded node, wherever it runs: its address, and a way to stop it. */
export interface EmbeddedNode {
  readonly host: string;
  readonly port: number;
  readonly connectionString: string;
  /** Ends open calls, closes the log (checkpointing the WAL) and releases the data folder. */
  stop(): Promise<void>;
}

/** The options that cross to the thread: everything but an injected clock (a function stays behind). */
export type NodeThreadOptions = Omit<EmbeddedNodeOptions, 'clock'>;

/** Messages between the thread and its owner (node-thread.worker.ts answers them). */
export type FromNodeThread =
  { kind: 'listening'; port: number } | { kind: 'failed'; name: string; message: string };
export type ToNodeThread = { kind: 'stop' };

/**
 * The embedded node in a worker thread of this process: its gRPC server, SQLite commits (each blocks its event
 * loop for an fsync) and encoding run on their own event loop, so they no longer hold up the API's requests. The
 * API reaches it through its port, as it reaches a node in its own process; the data folder, its lock and the
 * shutdown (open calls ended, WAL checkpointed) are the node's own, as in process.
 */
export class EmbeddedNodeThread implements EmbeddedNode {
  private stopping: Promise<void> | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    readonly host: string,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  static async start(options: NodeThreadOptions = {}): Promise<EmbeddedNodeThread> {
    const worker = startWorker(options);
    let onMessage: (message: FromNodeThread) => void = () => undefined;
    let onError: (error: Error) => void = () => undefined;
    let onExit: (code: number) => void = () => undefined;
    const port = await new Promise<number>((resolve, reject) => {
      onMessage = (message) =>
        message.kind === 'listening' ? resolve(message.port) : reject(errorOf(message));
      onError = reject;
      onExit = (code) => reject(new Error(`The embedded node's thread exited (${code}) before it listened.`));
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    }).finally(() => worker.off('message', onMessage).off('error', onError).off('exit', onExit));
    // After start, a thread that fails has lost the store: /health reports it unreachable; say why here.
    worker.on('error', (error) =>
      process.stderr.write(`The embedded EventStoreDB node failed: ${error.message}\n`),
    );
    return new EmbeddedNodeThread(worker, options.host ?? '127.0.0.1', port);
  }

  get connectionString(): string {
    return `esdb://${this.host}:${this.port}?tls=false`;
  }

  stop(): Promise<void> {
    if (!this.stopping) {
      this.worker.postMessage({ kind: 'stop' } satisfies ToNodeThread);
      // A thread that already ended (it failed) is stopped: its exit has been seen, this returns at once.
      this.stopping = this.exited;
    }
    return this.stopping;
  }
}

/**
 * Under ts-node (`npm start`, jest) the worker's entry is TypeScript, which a worker cannot load by itself: it
 * registers ts-node and the path aliases first, as the parent was started. Compiled (`start:prod`), the entry is
 * JavaScript and the worker inherits the parent's `-r register-paths.js`.
 */
function startWorker(options: NodeThreadOptions): Worker {
  const entry = join(__dirname, `node-thread.worker${extname(__filename)}`);
  if (extname(entry) !== '.ts') return new Worker(entry, { workerData: options });
  const project = tsconfigAbove(__dirname);
  const bootstrap = [
    `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(project)} });`,
    `process.env.TS_NODE_PROJECT = ${JSON.stringify(project)};`,
    `require(${JSON.stringify(require.resolve('tsconfig-paths/register'))});`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  // Its own flags only: the parent's may be a test runner's or register ts-node a second time.
  return new Worker(bootstrap, { eval: true, workerData: options, execArgv: [] });
}

/** The repository's tsconfig.json, which holds the path aliases (`@app/…`) the node's modules import. */
function tsconfigAbove(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'tsconfig.json'))) return join(at, 'tsconfig.json');
    if (dirname(at) === at) throw new Error(`No tsconfig.json above ${dir} for the embedded node's thread.`);
  }
}

/** The thread's start-up error as the class the in-process node throws, so callers tell them apart alike. */
function errorOf({ name, message }: { name: string; message: string }): Error {
  switch (name) {
    case 'PortInUseError':
      return new PortInUseError(message);
    case 'DataFolderInUseError':
      return new DataFolderInUseError(message);
    case 'DataFolderError':
      return new DataFolderError(message);
    default:
      return new Error(message);
  }
}
