import {
  ArgumentsHost,
  Catch,
  HttpException,
  Logger,
  UnauthorizedException,
  type ExceptionFilter,
} from '@nestjs/common';
import { ContactProcessError } from '@app/contact-process';
import { KeyStoreUnavailableError, PersonErasedError, PersonKeyMissingError } from '@app/personal-data';
import {
  ConcurrentWriteError,
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '@app/event-store';

/**
 * What a 503 asks the caller to wait before trying again: about the longest pause of a projection between two
 * attempts to reach the event store (libs/projections/src/projection-runner.ts, `retryDelay`).
 */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Domain errors are mapped to HTTP once, here: broken preconditions 422 naming the rule and field,
 * concurrency conflicts 409, the event store away 503 with Retry-After. Nothing else in the app knows these mappings.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{
      status(code: number): { json(body: unknown): void };
      setHeader(name: string, value: string): void;
    }>();
    if (error instanceof UnauthorizedException) {
      // RFC 6750: the challenge names the scheme; the reason is in the body (never the token itself).
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    }
    if (error instanceof HttpException) {
      response.status(error.getStatus()).json(error.getResponse());
      return;
    }
    if (
      (error instanceof ContactProcessError && error.code === 'person-erased') ||
      error instanceof PersonErasedError
    ) {
      response.status(410).json({
        statusCode: 410,
        error: 'Gone',
        code: 'person-erased',
        message: error.message,
      });
      return;
    }
    if (error instanceof PersonKeyMissingError || error instanceof KeyStoreUnavailableError) {
      // The data is there and not erased; this instance cannot open it now (wrong or unreachable key store).
      this.logger.error(error.message);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(503).json({
        statusCode: 503,
        error: 'Service Unavailable',
        code: error.code,
        message: "the person's personal data cannot be opened right now: try again later",
      });
      return;
    }
    if (error instanceof ContactProcessError) {
      response.status(422).json({
        statusCode: 422,
        error: 'Unprocessable Entity',
        code: error.code,
        ruleId: error.ruleId,
        field: error.field,
        message: error.message,
      });
      return;
    }
    if (error instanceof WrongExpectedRevisionError) {
      response.status(409).json({
        statusCode: 409,
        error: 'Conflict',
        code: error.code,
        field: 'expectedRevision',
        message: `the person's record has changed: it is at revision ${String(error.actual)}, the request expected ${String(error.expected)}. Read it again and retry.`,
      });
      return;
    }
    if (error instanceof ConcurrentWriteError) {
      // The client asked for no revision: the conflict is with a write that came in while this one was decided.
      response.status(409).json({
        statusCode: 409,
        error: 'Conflict',
        code: error.code,
        message: `another write to the person's record came first (it is now at revision ${String(error.actual)}); nothing was stored. Send the request again: it is decided anew on the record as it is now.`,
      });
      return;
    }
    if (error instanceof EventStoreUnavailableError) {
      // Expected while the store is away: one line, no stack; the message (it names the store's address) stays here.
      this.logger.warn(`event store unavailable: ${error.message}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.status(503).json({
        statusCode: 503,
        error: 'Service Unavailable',
        code: error.code,
        // A write cut off mid-way may or may not be stored: the eventId makes sending it again safe.
        message:
          'the event store does not answer. Retry after a few seconds; a fact sent again with the same eventId is recorded once, whether or not this attempt reached the store.',
      });
      return;
    }
    if (error instanceof StreamDeletedError) {
      response
        .status(410)
        .json({ statusCode: 410, error: 'Gone', code: error.code, message: 'the person has been erased' });
      return;
    }
    // The details go to the log, never to the caller (they may quote stored data).
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'an unexpected error occurred' });
  }
}
