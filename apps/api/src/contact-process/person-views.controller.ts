import { Controller, Get, Inject, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import {
  availabilityOn,
  nuphViews,
  personViews,
  recommendationViews,
  sanctionTiming,
} from '@app/contact-process';
import { copenhagenDateOf, type LocalDate, type Clock } from '@app/legal-time';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { IsLocalDate, requireOpaquePersonId } from '../common/validators';
import { AS_OF_DESCRIPTION, evaluationDays, KNOWN_AT_DESCRIPTION } from '../common/evaluation-days';
import { CLOCK } from './contact-process.providers';
import { WaitsForEvents } from '../common/min-position';

class AsOfQuery {
  @ApiPropertyOptional({ example: '2024-08-01', description: AS_OF_DESCRIPTION })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2024-08-01', description: KNOWN_AT_DESCRIPTION })
  @IsOptional()
  @IsLocalDate()
  knownAt?: string;
}

class AvailabilityQuery {
  @ApiPropertyOptional({ example: '1996-05-01', description: 'The day asked about (default today)' })
  @IsOptional()
  @IsLocalDate()
  on?: string;
}

const PERSON_READERS = ['akasse-caseworker', 'jobcenter-caseworker', 'integration', 'auditor'] as const;

/** Views of one person folded from their stream: Min Plan with its history, and availability during a plan. */
@ApiTags('persons')
@ApiBearerAuth()
@UseInterceptors(WaitsForEvents) // X-Min-Position: read-your-write across instances
@Controller('persons/:personId')
export class PersonViewsController {
  constructor(
    private readonly access: PersonAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): LocalDate {
    return copenhagenDateOf(this.clock.now());
  }

  @Get('min-plan')
  @Allow([...PERSON_READERS], 'STAR analysts never see a person')
  @ApiOkResponse({
    description:
      'Min Plan per benefit period: each part with who entered it, when and why, every revision, and who may write each part on the day',
  })
  minPlan(@Param('personId') personId: string, @Query() query: AsOfQuery, @CurrentCaller() caller: Caller) {
    requireOpaquePersonId(personId);
    return this.access.read(caller, personId, 'history', (stream) => {
      const { asOf, knownAt } = evaluationDays(query, this.today());
      const view = personViews.minPlan(stream, { asOf, knownAt: knownAt ?? undefined });
      return view ? { personId, ...view } : undefined;
    });
  }

  @Get('recommendations')
  @Allow([...PERSON_READERS], 'STAR analysts never see a person')
  @ApiOkResponse({
    description:
      'Joint recommendations (C24-REC): each with its decision, the refusal’s notices, whether a granted offer is in Min Plan, and its obligations',
  })
  recommendations(
    @Param('personId') personId: string,
    @Query() query: AsOfQuery,
    @CurrentCaller() caller: Caller,
  ) {
    requireOpaquePersonId(personId);
    return this.access.read(caller, personId, 'history', (stream) => {
      const { asOf, knownAt } = evaluationDays(query, this.today());
      const state = personViews.state(stream, { knownAt: knownAt ?? undefined });
      return state && { personId, asOf, knownAt, recommendations: recommendationViews(state, asOf) };
    });
  }

  @Get('nuphs')
  @Allow([...PERSON_READERS], 'STAR analysts never see a person')
  @ApiOkResponse({
    description:
      'Negative reportable events (C24-NUPH): each with the person’s notice, the a-kasse’s answer and the member’s notice, and its obligations',
  })
  nuphs(@Param('personId') personId: string, @Query() query: AsOfQuery, @CurrentCaller() caller: Caller) {
    requireOpaquePersonId(personId);
    return this.access.read(caller, personId, 'history', (stream) => {
      const { asOf, knownAt } = evaluationDays(query, this.today());
      const state = personViews.state(stream, { knownAt: knownAt ?? undefined });
      return state && { personId, asOf, knownAt, nuphs: nuphViews(state, asOf) };
    });
  }

  @Get('availability')
  @Allow([...PERSON_READERS], 'STAR analysts never see a person')
  @ApiOkResponse({
    description:
      'During an action plan (1994–2002, seed 004): must the person search for work, must they accept mediated work, and why; with when any sanction for a refused mediated job takes effect',
  })
  availability(
    @Param('personId') personId: string,
    @Query() query: AvailabilityQuery,
    @CurrentCaller() caller: Caller,
  ) {
    requireOpaquePersonId(personId);
    return this.access.read(caller, personId, 'history', (stream) => {
      const state = personViews.state(stream);
      if (!state) return undefined;
      const on = (query.on ?? this.today()) as LocalDate;
      // Judged in the benefit period that contains the day asked about, not the latest one.
      const answer = availabilityOn(state, on);
      if (!answer.applies) return { personId, ...answer };
      const period = state.periods.find((p) => p.benefitPeriodId === answer.benefitPeriodId);
      const refusals = period?.actionPlans?.refusedWork ?? [];
      return {
        personId,
        ...answer,
        sanctions: refusals.map((r) => sanctionTiming(state, r.refusalId, answer.benefitPeriodId)),
      };
    });
  }
}
