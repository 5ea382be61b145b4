import type { WithCheckpoints } from '@app/projections';
import type { ObligationChangesDatabase } from './obligation-changes';

/** The deadlines read model: one row per obligation, plus each person's folded contact-process state. */
export interface DeadlinesTable {
  person_id: string;
  obligation_key: string;
  rule_id: string;
  rule_set_id: string;
  benefit_period_id: string;
  akasse_id: string;
  jobcenter_id: string | null;
  owner: string;
  due_on: string | null;
  /** due_on, or '9999-12-31' while it hangs on an hour threshold: one indexable order for worklists. */
  sort_due: string;
  /** 1 while someone has to act on it (not fulfilled, waived or not applicable): worklists read only these. */
  actionable: number;
  fulfilled_on: string | null;
  window_closes_on: string | null;
  /** Booleans as 0/1, the same in SQLite and PostgreSQL. */
  waived: number;
  not_applicable: number;
  hour_threshold: number | null;
  hour_counter: string | null;
  required: number | null;
  fulfilled_count: number | null;
  /** JSON arrays of event ids. */
  met_by: string;
  waived_by: string;
  legal_reference: string;
  note: string | null;
}

export interface ContactProcessStatesTable {
  person_id: string;
  /**
   * JSON of the decider's ContactProcessState, sealed under the person's key (it holds their birth date, custody,
   * residence and free texts): unreadable in the file, its free pages and its backups once they are erased.
   */
  state: string;
}

export interface DeadlinesDatabase extends ObligationChangesDatabase {
  deadlines: DeadlinesTable;
  contact_process_states: ContactProcessStatesTable;
}

/** The whole read-model database the deadlines projection writes and its queries read. */
export type DeadlinesReadModel = WithCheckpoints<DeadlinesDatabase>;
