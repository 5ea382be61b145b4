/**
 * What a projection keeps in memory of what it wrote to its read model (e.g. each person's folded state), so that
 * the next batch need not read it back, open it and parse it again. An entry set while a batch is applied counts
 * only once the runner says the batch committed (`committed`): a batch rolled back leaves nothing behind. When the
 * runner drops a batch or reads its checkpoint again (another writer or another generation moved it, the store
 * went away) it says `forget`, and everything is read from the read model again. Bounded: the entries written
 * longest ago are let go first, to be read again when needed.
 */
export class CommittedCache<V> {
  private readonly entries = new Map<string, V>();
  /** This batch's writes (undefined: removed), applied at `committed`. */
  private readonly pending = new Map<string, V | undefined>();

  constructor(private readonly capacity = 1_000) {}

  /** A batch begins: what an earlier one set and never committed (a wrapper that does not pass `committed` on) is void. */
  begin(): void {
    this.pending.clear();
  }

  /** The value as of the last committed batch; undefined when not kept (read it from the read model). */
  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** What this batch writes for `key`, kept once it commits. */
  set(key: string, value: V): void {
    this.pending.set(key, value);
  }

  /** This batch removes what `key` had (or it is no longer known): not kept from its commit on. */
  delete(key: string): void {
    this.pending.set(key, undefined);
  }

  committed(): void {
    for (const [key, value] of this.pending) {
      this.entries.delete(key);
      if (value !== undefined) this.entries.set(key, value);
    }
    this.pending.clear();
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(key);
    }
  }

  forget(): void {
    this.entries.clear();
    this.pending.clear();
  }
}
