import type { Server } from 'node:http';
import { numberFromEnv } from './env-number';

/** How long a client may take over a request, as a reverse proxy in front would allow it. */
export interface HttpTimeouts {
  /** HTTP_HEADERS_TIMEOUT_MS: from the connection's first byte to the end of the request headers. */
  headersMs: number;
  /** HTTP_REQUEST_TIMEOUT_MS: to the end of the whole request, body included. */
  requestMs: number;
  /**
   * HTTP_KEEP_ALIVE_TIMEOUT_MS: how long an idle connection is kept for the next request. Behind a load balancer,
   * set it above the balancer's own idle timeout, so the balancer never reuses a connection the API is closing.
   */
  keepAliveMs: number;
}

/** nginx's defaults are 60 s for headers and body alike; a JSON API's requests are small, so less is plenty. */
export const HTTP_TIMEOUT_DEFAULTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
};

export function httpTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpTimeouts {
  const unit = { min: 1, unit: 'milliseconds' };
  const timeouts = {
    headersMs: numberFromEnv(env, 'HTTP_HEADERS_TIMEOUT_MS', HTTP_TIMEOUT_DEFAULTS.headersMs, unit),
    requestMs: numberFromEnv(env, 'HTTP_REQUEST_TIMEOUT_MS', HTTP_TIMEOUT_DEFAULTS.requestMs, unit),
    keepAliveMs: numberFromEnv(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', HTTP_TIMEOUT_DEFAULTS.keepAliveMs, unit),
  };
  if (timeouts.headersMs > timeouts.requestMs)
    throw new RangeError(
      `HTTP_HEADERS_TIMEOUT_MS (${timeouts.headersMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${timeouts.requestMs}): the headers are part of the request`,
    );
  return timeouts;
}

/**
 * Sets the timeouts on the server before it listens. Node enforces the header and request timeouts only when it
 * checks its connections (every 30 s by default, so a 10 s limit would hold a slow client up to 40 s): the check
 * runs at a quarter of the shorter limit, at most every second.
 */
export function applyHttpTimeouts(server: Server, timeouts: HttpTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    10,
    Math.min(1000, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)),
  );
}
