import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Metrics } from './metrics';
import { METRICS_SETTINGS, MetricsEndpoint, type MetricsSettings } from './metrics-endpoint';

/** One Metrics registry per app (so two apps in one process count apart), and its `/metrics` port. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(settings: MetricsSettings & { processMetrics?: boolean }): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        { provide: Metrics, useFactory: () => new Metrics({ processMetrics: settings.processMetrics }) },
        { provide: METRICS_SETTINGS, useValue: settings },
        MetricsEndpoint,
      ],
      exports: [Metrics, MetricsEndpoint],
    };
  }
}
