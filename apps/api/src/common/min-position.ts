/**
 * Read-your-write across instances: a recording answers its commit position (`position`); a read sent with
 * `X-Min-Position: <position>` (or `?minPosition=`) is answered only once the read model it answers from
 * includes that position — on whichever instance it lands, since every instance reads the checkpoint stored
 * with the rows in the shared read database. It waits at most MIN_POSITION_WAIT_MS, then answers 503 with
 * Retry-After rather than something older than the caller's own write.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import type { Position } from '@app/event-store';
import type { LiveProjection } from '@app/projections';
import { DeadlinesReadSide } from '../contact-process/contact-process.providers';
import { SupervisionReadSide } from '../supervision/supervision.providers';
import { invalidField, unavailable } from './api-error';

/** What is read of the HTTP request and response (express's, without depending on its types). */
interface Request {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}
interface Response {
  setHeader(name: string, value: string): void;
}

export const MIN_POSITION_HEADER = 'X-Min-Position';
export const MIN_POSITION_QUERY = 'minPosition';
/** Long enough for a leader under load to catch up a batch or two; short enough for a caller to retry. */
export const MIN_POSITION_WAIT_MS = 5000;
const RETRY_AFTER_SECONDS = '1';

/** The position a read asks for, validated; undefined when it asks for none. */
export function requestedMinPosition(request: Pick<Request, 'headers' | 'query'>): Position | undefined {
  const header = request.headers[MIN_POSITION_HEADER.toLowerCase()];
  const query = request.query?.[MIN_POSITION_QUERY];
  if (header === undefined && query === undefined) return undefined;
  const [name, value] =
    header !== undefined ? [MIN_POSITION_HEADER, header] : [`query parameter ${MIN_POSITION_QUERY}`, query];
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value))
    throw invalidField(
      header !== undefined ? MIN_POSITION_HEADER : MIN_POSITION_QUERY,
      'isCommitPosition',
      `${name} must be a commit position: digits, as a recording answers it in "position"`,
    );
  const commit = BigInt(value);
  return { commit, prepare: commit };
}

/**
 * Waits, for GET requests, until `reached` says the read model includes the requested position. The query
 * parameter is taken off the request so the endpoint's own query validation never sees it.
 */
abstract class WaitsForMinPosition implements NestInterceptor {
  protected abstract readonly readModel: string;
  protected abstract reached(position: Position, timeoutMs: number): Promise<boolean>;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'GET') return next.handle();
    const position = requestedMinPosition(request);
    if (request.query && MIN_POSITION_QUERY in request.query) {
      const { [MIN_POSITION_QUERY]: _taken, ...rest } = request.query;
      // Express 5 parses `query` anew on each read: an own property shadows its getter.
      Object.defineProperty(request, 'query', { value: rest, configurable: true, writable: true });
    }
    if (!position) return next.handle();
    return from(this.reached(position, MIN_POSITION_WAIT_MS)).pipe(
      switchMap((reached) => {
        if (reached) return next.handle();
        context.switchToHttp().getResponse<Response>().setHeader('Retry-After', RETRY_AFTER_SECONDS);
        throw unavailable(
          'read-model-behind',
          `the ${this.readModel} read model has not reached position ${position.commit} yet; retry shortly`,
        );
      }),
    );
  }
}

const waitOn = (runner: LiveProjection, position: Position, timeoutMs: number) =>
  runner.waitFor(position, timeoutMs);

@Injectable()
export class WaitsForDeadlines extends WaitsForMinPosition {
  protected readonly readModel = 'deadlines';
  constructor(private readonly readSide: DeadlinesReadSide) {
    super();
  }
  protected reached(position: Position, timeoutMs: number): Promise<boolean> {
    return waitOn(this.readSide.runner, position, timeoutMs);
  }
}

@Injectable()
export class WaitsForSupervision extends WaitsForMinPosition {
  protected readonly readModel = 'supervision';
  constructor(private readonly readSide: SupervisionReadSide) {
    super();
  }
  protected reached(position: Position, timeoutMs: number): Promise<boolean> {
    return waitOn(this.readSide.runner, position, timeoutMs);
  }
}

/**
 * Reads answered from the person's stream in the event store itself: a position a recording answered is
 * already in it, so the header is only validated.
 */
@Injectable()
export class WaitsForEvents extends WaitsForMinPosition {
  protected readonly readModel = 'event store';
  protected async reached(): Promise<boolean> {
    return true;
  }
}
