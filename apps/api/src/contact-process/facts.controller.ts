import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { FACT_TYPES, RecordFactRequest, RecordFactResponse } from './fact-requests';
import { RecordFact } from './record-fact';

/** Each fact type's declared example, as a request the docs can send. */
const EXAMPLES = Object.fromEntries(
  Object.entries(FACT_TYPES).map(([factType, { example, recordedBy }]) => [
    factType,
    {
      summary: factType,
      value: { eventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00', factType, recordedBy, data: example },
    },
  ]),
);

@ApiTags('facts')
@ApiBearerAuth()
@ApiExtraModels(RecordFactRequest)
@Controller('persons/:personId/facts')
export class FactsController {
  constructor(private readonly recordFact: RecordFact) {}

  @Post()
  @HttpCode(201)
  @ApiBody({ schema: { $ref: getSchemaPath(RecordFactRequest) }, examples: EXAMPLES })
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
  record(
    @Param('personId') personId: string,
    @Body() body: RecordFactRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<RecordFactResponse> {
    return this.recordFact.execute(personId, body, caller);
  }
}
