import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ContactProcessError } from '@app/contact-process';
import { KeyStoreUnavailableError, PersonErasedError, PersonKeyMissingError } from '@app/personal-data';
import {
  ConcurrentWriteError,
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '@app/event-store';
import { ApiError, apiErrorBody, defaultCode, problemsOf, type ApiErrorBody } from './api-error';

/**
 * What a 503 asks the caller to wait before trying again: about the longest pause of a projection between two
 * attempts to reach the event store (libs/projections/src/projection-runner.ts, `retryDelay`).
 */
export const RETRY_AFTER_SECONDS = 5;

/** What the API answers for an error: the status, the one body shape, and the headers that go with it. */
export interface ErrorAnswer {
  body: ApiErrorBody;
  headers?: Record<string, string>;
  /** Logged, never sent: what the caller must not read (stored data, internal addresses). */
  log?: { level: 'warn' | 'error'; text: string };
}

const retryLater = { 'Retry-After': String(RETRY_AFTER_SECONDS) };

/**
 * Every error is mapped to HTTP once, here, into one shape (ApiErrorBody): broken preconditions 422 naming the
 * rule and field, bad input 400 naming each field, concurrency conflicts 409, the event store away 503 with
 * Retry-After. Nothing else in the app knows these mappings.
 */
export function answerFor(error: unknown): ErrorAnswer {
  if (error instanceof HttpException) return httpAnswer(error);
  if (
    (error instanceof ContactProcessError && error.code === 'person-erased') ||
    error instanceof PersonErasedError
  )
    return { body: apiErrorBody(410, 'person-erased', error.message) };
  if (error instanceof PersonKeyMissingError || error instanceof KeyStoreUnavailableError)
    // The data is there and not erased; this instance cannot open it now (wrong or unreachable key store).
    return {
      body: apiErrorBody(
        503,
        error.code,
        "the person's personal data cannot be opened right now: try again later",
      ),
      headers: retryLater,
      log: { level: 'error', text: error.message },
    };
  if (error instanceof ContactProcessError)
    return {
      body: apiErrorBody(422, error.code, error.message, { ruleId: error.ruleId, field: error.field }),
    };
  if (error instanceof WrongExpectedRevisionError)
    return {
      body: apiErrorBody(
        409,
        error.code,
        `the person's record has changed: it is at revision ${String(error.actual)}, the request expected ${String(error.expected)}. Read it again and retry.`,
        { field: 'expectedRevision' },
      ),
    };
  if (error instanceof ConcurrentWriteError)
    // The client asked for no revision: the conflict is with a write that came in while this one was decided.
    return {
      body: apiErrorBody(
        409,
        error.code,
        `another write to the person's record came first (it is now at revision ${String(error.actual)}); nothing was stored. Send the request again: it is decided anew on the record as it is now.`,
      ),
    };
  if (error instanceof EventStoreUnavailableError)
    return {
      // A write cut off mid-way may or may not be stored: the eventId makes sending it again safe.
      body: apiErrorBody(
        503,
        error.code,
        'the event store does not answer. Retry after a few seconds; a fact sent again with the same eventId is recorded once, whether or not this attempt reached the store.',
      ),
      headers: retryLater,
      // Expected while the store is away: one line, no stack; the message (it names the store's address) stays here.
      log: { level: 'warn', text: `event store unavailable: ${error.message}` },
    };
  if (error instanceof StreamDeletedError)
    return { body: apiErrorBody(410, error.code, 'the person has been erased') };
  // The details go to the log, never to the caller (they may quote stored data).
  return {
    body: apiErrorBody(500, 'internal-error', 'an unexpected error occurred'),
    log: { level: 'error', text: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  };
}

/**
 * An HttpException in the one shape: an ApiError as it is; any other (Nest's own 404 for an unknown route, a
 * 400 raised with its sentences only) given the fields it lacks, keeping every field it has.
 */
function httpAnswer(error: HttpException): ErrorAnswer {
  const status = error.getStatus();
  // RFC 6750: the challenge names the scheme; the reason is in the body (never the token itself).
  const headers = status === 401 ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : undefined;
  if (error instanceof ApiError) return { body: error.body, headers };
  const raised = error.getResponse();
  const given: Record<string, unknown> = typeof raised === 'object' && raised !== null ? { ...raised } : {};
  const message = (given.message ?? (typeof raised === 'string' ? raised : error.message)) as
    string | string[];
  const body = apiErrorBody(
    status,
    typeof given.code === 'string' ? given.code : defaultCode(status),
    message,
  );
  if (status === 400 && Array.isArray(message)) {
    const problems = problemsOf(message.map(String));
    if (problems[0]) Object.assign(body, { field: problems[0].field });
    body.errors = problems;
  }
  return { body: { ...body, ...given, statusCode: status, code: body.code, message }, headers };
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{
      status(code: number): { json(body: unknown): void };
      setHeader(name: string, value: string): void;
    }>();
    const answer = answerFor(error);
    if (answer.log) this.logger[answer.log.level](answer.log.text);
    for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
    response.status(answer.body.statusCode).json(answer.body);
  }
}
