import type { Kysely } from 'kysely';
import { assessMonths, monthsFromTo, type AssessedMonth, type RuleSetCount } from './supervision.measure';
import {
  ruleSetForMonth,
  SUPERVISION_RULE_SETS,
  type Month,
  type SupervisedGroup,
  type SupervisedMeasure,
  type SupervisionRuleSet,
} from './supervision.rules';
import type { SupervisionReadModel } from './supervision.tables';

/** One month of one organisation, in aggregate: counts only, never a person. */
export type SupervisedMonth = Omit<AssessedMonth, 'organisationId'>;

export interface OrganisationSupervision {
  organisationId: string;
  months: SupervisedMonth[];
  /** Deficient months in a row up to the latest month shown (a month with no population ends a streak). */
  currentStreak: number;
  /** The current streak reached the rule set's months: STAR takes it up with the management. */
  flagged: boolean;
  latestMonth: Month | null;
  deficientMonths: number;
  /** Over the months shown: Σ numerator / Σ population (0 when no one). */
  population: number;
  numerator: number;
  share: number;
}

export interface SupervisionOverview {
  measure: SupervisedMeasure;
  from: Month;
  to: Month;
  /** The rule set each month of the range is measured under (null before supervision began). */
  calendar: Array<{ month: Month; ruleSetId: string | null }>;
  ruleSets: SupervisionRuleSet[];
  organisations: OrganisationSupervision[];
}

/** A person in a month's numerator: for drill-down by roles allowed to see persons, never in the aggregates. */
export interface NumeratorCase {
  personId: string;
  benefitPeriodId: string;
  group: SupervisedGroup;
  interviewsHeld: number;
  required: number;
  ruleSetId: string;
}

export class SupervisionQueries {
  constructor(private readonly db: Kysely<SupervisionReadModel>) {}

  /** Every organisation with a measured month in the range, each month assessed, streaks counted from history. */
  async overview(
    measure: SupervisedMeasure,
    range: { from: Month; to: Month },
  ): Promise<SupervisionOverview> {
    // Months before `from` are read too: a streak in the range may have begun before it.
    const rows = await this.db
      .selectFrom('supervision_months')
      .select(['organisation_id', 'month', 'rule_set_id', 'population', 'numerator'])
      .where('measure', '=', measure)
      .where('month', '<=', range.to)
      .orderBy('organisation_id')
      .orderBy('month')
      .execute();
    const parts = partsOf(
      await this.db
        .selectFrom('supervision_month_rule_sets')
        .select(['organisation_id', 'month', 'rule_set_id', 'population', 'numerator'])
        .where('measure', '=', measure)
        .where('month', '>=', range.from)
        .where('month', '<=', range.to)
        .orderBy('rule_set_id')
        .execute(),
    );
    const byOrganisation = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byOrganisation.get(row.organisation_id);
      if (list) list.push(row);
      else byOrganisation.set(row.organisation_id, [row]);
    }
    const organisations: OrganisationSupervision[] = [];
    for (const [organisationId, list] of byOrganisation) {
      const summary = summarise(organisationId, list, range, parts);
      if (summary.months.length > 0) organisations.push(summary);
    }
    return { measure, ...range, ...calendarOf(measure, range), organisations };
  }

  /** One organisation's months (all, or a range) with its current streak; undefined when it has none. */
  async organisation(
    measure: SupervisedMeasure,
    organisationId: string,
    range: { from?: Month; to?: Month } = {},
  ): Promise<OrganisationSupervision | undefined> {
    let query = this.db
      .selectFrom('supervision_months')
      .select(['organisation_id', 'month', 'rule_set_id', 'population', 'numerator'])
      .where('measure', '=', measure)
      .where('organisation_id', '=', organisationId);
    if (range.to !== undefined) query = query.where('month', '<=', range.to);
    const rows = await query.orderBy('month').execute();
    if (rows.length === 0) return undefined;
    let partsQuery = this.db
      .selectFrom('supervision_month_rule_sets')
      .select(['organisation_id', 'month', 'rule_set_id', 'population', 'numerator'])
      .where('measure', '=', measure)
      .where('organisation_id', '=', organisationId);
    if (range.from !== undefined) partsQuery = partsQuery.where('month', '>=', range.from);
    if (range.to !== undefined) partsQuery = partsQuery.where('month', '<=', range.to);
    return summarise(organisationId, rows, range, partsOf(await partsQuery.orderBy('rule_set_id').execute()));
  }

  /** The rule sets in force over a range of months, and which one governs each month. */
  calendar(measure: SupervisedMeasure, range: { from: Month; to: Month }) {
    return calendarOf(measure, range);
  }

  /** The persons behind a month's numerator. Not for the aggregate views: callers check the caller's role. */
  async numeratorCases(
    measure: SupervisedMeasure,
    organisationId: string,
    month: Month,
  ): Promise<NumeratorCase[]> {
    const rows = await this.db
      .selectFrom('supervision_cases')
      .select(['person_id', 'benefit_period_id', 'group_name', 'interviews_held', 'required', 'rule_set_id'])
      .where('measure', '=', measure)
      .where('organisation_id', '=', organisationId)
      .where('month', '=', month)
      .where('below_required', '=', 1)
      .orderBy('person_id')
      .orderBy('benefit_period_id')
      .execute();
    return rows.map((r) => ({
      personId: r.person_id,
      benefitPeriodId: r.benefit_period_id,
      group: r.group_name as SupervisedGroup,
      interviewsHeld: r.interviews_held,
      required: r.required,
      ruleSetId: r.rule_set_id,
    }));
  }
}

