import { Controller, Get, Header, Headers, Inject, Module, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { personViews } from '@app/contact-process';
import type { Clock } from '@app/legal-time';
import { copenhagenDateOf, type LocalDate } from '@app/legal-time';
import { ACCESS_CLOCK } from '../access/access-log';
import { BrowserPage } from '../access/browser-session';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { LANGS, langOf, type Lang } from '../common/lang';
import { IsLocalDate, requireOpaquePersonId } from '../common/validators';
import { renderTimeline } from './audit-timeline.page';

/** The page's own form sends an empty field for "as known now": that is no date, not a malformed one. */
const EmptyIsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

class TimelineQuery {
  @ApiPropertyOptional({
    example: '2024-06-30',
    description: 'Deadlines as they stood on this day (valid time); default today',
  })
  @EmptyIsAbsent()
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: '2024-07-15',
    description: 'Only what was recorded by the end of this day (recorded time)',
  })
  @EmptyIsAbsent()
  @IsOptional()
  @IsLocalDate()
  knownAt?: string;

  @ApiPropertyOptional({
    enum: LANGS,
    description: 'The page’s language; default the browser’s preference (Accept-Language), else Danish',
  })
  @EmptyIsAbsent()
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}

/** The auditor's picture of one person's history (#19.6): read like every read, with a purpose, and logged. */
@ApiTags('audit')
@ApiBearerAuth()
@BrowserPage()
@Controller('audit')
export class AuditTimelineController {
  constructor(
    private readonly access: PersonAccess,
    @Inject(ACCESS_CLOCK) private readonly clock: Clock,
  ) {}

  @Get('persons/:personId')
  @Allow(['auditor'], 'the timeline is the auditor’s view of a person’s whole history')
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'Every event by when it happened and when it was recorded, corrections and derivations linked, deadlines as of a day and as known at a day',
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'",
  )
  timeline(
    @Param('personId') personId: string,
    @Query() query: TimelineQuery,
    @Headers('authorization') authorization: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<string> {
    requireOpaquePersonId(personId);
    const asOf = (query.asOf ?? copenhagenDateOf(this.clock.now())) as LocalDate;
    const knownAt = query.knownAt as LocalDate | undefined;
    return this.access.read(caller, personId, 'history', (stream) => {
      const entries = personViews.history(stream);
      const deadlines = personViews.deadlines(stream, { asOf, knownAt });
      if (!entries || !deadlines) return undefined;
      return renderTimeline({
        personId,
        purpose: caller.purpose,
        asOf,
        knownAt: knownAt ?? null,
        entries,
        deadlines,
        lang: langOf(query.lang, acceptLanguage),
        ...(authorization ? {} : { signedIn: { role: caller.role, organisation: caller.organisation } }),
      });
    });
  }
}

@Module({ controllers: [AuditTimelineController] })
export class AuditModule {}
