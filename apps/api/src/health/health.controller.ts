import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { EventStoreConnection } from '@app/event-store';
import { EVENT_STORE_CONNECTION } from '../event-store.module';

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
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE_CONNECTION) private readonly connection: EventStoreConnection) {}

  @Get()
  @ApiOkResponse({ type: Health, description: 'The service and its event store answer' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer' })
  async health(): Promise<Health> {
    try {
      let lastPosition = 0n;
      for await (const event of this.connection.store.readAll({ direction: 'backwards', maxCount: 1 })) {
        lastPosition = event.position.commit;
      }
      return {
        status: 'ok',
        eventStore: { embedded: !!this.connection.embeddedNode, lastPosition: lastPosition.toString() },
      };
    } catch (error) {
      throw new ServiceUnavailableException(`The event store does not answer: ${(error as Error).message}`);
    }
  }
}
