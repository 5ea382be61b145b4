import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import type { EventStoreConnection } from '@app/event-store';
import type { ProjectionLag } from '@app/projections';
import { Public } from '../access/caller';
import { RETRY_AFTER_SECONDS } from '../common/error.filter';
import { NoQuery } from '../common/validators';
import { EVENT_STORE_CONNECTION } from '../event-store.module';
import { DeadlinesReadSide } from '../contact-process/contact-process.providers';
import { SupervisionReadSide } from '../supervision/supervision.providers';
import { AccessLogReadSide } from '../access/access-log.read-side';
import { DeadlineSweeper, type SweepStatus } from '../contact-process/deadline-sweeper';
import { HealthChecks, type HealthReport } from './health.checks';
import { HEALTH_CONFIG, type HealthSettings } from './health.settings';

class ProjectionHealth {
  @ApiProperty({ example: 'deadlines' })
  name!: string;

  @ApiProperty({
    enum: ['running', 'retrying', 'failed', 'stopped', 'following'],
    description:
      '`retrying` while the event store is away (it resubscribes by itself); `failed` needs an operator',
  })
  state!: string;

  @ApiProperty({ example: '42', nullable: true, description: 'Commit position the read model includes' })
  checkpoint!: string | null;

  @ApiProperty({ example: 1200 })
  eventsApplied!: number;

  @ApiProperty({ description: 'Whether it has caught up with $all since it (re)subscribed' })
  caughtUp!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Why it is retrying or stopped (details in the log)',
  })
  lastError!: string | null;

  @ApiProperty({
    example: { events: 0, atLeast: false, seconds: 0 },
    nullable: true,
    description:
      'Events its filter takes after the checkpoint (among the next 1,000 in $all) and how long the oldest has waited; null when the event store does not answer',
  })
  lag!: ProjectionLag | null;
}

class EventStoreHealth {
  @ApiProperty()
  reachable!: boolean;

  @ApiProperty({ example: true, description: 'Whether the embedded node serves this process' })
  embedded!: boolean;

  @ApiProperty({ example: '42', nullable: true, description: 'Commit position of the newest event in $all' })
  lastPosition!: string | null;
}

class Health {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unavailable'],
    description:
      '`ok`; `degraded` (200) when requests are served but something needs an operator (see `degraded`); `unavailable` (503) when not ready (see `reasons`)',
  })
  status!: 'ok' | 'degraded' | 'unavailable';

  @ApiPropertyOptional({ example: 'The event store does not answer', description: 'With 503 only' })
  message?: string;

  @ApiProperty({ type: [String], description: 'Why the service is not ready (as /health/ready)' })
  reasons!: string[];

  @ApiProperty({ type: [String], example: ['projection deadlines is retrying'] })
  degraded!: string[];

  @ApiProperty()
  eventStore!: EventStoreHealth;

  @ApiProperty({ example: { reachable: true } })
  readDatabase!: { reachable: boolean };

  @ApiProperty({ type: [ProjectionHealth] })
  projections!: ProjectionHealth[];

  @ApiProperty({ description: 'The schedule recording deadlines that passed unmet, and its last run' })
  deadlineSweep!: SweepStatus;
}

class Readiness {
  @ApiProperty({ enum: ['ready', 'not-ready'] })
  status!: 'ready' | 'not-ready';

  @ApiProperty({ type: [String], example: ['the event store does not answer'] })
  reasons!: string[];
}

interface Reply {
  status(code: number): Reply;
  setHeader(name: string, value: string): void;
}

/**
 * For load balancers, orchestrators and monitoring (public: nothing here names a person or an internal address).
 * `/health/live`: the process answers. `/health/ready`: it can serve requests — event store and read databases
 * answer, projections within HEALTH_READY_MAX_LAG_EVENTS / _SECONDS. `/health`: everything, for a person.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  private readonly checks: HealthChecks;

  constructor(
    @Inject(EVENT_STORE_CONNECTION) connection: EventStoreConnection,
    readSide: DeadlinesReadSide,
    supervision: SupervisionReadSide,
    accessLog: AccessLogReadSide,
    sweeper: DeadlineSweeper,
    @Inject(HEALTH_CONFIG) settings: HealthSettings,
  ) {
    this.checks = new HealthChecks(
      {
        store: connection.store,
        embedded: !!connection.embeddedNode,
        readDatabases: [readSide.db, supervision.db, accessLog.db] as Kysely<unknown>[],
        runners: [readSide.runner, supervision.runner, accessLog.runner],
        sweep: () => sweeper.status(),
      },
      settings,
    );
  }

  @Get()
  @HttpCode(200)
  @ApiOkResponse({ type: Health, description: 'Ready; `status` is `ok` or `degraded`' })
  @ApiServiceUnavailableResponse({ type: Health, description: 'Not ready: `reasons` says why; Retry-After' })
  async health(@NoQuery() _q: unknown, @Res({ passthrough: true }) reply: Reply): Promise<Health> {
    const report = await this.checks.report();
    if (!report.ready) {
      unavailable(reply);
      return { status: 'unavailable', message: sentence(report.reasons), ...view(report) };
    }
    return { status: report.degraded.length > 0 ? 'degraded' : 'ok', ...view(report) };
  }

  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process answers (it may still be unable to serve: see /health/ready)' })
  live(@NoQuery() _q: unknown): { status: 'live' } {
    return { status: 'live' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ type: Readiness, description: 'Requests can be served' })
  @ApiServiceUnavailableResponse({ type: Readiness, description: 'Not now: `reasons` says why; Retry-After' })
  async ready(@NoQuery() _q: unknown, @Res({ passthrough: true }) reply: Reply): Promise<Readiness> {
    const { ready, reasons } = await this.checks.report();
    if (ready) return { status: 'ready', reasons };
    unavailable(reply);
    return { status: 'not-ready', reasons };
  }
}

function unavailable(reply: Reply): void {
  reply.status(503);
  reply.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
}

function view(report: HealthReport): Omit<Health, 'status' | 'message'> {
  const { reasons, degraded, eventStore, readDatabase, projections, deadlineSweep } = report;
  return { reasons, degraded, eventStore, readDatabase, projections, deadlineSweep };
}

const sentence = (reasons: string[]) => {
  const text = reasons.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
