import { CommittedCache } from './committed-cache';

describe('what a projection keeps in memory of what it wrote (CommittedCache)', () => {
  it('keeps what a batch set only once it committed', () => {
    const cache = new CommittedCache<number>();
    cache.begin();
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
    cache.committed();
    expect(cache.get('a')).toBe(1);
  });

  it('keeps nothing of a batch that never committed, when the next begins', () => {
    const cache = new CommittedCache<number>();
    cache.begin();
    cache.set('a', 1);
    cache.begin();
    cache.committed();
    expect(cache.get('a')).toBeUndefined();
  });

  it('lets go of what a committed batch removed, and of everything when told to forget', () => {
    const cache = new CommittedCache<number>();
    cache.set('a', 1);
    cache.set('b', 2);
    cache.committed();
    cache.begin();
    cache.delete('a');
    cache.committed();
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 2]);
    cache.forget();
    expect(cache.get('b')).toBeUndefined();
  });

  it('holds at most its capacity, letting go of the entries written longest ago first', () => {
    const cache = new CommittedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.committed();
    cache.set('a', 10);
    cache.set('c', 3);
    cache.committed();
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([10, undefined, 3]);
  });
});
