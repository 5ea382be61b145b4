import { HEALTH_DEFAULTS, healthSettingsFromEnv } from '../health/health.settings';
import { HTTP_TIMEOUT_DEFAULTS, httpTimeoutsFromEnv } from './http-timeouts';

describe('timeouts and health limits from the environment', () => {
  it('takes the documented defaults when nothing is set', () => {
    expect(httpTimeoutsFromEnv({})).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 });
    expect(HTTP_TIMEOUT_DEFAULTS).toEqual(httpTimeoutsFromEnv({}));
    expect(healthSettingsFromEnv({})).toEqual({ maxLagEvents: 500, maxLagSeconds: 10, checkTimeoutMs: 2000 });
    expect(HEALTH_DEFAULTS).toEqual(healthSettingsFromEnv({}));
  });

  it('takes what is set', () => {
    expect(
      httpTimeoutsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' }),
    ).toEqual({
      headersMs: 2000,
      requestMs: 30_000,
      keepAliveMs: 65_000,
    });
    expect(healthSettingsFromEnv({ HEALTH_READY_MAX_LAG_EVENTS: '0' })).toMatchObject({ maxLagEvents: 0 });
  });

  it.each([
    [
      { HTTP_REQUEST_TIMEOUT_MS: 'soon' },
      /HTTP_REQUEST_TIMEOUT_MS must be a number of milliseconds ≥ 1, got "soon"/,
    ],
    [{ HTTP_HEADERS_TIMEOUT_MS: '0' }, /HTTP_HEADERS_TIMEOUT_MS must be a number of milliseconds ≥ 1/],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '40000' },
      /HTTP_HEADERS_TIMEOUT_MS \(40000\) must not exceed HTTP_REQUEST_TIMEOUT_MS \(30000\)/,
    ],
  ])('refuses %p, naming the variable', (env, message) => {
    expect(() => httpTimeoutsFromEnv(env)).toThrow(message);
  });

  it.each([
    [{ HEALTH_READY_MAX_LAG_EVENTS: '-1' }, /HEALTH_READY_MAX_LAG_EVENTS must be a number of events ≥ 0/],
    [{ HEALTH_READY_MAX_LAG_SECONDS: 'ten' }, /HEALTH_READY_MAX_LAG_SECONDS must be a number of seconds ≥ 0/],
    [{ HEALTH_CHECK_TIMEOUT_MS: '0' }, /HEALTH_CHECK_TIMEOUT_MS must be a number of milliseconds ≥ 1/],
  ])('refuses %p, naming the variable', (env, message) => {
    expect(() => healthSettingsFromEnv(env)).toThrow(message);
  });
});
