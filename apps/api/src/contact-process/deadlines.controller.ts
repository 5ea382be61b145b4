import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { copenhagenDateOf, type LocalDate, type Clock } from '@app/legal-time';
import { factsOf, foldFacts, OBLIGATION_STATUSES, personViews } from '@app/contact-process';
import { deadlineView } from '@app/deadlines';
import { AccessLog } from '../access/access-log';
import { decideWorklist } from '../access/access.policy';
import { Allow, CurrentCaller, forbidden, type Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { IsLocalDate, NoQuery, requireOpaquePersonId } from '../common/validators';
import { AS_OF_DESCRIPTION, evaluationDays, KNOWN_AT_DESCRIPTION } from '../common/evaluation-days';
import { CLOCK, DeadlinesReadSide } from './contact-process.providers';
import { WaitsForDeadlines } from '../common/min-position';

class PersonDeadlinesQuery {
  @ApiPropertyOptional({ example: '2024-03-20', description: AS_OF_DESCRIPTION })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2024-03-20', description: KNOWN_AT_DESCRIPTION })
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
  @ApiProperty({
    enum: OBLIGATION_STATUSES,
    description:
      '`not-applicable`: the rule does not apply; `lapsed`: a right of the person (HP-OBJECT, C24-COMPLAINT) whose period passed unused',
  })
  status!: string;
  @ApiProperty({ type: [String], description: 'Ids of the events that met it' }) metBy!: string[];
  @ApiProperty({ example: 'LAB §31(4), §33(1), §34(2), §42(1); 002 §3.1–3.2, §4' }) legalReference!: string;
}

class ContactProcessOwnerDto {
  @ApiProperty({ example: 'bp-2024-0001' }) benefitPeriodId!: string;
  @ApiProperty({ enum: ['akasse', 'jobcenter'], description: 'Who holds the contact process on `asOf`' })
  owner!: string;
  @ApiProperty({ example: '2024-06-01', description: 'The first day of this ownership' }) since!: string;
  @ApiProperty({
    enum: ['placement', 'handover', 'education-injunction-group', 'transition'],
    description:
      'placement: held from the placement; handover: the a-kasse’s period ended with the month it registered 410 h (part-time 333 h); education-injunction-group: the jobcentre from its visitation; transition: the earlier rules’ owner until C24 applies (002 §15)',
  })
  basis!: string;
  @ApiProperty({ description: 'The facts and days that decided it, with the paragraph' }) reason!: string;
}

class PersonDeadlinesDto {
  @ApiProperty() personId!: string;
  @ApiProperty({ example: '2024-03-20', description: 'The valid-time day the answer is evaluated on' })
  asOf!: string;
  @ApiProperty({
    example: '2024-03-20',
    nullable: true,
    description: 'The recorded-time day: only what was recorded by its end; null = everything recorded',
  })
  knownAt!: string | null;
  @ApiProperty({ type: [Object], description: 'Per benefit period: the regime that governs it, and why' })
  regimes!: object[];
  @ApiProperty({ type: [ContactProcessOwnerDto], description: 'Per benefit period placed by `asOf`' })
  owners!: ContactProcessOwnerDto[];
  @ApiProperty({ type: [DeadlineDto] }) deadlines!: DeadlineDto[];
}

const PERSON_READERS = ['akasse-caseworker', 'jobcenter-caseworker', 'integration', 'auditor'] as const;
const WHY_NOT_PERSONS = 'STAR analysts see aggregates only, never a person';

@ApiTags('deadlines')
@ApiBearerAuth()
@ApiHeader({
  name: 'X-Purpose',
  required: false,
  description: 'Why the data is read (required for auditors); kept in the person’s access log',
})
@ApiForbiddenResponse({
  description: 'Not a person of the caller’s organisation (or auditor scope); the reason is named',
})
@UseInterceptors(WaitsForDeadlines) // X-Min-Position: read-your-write across instances
@Controller()
export class DeadlinesController {
  constructor(
    private readonly readSide: DeadlinesReadSide,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: PersonAccess,
    private readonly accessLog: AccessLog,
  ) {}

  private today(): LocalDate {
    return copenhagenDateOf(this.clock.now());
  }

  @Get('persons/:personId/deadlines')
  @Allow([...PERSON_READERS], WHY_NOT_PERSONS)
  @ApiOkResponse({
    type: PersonDeadlinesDto,
    description: 'The obligations on `asOf` as known at `knownAt`, with who holds each contact process then',
  })
  forPerson(
    @Param('personId') personId: string,
    @Query() query: PersonDeadlinesQuery,
    @CurrentCaller() caller: Caller,
  ) {
    requireOpaquePersonId(personId);
    const today = this.today();
    const { asOf, knownAt } = evaluationDays(query, today);
    // As known at a day: replayed from the person's stream, the one the access check reads.
    if (knownAt !== null)
      return this.access.read(caller, personId, 'deadlines', (stream) => {
        const replayed = personViews.deadlines(stream, { asOf, knownAt });
        if (!replayed) return undefined;
        const { obligations, ...about } = replayed;
        return { personId, ...about, deadlines: obligations.map(deadlineView) };
      });
    // As known now: from the read model, so the check needs only the person's standing, not their stream.
    return this.access.readWithoutStream(caller, personId, 'deadlines', async () => {
      const view = await this.readSide.queries.personView(personId, {
        today,
        asOf: query.asOf as LocalDate | undefined,
      });
      return (
        view && {
          personId,
          asOf,
          knownAt,
          regimes: view.regimes,
          owners: view.owners,
          deadlines: view.deadlines,
        }
      );
    });
  }

  /**
   * The person's CV as the contact process knows it (C24-CV): whether and when it was marked complete. The one
   * read another a-kasse may make, for a named job order (X-Job-Order) under an agreement (C24-JOBORDER).
   */
  @Get('persons/:personId/cv')
  @Allow([...PERSON_READERS], WHY_NOT_PERSONS)
  @ApiHeader({
    name: 'X-Job-Order',
    required: false,
    description: 'Another a-kasse’s caseworker: the concrete recruitment (C24-JOBORDER)',
  })
  @ApiOkResponse({
    description: 'Whether the CV is marked complete in the current benefit period, when and by whom',
  })
  cv(@Param('personId') personId: string, @CurrentCaller() caller: Caller, @NoQuery() _q: unknown) {
    requireOpaquePersonId(personId);
    return this.access.read(caller, personId, 'cv', (stream) => {
      const state = foldFacts(factsOf(stream));
      const period = state.periods[state.periods.length - 1];
      const marked = (period?.cvCompletions ?? []).map(({ markedOn, by }) => ({ markedOn, by }));
      return { personId, complete: marked.length > 0, markedComplete: marked };
    });
  }

  @Get('worklists/akasser/:akasseId')
  @Allow(['akasse-caseworker', 'integration'], 'a worklist is its own a-kasse’s')
  @ApiOkResponse({ description: 'The a-kasse’s open, overdue or soon-due obligations, by due date' })
  akasseWorklist(
    @Param('akasseId') akasseId: string,
    @Query() query: WorklistQueryParams,
    @CurrentCaller() caller: Caller,
  ) {
    return this.worklist(caller, 'akasse', akasseId, query);
  }

  @Get('worklists/jobcentres/:jobcenterId')
  @Allow(['jobcenter-caseworker', 'integration'], 'a worklist is its own jobcentre’s')
  @ApiOkResponse({ description: 'The jobcentre’s open, overdue or soon-due obligations, by due date' })
  jobcentreWorklist(
    @Param('jobcenterId') jobcenterId: string,
    @Query() query: WorklistQueryParams,
    @CurrentCaller() caller: Caller,
  ) {
    return this.worklist(caller, 'jobcenter', jobcenterId, query);
  }

  private async worklist(
    caller: Caller,
    organisation: 'akasse' | 'jobcenter',
    organisationId: string,
    query: WorklistQueryParams,
  ) {
    const decision = decideWorklist(caller, organisation, organisationId);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
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
    // A worklist shows each listed person's deadlines: each of them gets an entry in their access log.
    await this.accessLog.recordRead(
      caller,
      result.items.map((i) => i.personId),
      decision,
    );
    return { organisation, organisationId, kind: query.kind ?? 'open', today, page, pageSize, ...result };
  }
}
