import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStoreConfig } from '@app/event-store';
import type { Clock } from '@app/event-store';
import { ContactProcessModule } from './contact-process/contact-process.module';
import type { ReadModelSettings } from './contact-process/contact-process.providers';
import type { DeadlineSweepSettings } from './contact-process/deadline-sweeper';
import { EventStoreModule } from './event-store.module';
import { HealthController } from './health/health.controller';
import { SupervisionModule } from './supervision/supervision.module';

export interface AppConfig {
  eventStore: EventStoreConfig;
  readModel: ReadModelSettings;
  /** Today's date for deadlines and for refusing facts dated in the future; tests inject a fixed clock. */
  clock: Clock;
  /** How often the system records deadlines that passed unmet (DeadlineMissed); off when left out. */
  deadlineSweep?: DeadlineSweepSettings;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forRoot(config.eventStore),
        ContactProcessModule.forRoot({
          readModel: config.readModel,
          clock: config.clock,
          deadlineSweep: config.deadlineSweep ?? { intervalMinutes: 0 },
        }),
        SupervisionModule.forRoot({ readModel: config.readModel, clock: config.clock }),
      ],
      controllers: [HealthController],
    };
  }
}
