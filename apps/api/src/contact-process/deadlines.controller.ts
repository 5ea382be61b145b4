import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { copenhagenDateOf, type LocalDate } from '@app/legal-time';
import { ContactProcessHistory } from '@app/contact-process';
import { deadlineView } from '@app/deadlines';
import { EventStore, type Clock } from '@app/event-store';
import { assertOpaquePersonId, IsLocalDate } from '../common/validators';
import { CLOCK, DeadlinesReadSide } from './contact-process.providers';

class PersonDeadlinesQuery {
  @ApiPropertyOptional({
    example: '2024-03-20',
    description: 'Evaluate as of this day, from the facts that had happened by then',
  })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: '2024-03-20',
    description:
      'Only from what the system had recorded by the end of this day (recorded time): replays the person’s stream',
  })
  @IsOptional()
  @IsLocalDate()
  knownAt?: string;
}

class WorklistQueryParams {
  @ApiPropertyOptional({ enum: ['open', 'overdue', 'due-within'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'overdue', 'due-within'])
  kind?: 'open' | 'overdue' | 'due-within';

  @ApiPropertyOptional({
    example: 14,
    description: 'For kind=due-within: due within this many days from today',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  days?: number;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}

class DeadlineDto {
  @ApiProperty({ example: 'C24-FIRST:bp-2024-0001' }) obligationKey!: string;
  @ApiProperty({ example: 'C24-FIRST' }) ruleId!: string;
  @ApiProperty({ example: 'C24' }) ruleSetId!: string;
  @ApiProperty({ example: 'bp-2024-0001' }) benefitPeriodId!: string;
  @ApiProperty({ enum: ['akasse', 'jobcenter', 'person'] }) owner!: string;
  @ApiProperty({
    example: '2024-03-18',
    nullable: true,
    description: 'Due by the end of this day (Europe/Copenhagen); null while it hangs on an hour threshold',
  })
  dueOn!: string | null;
  @ApiProperty({ nullable: true, example: { hours: 410, counter: 'akasse' } }) hourThreshold!: object | null;
  @ApiProperty({ enum: ['open', 'met', 'overdue', 'missed', 'waived', 'not-applicable'] }) status!: string;
  @ApiProperty({ type: [String], description: 'Ids of the events that met it' }) metBy!: string[];
  @ApiProperty({ example: 'LAB §31(4), §33(1), §34(2), §42(1); 002 §3.1–3.2, §4' }) legalReference!: string;
}

@ApiTags('deadlines')
@Controller()
export class DeadlinesController {
  private readonly history: ContactProcessHistory;

  constructor(
    private readonly readSide: DeadlinesReadSide,
    @Inject(CLOCK) private readonly clock: Clock,
    store: EventStore,
  ) {
    this.history = new ContactProcessHistory(store);
  }

  private today(): LocalDate {
    return copenhagenDateOf(this.clock.now());
  }

  @Get('persons/:personId/deadlines')
  @ApiOkResponse({ type: [DeadlineDto] })
  async forPerson(@Param('personId') personId: string, @Query() query: PersonDeadlinesQuery) {
    const badId = assertOpaquePersonId(personId);
    if (badId) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [badId] });
    if (query.knownAt !== undefined) {
      const replayed = await this.history.deadlines(personId, {
        asOf: (query.asOf ?? this.today()) as LocalDate,
        knownAt: query.knownAt as LocalDate,
      });
      if (!replayed) throw new NotFoundException(`no facts were recorded for person ${personId}`);
      const { obligations, ...about } = replayed;
      return { personId, ...about, deadlines: obligations.map(deadlineView) };
    }
    const deadlines = await this.readSide.queries.forPerson(personId, {
      today: this.today(),
      asOf: query.asOf as LocalDate | undefined,
    });
    if (!deadlines) throw new NotFoundException(`no facts are recorded for person ${personId}`);
    const asOf = (query.asOf ?? this.today()) as LocalDate;
    const regimes = await this.readSide.queries.regimes(personId, asOf);
    return { personId, asOf, regimes, deadlines };
  }

  @Get('worklists/akasser/:akasseId')
  @ApiOkResponse({ description: 'The a-kasse’s open, overdue or soon-due obligations, by due date' })
  akasseWorklist(@Param('akasseId') akasseId: string, @Query() query: WorklistQueryParams) {
    return this.worklist('akasse', akasseId, query);
  }

  @Get('worklists/jobcentres/:jobcenterId')
  @ApiOkResponse({ description: 'The jobcentre’s open, overdue or soon-due obligations, by due date' })
  jobcentreWorklist(@Param('jobcenterId') jobcenterId: string, @Query() query: WorklistQueryParams) {
    return this.worklist('jobcenter', jobcenterId, query);
  }

  private async worklist(
    organisation: 'akasse' | 'jobcenter',
    organisationId: string,
    query: WorklistQueryParams,
  ) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const today = this.today();
    const result = await this.readSide.queries.worklist({
      organisation,
      organisationId,
      kind: query.kind ?? 'open',
      days: query.days,
      today,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { organisation, organisationId, kind: query.kind ?? 'open', today, page, pageSize, ...result };
  }
}
