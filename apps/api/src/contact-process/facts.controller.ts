import { Body, Controller, HttpCode, Param, Post, BadRequestException } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiBadRequestResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
  ApiExtraModels,
  ApiBearerAuth,
  ApiForbiddenResponse,
} from '@nestjs/swagger';
import type { RecordCommand } from '@app/contact-process';
import { Allow, CurrentCaller, forbidden, type Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { actorOf } from '../access/principal';
import { requireOpaquePersonId } from '../common/validators';
import { FACT_TYPES, RecordFactRequest, RecordFactResponse, validateFactData } from './fact-requests';
import { DeadlinesReadSide, Recorder } from './contact-process.providers';
import { currentCorrelationId } from '../observability/correlation';

@ApiTags('facts')
@ApiBearerAuth()
@ApiExtraModels(RecordFactRequest)
@Controller('persons/:personId/facts')
export class FactsController {
  constructor(
    private readonly recorder: Recorder,
    private readonly readSide: DeadlinesReadSide,
    private readonly access: PersonAccess,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiBody({
    schema: { $ref: getSchemaPath(RecordFactRequest) },
    examples: Object.fromEntries(
      Object.entries(FACT_TYPES).map(([factType, { example }]) => [
        factType,
        {
          summary: factType,
          value: {
            eventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00',
            factType,
            recordedBy: FACT_TYPES[factType].recordedBy ?? 'akasse',
            data: example,
          },
        },
      ]),
    ),
  })
  @ApiCreatedResponse({
    type: RecordFactResponse,
    description: 'Recorded (or, for a repeated eventId, already recorded)',
  })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed; each bad field is named' })
  @ApiUnprocessableEntityResponse({
    description: 'The fact breaks a rule’s precondition; the rule id and field are named, nothing is stored',
  })
  @ApiConflictResponse({ description: 'expectedRevision does not match the person’s record' })
  @ApiForbiddenResponse({
    description:
      'Not a caseworker system (role integration), recordedBy not its organisation’s kind, the person not its organisation’s, or an actor other than the token’s',
  })
  @Allow(['integration'], 'facts are recorded by caseworker systems (role integration)')
  async record(
    @Param('personId') personId: string,
    @Body() body: RecordFactRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<RecordFactResponse> {
    requireOpaquePersonId(personId);
    const validated = validateFactData(body.factType, body.data);
    if ('errors' in validated)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: validated.errors });
    // The actor is the token's: a body that names one must name exactly that one.
    const actor = actorOf(caller);
    if (
      body.actor &&
      (body.actor.organisation !== actor.organisation ||
        body.actor.role !== actor.role ||
        body.actor.user !== actor.user)
    )
      throw forbidden(
        caller,
        'actor-mismatch',
        'actor must be left out or equal the token’s (org, role, sub): facts are recorded as the caller',
      );
    const effective =
      body.factType === 'FactCorrected'
        ? { factType: String(validated.data.factType), data: validated.data.data as Record<string, unknown> }
        : { factType: body.factType, data: validated.data };
    // One read of the person's stream serves the access check and the decision (taken on the same revision).
    const loaded = await this.recorder.load(personId);
    await this.access.mayRecord(
      caller,
      {
        personId,
        recordedBy: body.recordedBy,
        factType: effective.factType,
        akasseId: typeof effective.data.akasseId === 'string' ? effective.data.akasseId : undefined,
        jobcenterId: typeof effective.data.jobcenterId === 'string' ? effective.data.jobcenterId : undefined,
      },
      loaded,
    );
    const command = {
      type: FACT_TYPES[body.factType].command,
      recordedBy: body.recordedBy,
      data: validated.data,
    } as RecordCommand;
    const result = await this.recorder.record(
      personId,
      command,
      {
        eventId: body.eventId,
        actor,
        correlationId: body.correlationId ?? currentCorrelationId(),
        causationId: null,
        expectedRevision:
          body.expectedRevision === undefined
            ? undefined
            : body.expectedRevision === 'no_stream'
              ? 'no_stream'
              : BigInt(body.expectedRevision),
      },
      loaded,
    );
    await this.readSide.includes(result.position);
    return {
      events: result.events,
      duplicate: result.duplicate,
      revision: result.nextExpectedRevision === null ? null : result.nextExpectedRevision.toString(),
      position: result.position ? result.position.commit.toString() : null,
    };
  }
}
