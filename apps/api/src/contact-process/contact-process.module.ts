import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@app/legal-time';
import {
  CLOCK,
  DeadlinesReadSide,
  READ_MODEL_CONFIG,
  Recorder,
  type ReadModelSettings,
} from './contact-process.providers';
import { DeadlinesController } from './deadlines.controller';
import { ErasureController } from './erasure.controller';
import { DEADLINE_SWEEP_CONFIG, DeadlineSweeper, type DeadlineSweepSettings } from './deadline-sweeper';
import { FactsController } from './facts.controller';
import { FeedsController } from './feeds.controller';
import { HistoryController } from './history.controller';
import { ImportFacts } from './import-facts';
import { ImportsController } from './imports.controller';
import { PersonViewsController } from './person-views.controller';
import { RecordFact } from './record-fact';

@Module({})
export class ContactProcessModule {
  static forRoot(config: {
    readModel: ReadModelSettings;
    clock: Clock;
    deadlineSweep: DeadlineSweepSettings;
  }): DynamicModule {
    return {
      module: ContactProcessModule,
      controllers: [
        FactsController,
        DeadlinesController,
        HistoryController,
        PersonViewsController,
        ErasureController,
        FeedsController,
        ImportsController,
      ],
      providers: [
        { provide: READ_MODEL_CONFIG, useValue: config.readModel },
        { provide: CLOCK, useValue: config.clock },
        { provide: DEADLINE_SWEEP_CONFIG, useValue: config.deadlineSweep },
        DeadlinesReadSide,
        Recorder,
        DeadlineSweeper,
        RecordFact,
        ImportFacts,
      ],
      exports: [DeadlinesReadSide, DeadlineSweeper],
    };
  }
}
