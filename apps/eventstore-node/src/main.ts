/**
 * Runs the embedded EventStoreDB-compatible node on its own: `npm run start:node`.
 * EVENTSTORE_DATA_DIR (default ./data), EVENTSTORE_HOST (127.0.0.1), EVENTSTORE_PORT (2113),
 * EVENTSTORE_EVENT_CACHE_SIZE (events kept encoded in memory, default 100,000; 0 for none).
 */
import { EmbeddedEventStoreNode, eventStoreConfigFromEnv } from '@app/event-store';

async function main(): Promise<void> {
  const config = eventStoreConfigFromEnv();
  const node = await EmbeddedEventStoreNode.start({
    dataDir: config.dataDir === ':memory:' ? undefined : config.dataDir,
    host: config.host,
    port: config.port,
    eventCacheSize: config.eventCacheSize,
  });
  const shutdown = async (signal: string) => {
    process.stdout.write(`${signal}: stopping the node\n`);
    await node.stop();
    process.exit(0);
  };
  // Handlers first: whoever reads the line below may signal us at once.
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // The first line is machine-readable: tests and scripts read the connection string from it.
  process.stdout.write(`listening ${node.connectionString}\n`);
  process.stdout.write(`Embedded EventStoreDB node, data in ${config.dataDir}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
