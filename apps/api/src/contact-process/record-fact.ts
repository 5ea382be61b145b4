/**
 * Recording one fact about a person, from a caseworker system's request to the stored events the read side
 * includes: the one use case behind POST /persons/:personId/facts. Each step is a function of its own; the rules
 * are the domain's (the decider behind `Recorder`), access is PersonAccess's, this file only puts them in order.
 */
import { Injectable } from '@nestjs/common';
import type { LoadedPerson, RecordCommand, RecordMetadata, RecordResult } from '@app/contact-process';
import type { Actor } from '@app/event-store';
import { forbidden, type Caller } from '../access/caller';
import type { FactRecording } from '../access/access.policy';
import { PersonAccess } from '../access/person-access';
import { actorOf } from '@app/auth';
import { invalidInput, problemsOf } from '../common/api-error';
import { requireOpaquePersonId } from '../common/validators';
import {
  FACT_TYPES,
  validateFactData,
  type RecordFactRequest,
  type RecordFactResponse,
} from './fact-requests';
import { DeadlinesReadSide, Recorder } from './contact-process.providers';
import { currentCorrelationId } from '../observability/correlation';

/** The fact as access sees it: a correction is judged as the fact it corrects. */
interface EffectiveFact {
  factType: string;
  data: Record<string, unknown>;
}

@Injectable()
export class RecordFact {
  constructor(
    private readonly recorder: Recorder,
    private readonly readSide: DeadlinesReadSide,
    private readonly access: PersonAccess,
  ) {}

  async execute(personId: string, body: RecordFactRequest, caller: Caller): Promise<RecordFactResponse> {
    requireOpaquePersonId(personId);
    const data = validFactData(body);
    const actor = actorOfRequest(body, caller);
    // The access check and the decision are taken on the same revision of the person, which the append expects
    // (the recorder's kept copy of the person when it is still current, else a fresh read).
    const result = await this.recorder.recordChecked(
      personId,
      commandOf(body, data),
      metadataOf(body, actor),
      (loaded) => mayRecordFact(this.access, caller, personId, body, data, loaded),
    );
    await this.readSide.includes(result.position);
    return responseOf(result);
  }
}

/** Access to record the fact about the person as `loaded` (403 naming why not); a correction as what it corrects. */
export function mayRecordFact(
  access: PersonAccess,
  caller: Caller,
  personId: string,
  body: Pick<RecordFactRequest, 'factType' | 'recordedBy'>,
  data: Record<string, unknown>,
  loaded: LoadedPerson,
): Promise<void> {
  return access.mayRecord(
    caller,
    recording(personId, body.recordedBy, effectiveFact(body.factType, data)),
    loaded,
  );
}

/** The fact's data as its declaration validates it (shape, then the CPR scan), or 400 naming each bad field. */
export function validFactData(body: Pick<RecordFactRequest, 'factType' | 'data'>): Record<string, unknown> {
  const validated = validateFactData(body.factType, body.data);
  if ('errors' in validated) throw invalidInput(problemsOf(validated.errors), validated.errors);
  return validated.data;
}

/** The actor is the token's: a body that names one must name exactly that one, else 403. */
export function actorOfRequest(body: Pick<RecordFactRequest, 'actor'>, caller: Caller): Actor {
  const actor = actorOf(caller);
  const named = body.actor;
  if (
    named &&
    (named.organisation !== actor.organisation || named.role !== actor.role || named.user !== actor.user)
  )
    throw forbidden(
      caller,
      'actor-mismatch',
      'actor must be left out or equal the token’s (org, role, sub): facts are recorded as the caller',
    );
  return actor;
}

/** A correction is recorded as FactCorrected, but who may record it depends on the fact it corrects. */
export function effectiveFact(factType: string, data: Record<string, unknown>): EffectiveFact {
  return factType === 'FactCorrected'
    ? { factType: String(data.factType), data: data.data as Record<string, unknown> }
    : { factType, data };
}

function recording(
  personId: string,
  recordedBy: RecordFactRequest['recordedBy'],
  fact: EffectiveFact,
): FactRecording {
  const idOf = (key: string) => (typeof fact.data[key] === 'string' ? (fact.data[key] as string) : undefined);
  return {
    personId,
    recordedBy,
    factType: fact.factType,
    akasseId: idOf('akasseId'),
    jobcenterId: idOf('jobcenterId'),
  };
}

/** The command the fact becomes, by its declaration. */
export function commandOf(
  body: Pick<RecordFactRequest, 'factType' | 'recordedBy'>,
  data: Record<string, unknown>,
): RecordCommand {
  return { type: FACT_TYPES[body.factType].command, recordedBy: body.recordedBy, data } as RecordCommand;
}

/** "4" → 4n, "no_stream" as it is; absent: no concurrency check. The request's pattern has been checked. */
export function parseExpectedRevision(revision: string | undefined): RecordMetadata['expectedRevision'] {
  if (revision === undefined) return undefined;
  return revision === 'no_stream' ? 'no_stream' : BigInt(revision);
}

function metadataOf(body: RecordFactRequest, actor: Actor): RecordMetadata {
  return {
    eventId: body.eventId,
    actor,
    correlationId: body.correlationId ?? currentCorrelationId(),
    causationId: null,
    expectedRevision: parseExpectedRevision(body.expectedRevision),
  };
}

function responseOf(result: RecordResult): RecordFactResponse {
  return {
    events: result.events,
    duplicate: result.duplicate,
    revision: result.nextExpectedRevision === null ? null : result.nextExpectedRevision.toString(),
    position: result.position ? result.position.commit.toString() : null,
  };
}
