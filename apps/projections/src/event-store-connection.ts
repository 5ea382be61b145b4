import { createConnection } from 'node:net';
import { connectEventStore, EventStore, eventStoreConfigFromEnv } from '@app/event-store';
import { personalDataSettingsFromEnv, protectPersonalData } from '@app/personal-data';
import { CONTACT_PROCESS_CATALOGUE } from '@app/contact-process';

export interface CliConnection {
  store: EventStore;
  /** Which event store answered, for the operator. */
  description: string;
  close(): Promise<void>;
}

/**
 * EVENTSTORE_CONNECTION_STRING when set; otherwise the running service's embedded node at
 * EVENTSTORE_HOST:EVENTSTORE_PORT; otherwise an embedded node started here on EVENTSTORE_DATA_DIR. Personal
 * fields are read through the service's keyring (PERSONAL_DATA_KEY, PERSON_KEYS_DATABASE_URL or
 * PERSON_KEYS_SQLITE_PATH), as it reads them.
 */
export async function connectForCli(env: NodeJS.ProcessEnv = process.env): Promise<CliConnection> {
  const connection = await connect(env);
  const { store, keyring } = await protectPersonalData(
    connection.store,
    personalDataSettingsFromEnv(env, { embedded: !env.EVENTSTORE_CONNECTION_STRING }),
    CONTACT_PROCESS_CATALOGUE,
  );
  return {
    store,
    description: connection.description,
    close: async () => {
      await connection.close();
      await keyring.close();
    },
  };
}

async function connect(env: NodeJS.ProcessEnv): Promise<CliConnection> {
  const config = eventStoreConfigFromEnv(env);
  if (config.connectionString) {
    const store = EventStore.fromConnectionString(config.connectionString);
    return {
      store,
      description: 'EventStoreDB at EVENTSTORE_CONNECTION_STRING',
      close: () => store.close(),
    };
  }
  const running = `esdb://${config.host}:${config.port}?tls=false`;
  if (config.port !== 0 && (await answers(config.host, config.port))) {
    const store = EventStore.fromConnectionString(running);
    return { store, description: `the running embedded node at ${running}`, close: () => store.close() };
  }
  // A free port, so a service started meanwhile still gets its own.
  const connection = await connectEventStore({ ...config, port: 0 });
  return {
    store: connection.store,
    description: `an embedded node started on ${config.dataDir} (nothing answered at ${running})`,
    close: () => connection.close(),
  };
}

function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
