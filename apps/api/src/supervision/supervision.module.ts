import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@app/legal-time';
import type { ReadModelSettings } from '../contact-process/read-model.settings';
import { DashboardController } from './dashboard.controller';
import { SupervisionController } from './supervision.controller';
import {
  SUPERVISION_CLOCK,
  SUPERVISION_CONFIG,
  SupervisionReadSide,
  type SupervisionSettings,
} from './supervision.providers';

/** STAR's supervision (002 §13): the read model, its HTTP API and the dashboard. */
@Module({})
export class SupervisionModule {
  static forRoot(config: { readModel: ReadModelSettings; clock: Clock }): DynamicModule {
    const settings: SupervisionSettings = {
      readModelSqlitePath: config.readModel.sqlitePath,
      readModel: config.readModel,
    };
    return {
      module: SupervisionModule,
      controllers: [SupervisionController, DashboardController],
      providers: [
        { provide: SUPERVISION_CONFIG, useValue: settings },
        { provide: SUPERVISION_CLOCK, useValue: config.clock },
        SupervisionReadSide,
      ],
      exports: [SupervisionReadSide],
    };
  }
}
