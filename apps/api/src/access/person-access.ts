import { Injectable } from '@nestjs/common';
import {
  contactProcessStream,
  factsOf,
  foldFacts,
  type ContactProcessState,
  type LoadedPerson,
} from '@app/contact-process';
import { EventStore, type RecordedEvent } from '@app/event-store';
import { AccessLog } from './access-log';
import {
  decideErasure,
  decideFactRecording,
  decidePersonRead,
  affiliationOf,
  type Affiliation,
  type FactRecording,
  type PersonData,
} from './access.policy';
import { forbidden, type Caller } from './caller';
import { JobOrderAgreements } from './job-order-agreements';
import { ApiError, gone, notFound } from '../common/api-error';

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
    return (await this.person(personId))?.affiliation;
  }

  /** Whose the person is and, once erased, when and why — with the stream it was read from. */
  async person(personId: string): Promise<
    | {
        affiliation: Affiliation;
        erased: ContactProcessState['erased'];
        stream: RecordedEvent[];
      }
    | undefined
  > {
    const stream = await this.store.readStream(contactProcessStream(personId));
    if (stream.length === 0) return undefined;
    const state = foldFacts(factsOf(stream));
    return { affiliation: affiliationOf(state), erased: state.erased, stream };
  }

  /**
   * Reads a person's data if the caller may: 403 naming the reason when not, 404 when there is nothing (only
   * for callers who could see the person), and every returned read appended to the person's access log first.
   * `read` gets the person's contact-process stream as the check read it, so it need not read it again.
   */
  async read<T>(
    caller: Caller,
    personId: string,
    data: PersonData,
    read: (stream: RecordedEvent[]) => Promise<T | undefined> | T | undefined,
  ): Promise<T> {
    const found = await this.person(personId);
    const person = found?.affiliation;
    const wantsAgreement =
      caller.role === 'akasse-caseworker' &&
      caller.jobOrderId !== null &&
      !!person?.akasseId &&
      person.akasseId !== caller.organisation;
    const jobOrder = wantsAgreement
      ? await this.agreements.forJobOrder(
          person!.akasseId!,
          caller.organisation,
          caller.jobOrderId!,
          personId,
        )
      : { agreement: false, attached: false };
    const decision = decidePersonRead(caller, person, {
      personId,
      data,
      jobOrderId: caller.jobOrderId,
      agreementWithMembersAkasse: jobOrder.agreement,
      attachedToJobOrder: jobOrder.attached,
    });
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
    // Only someone who could see the person learns that they were erased; no one sees more of them. The access
    // log stays readable: it holds nothing of the person, and it is the account of who read their data before.
    if (found?.erased && data !== 'access-log') throw erasedPerson(personId, found.erased);
    const result = await read(found?.stream ?? []);
    if (result === undefined)
      throw notFound('person-unknown', `no facts are recorded for person ${personId}`, 'personId');
    await this.accessLog.recordRead(caller, [personId], decision);
    return result;
  }

  async mayErase(caller: Caller, personId: string): Promise<void> {
    const decision = decideErasure(caller, await this.affiliation(personId), personId);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
  }

  /** `loaded`: the person's stream as the caller read it already (left out: read here). */
  async mayRecord(caller: Caller, fact: FactRecording, loaded?: LoadedPerson): Promise<void> {
    const person = loaded
      ? loaded.revision === null
        ? undefined
        : affiliationOf(loaded.state)
      : await this.affiliation(fact.personId);
    const decision = decideFactRecording(caller, person, fact);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
  }
}

/** 410 for a person who was erased: when and why, nothing else. */
export function erasedPerson(personId: string, erased: NonNullable<ContactProcessState['erased']>): ApiError {
  return gone(
    'person-erased',
    `person ${personId} was erased on ${erased.erasedOn} (${erased.reason}): their data can no longer be read`,
    { erasedOn: erased.erasedOn, reason: erased.reason },
  );
}
