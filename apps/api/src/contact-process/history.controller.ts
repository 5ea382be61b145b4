import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { personViews } from '@app/contact-process';
import type { LocalDate } from '@app/legal-time';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { IsLocalDate, requireOpaquePersonId } from '../common/validators';
import { WaitsForEvents } from '../common/min-position';

class HistoryQuery {
  @ApiPropertyOptional({
    example: '2024-03-20',
    description: 'Only what the system had recorded by the end of this day (Europe/Copenhagen)',
  })
  @IsOptional()
  @IsLocalDate()
  knownAt?: string;
}

/** For auditors: a person's whole case history, read from their stream (not from a read model). */
@ApiTags('audit')
@ApiBearerAuth()
@ApiHeader({
  name: 'X-Purpose',
  required: false,
  description: 'Why the history is read (required for auditors)',
})
@UseInterceptors(WaitsForEvents) // X-Min-Position: read-your-write across instances
@Controller('persons/:personId')
export class HistoryController {
  constructor(private readonly access: PersonAccess) {}

  @Get('history')
  @Allow(
    ['akasse-caseworker', 'jobcenter-caseworker', 'integration', 'auditor'],
    'STAR analysts never see a person',
  )
  @ApiOkResponse({
    description:
      'Every fact in order: occurred and recorded time, actor, correlation and causation; derived facts name their rule and the facts behind them',
  })
  caseHistory(
    @Param('personId') personId: string,
    @Query() query: HistoryQuery,
    @CurrentCaller() caller: Caller,
  ) {
    requireOpaquePersonId(personId);
    return this.access.read(caller, personId, 'history', (stream) => {
      const entries = personViews.history(stream, {
        knownAt: query.knownAt as LocalDate | undefined,
      });
      return entries ? { personId, knownAt: query.knownAt ?? null, events: entries } : undefined;
    });
  }
}
