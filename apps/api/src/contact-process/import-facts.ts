/**
 * Bulk import: newline-delimited fact requests for many persons (`{"personId": …, …the body of POST
 * /persons/:personId/facts}` per line), each line validated, allowed and decided exactly as the single endpoint
 * does, each person's lines kept in order and appended once per batch. Behind POST /imports and `npm run import`.
 */
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { currentCorrelationId } from '../observability/correlation';
import type { BatchEntry, LoadedPerson } from '@app/contact-process';
import { WrongExpectedRevisionError } from '@app/event-store';
import type { Caller } from '../access/caller';
import { PersonAccess } from '../access/person-access';
import { invalidField, invalidInput, problemsOf } from '../common/api-error';
import { BODY_LIMIT, MAX_JSON_DEPTH, shapeProblem, unreadableText } from '../common/body-limits';
import { answerFor } from '../common/error.filter';
import { requireOpaquePersonId } from '../common/validators';
import { ApiValidationPipe, VALIDATION_OPTIONS } from '../common/validation.pipe';
import { RecordFactRequest } from './fact-requests';
import { Recorder } from './contact-process.providers';
import type { UnreadableLine } from './import-lines';
import { actorOfRequest, commandOf, mayRecordFact, validFactData } from './record-fact';

/** A refused line: where it is and why, in the one error shape's terms. Nothing of it is stored. */
export interface RefusedLine {
  line: number;
  code: string;
  field: string | null;
  ruleId: string | null;
  message: string | string[];
}

export interface ImportReport {
  lines: number;
  recorded: number;
  duplicates: number;
  refused: RefusedLine[];
}

/**
 * How many lines are read before they are decided and appended (per person, one append each). Each append costs
 * about as much as a few dozen events (a request each way, a transaction in the node): an export that interleaves
 * many persons' histories gives each person few lines of a small batch. Two batches are held at a time.
 */
export const IMPORT_BATCH_LINES = 100_000;

/** How many persons' folded states an import keeps between batches (then it reads them again). */
const KNOWN_PERSONS = 50_000;

/** Every how many lines the import lets the store's answers in. */
const YIELD_LINES = 20;

/** How many persons' appends are in flight at once. */
const PARALLEL_PERSONS = 32;

interface PendingLine {
  line: number;
  entry: BatchEntry;
}

@Injectable()
export class ImportFacts {
  constructor(
    private readonly recorder: Recorder,
    private readonly access: PersonAccess,
  ) {}

  /**
   * Reads `lines` (each a JSON request, or what made it unreadable: see importLines), `progress` told after each batch of `batchLines`. A batch is appended while the next is
   * read and decided on its lines: each person's lines of the next batch wait for the previous batch's appends,
   * so they are decided on the person as those left them, and stored after them.
   */
  async execute(
    lines: AsyncIterable<string | UnreadableLine>,
    caller: Caller,
    progress: (report: ImportReport) => void = () => {},
    batchLines = IMPORT_BATCH_LINES,
  ): Promise<ImportReport> {
    const report: ImportReport = { lines: 0, recorded: 0, duplicates: 0, refused: [] };
    let batch = new Map<string, PendingLine[]>();
    // The persons as this import left them, so each is read from the store once, not once per batch.
    const known = new Map<string, LoadedPerson>();
    const ahead = new ReadAhead((personId) => this.recorder.load(personId));
    let appending: Promise<void> = Promise.resolve();
    let inAppend = new Map<string, PendingLine[]>();
    const appendBatch = (full: Map<string, PendingLine[]>) => {
      appending = appending.then(async () => {
        if (known.size > KNOWN_PERSONS) known.clear();
        inAppend = full;
        await this.flush(full, report, known, ahead);
        inAppend = new Map();
        progress(report);
      });
      // Awaited before the next batch or at the end; until then a failure is not an unhandled rejection.
      appending.catch(() => {});
      return appending;
    };
    let inBatch = 0;
    for await (const text of lines) {
      report.lines += 1;
      // Lines already read come as promises resolved at once: without a turn of the event loop now and then, the
      // answers to the reads ahead and to the appends would wait until the whole batch was read.
      if (report.lines % YIELD_LINES === 0) await new Promise(setImmediate);
      if (typeof text !== 'string') report.refused.push(unreadableLine(report.lines, text));
      if (typeof text !== 'string' || text.trim() === '') continue;
      const parsed = await this.parse(text, report.lines, caller);
      if ('refused' in parsed) report.refused.push(parsed.refused);
      else {
        const pending = batch.get(parsed.personId) ?? [];
        if (pending.length === 0) {
          batch.set(parsed.personId, pending);
          // Their stream is read while their later lines are: unless the import holds them, or is appending them.
          if (!known.has(parsed.personId) && !inAppend.has(parsed.personId)) ahead.want(parsed.personId);
        }
        pending.push({ line: report.lines, entry: parsed.entry });
      }
      if (++inBatch >= batchLines) {
        // At most one batch is read while one is appended: memory stays at two batches.
        await appending;
        void appendBatch(batch);
        batch = new Map();
        inBatch = 0;
      }
    }
    await appendBatch(batch);
    report.refused.sort((a, b) => a.line - b.line);
    return report;
  }

