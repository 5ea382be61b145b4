import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ContactProcessHistory } from '@app/contact-process';
import { EventStore } from '@app/event-store';
import type { LocalDate } from '@app/legal-time';
import { assertOpaquePersonId, IsLocalDate } from '../common/validators';

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
@Controller('persons/:personId')
export class HistoryController {
  private readonly history: ContactProcessHistory;

  constructor(store: EventStore) {
    this.history = new ContactProcessHistory(store);
  }

  @Get('history')
  @ApiOkResponse({
    description:
      'Every fact in order: occurred and recorded time, actor, correlation and causation; derived facts name their rule and the facts behind them',
  })
  async caseHistory(@Param('personId') personId: string, @Query() query: HistoryQuery) {
    requireOpaqueId(personId);
    const entries = await this.history.history(personId, { knownAt: query.knownAt as LocalDate | undefined });
    if (!entries) throw new NotFoundException(`no facts are recorded for person ${personId}`);
    return { personId, knownAt: query.knownAt ?? null, events: entries };
  }
}

function requireOpaqueId(personId: string): void {
  const badId = assertOpaquePersonId(personId);
  if (badId) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [badId] });
}
