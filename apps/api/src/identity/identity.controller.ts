import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { nameBasedEventId } from '@app/contact-process';
import { EventStore } from '@app/event-store';
import type { Clock } from '@app/legal-time';
import { personIdentityStream } from '@app/personal-data';
import { AccessLog, ACCESS_CLOCK } from '../access/access-log';
import { Allow, CurrentCaller, type Caller } from '../access/caller';
import { actorOf } from '@app/auth';
import { encryptCpr, type CprKeys } from './cpr-key';
import { normalisedCpr, personIdOf } from './cpr';
import { invalidField, unavailable } from '../common/api-error';

export const CPR_KEYS = Symbol('CPR_KEYS');

class IdentifyRequest {
  @ApiProperty({ example: '010190-1234', description: 'The CPR number; it never leaves this request' })
  @IsString()
  @Length(10, 11, { message: 'cpr must be a CPR number, DDMMYY-SSSS' })
  cpr!: string;
}

class IdentifyResponse {
  @ApiProperty({ example: 'p-3q2-7wX…', description: 'The opaque person id to use in every other request' })
  personId!: string;
}

/**
 * The one place a CPR number is accepted: a caseworker system exchanges it for the opaque person id (a keyed
 * hash), and the number is kept encrypted at rest. It never appears in a URL, stream name, metadata, log or error.
 */
@ApiTags('facts')
@ApiBearerAuth()
@Controller('persons/identify')
export class IdentityController {
  constructor(
    private readonly store: EventStore,
    private readonly accessLog: AccessLog,
    @Inject(ACCESS_CLOCK) private readonly clock: Clock,
    @Inject(CPR_KEYS) private readonly keys: CprKeys | null,
  ) {}

  @Post()
  @HttpCode(200)
  @Allow(['integration'], 'persons are identified by CPR number only by caseworker systems')
  @ApiOkResponse({ type: IdentifyResponse })
  async identify(@Body() body: IdentifyRequest, @CurrentCaller() caller: Caller): Promise<IdentifyResponse> {
    if (!this.keys) throw unavailable('cpr-lookup-unconfigured', 'CPR lookup is not configured (CPR_KEY)');
    const cpr = normalisedCpr(body.cpr);
    if (!cpr) throw invalidField('cpr', 'isCpr', 'cpr must be a CPR number, DDMMYY-SSSS');
    const personId = personIdOf(this.keys.hashKey, cpr);
    await this.store.append(personIdentityStream(personId), [
      {
        type: 'PersonIdentified',
        schemaVersion: 1,
        data: { cpr: encryptCpr(this.keys, cpr) },
        metadata: {
          // The same person is stored once: a repeated lookup appends an event with the same id, which is a no-op.
          eventId: nameBasedEventId(`person-identity|${personId}`),
          occurredAt: this.clock.now().toISOString(),
          actor: actorOf(caller),
          correlationId: nameBasedEventId(`person-identity|${personId}|correlation`),
          causationId: null,
        },
      },
    ]);
    await this.accessLog.recordRead(caller, [personId], { basis: 'identified by CPR number', ruleId: null });
    return { personId };
  }
}
