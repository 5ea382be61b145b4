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
import { ContactProcessError, type ErasureReason } from '@app/contact-process';
import type { Clock } from '@app/legal-time';
import { PersonEraser, type KeyManagement } from '@app/personal-data';
import { erasedSupervisedCases } from '@app/supervision';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { actorOf } from '@app/auth';
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
    private readonly recorder: Recorder,
    @Inject(PERSON_KEYRING) keyring: KeyManagement,
    @Inject(CLOCK) clock: Clock,
    private readonly readSide: DeadlinesReadSide,
    private readonly access: PersonAccess,
  ) {
    this.eraser = new PersonEraser(keyring, clock);
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
    const meta = {
      eventId: body.eventId,
      actor: actorOf(caller),
      correlationId: currentCorrelationId(),
      causationId: null,
    };
    const result = await this.eraser.erase(personId, {
      record: () => this.recorder.erase(personId, body.reason, erasedSupervisedCases, meta),
      erasedBefore: (error) => error instanceof ContactProcessError && error.code === 'person-erased',
    });
    await this.readSide.includes(result.position);
    return { personId, duplicate: result.duplicate, events: result.events };
  }
}
