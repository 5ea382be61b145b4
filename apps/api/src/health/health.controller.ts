import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { EventStoreConnection } from '@app/event-store';
import { projectionLag, type ProjectionLag } from '@app/projections';
import { Public } from '../access/caller';
import { NoQuery } from '../common/validators';
import { EVENT_STORE_CONNECTION } from '../event-store.module';
import { DeadlinesReadSide } from '../contact-process/contact-process.providers';
import { SupervisionReadSide } from '../supervision/supervision.providers';
import { DeadlineSweeper, type SweepStatus } from '../contact-process/deadline-sweeper';

class ProjectionHealth {
  @ApiProperty({ example: 'deadlines' })
  name!: string;

  @ApiProperty({ example: '42', nullable: true, description: 'Commit position the read model includes' })
  checkpoint!: string | null;

  @ApiProperty({ example: 1200 })
  eventsApplied!: number;

  @ApiProperty({ description: 'Whether it has caught up with $all since start' })
  caughtUp!: boolean;

  @ApiProperty({ nullable: true, type: String })
  lastError!: string | null;

  @ApiProperty({
    example: { events: 0, atLeast: false, seconds: 0 },
    description:
      'Events in $all after the checkpoint (counted up to 1,000) and how long the oldest has waited',
  })
  lag!: ProjectionLag;
}

class EventStoreHealth {
  @ApiProperty({ example: true, description: 'Whether the embedded node serves this process' })
  embedded!: boolean;

  @ApiProperty({ example: '42', description: 'Commit position of the newest event in $all' })
  lastPosition!: string;
}

class Health {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';

  @ApiProperty()
  eventStore!: EventStoreHealth;

  @ApiProperty({ type: [ProjectionHealth] })
  projections!: ProjectionHealth[];

  @ApiProperty({ description: 'The schedule recording deadlines that passed unmet, and its last run' })
  deadlineSweep!: SweepStatus;
}

@ApiTags('operations')
@Public() // for load balancers and monitoring: it names no person
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE_CONNECTION) private readonly connection: EventStoreConnection,
    private readonly readSide: DeadlinesReadSide,
    private readonly supervision: SupervisionReadSide,
    private readonly sweeper: DeadlineSweeper,
  ) {}

  @Get()
  @ApiOkResponse({ type: Health, description: 'The service and its event store answer' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer' })
  async health(@NoQuery() _q: unknown): Promise<Health> {
    try {
      let lastPosition = 0n;
      for await (const event of this.connection.store.readAll({ direction: 'backwards', maxCount: 1 })) {
        lastPosition = event.position.commit;
      }
      const projections = await Promise.all(
        [this.readSide.runner, this.supervision.runner].map(async (runner) => {
          const projection = runner.status();
          const lag = await projectionLag(this.connection.store, projection.checkpoint, new Date());
          return { ...projection, checkpoint: projection.checkpoint?.commit.toString() ?? null, lag };
        }),
      );
      return {
        status: 'ok',
        eventStore: { embedded: !!this.connection.embeddedNode, lastPosition: lastPosition.toString() },
        projections,
        deadlineSweep: this.sweeper.status(),
      };
    } catch (error) {
      throw new ServiceUnavailableException(`The event store does not answer: ${(error as Error).message}`);
    }
  }
}