  /** One line as the single endpoint reads its path and body: refused with the error it would answer. */
  private async parse(
    text: string,
    line: number,
    caller: Caller,
  ): Promise<{ personId: string; entry: BatchEntry } | { refused: RefusedLine }> {
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw invalidField('line', 'isJson', `line ${line} is not JSON`);
      }
      const { personId, ...body } = (raw ?? {}) as Record<string, unknown>;
      if (typeof personId !== 'string')
        throw invalidField('personId', 'isString', 'personId must be a string');
      requireOpaquePersonId(personId);
      requireReadableShape(body);
      const request = await validRequest(body);
      const data = validFactData(request);
      const actor = actorOfRequest(request, caller);
      const entry: BatchEntry = {
        command: commandOf(request, data),
        meta: {
          eventId: request.eventId,
          actor,
          correlationId: request.correlationId ?? currentCorrelationId(),
          causationId: null,
        },
        allow: allowed(this.access, caller, personId, request, data),
      };
      return { personId, entry };
    } catch (error) {
      return { refused: refusedLine(line, error) };
    }
  }

  private async flush(
    batch: Map<string, PendingLine[]>,
    report: ImportReport,
    known: Map<string, LoadedPerson>,
    ahead: ReadAhead,
  ): Promise<void> {
    const persons = [...batch.entries()];
    let next = 0;
    const worker = async () => {
      while (next < persons.length) {
        const [personId, pending] = persons[next++];
        const read = ahead.take(personId);
        await this.recordPerson(personId, pending, report, known.get(personId) ?? (await read), known);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PERSONS, persons.length) }, worker));
  }

  /**
   * One append for the person's lines of this batch, decided on `cached`, the person as the import's previous
   * batch left them or as read while the batch was (a stream written meanwhile by someone else makes the append's
   * expected revision fail: then once more, from the stream as it is).
   */
  private async recordPerson(
    personId: string,
    pending: PendingLine[],
    report: ImportReport,
    cached: LoadedPerson | undefined,
    known: Map<string, LoadedPerson>,
  ): Promise<void> {
    const entries = pending.map((p) => p.entry);
    known.delete(personId); // extended in place by the batch: kept again only once its append succeeded
    try {
      const { outcomes, person } = await this.recorder
        .recordBatch(personId, entries, cached)
        .catch((error: unknown) => {
          if (cached && error instanceof WrongExpectedRevisionError)
            return this.recorder.recordBatch(personId, entries);
          throw error;
        });
      known.set(personId, person);
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'recorded') report.recorded += 1;
        else if (outcome.status === 'duplicate') report.duplicates += 1;
        else report.refused.push(refusedLine(pending[index].line, outcome.error));
      });
    } catch (error) {
      // The append itself failed (a concurrent write, the store away): none of the person's batch is stored.
      for (const p of pending) report.refused.push(refusedLine(p.line, error));
    }
  }
}

/**
 * Persons' streams read ahead, PARALLEL_PERSONS at a time, while the batch that names them is still being read:
 * the reads (the node's work, in its own process) overlap the parsing instead of following it. What is read is
 * only a starting point: the append expects its revision, so a stream written meanwhile is read again.
 */
