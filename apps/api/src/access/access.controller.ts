import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Length, Matches } from 'class-validator';
import { IsLocalDate, NoQuery, requireOpaquePersonId } from '../common/validators';
import { AccessLog } from './access-log';
import { decideAgreementRecording } from './access.policy';
import { JOB_ORDER_ID } from './auth.guard';
import { Allow, CurrentCaller, forbidden, type Caller } from './caller';
import { JobOrderAgreements } from './job-order-agreements';
import { PersonAccess } from './person-access';
import { actorOf, ORGANISATION_ID } from '@app/auth';
import { invalidField } from '../common/api-error';

class RecordAgreementRequest {
  @ApiProperty({
    example: 'akasse-krifa',
    description: 'The a-kasse that may see our members’ CV for its job orders',
  })
  @Matches(ORGANISATION_ID)
  partnerAkasseId!: string;

  @ApiProperty({ example: 'agreement 2024/17', description: 'Where the written agreement is filed' })
  @Length(1, 200)
  @Matches(/^\P{Cc}*$/u, { message: 'reference must be printable text' })
  reference!: string;

  @ApiProperty({ example: '2024-03-01' })
  @IsLocalDate()
  enteredOn!: string;
}

class AttachMemberRequest {
  @ApiProperty({ example: 'p-0001', description: 'Our member, attached to the partner’s job order' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'personId must be an opaque person id' })
  personId!: string;

  @ApiProperty({ example: '2024-04-02' })
  @IsLocalDate()
  attachedOn!: string;
}

@ApiTags('access')
@ApiBearerAuth()
@Controller()
export class AccessController {
  constructor(
    private readonly access: PersonAccess,
    private readonly accessLog: AccessLog,
    private readonly agreements: JobOrderAgreements,
  ) {}

  @Get('persons/:personId/access-log')
  @Allow(
    ['akasse-caseworker', 'auditor'],
    'the access log is shown to the person’s own a-kasse and to auditors',
  )
  @ApiOkResponse({
    description: 'Every read of the person’s data: when, who (organisation, role, user), why, what',
  })
  @ApiForbiddenResponse({
    description: 'Not the person’s own a-kasse, nor an auditor whose scope covers them',
  })
  async accessLogOf(
    @Param('personId') personId: string,
    @CurrentCaller() caller: Caller,
    @NoQuery() _q: unknown,
  ) {
    requireOpaquePersonId(personId);
    const entries = await this.access.readWithoutStream(caller, personId, 'access-log', async () =>
      this.accessLog.list(personId),
    );
    return { personId, entries };
  }

  @Get('job-order-agreements')
  @Allow(['akasse-caseworker', 'integration'], 'job-order agreements are the a-kasse’s own')
  @ApiOkResponse({
    description: 'The job-order agreements in force under which partners may see our members’ CV',
  })
  async list(@CurrentCaller() caller: Caller, @NoQuery() _q: unknown) {
    this.mayRecordAgreements(caller);
    const inForce = await this.agreements.inForce(caller.organisation);
    return { akasseId: caller.organisation, agreements: [...inForce.values()] };
  }

  @Post('job-order-agreements')
  @HttpCode(201)
  @Allow(
    ['akasse-caseworker', 'integration'],
    'job-order agreements are recorded by the a-kasse whose members they disclose',
  )
  async enter(@Body() body: RecordAgreementRequest, @CurrentCaller() caller: Caller) {
    this.mayRecordAgreements(caller);
    if (body.partnerAkasseId === caller.organisation)
      throw forbidden(caller, 'not-own-organisation', 'partnerAkasseId must be another a-kasse');
    await this.agreements.record(
      caller.organisation,
      { type: 'JobOrderAgreementEntered', data: { ...body } },
      actorOf(caller),
    );
    return { akasseId: caller.organisation, ...body };
  }

  @Delete('job-order-agreements/:partnerAkasseId')
  @HttpCode(204)
  @Allow(
    ['akasse-caseworker', 'integration'],
    'job-order agreements are ended by the a-kasse that entered them',
  )
  async end(
    @Param('partnerAkasseId') partnerAkasseId: string,
    @CurrentCaller() caller: Caller,
    @NoQuery() _q: unknown,
  ) {
    this.mayRecordAgreements(caller);
    await this.requireAgreementInForce(caller, partnerAkasseId);
    await this.agreements.end(caller.organisation, partnerAkasseId, actorOf(caller));
  }

  /**
   * C24-JOBORDER: under an agreement, the member's own a-kasse attaches concrete members to a partner's job
   * order ("tilknytter … til jobordren", 002 §12); the partner then sees those members' CV for that job order.
   */
  @Post('job-order-agreements/:partnerAkasseId/job-orders/:jobOrderId/members')
  @HttpCode(201)
  @Allow(
    ['akasse-caseworker', 'integration'],
    'members are attached to a partner’s job order by their own a-kasse',
  )
  @ApiForbiddenResponse({ description: 'No agreement in force with the partner, or not our member' })
  async attach(
    @Param('partnerAkasseId') partnerAkasseId: string,
    @Param('jobOrderId') jobOrderId: string,
    @Body() body: AttachMemberRequest,
    @CurrentCaller() caller: Caller,
  ) {
    this.mayRecordAgreements(caller);
    if (!JOB_ORDER_ID.test(jobOrderId))
      throw invalidField(
        'jobOrderId',
        'isOpaqueId',
        'jobOrderId must be 1–64 letters, digits, ".", "_", ":" or "-"',
      );
    requireOpaquePersonId(body.personId);
    await this.requireAgreementInForce(caller, partnerAkasseId);
    const member = await this.access.affiliation(body.personId);
    if (member?.akasseId !== caller.organisation)
      throw forbidden(
        caller,
        'not-own-person',
        `${body.personId} is not a member of ${caller.organisation}: an a-kasse attaches its own members`,
      );
    const attachment = { partnerAkasseId, jobOrderId, personId: body.personId, attachedOn: body.attachedOn };
    await this.agreements.attach(caller.organisation, attachment, actorOf(caller));
    return { akasseId: caller.organisation, ...attachment };
  }

  private mayRecordAgreements(caller: Caller): void {
    const decision = decideAgreementRecording(caller);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
  }

  /** 403 unless the caller's a-kasse has a job-order agreement in force with the partner. */
  private async requireAgreementInForce(caller: Caller, partnerAkasseId: string): Promise<void> {
    const inForce = await this.agreements.inForce(caller.organisation);
    if (!inForce.has(partnerAkasseId))
      throw forbidden(
        caller,
        'not-own-organisation',
        `${caller.organisation} has no job-order agreement in force with that a-kasse`,
      );
  }
}
