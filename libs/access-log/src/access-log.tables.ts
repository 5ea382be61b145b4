import type { WithCheckpoints } from '@app/projections';

/**
 * "Who read this person's data": one row per person per access-log event, in the order of `$all`. It holds
 * what the event says (ids, organisations, the endpoint pattern and the stated purpose), nothing of the person.
 */
export interface PersonReadsTable {
  person_id: string;
  /** The event's commit position, zero-padded to 20 digits: one order, as text, in SQLite and PostgreSQL. */
  position: string;
  event_id: string;
  /** The store's recorded time of the event, ISO 8601. */
  read_at: string;
  /** The actor of the event's metadata, as JSON. */
  actor: string;
  endpoint: string;
  purpose: string | null;
  basis: string;
  rule_id: string | null;
  job_order_id: string | null;
}

export interface AccessLogDatabase {
  person_reads: PersonReadsTable;
}

export type AccessLogReadModel = WithCheckpoints<AccessLogDatabase>;
