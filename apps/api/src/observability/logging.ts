/**
 * Structured logs: one JSON line per entry on stdout (pino), human-readable through pino-pretty when stdout is
 * a terminal. Each request's line holds its id, correlation id, method, route pattern, status and duration —
 * never the URL (it holds person ids and query values), headers (the bearer token), or a body.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Level } from 'pino';
import { routePatternOf } from './http-metrics';
import type { CorrelatedRequest } from './correlation';

export interface LoggingSettings {
  /** pino's level; `silent` logs nothing (specs). Default `info`. */
  level?: Level | 'silent';
  /** Pretty lines for a person at a terminal; default: whether stdout is one. */
  pretty?: boolean;
}

/** LOG_LEVEL (default info) and LOG_FORMAT (`json` or `pretty`; default pretty only on a terminal). */
export function loggingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LoggingSettings {
  const level = (env.LOG_LEVEL || 'info') as LoggingSettings['level'];
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(level!))
    throw new RangeError(`LOG_LEVEL must be one of ${levels.join(', ')}, got "${level}"`);
  const format = env.LOG_FORMAT;
  if (format !== undefined && format !== '' && format !== 'json' && format !== 'pretty')
    throw new RangeError(`LOG_FORMAT must be "json" or "pretty", got "${format}"`);
  return { level, pretty: format ? format === 'pretty' : undefined };
}

/** A request id: the caller's X-Request-Id when it is a plain id (a proxy's), else one made here. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type Request = CorrelatedRequest & { id?: unknown; route?: { path?: unknown } };

export function pinoParams(settings: LoggingSettings): Params {
  const pretty = settings.pretty ?? process.stdout.isTTY === true;
  return {
    pinoHttp: {
      level: settings.level ?? 'info',
      ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const stated = request.headers['x-request-id'];
        const id = typeof stated === 'string' && REQUEST_ID.test(stated) ? stated : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: (request: IncomingMessage) => ({
        correlationId: (request as Request).correlationId,
      }),
      // Only these fields of a request and a response: no URL, no headers, no remote address, no body.
      serializers: {
        req: (request: { id?: unknown; method?: string }) => ({
          id: request.id,
          method: request.method,
        }),
        res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
        err: (error: Error) => ({ type: error.name, message: error.message }),
      },
      customSuccessMessage: (request, response) =>
        `${request.method} ${routePatternOf(request as Request)} ${response.statusCode}`,
      customErrorMessage: (request, response) =>
        `${request.method} ${routePatternOf(request as Request)} ${response.statusCode}`,
      // The completion line names the route Express matched by then (the request's own binding was made before).
      customSuccessObject: (request, _response, value: object) => ({
        ...value,
        route: routePatternOf(request as Request),
      }),
      customErrorObject: (request, _response, _error, value: object) => ({
        ...value,
        route: routePatternOf(request as Request),
      }),
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
