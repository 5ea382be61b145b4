import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';

/** The little of Express this touches (no @types/express needed): the route it matched, once it has. */
type Request = IncomingMessage & { route?: { path?: unknown } };

/** The route pattern Express matched (`/persons/:personId/deadlines`), never the path with its ids. */
export function routePatternOf(request: Request): string {
  const path = request.route?.path;
  return typeof path === 'string' ? path : 'unmatched';
}

/** Counts and times every request once its response has finished (or the client went away). */
export function httpMetrics(metrics: Metrics) {
  return (request: Request, response: ServerResponse, next: () => void) => {
    const started = process.hrtime.bigint();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const labels = {
        route: routePatternOf(request),
        method: request.method ?? 'UNKNOWN',
        status: String(response.statusCode),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  };
}
