import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  connectEventStore,
  EventStore,
  type EventStoreConfig,
  type EventStoreConnection,
} from '@app/event-store';
import {
  protectPersonalData,
  type PersonalDataSettings,
  type KeyManagement,
  type ProtectedStore,
} from '@app/personal-data';
import { CONTACT_PROCESS_CATALOGUE } from '@app/contact-process';
import { Metrics } from './observability/metrics';

export const EVENT_STORE_CONNECTION = Symbol('EVENT_STORE_CONNECTION');
export const PERSON_KEYRING = Symbol('PERSON_KEYRING');
const PROTECTED_STORE = Symbol('PROTECTED_STORE');

/**
 * Connects once at start-up (starting the embedded node when no connection string is set) and closes both on
 * shutdown. The EventStore it provides encrypts every person's personal fields under their key (crypto-shredding).
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE_CONNECTION) private readonly connection: EventStoreConnection,
    @Inject(PERSON_KEYRING) private readonly keyring: KeyManagement,
  ) {}

  static forRoot(config: EventStoreConfig, personalData: PersonalDataSettings): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: EVENT_STORE_CONNECTION, useFactory: () => connectEventStore(config) },
        {
          provide: PROTECTED_STORE,
          useFactory: (connection: EventStoreConnection) =>
            protectPersonalData(connection.store, personalData, CONTACT_PROCESS_CATALOGUE),
          inject: [EVENT_STORE_CONNECTION],
        },
        // Every append and read the application makes is counted and timed (the health checks' are not).
        {
          provide: EventStore,
          useFactory: (p: ProtectedStore, metrics: Metrics) => p.store.observedBy(metrics),
          inject: [PROTECTED_STORE, Metrics],
        },
        { provide: PERSON_KEYRING, useFactory: (p: ProtectedStore) => p.keyring, inject: [PROTECTED_STORE] },
      ],
      exports: [EVENT_STORE_CONNECTION, EventStore, PERSON_KEYRING],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
    await this.keyring.close();
  }
}
