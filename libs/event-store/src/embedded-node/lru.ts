/**
 * A map that keeps at most `capacity` entries, dropping the least recently used one first.
 *
 * The event log's per-stream caches use it: every entry can be loaded again from SQLite, so dropping one costs a
 * lookup, never an answer. Built on `Map`'s insertion order (a read moves the key to the end); no dependency.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  /**
   * Walks the keys oldest first, kept from one eviction to the next. A fresh `keys().next()` per eviction starts
   * at the front of V8's hash table and steps over every entry deleted since the table was last compacted — with
   * a full cache that is up to half its capacity per eviction: 35–180 µs at 100,000 entries, which made a node
   * with a full event cache spend 3× the CPU per appended event. Map iterators follow the table across
   * deletions, insertions and compaction (insertions land behind it), so this one only moves forward and the
   * next key it yields is always the oldest one left.
   */
  private oldest: Iterator<K> = this.entries.keys();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`LruCache capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value, marked as most recently used; undefined when absent. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.leastRecentlyUsed());
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.oldest = this.entries.keys();
  }

  private leastRecentlyUsed(): K {
    let next = this.oldest.next();
    // Done only once it has passed every key of the moment; what was inserted since is behind a new walk.
    if (next.done) {
      this.oldest = this.entries.keys();
      next = this.oldest.next();
    }
    return next.value as K;
  }
}
