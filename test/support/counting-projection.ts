import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AllFilter, NewEvent, RecordedEvent } from '@app/event-store';
import { CommittedCache, type Projection, type WithCheckpoints } from '@app/projections';

/** The read model of the counting projection the projections specs run their runners over. */
export interface CountsDatabase {
  counts: { stream_name: string; n: number };
}
export type CountsDb = WithCheckpoints<CountsDatabase>;

/**
 * Counts events per stream of the streams named `<prefix>…`: an event applied twice shows as one too many, one
 * lost as one too few. Its `schemaVersion` decides whether an existing read model is kept; `beforeApply` lets a
 * spec hold a batch inside its transaction.
 */
export function countingProjection(options: {
  prefix: string;
  /** Default `counts`; a spec running several gives each its own. */
  name?: string;
  /** Default: the streams named `<prefix>…`. */
  filter?: AllFilter;
  schemaVersion?: number;
  beforeApply?: () => Promise<void>;
  /**
   * Keep each stream's count in memory between batches (a CommittedCache, read back only when not kept) and
   * write it as a number, not as an increment: a count kept after the read model moved on shows as a wrong one.
   */
  keptInMemory?: boolean;
}): Projection<CountsDatabase> {
  if (options.keptInMemory) return keptInMemory(options);
  return {
    name: options.name ?? 'counts',
    filter: options.filter ?? { on: 'stream-name', prefixes: [options.prefix] },
    schemaVersion: options.schemaVersion ?? 1,
    tables: ['counts'],
    async migrate(db: Kysely<CountsDb>) {
      await db.schema
        .createTable('counts')
        .ifNotExists()
        .addColumn('stream_name', 'text', (c) => c.primaryKey())
        .addColumn('n', 'integer', (c) => c.notNull())
        .execute();
    },
    async apply(trx: Transaction<CountsDb>, events: RecordedEvent[]) {
      await options.beforeApply?.();
      for (const e of events)
        await sql`INSERT INTO counts (stream_name, n) VALUES (${e.streamName}, 1)
          ON CONFLICT (stream_name) DO UPDATE SET n = counts.n + 1`.execute(trx);
    },
  };
}

function keptInMemory(options: Parameters<typeof countingProjection>[0]): Projection<CountsDatabase> {
  const kept = new CommittedCache<number>();
  const counting = countingProjection({ ...options, keptInMemory: false });
  return {
    ...counting,
    committed: () => kept.committed(),
    forget: () => kept.forget(),
    async apply(trx: Transaction<CountsDb>, events: RecordedEvent[]) {
      kept.begin();
      const counts = new Map<string, number>();
      for (const { streamName } of events) {
        let n = counts.get(streamName) ?? kept.get(streamName);
        if (n === undefined) {
          const row = await trx
            .selectFrom('counts')
            .select('n')
            .where('stream_name', '=', streamName)
            .executeTakeFirst();
          n = row?.n ?? 0;
        }
        counts.set(streamName, n + 1);
      }
      for (const [streamName, n] of counts) {
        await sql`INSERT INTO counts (stream_name, n) VALUES (${streamName}, ${n})
          ON CONFLICT (stream_name) DO UPDATE SET n = excluded.n`.execute(trx);
        kept.set(streamName, n);
      }
    },
  };
}

/** An event the counting projection counts, with fresh ids. */
export const aCountedEvent = (): NewEvent => ({
  type: 'Counted',
  schemaVersion: 1,
  data: {},
  metadata: {
    eventId: randomUUID(),
    occurredAt: '2024-01-01T00:00:00.000Z',
    actor: { organisation: 'o', role: 'r', user: 'u' },
    correlationId: randomUUID(),
    causationId: null,
  },
});
