import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  connectEventStore,
  EventStore,
  type EventStoreConfig,
  type EventStoreConnection,
} from '@app/event-store';

export const EVENT_STORE_CONNECTION = Symbol('EVENT_STORE_CONNECTION');

/** Connects once at start-up (starting the embedded node when no connection string is set) and closes both on shutdown. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE_CONNECTION) private readonly connection: EventStoreConnection) {}

  static forRoot(config: EventStoreConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: EVENT_STORE_CONNECTION, useFactory: () => connectEventStore(config) },
        {
          provide: EventStore,
          useFactory: (connection: EventStoreConnection) => connection.store,
          inject: [EVENT_STORE_CONNECTION],
        },
      ],
      exports: [EVENT_STORE_CONNECTION, EventStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
