import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { ErasureReason } from '@app/contact-process';
import type { Clock } from '@app/event-store';
import { PersonEraser, type KeyManagement } from '@app/personal-data';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { actorOf } from '../access/principal';
import { requireOpaquePersonId } from '../common/validators';
import { PERSON_KEYRING } from '../event-store.module';
import { CLOCK, DeadlinesReadSide, Recorder } from './contact-process.providers';
import { currentCorrelationId } from '../observability/correlation';

const REASONS: ErasureReason[] = ['retention-period-expired', 'data-subject-request', 'registered-in-error'];

class ErasureRequest {
  @ApiProperty({
    example: '7d1c2b9e-3f4a-4b5c-8d6e-9f0a1b2c3d4e',
    description: 'Client-supplied: repeating it repeats nothing',
  })
  @IsUUID('all', { message: 'eventId must be a UUID' })
  eventId!: string;

  @ApiProperty({ enum: REASONS, example: 'retention-period-expired' })
  @IsIn(REASONS, { message: `reason must be one of ${REASONS.join(', ')}` })
  reason!: ErasureReason;
}

class ErasureResponse {
  @ApiProperty() personId!: string;
  @ApiProperty({ description: 'The request was a repeat of one already carried out' }) duplicate!: boolean;
  @ApiProperty({ example: [{ type: 'PersonErased', eventId: '7d1c2b9e-…' }] })
  events!: Array<{ type: string; eventId: string }>;
}

/**
 * "Forget this person" (crypto-shredding): the erasure fact is recorded, with what STAR counted for the person
 * kept without them, then the person's key is destroyed. Their facts stay in the append-only store, their
 * personal fields unreadable for good; the read models purge them; the supervision figures do not change.
 */
@ApiTags('facts')
@ApiBearerAuth()
@Controller('persons/:personId/erasure')
export class ErasureController {
  private readonly eraser: PersonEraser;

  constructor(
    recorder: Recorder,
    @Inject(PERSON_KEYRING) keyring: KeyManagement,
    @Inject(CLOCK) clock: Clock,
    private readonly readSide: DeadlinesReadSide,
    private readonly access: PersonAccess,
  ) {
    this.eraser = new PersonEraser(recorder, keyring, clock);
  }

  @Post()
  @HttpCode(200)
  @Allow(['integration'], "a person is erased by their a-kasse's caseworker system")
  @ApiOkResponse({
    type: ErasureResponse,
    description: 'Erased (or, for a repeated eventId, already erased)',
  })
  @ApiForbiddenResponse({ description: "Not the caseworker system of the person's a-kasse" })
  @ApiGoneResponse({ description: 'The person was already erased (by another request)' })
  async erase(
    @Param('personId') personId: string,
    @Body() body: ErasureRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ErasureResponse> {
    requireOpaquePersonId(personId);
    await this.access.mayErase(caller, personId);
    const result = await this.eraser.erase(personId, body.reason, {
      eventId: body.eventId,
      actor: actorOf(caller),
      correlationId: currentCorrelationId(),
      causationId: null,
    });
    await this.readSide.includes(result.position);
    return { personId, duplicate: result.duplicate, events: result.events };
  }
}
