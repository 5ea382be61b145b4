/**
 * The correlation id of the request being served: taken from `X-Correlation-Id` (when it is a plain id), else
 * made here, echoed back on the response, written into the metadata of the events the request appends and put
 * on its log lines and trace spans. Kept in an AsyncLocalStorage so code far from the controller (the access
 * log) finds it without threading it through every call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import { routePatternOf } from './http-metrics';

export const CORRELATION_HEADER = 'x-correlation-id';
/** What a caller may send: an id, not a sentence (it is logged and stored with every event). */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/** The correlation id of the request being served; outside one (a sweep, a worker), a fresh one. */
export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}

/** The correlation id of the request being served, or undefined outside one. */
export const requestCorrelationId = (): string | undefined => storage.getStore()?.correlationId;

export type CorrelatedRequest = IncomingMessage & { correlationId?: string };

/** Express middleware: reads or makes the id, echoes it, and serves the rest of the request inside its context. */
export function correlation(request: CorrelatedRequest, response: ServerResponse, next: () => void): void {
  const stated = request.headers[CORRELATION_HEADER];
  const correlationId = typeof stated === 'string' && CORRELATION_ID.test(stated) ? stated : randomUUID();
  request.correlationId = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  // The request's span (when tracing is on): named by its route pattern once routed, never by its path.
  const span = trace.getActiveSpan();
  if (span) {
    span.setAttribute('sagsforloeb.correlation_id', correlationId);
    response.once('finish', () => {
      const route = routePatternOf(request);
      span.setAttribute('http.route', route);
      span.updateName(`${request.method ?? 'HTTP'} ${route}`);
    });
  }
  storage.run({ correlationId }, next);
}
