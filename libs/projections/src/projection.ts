import type { Kysely, Transaction } from 'kysely';
import type { AllFilter, Position, RecordedEvent } from '@app/event-store';
import type { CheckpointTable } from './read-model-database';

export type WithCheckpoints<DB> = DB & { projection_checkpoints: CheckpointTable };

/**
 * A named projection: it says which events it wants (a server-side filter), how to create its tables, and
 * how to apply a batch of events inside the transaction that also stores its checkpoint.
 */
export interface Projection<DB> {
  readonly name: string;
  readonly filter: AllFilter;
  migrate(db: Kysely<WithCheckpoints<DB>>): Promise<void>;
  apply(trx: Transaction<WithCheckpoints<DB>>, events: RecordedEvent[]): Promise<void>;
}

export const positionToText = (p: Position) => ({
  commit: p.commit.toString(),
  prepare: p.prepare.toString(),
});
