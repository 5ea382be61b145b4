import type { ExpressionBuilder, Insertable, Kysely, Transaction } from 'kysely';
import type { AllFilter, EventStore, RecordedEvent } from '@app/event-store';
import {
  C24,
  contactProcessStream,
  factsByPerson,
  HOUR_PARAMETERS,
  R26,
  readModelVersion,
  RULE_TABLES,
  T15,
  openState,
  sealState,
  STATE_SHAPE,
  stateAfter,
  type ContactProcessState,
  type ErasedSupervisedCase,
  type StateSealing,
} from '@app/contact-process';
import {
  CommittedCache,
  insertRows,
  textType,
  type Projection,
  type WithCheckpoints,
} from '@app/projections';
import { supervisedCases } from './supervision.measure';
import {
  MIXED_MONTH_READING,
  ruleSetForMonth,
  SUPERVISION_RULE_SETS,
  type SupervisedMeasure,
} from './supervision.rules';
import type {
  SupervisionCasesTable,
  SupervisionDatabase,
  SupervisionMonthRuleSetsTable,
  SupervisionMonthsTable,
  SupervisionPersonStatesTable,
} from './supervision.tables';

type Db = WithCheckpoints<SupervisionDatabase>;

/**
 * The stored shape of the cases, months and folded states, kept by hand: raise it when the rows' shape, the folded
 * state or the measuring code changes. A change of rule data needs no raise: it is in the version through
 * SUPERVISION_RULE_DATA. Until 4 the whole version was raised by hand (see git history). 5: a fact is folded into
 * the benefit period it happened in (#21): states stored before hold a late fact of an earlier period, and the
 * cases measured from them, in the later one; the measure reads the handover from the same derivation as the
 * deadlines, which a correction or retraction now re-derives; the person facts are a dated history (#18 item 5).
 * 6: each case is judged by the rule set of its period's regime (#18 item 3), R26 periods enter the jobcentre
 * measure through R26-MUN2, a month's rule set is the one in force for it (no longer the max of its cases'), and
 * its figures per rule set are kept in supervision_month_rule_sets.
 */
export const SUPERVISION_STORED_SHAPE = 6;

/**
 * What the cases are judged by: STAR's supervision rule sets with the reading of a mixed month, and the
 * contact-process rule sets whose regime choice (R26-RUNNING-CASES) picks each case's rule set and whose
 * obligations the jobcentre measure reads (C24-JC3 or R26-MUN2, and C24-EDU6, under C24, its transition T15 and
 * R26), with the hour parameters the a-kasse's handover and the 6 months are counted in. Not G03's or HP's: no
 * measure reads them.
 */
export const SUPERVISION_RULE_DATA = {
  supervision: SUPERVISION_RULE_SETS,
  mixedMonth: MIXED_MONTH_READING,
  ruleSets: [C24, T15, R26],
  tables: { C24: RULE_TABLES.C24, T15: RULE_TABLES.T15 },
  hours: HOUR_PARAMETERS,
  /** Not rule data, but what the stored folded states are read as: a new shape rebuilds them. */
  stateShape: STATE_SHAPE,
};

/** The supervision read model's version: rebuilt when its stored shape or any rule data it reads changes. */
export const supervisionSchemaVersion = (ruleData: unknown = SUPERVISION_RULE_DATA): number =>
  readModelVersion(SUPERVISION_STORED_SHAPE, ruleData);

/** A month of one measure of one organisation: the unit whose count is recomputed when a case moves. */
interface MonthKey {
  measure: string;
  organisation_id: string;
  month: string;
}
const keyOf = (k: MonthKey) => `${k.measure}\u0000${k.organisation_id}\u0000${k.month}`;

/**
 * STAR's supervision read model (002 §13): per a-kasse and per jobcentre per month, the population and the
 * numerator, with the cases behind them. Each batch folds the persons it touches, replaces their cases and
 * recounts only the months those cases were or are in — recounting from the cases, so applying is idempotent.
 */
