import { Injectable } from '@nestjs/common';
import {
  contactProcessStream,
  factsOf,
  foldFacts,
  type ContactProcessState,
  type LoadedPerson,
} from '@app/contact-process';
import { EventStore, LruCache, type RecordedEvent } from '@app/event-store';
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

/** What a read's access check needs of a person, and the stream revision it was folded from: none of their data. */
interface Standing {
  affiliation: Affiliation;
  erased: ContactProcessState['erased'];
  revision: bigint;
}

/** A person as the check read them: their standing and, when their whole stream was read for it, that stream. */
type Found = Omit<Standing, 'revision'> & { stream?: RecordedEvent[] };

/** Persons whose standing is kept between reads (the most recently read): a few hundred bytes each. */
const KEPT_STANDINGS = 10_000;

/** The adapter around the access policy: loads whose a person is, asks the policy, logs every read. */
@Injectable()
export class PersonAccess {
  /**
   * Each person's standing at the revision it was folded from. A check that uses it first reads the stream after
   * that revision — one round trip, no event when nothing changed — and folds the whole stream again when
   * anything was appended: a transfer, a correction, an erasure (by this instance or another) counts at once.
   */
  private readonly standings = new LruCache<string, Standing>(KEPT_STANDINGS);

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
  async person(personId: string): Promise<(Found & { stream: RecordedEvent[] }) | undefined> {
    const stream = await this.store.readStream(contactProcessStream(personId));
    if (stream.length === 0) return undefined;
    const state = foldFacts(factsOf(stream));
    const standing = {
      affiliation: affiliationOf(state),
      erased: state.erased,
      revision: stream[stream.length - 1].revision,
    };
    this.standings.set(personId, standing);
    return { ...standing, stream };
  }

  /** The person's standing as their stream stands now: the kept one when nothing was appended since. */
  private async standing(personId: string): Promise<Found | undefined> {
    const kept = this.standings.get(personId);
    if (!kept) return this.person(personId);
    // One event beyond the kept revision is enough to know the standing is stale. (Contact-process streams are
    // never deleted: an erasure appends PersonErased, then destroys the key.)
    const appended = await this.store.readStream(contactProcessStream(personId), {
      fromRevision: kept.revision + 1n,
      maxCount: 1,
    });
    // Corrections rewrite earlier facts: whatever was appended, the stream is folded whole, as every reader does.
    return appended.length === 0 ? kept : this.person(personId);
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
    return this.checked(caller, personId, data, found, () => read(found?.stream ?? []));
  }

  /**
   * As `read`, for data that does not come from the person's stream (a read model, the access log): the check
   * is made on the person's kept standing, brought up to date by a read of what their stream holds after it.
   */
  async readWithoutStream<T>(
    caller: Caller,
    personId: string,
    data: PersonData,
    read: () => Promise<T | undefined> | T | undefined,
  ): Promise<T> {
    return this.checked(caller, personId, data, await this.standing(personId), read);
  }

  private async checked<T>(
    caller: Caller,
    personId: string,
    data: PersonData,
    found: Found | undefined,
    read: () => Promise<T | undefined> | T | undefined,
  ): Promise<T> {
    const decision = await this.decideRead(caller, personId, data, found?.affiliation);
    if (!decision.allowed) throw forbidden(caller, decision.code, decision.reason);
    // Only someone who could see the person learns that they were erased; no one sees more of them. The access
    // log stays readable: it holds nothing of the person, and it is the account of who read their data before.
    if (found?.erased && data !== 'access-log') throw erasedPerson(personId, found.erased);
    const result = await read();
    if (result === undefined)
      throw notFound('person-unknown', `no facts are recorded for person ${personId}`, 'personId');
    // The data is answered only once the read is in the access log (the append is awaited): no read goes unlogged.
    await this.accessLog.recordRead(caller, [personId], decision);
    return result;
  }

  private async decideRead(caller: Caller, personId: string, data: PersonData, person?: Affiliation) {
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
    return decidePersonRead(caller, person, {
      personId,
      data,
      jobOrderId: caller.jobOrderId,
      agreementWithMembersAkasse: jobOrder.agreement,
      attachedToJobOrder: jobOrder.attached,
    });
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
