import { Injectable, NotFoundException } from '@nestjs/common';
import { contactProcessStream, factsOf, foldFacts } from '@app/contact-process';
import { EventStore } from '@app/event-store';
import { AccessLog } from './access-log';
import {
  decideFactRecording,
  decidePersonRead,
  affiliationOf,
  type Affiliation,
  type FactRecording,
  type PersonData,
} from './access.policy';
import { forbidden, type Caller } from './caller';
import { JobOrderAgreements } from './job-order-agreements';

/** The adapter around the access policy: loads whose a person is, asks the policy, logs every read. */
@Injectable()
export class PersonAccess {
  constructor(
    private readonly store: EventStore,
    private readonly agreements: JobOrderAgreements,
    private readonly accessLog: AccessLog,
  ) {}

  /** Whose the person is, from their stream (not a read model: a refusal must never lag a placement). */
  async affiliation(personId: string): Promise<Affiliation | undefined> {
    const events = await this.store.readStream(contactProcessStream(personId));
    return events.length === 0 ? undefined : affiliationOf(foldFacts(factsOf(events)));
  }

  /**
   * Reads a person's data if the caller may: 403 naming the reason when not, 404 when there is nothing (only
   * for callers who could see the person), and every returned read appended to the person's access log first.
   */
  async read<T>(
    caller: Caller,
    personId: string,
    data: PersonData,
    read: () => Promise<T | undefined>,
  ): Promise<T> {
    const person = await this.affiliation(personId);
    const wantsAgreement =
      caller.role === 'akasse-caseworker' &&
      caller.jobOrderId !== null &&
      !!person?.akasseId &&
      person.akasseId !== caller.organisation;
    const decision = decidePersonRead(caller, person, {
      personId,
      data,
      jobOrderId: caller.jobOrderId,
      agreementWithMembersAkasse: wantsAgreement
        ? await this.agreements.has(person!.akasseId!, caller.organisation)
        : false,
    });
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
    const result = await read();
    if (result === undefined) throw new NotFoundException(`no facts are recorded for person ${personId}`);
    await this.accessLog.recordRead(caller, [personId], decision);
    return result;
  }

  async mayRecord(caller: Caller, fact: FactRecording): Promise<void> {
    const decision = decideFactRecording(caller, await this.affiliation(fact.personId), fact);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
  }
}