export class SupervisionProjection implements Projection<SupervisionDatabase> {
  readonly name = 'supervision';
  readonly schemaVersion = supervisionSchemaVersion();
  readonly tables = [
    'supervision_person_states',
    'supervision_cases',
    'supervision_months',
    'supervision_month_rule_sets',
  ];
  readonly filter: AllFilter = {
    on: 'stream-name',
    prefixes: [contactProcessStream('')],
    checkpointInterval: 4,
  };

  /**
   * `streams` reads a person's stream when a correction means their facts must be folded again, and seals the
   * folded state under the person's key: it holds their birth date, custody and residence, which the measures
   * need (age groups), so it is kept — never readable.
   */
  constructor(private readonly streams: Pick<EventStore, 'readStream'> & StateSealing) {}

  /**
   * Each person's folded state and the months their stored cases are in, as the last committed batches wrote them:
   * a person met again is neither read back, opened and parsed, nor are their cases' months selected.
   */
  private readonly kept = new CommittedCache<{ state: ContactProcessState; months: MonthKey[] }>();

  committed(): void {
    this.kept.committed();
  }

  forget(): void {
    this.kept.forget();
  }

  async migrate(db: Kysely<Db>): Promise<void> {
    // Byte-wise in PostgreSQL as in SQLite: worklist and overview order must not depend on the server's locale.
    const text = textType(db);
    await db.schema
      .createTable('supervision_person_states')
      .ifNotExists()
      .addColumn('person_id', text, (c) => c.primaryKey())
      .addColumn('state', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('supervision_cases')
      .ifNotExists()
      .addColumn('person_id', text, (c) => c.notNull())
      .addColumn('benefit_period_id', text, (c) => c.notNull())
      .addColumn('measure', text, (c) => c.notNull())
      .addColumn('organisation_id', text, (c) => c.notNull())
      .addColumn('month', text, (c) => c.notNull())
      .addColumn('group_name', text, (c) => c.notNull())
      .addColumn('interviews_held', 'integer', (c) => c.notNull())
      .addColumn('rule_set_id', text, (c) => c.notNull())
      .addColumn('required', 'integer', (c) => c.notNull())
      .addColumn('below_required', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('supervision_cases_pk', ['person_id', 'benefit_period_id', 'measure'])
      .execute();
    // Recounting a month and drilling down into it are range scans of this index.
    await db.schema
      .createIndex('supervision_cases_by_month')
      .ifNotExists()
      .on('supervision_cases')
      .columns(['measure', 'organisation_id', 'month'])
      .execute();
    await db.schema
      .createTable('supervision_months')
      .ifNotExists()
      .addColumn('measure', text, (c) => c.notNull())
      .addColumn('organisation_id', text, (c) => c.notNull())
      .addColumn('month', text, (c) => c.notNull())
      .addColumn('rule_set_id', text, (c) => c.notNull())
      .addColumn('population', 'integer', (c) => c.notNull())
      .addColumn('numerator', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('supervision_months_pk', ['measure', 'organisation_id', 'month'])
      .execute();
    await db.schema
      .createTable('supervision_month_rule_sets')
      .ifNotExists()
      .addColumn('measure', text, (c) => c.notNull())
      .addColumn('organisation_id', text, (c) => c.notNull())
      .addColumn('month', text, (c) => c.notNull())
      .addColumn('rule_set_id', text, (c) => c.notNull())
      .addColumn('population', 'integer', (c) => c.notNull())
      .addColumn('numerator', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('supervision_month_rule_sets_pk', [
        'measure',
        'organisation_id',
        'month',
        'rule_set_id',
      ])
      .execute();
    // The national overview reads a range of months of one measure.
    await db.schema
      .createIndex('supervision_months_by_month')
      .ifNotExists()
      .on('supervision_months')
      .columns(['measure', 'month', 'organisation_id'])
      .execute();
  }

  async apply(trx: Transaction<Db>, events: RecordedEvent[]): Promise<void> {
    this.kept.begin();
    const batches = factsByPerson(events);
    if (batches.size === 0) return;

    const personIds = [...batches.keys()];
    const { stored, touched } = await this.storedOf(trx, personIds);

    const states: Array<Insertable<SupervisionPersonStatesTable>> = [];
    const cases: Array<Insertable<SupervisionCasesTable>> = [];
    const erased: string[] = [];
    for (const [personId, batch] of batches) {
      let counted: ErasedSupervisedCase[];
      // A stored state that no longer opens: the key was destroyed after these events were read.
      const gone = stored.has(personId) && stored.get(personId) === undefined;
      const state =
        batch.erased || gone
          ? undefined
          : await stateAfter(personId, batch, this.kept.get(personId) ?? stored.get(personId), this.streams);
      const sealed = state && (await sealState(this.streams, STATES, personId, state));
      if (!state || sealed === undefined) {
        // The facts are unreadable: what was counted for the person is what the erasure fact kept, so the
        // figures stay the same — live, and in a rebuild, where it is all there is.
        erased.push(personId);
        this.kept.delete(personId);
        counted = batch.facts.flatMap((f) => (f.type === 'PersonErased' ? f.data.supervisedCases : []));
        if (counted.length === 0) continue;
      } else {
        states.push({ person_id: personId, state: sealed });
        counted = supervisedCases(state);
        this.kept.set(personId, {
          state,
          months: counted.map((c) => ({
            measure: c.measure,
            organisation_id: c.organisationId,
            month: c.month,
          })),
        });
      }
      for (const c of counted) {
        cases.push(caseRow(personId, c));
        const key = { measure: c.measure, organisation_id: c.organisationId, month: c.month };
        touched.set(keyOf(key), key);
      }
    }

    await insertRows(trx, 'supervision_person_states', ['person_id', 'state'], states, {
      key: ['person_id'],
      update: ['state'],
    });
    for (const ids of chunks(erased, PERSONS_PER_STATEMENT))
      await trx.deleteFrom('supervision_person_states').where('person_id', 'in', ids).execute();
    for (const ids of chunks(personIds, PERSONS_PER_STATEMENT))
      await trx.deleteFrom('supervision_cases').where('person_id', 'in', ids).execute();
    await insertRows(trx, 'supervision_cases', CASE_COLUMNS, cases);
    await this.recount(trx, [...touched.values()]);
  }

  /**
   * The persons' stored states (undefined: one that no longer opens) and the months their cases were in, which
   * are recounted since a case may leave them. A person kept in memory since the last commit is not read again.
   */
  private async storedOf(
    trx: Transaction<Db>,
    personIds: string[],
  ): Promise<{ stored: Map<string, string | undefined>; touched: Map<string, MonthKey> }> {
    const stored = new Map<string, string | undefined>();
    const touched = new Map<string, MonthKey>();
    const toRead: string[] = [];
    for (const personId of personIds) {
      const kept = this.kept.get(personId);
      if (kept === undefined) toRead.push(personId);
      else for (const key of kept.months) touched.set(keyOf(key), key);
    }
    for (const ids of chunks(toRead, PERSONS_PER_STATEMENT)) {
      const rows = await trx
        .selectFrom('supervision_person_states')
        .select(['person_id', 'state'])
        .where('person_id', 'in', ids)
        .execute();
      for (const row of rows)
        stored.set(row.person_id, await openState(this.streams, STATES, row.person_id, row.state));
      const before = await trx
        .selectFrom('supervision_cases')
        .select(['measure', 'organisation_id', 'month'])
        .where('person_id', 'in', ids)
        .execute();
      for (const key of before) touched.set(keyOf(key), key);
    }
    return { stored, touched };
  }

  /**
   * Replaces the touched months' counts by counting their cases again (a month left with none disappears): per
   * rule set that judged them, and the month as their sum under the rule set in force for the month.
   */
  private async recount(trx: Transaction<Db>, keys: MonthKey[]): Promise<void> {
    for (const group of chunks(keys, MONTHS_PER_STATEMENT)) {
      const inGroup = (eb: ExpressionBuilder<Db, 'supervision_cases' | MonthTable>) =>
        eb.or(
          group.map((k) =>
            eb.and([
              eb('measure', '=', k.measure),
              eb('organisation_id', '=', k.organisation_id),
              eb('month', '=', k.month),
            ]),
          ),
        );
      const counts = await trx
        .selectFrom('supervision_cases')
        .select((eb) => [
          'measure',
          'organisation_id',
          'month',
          'rule_set_id',
          eb.fn.countAll<number>().as('population'),
          eb.fn.sum<number>('below_required').as('numerator'),
        ])
        .where(inGroup)
        .groupBy(['measure', 'organisation_id', 'month', 'rule_set_id'])
        .execute();
      for (const table of MONTH_TABLES) await trx.deleteFrom(table).where(inGroup).execute();
      const parts: Array<Insertable<SupervisionMonthRuleSetsTable>> = counts.map((c) => ({
        measure: c.measure,
        organisation_id: c.organisation_id,
        month: c.month,
        rule_set_id: c.rule_set_id,
        population: Number(c.population),
        numerator: Number(c.numerator),
      }));
      if (parts.length === 0) continue;
      await trx.insertInto('supervision_month_rule_sets').values(parts).execute();
      await trx.insertInto('supervision_months').values(monthsOf(parts)).execute();
    }
  }
}

type MonthTable = 'supervision_months' | 'supervision_month_rule_sets';
const MONTH_TABLES: readonly MonthTable[] = ['supervision_months', 'supervision_month_rule_sets'];

/**
 * Each month's row from its parts per rule set: their sums, under the rule set in force for the month (a month
 * holds cases only once supervision had begun, so there is one; the parts' own is the fallback).
 */
function monthsOf(
  parts: ReadonlyArray<Insertable<SupervisionMonthRuleSetsTable>>,
): Array<Insertable<SupervisionMonthsTable>> {
  const months = new Map<string, Insertable<SupervisionMonthsTable>>();
  for (const part of parts) {
    const key = keyOf(part);
    const month = months.get(key);
    if (month) {
      month.population += part.population;
      month.numerator += part.numerator;
      continue;
    }
    const inForce = ruleSetForMonth(part.measure as SupervisedMeasure, part.month);
    months.set(key, { ...part, rule_set_id: inForce?.id ?? part.rule_set_id });
  }
  return [...months.values()];
}

/** The table of the sealed states, also what a sealed state is bound to (it opens in no other table). */
const STATES = 'supervision_person_states';

/** Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const PERSONS_PER_STATEMENT = 500;

const CASE_COLUMNS = [
  'person_id',
  'benefit_period_id',
  'measure',
  'organisation_id',
  'month',
  'group_name',
  'interviews_held',
  'rule_set_id',
  'required',
  'below_required',
] as const satisfies ReadonlyArray<keyof SupervisionCasesTable>;
/** Each month key binds 3 parameters in the recount's WHERE. */
const MONTHS_PER_STATEMENT = 300;

function* chunks<T>(items: T[], size: number): Iterable<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** A supervised case as its row. */
function caseRow(personId: string, c: ErasedSupervisedCase): Insertable<SupervisionCasesTable> {
  return {
    person_id: personId,
    benefit_period_id: c.benefitPeriodId,
    measure: c.measure,
    organisation_id: c.organisationId,
    month: c.month,
    group_name: c.group,
    interviews_held: c.interviewsHeld,
    rule_set_id: c.ruleSetId,
    required: c.required,
    below_required: c.belowRequired ? 1 : 0,
  };
}
