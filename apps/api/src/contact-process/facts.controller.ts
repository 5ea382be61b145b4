import { BadRequestException, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiBadRequestResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { RecordCommand } from '@app/contact-process';
import { assertOpaquePersonId } from '../common/validators';
import { FACT_TYPES, RecordFactRequest, RecordFactResponse, validateFactData } from './fact-requests';
import { DeadlinesReadSide, Recorder } from './contact-process.providers';

/** How long a write waits for the deadlines read model to include it, so the caller reads its own write. */
const READ_YOUR_WRITE_MS = 2000;

@ApiTags('facts')
@ApiExtraModels(RecordFactRequest)
@Controller('persons/:personId/facts')
export class FactsController {
  constructor(
    private readonly recorder: Recorder,
    private readonly readSide: DeadlinesReadSide,
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
            recordedBy: ['OfferGranted', 'NuphSent'].includes(factType) ? 'jobcenter' : 'akasse',
            actor: { organisation: 'akasse-3f', role: 'integration', user: 'caseworker-system-1' },
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
  async record(
    @Param('personId') personId: string,
    @Body() body: RecordFactRequest,
  ): Promise<RecordFactResponse> {
    const badId = assertOpaquePersonId(personId);
    if (badId) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [badId] });
    const validated = validateFactData(body.factType, body.data);
    if ('errors' in validated)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: validated.errors });
    const command = {
      type: FACT_TYPES[body.factType].command,
      recordedBy: body.recordedBy,
      data: validated.data,
    } as RecordCommand;
    const result = await this.recorder.record(personId, command, {
      eventId: body.eventId,
      actor: { ...body.actor },
      correlationId: body.correlationId ?? randomUUID(),
      causationId: null,
      expectedRevision:
        body.expectedRevision === undefined
          ? undefined
          : body.expectedRevision === 'no_stream'
            ? 'no_stream'
            : BigInt(body.expectedRevision),
    });
    if (result.position) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.readSide.runner.waitFor(result.position),
        new Promise((r) => (timer = setTimeout(r, READ_YOUR_WRITE_MS))),
      ]);
      clearTimeout(timer);
    }
    return {
      events: result.events,
      duplicate: result.duplicate,
      revision: result.nextExpectedRevision === null ? null : result.nextExpectedRevision.toString(),
    };
  }
}
