import { numberFromEnv } from '../common/env-number';

export const HEALTH_CONFIG = Symbol('HEALTH_CONFIG');

/** When `/health/ready` says ready: how far behind `$all` a projection may be, and how long a check may take. */
export interface HealthSettings {
  /** HEALTH_READY_MAX_LAG_EVENTS: events a projection's filter takes that it has not applied yet. */
  maxLagEvents: number;
  /** HEALTH_READY_MAX_LAG_SECONDS: how long the oldest of them may have waited. */
  maxLagSeconds: number;
  /** HEALTH_CHECK_TIMEOUT_MS: a check that takes longer counts as not answering (a probe never hangs). */
  checkTimeoutMs: number;
}

/**
 * A live projection is a few events and well under a second behind; 500 events or 10 s means it cannot keep up
 * (or is still catching up after a start), so a load balancer should send reads elsewhere meanwhile.
 */
export const HEALTH_DEFAULTS: HealthSettings = { maxLagEvents: 500, maxLagSeconds: 10, checkTimeoutMs: 2000 };

export function healthSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): HealthSettings {
  return {
    maxLagEvents: numberFromEnv(env, 'HEALTH_READY_MAX_LAG_EVENTS', HEALTH_DEFAULTS.maxLagEvents, {
      unit: 'events',
    }),
    maxLagSeconds: numberFromEnv(env, 'HEALTH_READY_MAX_LAG_SECONDS', HEALTH_DEFAULTS.maxLagSeconds, {
      unit: 'seconds',
    }),
    checkTimeoutMs: numberFromEnv(env, 'HEALTH_CHECK_TIMEOUT_MS', HEALTH_DEFAULTS.checkTimeoutMs, {
      min: 1,
      unit: 'milliseconds',
    }),
  };
}
