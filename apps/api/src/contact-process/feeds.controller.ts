import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { Kysely } from 'kysely';
import {
  decodeCursor,
  obligationFeedPage,
  type ObligationChangesDatabase,
  type ObligationChangeView,
} from '@app/deadlines';
import { AccessLog } from '../access/access-log';
import { decideWorklist } from '../access/access.policy';
import { Allow, CurrentCaller, forbidden, type Caller } from '../access/caller';
import { DeadlinesReadSide } from './contact-process.providers';
import { invalidField } from '../common/api-error';

class FeedQuery {
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous answer; left out: from the start' })
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    default: 0,
    description: 'Long-polling: when nothing is new, wait up to this many seconds for a change',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  wait?: number;
}

/** How often a long-poll looks again at the change log (a follower instance sees the leader's commits so). */
const POLL_MS = 200;

/**
 * Each change of an obligation of the organisation's persons, in order, from the change log the deadlines
 * projection writes with the read model: opened, due-soon (within the organisation's reminder window, from the
 * sweep's DeadlineDueSoon), met, waived, overdue, missed, moved (shown to both organisations), due-date-changed,
 * reopened, withdrawn. Resumable: hand back `next` as `after`. The same
 * access rules and access log as the worklists.
 */
@ApiTags('feeds')
@ApiBearerAuth()
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly readSide: DeadlinesReadSide,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('akasser/:akasseId/obligations')
  @Allow(['akasse-caseworker', 'integration'], 'a feed is its own a-kasse’s')
  @ApiOkResponse({ description: '`changes` in order and the `next` cursor to resume from' })
  akasse(@Param('akasseId') id: string, @Query() query: FeedQuery, @CurrentCaller() caller: Caller) {
    return this.feed(caller, 'akasse', id, query);
  }

  @Get('jobcentres/:jobcenterId/obligations')
  @Allow(['jobcenter-caseworker', 'integration'], 'a feed is its own jobcentre’s')
  @ApiOkResponse({ description: '`changes` in order and the `next` cursor to resume from' })
  jobcentre(@Param('jobcenterId') id: string, @Query() query: FeedQuery, @CurrentCaller() caller: Caller) {
    return this.feed(caller, 'jobcenter', id, query);
  }

  private async feed(
    caller: Caller,
    organisation: 'akasse' | 'jobcenter',
    organisationId: string,
    query: FeedQuery,
  ) {
    const decision = decideWorklist(caller, organisation, organisationId);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
    const after = query.after === undefined ? undefined : decodeCursor(query.after);
    if (query.after !== undefined && !after)
      throw invalidField(
        'after',
        'cursor',
        'after must be a cursor this feed gave out (its `next` or an entry’s `cursor`)',
      );
    const page = () =>
      obligationFeedPage(this.readSide.db as unknown as Kysely<ObligationChangesDatabase>, {
        organisation,
        organisationId,
        after,
        limit: query.limit ?? 100,
      });
    let changes: ObligationChangeView[] = await page();
    const until = Date.now() + (query.wait ?? 0) * 1000;
    while (changes.length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      changes = await page();
    }
    // The feed shows each listed person's obligations: each of them gets an entry in their access log.
    await this.accessLog.recordRead(
      caller,
      changes.map((c) => c.personId),
      decision,
    );
    const next = changes.length > 0 ? changes[changes.length - 1].cursor : (query.after ?? null);
    return { organisation, organisationId, changes, next };
  }
}
