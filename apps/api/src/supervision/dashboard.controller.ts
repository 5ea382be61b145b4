import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Headers,
  Inject,
  NotFoundException,
  Param,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { decideDrillDown } from '../access/access.policy';
import { AccessLog } from '../access/access-log';
import { BrowserPage, PageForbidden } from '../access/browser-session';
import { Allow, CurrentCaller, forbidden, type Caller } from '../access/caller';
import type { Clock } from '@app/legal-time';
import { renderAkassePage, renderNumeratorPage } from './dashboard.drilldown.page';
import { renderDashboard, type DashboardMeta } from './dashboard.page';
import { langOf, type Lang } from './dashboard.texts';
import { SUPERVISION_CLOCK, SupervisionReadSide } from './supervision.providers';
import { checkOrganisationId, DashboardQuery, resolveRange } from './supervision.requests';
import { WaitsForSupervision } from '../common/min-position';

class PageQuery {
  @IsOptional()
  @IsIn(['da', 'en'])
  lang?: Lang;
}

/** Nothing may be fetched: inline style and script only; the one form is the sign-out, to this site. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'";

/** STAR's dashboard and its drill-down: HTML pages read from the supervision projection only. */
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
    private readonly accessLog: AccessLog,
  ) {}

  @Get()
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'Per a-kasse (or, with measure=jobcentre, per jobcentre) the monthly share against the threshold, deficient months and streaks, a national overview sortable by share, and the rule set in force per month',
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Vary', 'Accept-Language, Cookie')
  @Header('Content-Security-Policy', CSP)
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
      ...pageMeta(query.lang, acceptLanguage, authorization, caller),
      query: { from: query.from, to: query.to, measure: query.measure },
    });
  }

  @Get('akasser/:akasseId')
  @Allow(
    ['star-analyst', 'auditor', 'akasse-caseworker'],
    'one a-kasse’s figures are for STAR, auditors and its own caseworkers',
  )
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'One a-kasse’s months; for its own caseworkers, each month links to who is below',
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Vary', 'Accept-Language, Cookie')
  @Header('Content-Security-Policy', CSP)
  async akasse(
    @Param('akasseId') akasseId: string,
    @Query() query: PageQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<string> {
    checkOrganisationId('akasseId', akasseId);
    const meta = pageMeta(query.lang, acceptLanguage, authorization, caller);
    const drillDown = decideDrillDown(caller, 'akasse', akasseId);
    if (caller.role === 'akasse-caseworker' && !drillDown.allowed)
      throw refusal(caller, drillDown.code, drillDown.reason, meta);
    const found = await this.readSide.queries.organisation('akasse', akasseId);
    if (!found) throw new NotFoundException(`no month is measured for akasseId ${akasseId}`);
    return renderAkassePage(found, meta, drillDown.allowed);
  }

  @Get('akasser/:akasseId/months/:month')
  @Allow(
    ['akasse-caseworker', 'auditor'],
    'who counts in a month names persons: for the a-kasse’s own caseworkers and auditors, never STAR’s analysts',
  )
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'The persons of the a-kasse’s month below the requirement (each access-logged)',
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Vary', 'Accept-Language, Cookie')
  @Header('Content-Security-Policy', CSP)
  async month(
    @Param('akasseId') akasseId: string,
    @Param('month') month: string,
    @Query() query: PageQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<string> {
    checkOrganisationId('akasseId', akasseId);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: ['month must be a month as YYYY-MM'],
      });
    const meta = pageMeta(query.lang, acceptLanguage, authorization, caller);
    const decision = decideDrillDown(caller, 'akasse', akasseId);
    if (!decision.allowed) throw refusal(caller, decision.code, decision.reason, meta);
    const cases = await this.readSide.queries.numeratorCases('akasse', akasseId, month);
    // Each person named gets an entry in their access log, as on the JSON drill-down.
    await this.accessLog.recordRead(
      caller,
      cases.map((c) => c.personId),
      decision,
    );
    return renderNumeratorPage(akasseId, month, cases, meta);
  }
}

/** The language, and who is signed in when the caller came with a browser session (no Authorization header). */
function pageMeta(
  lang: Lang | undefined,
  acceptLanguage: string | undefined,
  authorization: string | undefined,
  caller: Caller,
): Pick<DashboardMeta, 'lang' | 'session'> {
  return {
    lang: langOf(lang, acceptLanguage),
    ...(authorization ? {} : { session: { role: caller.role, organisation: caller.organisation } }),
  };
}

/** A refusal: a page for a browser session, the API's 403 for a bearer token. */
function refusal(caller: Caller, code: string, reason: string, meta: Pick<DashboardMeta, 'session'>) {
  const refused = forbidden(caller, code, reason);
  return meta.session ? new PageForbidden(refused) : refused;
}
