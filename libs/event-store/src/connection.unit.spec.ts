import { eventStoreConfigFromEnv } from './connection';

describe('eventStoreConfigFromEnv: EVENTSTORE_EVENT_CACHE_SIZE', () => {
  it('leaves the node’s default when unset, and takes a whole number of events, 0 included', () => {
    expect(eventStoreConfigFromEnv({}).eventCacheSize).toBeUndefined();
    expect(eventStoreConfigFromEnv({ EVENTSTORE_EVENT_CACHE_SIZE: '250000' }).eventCacheSize).toBe(250_000);
    expect(eventStoreConfigFromEnv({ EVENTSTORE_EVENT_CACHE_SIZE: '0' }).eventCacheSize).toBe(0);
  });

  it.each(['-1', '1.5', 'lots'])('refuses "%s", naming the variable', (value) => {
    expect(() => eventStoreConfigFromEnv({ EVENTSTORE_EVENT_CACHE_SIZE: value })).toThrow(
      `EVENTSTORE_EVENT_CACHE_SIZE must be a whole number of events (0 or more), got "${value}"`,
    );
  });
});
