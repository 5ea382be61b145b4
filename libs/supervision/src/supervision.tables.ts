import type { WithCheckpoints } from '@app/projections';

/** Each person's folded contact process, so a batch of new facts is applied without reading the stream. */
export interface SupervisionPersonStatesTable {
  person_id: string;
  /** JSON of the decider's ContactProcessState, sealed under the person's key (see SupervisionProjection). */
  state: string;
}

/**
 * One benefit period's contribution to a measure in a month (see `SupervisedCase`). Holds the person id, for
 * drill-down by those allowed to see persons; the aggregate queries never select it.
 */
export interface SupervisionCasesTable {
  person_id: string;
  benefit_period_id: string;
  measure: string;
  organisation_id: string;
  month: string;
  group_name: string;
  interviews_held: number;
  rule_set_id: string;
  required: number;
  /** Booleans as 0/1, the same in SQLite and PostgreSQL. */
  below_required: number;
}

/** The month's population and numerator per organisation: what the aggregate queries and the dashboard read. */
export interface SupervisionMonthsTable {
  measure: string;
  organisation_id: string;
  month: string;
  /** The rule set in force for the month, whose threshold and streak judge it (`ruleSetForMonth`). */
  rule_set_id: string;
  population: number;
  numerator: number;
}

/**
 * The month's population and numerator per rule set that judged its cases: a month from 2026-07 can hold C24
 * periods (still under C24, R26-RUNNING-CASES) beside R26 ones. The month's row is their sum.
 */
export interface SupervisionMonthRuleSetsTable {
  measure: string;
  organisation_id: string;
  month: string;
  rule_set_id: string;
  population: number;
  numerator: number;
}

export interface SupervisionDatabase {
  supervision_person_states: SupervisionPersonStatesTable;
  supervision_cases: SupervisionCasesTable;
  supervision_months: SupervisionMonthsTable;
  supervision_month_rule_sets: SupervisionMonthRuleSetsTable;
}

/** The whole read-model database the supervision projection writes and its queries read. */
export type SupervisionReadModel = WithCheckpoints<SupervisionDatabase>;