interface CountRow {
  organisation_id: string;
  month: string;
  rule_set_id: string;
  population: number;
  numerator: number;
}

/** A month's figures per rule set, keyed by organisation and month. */
type Parts = Map<string, RuleSetCount[]>;
const partKey = (organisationId: string, month: Month) => `${organisationId}\u0000${month}`;

function partsOf(rows: readonly CountRow[]): Parts {
  const parts: Parts = new Map();
  for (const r of rows) {
    const key = partKey(r.organisation_id, r.month);
    const part = {
      ruleSetId: r.rule_set_id,
      population: Number(r.population),
      numerator: Number(r.numerator),
    };
    const list = parts.get(key);
    if (list) list.push(part);
    else parts.set(key, [part]);
  }
  return parts;
}

function summarise(
  organisationId: string,
  rows: readonly CountRow[],
  range: { from?: Month; to?: Month },
  parts: Parts,
): OrganisationSupervision {
  const assessed = assessMonths(
    rows.map((r) => ({
      organisationId,
      month: r.month,
      ruleSetId: r.rule_set_id,
      population: Number(r.population),
      numerator: Number(r.numerator),
      byRuleSet: parts.get(partKey(organisationId, r.month)),
    })),
  );
  const shown = assessed.filter(
    (m) =>
      (range.from === undefined || m.month >= range.from) && (range.to === undefined || m.month <= range.to),
  );
  const latest = shown[shown.length - 1];
  const population = shown.reduce((sum, m) => sum + m.population, 0);
  const numerator = shown.reduce((sum, m) => sum + m.numerator, 0);
  return {
    organisationId,
    months: shown.map(({ organisationId: _o, ...month }) => month),
    currentStreak: latest?.streak ?? 0,
    flagged: latest?.flagged ?? false,
    latestMonth: latest?.month ?? null,
    deficientMonths: shown.filter((m) => m.deficient).length,
    population,
    numerator,
    share: population === 0 ? 0 : numerator / population,
  };
}

function calendarOf(
  measure: SupervisedMeasure,
  range: { from: Month; to: Month },
): Pick<SupervisionOverview, 'calendar' | 'ruleSets'> {
  const calendar = monthsFromTo(range.from, range.to).map((month) => ({
    month,
    ruleSetId: ruleSetForMonth(measure, month)?.id ?? null,
  }));
  const inForce = new Set(calendar.map((c) => c.ruleSetId));
  return { calendar, ruleSets: SUPERVISION_RULE_SETS.filter((r) => inForce.has(r.id)) };
}
