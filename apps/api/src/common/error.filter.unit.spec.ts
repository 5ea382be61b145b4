import { BadRequestException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { ConcurrentWriteError, EventStoreUnavailableError } from '@app/event-store';
import { DomainErrorFilter, RETRY_AFTER_SECONDS } from './error.filter';

/** What the filter answered: status, headers and body, as an HTTP adapter would have sent them. */
function answerTo(error: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = {
    headers: {},
  };
  const response = {
    status(code: number) {
      sent.status = code;
      return { json: (body: Record<string, unknown>) => (sent.body = body) };
    },
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(error, host);
  return sent;
}

describe('mapping errors to HTTP', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('when the event store does not answer', () => {
    const unavailable = new EventStoreUnavailableError(
      '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:2404',
    );

    it('answers 503 with Retry-After, naming no internal address', () => {
      const sent = answerTo(unavailable);
      expect(sent.status).toBe(503);
      expect(sent.headers['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
      expect(sent.body).toMatchObject({ statusCode: 503, code: 'event-store-unavailable' });
      expect(JSON.stringify(sent.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|2404/);
    });

    it('logs one line with the details, and no stack', () => {
      answerTo(unavailable);
      expect(error).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledTimes(1);
      const [line] = warn.mock.calls[0] as [string];
      expect(line).toContain('connect ECONNREFUSED 127.0.0.1:2404');
      expect(line).not.toContain('\n');
    });
  });

  describe('when another write came first and the client sent no expectedRevision', () => {
    it('answers 409 naming the write that came first, not a revision the client never sent', () => {
      const sent = answerTo(new ConcurrentWriteError('contact-process-p-1', 3n));
      expect(sent.status).toBe(409);
      expect(sent.body).toMatchObject({ code: 'concurrent-write' });
      expect(sent.body).not.toHaveProperty('field');
      expect(sent.body!.message).toMatch(/another write .* came first .* revision 3/);
      expect(sent.body!.message).not.toMatch(/expected/);
    });
  });

  describe('when an error was raised without the shape (a plain Nest exception, an unexpected error)', () => {
    it('gives a 400 of sentences the field each names, keeping the sentences as they were', () => {
      const sent = answerTo(
        new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: ['data.heldOn must be a calendar date as YYYY-MM-DD', 'the body is not valid JSON'],
        }),
      );
      expect(sent.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'invalid-input',
        field: 'data.heldOn',
        message: ['data.heldOn must be a calendar date as YYYY-MM-DD', 'the body is not valid JSON'],
        errors: [
          {
            field: 'data.heldOn',
            code: 'invalid',
            message: 'data.heldOn must be a calendar date as YYYY-MM-DD',
          },
        ],
      });
    });

    it('gives Nest’s own 404 a code', () => {
      expect(answerTo(new NotFoundException('Cannot GET /nowhere')).body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        code: 'not-found',
        message: 'Cannot GET /nowhere',
      });
    });

    it('answers 500 in the shape, with nothing of the error in it', () => {
      const sent = answerTo(new Error('row 7 of person p-1 holds 010190-1234'));
      expect(sent.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        code: 'internal-error',
        message: 'an unexpected error occurred',
      });
      expect(error).toHaveBeenCalledTimes(1);
    });
  });
});
