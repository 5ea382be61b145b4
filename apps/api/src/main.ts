import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { eventStoreConfigFromEnv, type EventStoreConnection } from '@app/event-store';
import { createApp } from './app';
import { EVENT_STORE_CONNECTION } from './event-store.module';

async function main(): Promise<void> {
  const eventStore = eventStoreConfigFromEnv();
  const readModel = {
    sqlitePath: process.env.READ_MODEL_SQLITE_PATH ?? resolve('data', 'read-models.sqlite'),
  };
  const deadlineSweep = { intervalMinutes: Number(process.env.DEADLINE_SWEEP_INTERVAL_MINUTES ?? 60) };
  if (!Number.isFinite(deadlineSweep.intervalMinutes) || deadlineSweep.intervalMinutes < 0)
    throw new Error(
      'DEADLINE_SWEEP_INTERVAL_MINUTES must be a number of minutes ≥ 0 (0 turns the sweep off)',
    );
  const app = await createApp({ eventStore, readModel, clock: { now: () => new Date() }, deadlineSweep });
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen(Number(process.env.PORT ?? 3000), host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const connection = app.get<EventStoreConnection>(EVENT_STORE_CONNECTION);
  const base = `http://${host}:${port}`;
  const store = connection.embeddedNode
    ? `embedded EventStoreDB node at ${connection.connectionString} (data in ${eventStore.dataDir})`
    : 'EventStoreDB at EVENTSTORE_CONNECTION_STRING';

  // Graceful shutdown: stop taking requests, then close the event-store client and the embedded node (which
  // ends open subscriptions and checkpoints the SQLite WAL).
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`shutdown failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Printed after the handlers exist: whoever reads it may signal us at once.
  process.stdout.write(
    `Sagsforløb is running.\n  health:  ${base}/health\n  OpenAPI: ${base}/docs\n  events:  ${store}\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`Sagsforløb could not start: ${error.message}\n`);
  process.exit(1);
});
