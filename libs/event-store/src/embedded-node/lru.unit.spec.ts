import { LruCache } from './lru';

describe('LruCache', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it('keeps a stored undefined-like value (null) apart from an absent key', () => {
    const cache = new LruCache<string, number | null>(2);
    cache.set('none', null);
    expect(cache.has('none')).toBe(true);
    expect(cache.get('none')).toBeNull();
    expect(cache.get('absent')).toBeUndefined();
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new LruCache(0)).toThrow(/capacity must be a positive integer, got 0/);
  });
});
