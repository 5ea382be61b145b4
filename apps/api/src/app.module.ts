import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStoreConfig } from '@app/event-store';
import { EventStoreModule } from './event-store.module';
import { HealthController } from './health/health.controller';

export interface AppConfig {
  eventStore: EventStoreConfig;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [EventStoreModule.forRoot(config.eventStore)],
      controllers: [HealthController],
    };
  }
}
