import { eventStoreConfigFromEnv } from '@app/event-store';
import { createApp } from './app';

async function main(): Promise<void> {
  const eventStore = eventStoreConfigFromEnv();
  const app = await createApp({ eventStore });
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, host);
  const base = `http://${host}:${port}`;
  const store = eventStore.connectionString
    ? 'EventStoreDB at EVENTSTORE_CONNECTION_STRING'
    : `embedded EventStoreDB node at esdb://${eventStore.host}:${eventStore.port}?tls=false (data in ${eventStore.dataDir})`;
  process.stdout.write(`Sagsforløb is running.\n  health:  ${base}/health\n  OpenAPI: ${base}/docs\n  events:  ${store}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`Sagsforløb could not start: ${error.message}\n`);
  process.exit(1);
});