class ReadAhead {
  /** Persons wanted and not yet taken: their read, or null while it waits for a free place. */
  private readonly reads = new Map<string, Promise<LoadedPerson | undefined> | null>();
  private queue: string[] = [];
  /** The queue's next person (an index, not shift(): a batch may want a hundred thousand). */
  private next = 0;
  private running = 0;

  constructor(private readonly load: (personId: string) => Promise<LoadedPerson>) {}

  want(personId: string): void {
    if (this.reads.has(personId)) return;
    this.reads.set(personId, null);
    this.queue.push(personId);
    this.pump();
  }

  /** The person's read, if it started (a failed one is undefined: the batch then reads and answers for itself). */
  take(personId: string): Promise<LoadedPerson | undefined> | undefined {
    const read = this.reads.get(personId) ?? undefined;
    this.reads.delete(personId);
    return read;
  }

  private pump(): void {
    while (this.running < PARALLEL_PERSONS && this.next < this.queue.length) {
      const personId = this.queue[this.next++];
      if (this.next === this.queue.length) [this.queue, this.next] = [[], 0];
      if (this.reads.get(personId) !== null) continue; // taken before its read began
      this.running += 1;
      const read = this.load(personId).then(
        (person) => person,
        () => undefined,
      );
      this.reads.set(personId, read);
      void read.finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }
}

/**
 * The access check of a line, holding only what it reads: a batch keeps its lines' checks until it is appended,
 * and the validated request (with its own copy of the data) need not stay with them.
 */
function allowed(
  access: PersonAccess,
  caller: Caller,
  personId: string,
  { factType, recordedBy }: RecordFactRequest,
  data: Record<string, unknown>,
): BatchEntry['allow'] {
  const fact = { factType, recordedBy };
  return (person) => mayRecordFact(access, caller, personId, fact, data, person);
}

/** The single endpoint's pipe: a line's envelope is checked (and answered) as that endpoint's body is. */
const PIPE = new ApiValidationPipe(VALIDATION_OPTIONS);
/** class-validator's options as the pipe passes them (Nest leaves out unknown values' refusal unless told). */
const { transform: _transform, ...VALIDATOR_OPTIONS } = { forbidUnknownValues: false, ...VALIDATION_OPTIONS };

/**
 * What the single endpoint's middleware refuses before its pipe sees a body (nesting deeper than MAX_JSON_DEPTH,
 * prototype keys, text no request may hold), answered as it answers.
 */
function requireReadableShape(body: Record<string, unknown>): void {
  const problem = shapeProblem(body, MAX_JSON_DEPTH) ?? unreadableText(body);
  if (problem) throw invalidInput(problemsOf([problem]), [problem]);
}

/**
 * The envelope as the pipe gives it. A line is JSON without prototype keys (requireReadableShape), so what the
 * pipe does before validating — closing array gaps, standing in for primitives and binary values, deleting
 * `__proto__`, `prototype` and `constructor` keys — changes nothing: the request is the pipe's class instance
 * validated with the pipe's (all synchronous) rules, at half the pipe's cost. A line that fails goes through the
 * pipe, whose answer counts.
 */
async function validRequest(body: Record<string, unknown>): Promise<RecordFactRequest> {
  const request = plainToInstance(RecordFactRequest, body);
  if (validateSync(request, VALIDATOR_OPTIONS).length === 0) return request;
  return PIPE.transform(body, { type: 'body', metatype: RecordFactRequest }) as Promise<RecordFactRequest>;
}

/**
 * A line refused before it was read, for what the single endpoint refuses a body for before parsing it: its
 * code (413 payload-too-large, 400 invalid-utf8), the line as the field and the rule in the message.
 */
function unreadableLine(line: number, { unreadable }: UnreadableLine): RefusedLine {
  return unreadable === 'too-long'
    ? {
        line,
        code: 'payload-too-large',
        field: 'line',
        ruleId: null,
        message: `line ${line} must be at most ${BODY_LIMIT} (the body limit of POST /persons/{personId}/facts)`,
      }
    : { line, code: 'invalid-utf8', field: 'line', ruleId: null, message: `line ${line} is not valid UTF-8` };
}

function refusedLine(line: number, error: unknown): RefusedLine {
  const { body } = answerFor(error);
  return {
    line,
    code: body.code,
    field: body.field ?? null,
    ruleId: body.ruleId ?? null,
    message: body.message,
  };
}
