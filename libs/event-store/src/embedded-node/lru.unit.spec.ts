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

  it('keeps dropping the least recently used entry through many evictions, reads and deletes', () => {
    // A reference model: keys oldest first. Enough operations for V8 to compact the map's table many times.
    const cache = new LruCache<number, number>(50);
    const model: number[] = [];
    const touch = (key: number) => {
      const at = model.indexOf(key);
      if (at >= 0) model.splice(at, 1);
      model.push(key);
    };
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 20_000; i += 1) {
      const key = random(120);
      const op = random(10);
      if (op < 5) {
        cache.set(key, i);
        touch(key);
        if (model.length > 50) model.shift();
      } else if (op < 8) {
        expect(cache.get(key) !== undefined).toBe(model.includes(key));
        if (model.includes(key)) touch(key);
      } else if (op < 9) {
        cache.delete(key);
        if (model.includes(key)) model.splice(model.indexOf(key), 1);
      } else if (i % 1000 === 999) {
        cache.clear();
        model.length = 0;
      }
      expect(cache.size).toBe(model.length);
    }
    expect(model.map((key) => cache.has(key))).toEqual(model.map(() => true));
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
