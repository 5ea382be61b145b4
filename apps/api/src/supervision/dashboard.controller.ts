import { Controller, Get, Header, Headers, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BrowserPage } from '../access/browser-session';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import type { Clock } from '@app/event-store';
import { renderDashboard } from './dashboard.page';
import { langOf } from './dashboard.texts';
import { SUPERVISION_CLOCK, SupervisionReadSide } from './supervision.providers';
import { DashboardQuery, resolveRange } from './supervision.requests';
import { WaitsForSupervision } from '../common/min-position';

/** STAR's dashboard: one HTML page read from the supervision projection only. */
@ApiTags('supervision')
@ApiBearerAuth()
@Allow(['star-analyst', 'auditor'], 'the dashboard is STAR’s')
@BrowserPage() // a session from /auth/signin, or a bearer token
@UseInterceptors(WaitsForSupervision) // X-Min-Position: read-your-write across instances
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly readSide: SupervisionReadSide,
    @Inject(SUPERVISION_CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'Per a-kasse (or, with measure=jobcentre, per jobcentre) the monthly share against the threshold, deficient months and streaks, a national overview sortable by share, and the rule set in force per month',
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Vary', 'Accept-Language, Cookie')
  // Nothing may be fetched: inline style and script only; the one form is the sign-out, to this site.
  @Header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'",
  )
  async page(
    @Query() query: DashboardQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<string> {
    const now = this.clock.now();
    const range = resolveRange(query, now);
    const overview = await this.readSide.queries.overview(query.measure ?? 'akasse', range);
    const checkpoint = this.readSide.runner.status().checkpoint;
    return renderDashboard(overview, {
      generatedAt: now.toISOString(),
      checkpoint: checkpoint ? checkpoint.commit.toString() : null,
      lang: langOf(query.lang, acceptLanguage),
      query: { from: query.from, to: query.to, measure: query.measure },
      // No Authorization header past the guard: the caller came with a browser session.
      ...(authorization ? {} : { session: { role: caller.role, organisation: caller.organisation } }),
    });
  }
}
