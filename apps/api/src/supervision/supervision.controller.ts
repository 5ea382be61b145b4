import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { decideDrillDown } from '../access/access.policy';
import { AccessLog } from '../access/access-log';
import { Allow, CurrentCaller, forbidden, type Caller } from '../access/caller';
import { NoQuery } from '../common/validators';
import type { Clock } from '@app/legal-time';
import {
  ruleSetById,
  type OrganisationSupervision,
  type SupervisedMeasure,
  type SupervisionOverview,
} from '@app/supervision';
import { SUPERVISION_CLOCK, SupervisionReadSide } from './supervision.providers';
import {
  checkOptionalRange,
  checkOrganisationId,
  MonthRangeQuery,
  resolveRange,
} from './supervision.requests';
import { WaitsForSupervision } from '../common/min-position';
import { invalidField, notFound } from '../common/api-error';

type IdField = 'akasseId' | 'jobcenterId';

/**
 * STAR's supervision (tilsyn, 002 §13) in aggregate: per a-kasse (and per jobcentre) per month the population,
 * the numerator, the share, whether the month is deficient, and the streak of deficient months. No person is
 * ever named here.
 */
@ApiTags('supervision')
@ApiBearerAuth()
@Allow(['star-analyst', 'auditor'], 'supervision aggregates are for STAR’s analysts and auditors')
@UseInterceptors(WaitsForSupervision) // X-Min-Position: read-your-write across instances
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly readSide: SupervisionReadSide,
    @Inject(SUPERVISION_CLOCK) private readonly clock: Clock,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('akasser/:akasseId/months/:month/numerator')
  @Allow(
    ['akasse-caseworker', 'auditor'],
    'who counts in a month names persons: for the a-kasse’s own caseworkers and auditors, never STAR’s analysts',
  )
  @ApiOkResponse({
    description:
      'Drill-down: the persons of the a-kasse’s month who had fewer than the required interviews, with how many were held',
  })
  akasseNumerator(
    @Param('akasseId') akasseId: string,
    @Param('month') month: string,
    @CurrentCaller() caller: Caller,
  ) {
    return this.numerator(caller, 'akasse', 'akasseId', akasseId, month);
  }

  @Get('jobcentres/:jobcenterId/months/:month/numerator')
  @Allow(
    ['jobcenter-caseworker', 'auditor'],
    'who counts in a month names persons: for the jobcentre’s own caseworkers and auditors, never STAR’s analysts',
  )
  @ApiOkResponse({
    description: 'Drill-down: the persons of the jobcentre’s month below the early-effort measure',
  })
  jobcentreNumerator(
    @Param('jobcenterId') jobcenterId: string,
    @Param('month') month: string,
    @CurrentCaller() caller: Caller,
  ) {
    return this.numerator(caller, 'jobcentre', 'jobcenterId', jobcenterId, month);
  }

  private async numerator(
    caller: Caller,
    measure: SupervisedMeasure,
    field: IdField,
    organisationId: string,
    month: string,
  ) {
    checkOrganisationId(field, organisationId);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw invalidField('month', 'isMonth', 'month must be a month as YYYY-MM');
    const decision = decideDrillDown(caller, measure === 'akasse' ? 'akasse' : 'jobcenter', organisationId);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
    const cases = await this.readSide.queries.numeratorCases(measure, organisationId, month);
    // Each person named gets an entry in their access log, as on a worklist.
    await this.accessLog.recordRead(
      caller,
      cases.map((c) => c.personId),
      decision,
    );
    return { measure, organisationId, month, cases };
  }

  @Get('akasser')
  @ApiOkResponse({
    description:
      'Per a-kasse per month (handover month): population, numerator (fewer than the required interviews with the a-kasse by the handover, each case judged by the rule set of its benefit period’s regime, R26-RUNNING-CASES), share, deficient, streak, the rule set (ruleSetId) the month is judged by, and byRuleSet: the month’s figures per rule set that judged its cases',
  })
  @ApiBadRequestResponse({
    description: 'from / to not a month YYYY-MM, reversed, or more than 120 months apart',
  })
  akasser(@Query() query: MonthRangeQuery) {
    return this.overview('akasse', 'akasseId', 'akasser', query);
  }

  @Get('akasser/:akasseId')
  @ApiOkResponse({
    description: 'One a-kasse’s months (all, or from / to), its current streak and whether it is flagged',
  })
  @ApiNotFoundResponse({ description: 'No month is measured for this a-kasse' })
  akasse(@Param('akasseId') akasseId: string, @Query() query: MonthRangeQuery) {
    return this.organisation('akasse', 'akasseId', akasseId, query);
  }

  @Get('jobcentres')
  @ApiOkResponse({
    description:
      'Per jobcentre per month (the month of the 6-month point): the early effort after the handover (C24-JC3 or R26-MUN2 by the period’s regime, C24-EDU6), with byRuleSet as for the a-kasser',
  })
  jobcentres(@Query() query: MonthRangeQuery) {
    return this.overview('jobcentre', 'jobcenterId', 'jobcentres', query);
  }

  @Get('jobcentres/:jobcenterId')
  @ApiOkResponse({ description: 'One jobcentre’s months, its current streak and whether it is flagged' })
  @ApiNotFoundResponse({ description: 'No month is measured for this jobcentre' })
  jobcentre(@Param('jobcenterId') jobcenterId: string, @Query() query: MonthRangeQuery) {
    return this.organisation('jobcentre', 'jobcenterId', jobcenterId, query);
  }

  @Get('status')
  @ApiOkResponse({
    description: 'The supervision projection: checkpoint, events applied, caught up, last error',
  })
  status(@NoQuery() _q: unknown) {
    const status = this.readSide.runner.status();
    return { ...status, checkpoint: status.checkpoint ? status.checkpoint.commit.toString() : null };
  }

  private async overview(
    measure: SupervisedMeasure,
    idField: IdField,
    listName: string,
    query: MonthRangeQuery,
  ) {
    const range = resolveRange(query, this.clock.now());
    const { organisations, ...overview }: SupervisionOverview = await this.readSide.queries.overview(
      measure,
      range,
    );
    return { ...overview, [listName]: organisations.map((o) => renamed(o, idField)) };
  }

  private async organisation(
    measure: SupervisedMeasure,
    idField: IdField,
    id: string,
    query: MonthRangeQuery,
  ) {
    checkOrganisationId(idField, id);
    const range = checkOptionalRange(query);
    const found = await this.readSide.queries.organisation(measure, id, range);
    if (!found) throw notFound('month-not-measured', `no month is measured for ${idField} ${id}`, idField);
    const ruleSetIds = [...new Set(found.months.map((m) => m.ruleSetId))];
    return {
      measure,
      ...range,
      ...renamed(found, idField),
      ruleSets: ruleSetIds.map((id) => ruleSetById(id)).filter((r) => r !== undefined),
    };
  }
}

function renamed({ organisationId, ...rest }: OrganisationSupervision, idField: IdField) {
  return { [idField]: organisationId, ...rest };
}
