import type { Http2Server, Http2Session } from 'node:http2';
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { EventLog } from './event-log';
import { AppendQueue } from './append-queue';
import type { Clock } from '@app/legal-time';
import {
  createStreamsService,
  streamsServiceDefinition,
  type CallCounts,
  type OpenCalls,
} from './streams-service';

export interface EmbeddedNodeOptions {
  /** Folder for the SQLite log; omit for an in-memory node (tests). */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Source of the store's recorded time (`created`); tests inject a fixed clock. */
  clock?: Clock;
  /** Streams cached in memory (default DEFAULT_STREAM_CACHE_SIZE); tests use a tiny one to force evictions. */
  streamCacheSize?: number;
  /** How long a write waits for a lock another process holds (default DEFAULT_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
  /** Recent events kept with their encoded read responses (default DEFAULT_EVENT_CACHE_SIZE; 0 for none). */
  eventCacheSize?: number;
}

export class PortInUseError extends Error {}

/** What this node reports from ServerFeatures; the client picks BatchAppend because it is listed. */
const SERVER_VERSION = '24.10.0';
const SUPPORTED: Array<[service: string, method: string, features: string[]]> = [
  ['event_store.client.streams.streams', 'read', ['position', 'events']],
  ['event_store.client.streams.streams', 'append', []],
  ['event_store.client.streams.streams', 'batchappend', []],
  ['event_store.client.streams.streams', 'delete', []],
  ['event_store.client.streams.streams', 'tombstone', []],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
];

/**
 * An EventStoreDB-compatible gRPC node, served with the service definitions the client package ships.
 * Services it does not implement (persistent subscriptions, projections, users, operations, gossip) are not
 * registered, so a client calling them gets UNIMPLEMENTED, as from a server without that feature.
 */
export class EmbeddedEventStoreNode {
  private readonly server = new Server({
    'grpc.max_receive_message_length': 17 * 1024 * 1024,
    'grpc.max_send_message_length': 17 * 1024 * 1024,
  });
  private readonly log: EventLog;
  private readonly appends: AppendQueue;
  private readonly openCalls = new Set<() => void>();
  private boundPort = 0;
  /** Calls served per Streams method since start. */
  readonly calls: CallCounts = { read: 0, append: 0, batchAppend: 0, delete: 0, tombstone: 0 };
  private stopped = false;

  private constructor(private readonly options: EmbeddedNodeOptions) {
    this.log = new EventLog({
      dataDir: options.dataDir,
      clock: options.clock,
      streamCacheSize: options.streamCacheSize,
      busyTimeoutMs: options.busyTimeoutMs,
      eventCacheSize: options.eventCacheSize,
    });
    this.appends = new AppendQueue(this.log);
    const calls: OpenCalls = {
      add: (end) => {
        this.openCalls.add(end);
        return () => this.openCalls.delete(end);
      },
    };
    this.server.addService(
      streamsServiceDefinition,
      createStreamsService(this.log, this.appends, calls, this.calls),
    );
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods(
        _call: ServerUnaryCall<Empty, SupportedMethods>,
        callback: sendUnaryData<SupportedMethods>,
      ) {
        const methods = new SupportedMethods();
        methods.setEventStoreServerVersion(SERVER_VERSION);
        methods.setMethodsList(
          SUPPORTED.map(([service, method, features]) => {
            const m = new SupportedMethod();
            m.setServiceName(service);
            m.setMethodName(method);
            m.setFeaturesList(features);
            return m;
          }),
        );
        callback(null, methods);
      },
    });
  }

  static async start(options: EmbeddedNodeOptions = {}): Promise<EmbeddedEventStoreNode> {
    const node = new EmbeddedEventStoreNode(options);
    try {
      await node.bind();
    } catch (error) {
      node.log.close();
      throw error;
    }
    return node;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.boundPort;
  }

  /** Entries in the node's bounded caches (operators and the soak bench read it). */
  get cacheSizes(): { streams: number; metadata: number; events: number } {
    return this.log.cacheSizes;
  }

  /** Insecure single-node connection string; the client dials it directly (no gossip). */
  get connectionString(): string {
    return `esdb://${this.host}:${this.port}?tls=false`;
  }

  /**
   * Writes and answers the appends that have arrived, ends open calls (streaming reads and BatchAppend with
   * CANCELLED, unfinished classic appends with UNAVAILABLE), stops the server and closes the log (flushing the
   * WAL) and releases the data folder.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.appends.flush();
    // Their answers are written from promise callbacks: let them go out before the calls are ended.
    await new Promise((resolve) => setImmediate(resolve));
    for (const end of [...this.openCalls]) end();
    this.openCalls.clear();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 2000);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    // Whatever arrived while the server was shutting down; nothing arrives once it has.
    this.appends.flush();
    this.log.close();
  }

  private bind(): Promise<void> {
    const address = `${this.host}:${this.options.port ?? 2113}`;
    return new Promise((resolve, reject) => {
      this.server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
        if (error) {
          const inUse = /EADDRINUSE|address already in use|No address added/i.test(error.message);
          return reject(
            inUse
              ? new PortInUseError(
                  `The embedded EventStoreDB node cannot listen on ${address}: the port is already in use. ` +
                    'Stop the other process or set EVENTSTORE_PORT to a free port.',
                )
              : error,
          );
        }
        this.boundPort = port;
        widenReceiveWindows(this.server);
        resolve();
      });
    });
  }
}

/** HTTP/2 receive windows the node advertises: what a client may send before the node has read it. */
const CONNECTION_RECEIVE_WINDOW = 8 * 1024 * 1024;
const STREAM_RECEIVE_WINDOW = 4 * 1024 * 1024;

/**
 * Raises the HTTP/2 receive windows from the 64 KiB default. All appends share one BatchAppend stream, and a
 * 100-event append is ~40 KiB, so with the default window the client can have barely one append in flight
 * while the node is inside a SQLite commit (which blocks its event loop for the fsync): concurrent writers then
 * take turns instead of overlapping their serialisation with our commits. EventStoreDB's own server (Kestrel)
 * also advertises windows of about 1 MiB for the same reason. Appends stay one transaction each; only the
 * transport buffers more.
 *
 * grpc-js has no server option for this (`grpc-node.flow_control_window` is client-only), so this reaches its
 * listening http2 servers; if a grpc-js version stores them differently, it does nothing — a lost speed-up, not
 * a fault.
 */
function widenReceiveWindows(server: Server): void {
  const http2Servers = (server as unknown as { http2Servers?: unknown }).http2Servers;
  if (!(http2Servers instanceof Map)) return;
  for (const http2Server of http2Servers.keys() as Iterable<Http2Server>) {
    if (typeof http2Server?.on !== 'function') continue;
    http2Server.on('session', (session: Http2Session) => {
      session.setLocalWindowSize(CONNECTION_RECEIVE_WINDOW);
      session.settings({ initialWindowSize: STREAM_RECEIVE_WINDOW });
    });
  }
}
