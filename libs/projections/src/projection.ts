import type { Kysely, Transaction } from 'kysely';
import type { AllFilter, RecordedEvent } from '@app/event-store';
import type { CheckpointTable } from './read-model-database';

export type WithCheckpoints<DB> = DB & { projection_checkpoints: CheckpointTable };

/**
 * A named projection: it says which events it wants (a server-side filter), how to create its tables, and
 * how to apply a batch of events inside the transaction that also stores its checkpoint.
 */
export interface Projection<DB> {
  readonly name: string;
  readonly filter: AllFilter;
  /**
   * Raised whenever the tables or what is derived into them change: a read model of another version is dropped
   * (its `tables`) and rebuilt from `$all`, since read models are always derivable from the events.
   */
  readonly schemaVersion: number;
  readonly tables: readonly string[];
  migrate(db: Kysely<WithCheckpoints<DB>>): Promise<void>;
  apply(trx: Transaction<WithCheckpoints<DB>>, events: RecordedEvent[]): Promise<void>;
  /**
   * The batch last applied was committed: what the projection keeps in memory of what it wrote (a
   * CommittedCache) holds from now on. Optional, as is `forget`.
   */
  committed?(): void;
  /**
   * The runner dropped a batch (rolled back) or reads its checkpoint again (it starts, another writer or
   * generation moved it, the store went away): what the projection kept in memory may no longer be what the read
   * model holds, so it reads it from the read model again.
   */
  forget?(): void;
}
