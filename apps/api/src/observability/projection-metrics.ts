import { Inject, Injectable } from '@nestjs/common';
import type { EventStoreConnection } from '@app/event-store';
import { projectionLag, type LiveProjection } from '@app/projections';
import { DeadlinesReadSide } from '../contact-process/contact-process.providers';
import { EVENT_STORE_CONNECTION } from '../event-store.module';
import { SupervisionReadSide } from '../supervision/supervision.providers';
import { Metrics, type ProjectionSample } from './metrics';

/** Feeds the projection gauges at each scrape: the runners' checkpoints and their lag behind `$all`. */
@Injectable()
export class ProjectionMetrics {
  constructor(
    metrics: Metrics,
    @Inject(EVENT_STORE_CONNECTION) connection: EventStoreConnection,
    deadlines: DeadlinesReadSide,
    supervision: SupervisionReadSide,
  ) {
    const runners: LiveProjection[] = [deadlines.runner, supervision.runner];
    metrics.watchProjections(() =>
      Promise.all(
        runners.map(async (runner): Promise<ProjectionSample> => {
          const status = runner.status();
          // A store that does not answer leaves the lag out (the gauge is absent, which alerts can test).
          const lag = await projectionLag(
            connection.store,
            status.checkpoint,
            new Date(),
            1000,
            runner.filter,
          )
            .then(({ events, seconds }) => ({ events, seconds }))
            .catch(() => null);
          return {
            name: status.name,
            checkpoint: status.checkpoint?.commit ?? null,
            leading: status.leading,
            lag,
          };
        }),
      ),
    );
  }
}
