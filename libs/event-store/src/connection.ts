import { resolve } from 'node:path';
import { EmbeddedEventStoreNode } from './embedded-node/embedded-node';
import { EmbeddedNodeThread, type EmbeddedNode } from './embedded-node/node-thread';
import type { Clock } from '@app/legal-time';
import { EventStore } from './event-store';

export interface EventStoreConfig {
  /** `esdb://…` of a real EventStoreDB cluster. When absent, the embedded node is started and used. */
  connectionString?: string;
  /** Embedded node only: folder of its SQLite log; `':memory:'` for a throw-away node. */
  dataDir: string;
  host: string;
  port: number;
  /** Embedded node only: the source of recorded time (`created`); tests inject one to record "in the past". */
  clock?: Clock;
  /** Embedded node only: events kept with their encoded read responses (EVENTSTORE_EVENT_CACHE_SIZE). */
  eventCacheSize?: number;
  /**
   * Embedded node only: run it in a worker thread, off the caller's event loop (the API does; see
   * EmbeddedNodeThread). Not with an injected `clock`, which cannot cross to the thread.
   */
  nodeThread?: boolean;
}

/** Reads the configuration from the environment; every value has an embedded default. */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const port = env.EVENTSTORE_PORT === undefined ? 2113 : Number(env.EVENTSTORE_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`EVENTSTORE_PORT must be a port number (0–65535), got "${env.EVENTSTORE_PORT}"`);
  }
  return {
    connectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    dataDir: env.EVENTSTORE_DATA_DIR ?? resolve('data'),
    host: env.EVENTSTORE_HOST ?? '127.0.0.1',
    port,
    eventCacheSize: eventCacheSizeFromEnv(env.EVENTSTORE_EVENT_CACHE_SIZE),
  };
}

/** Unset: the node's default (DEFAULT_EVENT_CACHE_SIZE); 0 keeps no events in memory. */
function eventCacheSizeFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const size = Number(value);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(
      `EVENTSTORE_EVENT_CACHE_SIZE must be a whole number of events (0 or more), got "${value}"`,
    );
  }
  return size;
}

/**
 * The folder that holds the embedded defaults' development files (keys, keyring): EVENTSTORE_DATA_DIR, or
 * `./data` when it is unset or in memory.
 */
export function dataFolderFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.EVENTSTORE_DATA_DIR;
  return resolve(dir && dir !== ':memory:' ? dir : 'data');
}

export interface EventStoreConnection {
  store: EventStore;
  /** Present when the embedded node was started for this connection (in this thread or its own). */
  embeddedNode?: EmbeddedNode;
  connectionString: string;
  close(): Promise<void>;
}

function startEmbeddedNode(config: EventStoreConfig): Promise<EmbeddedNode> {
  const options = {
    dataDir: config.dataDir === ':memory:' ? undefined : config.dataDir,
    host: config.host,
    port: config.port,
    eventCacheSize: config.eventCacheSize,
  };
  if (!config.nodeThread) return EmbeddedEventStoreNode.start({ ...options, clock: config.clock });
  if (config.clock) throw new Error('An injected clock cannot reach the embedded node in its thread.');
  return EmbeddedNodeThread.start(options);
}

export async function connectEventStore(config: EventStoreConfig): Promise<EventStoreConnection> {
  if (config.connectionString) {
    const store = EventStore.fromConnectionString(config.connectionString);
    return { store, connectionString: config.connectionString, close: () => store.close() };
  }
  const embeddedNode = await startEmbeddedNode(config);
  const store = EventStore.fromConnectionString(embeddedNode.connectionString);
  return {
    store,
    embeddedNode,
    connectionString: embeddedNode.connectionString,
    close: async () => {
      await store.close();
      await embeddedNode.stop();
    },
  };
}
