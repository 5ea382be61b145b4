import { sql, type Kysely, type Selectable } from 'kysely';
import {
  contactProcessOwners,
  type ContactProcessOwnership,
  evaluateObligations,
  explainRegime,
  type RegimeChoice,
  openState,
  storedStateOf,
  statusAt,
  type ContactProcessState,
  type Obligation,
  type ObligationOwner,
  type ObligationStatus,
  type StateSealing,
} from '@app/contact-process';
import { addDays, type LocalDate } from '@app/legal-time';
import { STATES } from './deadlines.projection';
import type { DeadlinesReadModel, DeadlinesTable } from './deadlines.tables';

export interface DeadlineView {
  obligationKey: string;
  ruleId: string;
  ruleSetId: string;
  benefitPeriodId: string;
  owner: ObligationOwner;
  dueOn: LocalDate | null;
  hourThreshold: { hours: number; counter: string } | null;
  required: number | null;
  fulfilledCount: number | null;
  status: ObligationStatus;
  metBy: string[];
  waivedBy: string[];
  legalReference: string;
  note: string | null;
}

export interface WorklistItem extends DeadlineView {
  personId: string;
  akasseId: string;
  jobcenterId: string | null;
}

export type WorklistKind = 'open' | 'overdue' | 'due-within';

export interface WorklistQuery {
  organisation: 'akasse' | 'jobcenter';
  organisationId: string;
  kind: WorklistKind;
  /** For 'due-within': due from today to today + days. */
  days?: number;
  today: LocalDate;
  limit: number;
  offset: number;
}

/** An obligation as the API shows it (the same shape whether read from rows or replayed). */
export function deadlineView(o: Obligation): DeadlineView {
  return {
    obligationKey: o.key,
    ruleId: o.ruleId,
    ruleSetId: o.ruleSetId,
    benefitPeriodId: o.benefitPeriodId,
    owner: o.owner,
    dueOn: o.dueOn,
    hourThreshold: o.hourThreshold,
    required: o.required,
    fulfilledCount: o.fulfilledCount,
    status: o.status,
    metBy: o.metBy,
    waivedBy: o.waivedBy,
    legalReference: o.legalReference,
    note: o.note,
  };
}

function toView(row: Selectable<DeadlinesTable>, today: LocalDate): WorklistItem {
  const fields = {
    dueOn: row.due_on as LocalDate | null,
    fulfilledOn: row.fulfilled_on as LocalDate | null,
    windowClosesOn: row.window_closes_on as LocalDate | null,
    waived: row.waived === 1,
    notApplicable: row.not_applicable === 1,
    owner: row.owner as ObligationOwner,
  };
  return {
    personId: row.person_id,
    akasseId: row.akasse_id,
    jobcenterId: row.jobcenter_id,
    obligationKey: row.obligation_key,
    ruleId: row.rule_id,
    ruleSetId: row.rule_set_id,
    benefitPeriodId: row.benefit_period_id,
    owner: fields.owner,
    dueOn: fields.dueOn,
    hourThreshold:
      row.hour_threshold === null ? null : { hours: row.hour_threshold, counter: row.hour_counter ?? '' },
    required: row.required,
    fulfilledCount: row.fulfilled_count,
    status: statusAt(fields, today),
    metBy: JSON.parse(row.met_by) as string[],
    waivedBy: JSON.parse(row.waived_by) as string[],
    legalReference: row.legal_reference,
    note: row.note,
  };
}

/** A row as one person's deadline: without the person and organisations a worklist item names. */
function personDeadlineOf(row: Selectable<DeadlinesTable>, today: LocalDate): DeadlineView {
  const { personId: _p, akasseId: _a, jobcenterId: _j, ...view } = toView(row, today);
  return view;
}

/** Which regime governs each of the person's benefit periods on `asOf`, and why. */
const regimesOf = (state: ContactProcessState, asOf: LocalDate) =>
  state.periods.map((p) => ({ benefitPeriodId: p.benefitPeriodId, ...explainRegime(state, p, asOf) }));

export class DeadlinesQueries {
  /** `sealing` opens the folded states, stored sealed under each person's key (see DeadlinesProjection). */
  constructor(
    private readonly db: Kysely<DeadlinesReadModel>,
    private readonly sealing: Pick<StateSealing, 'openPersonal'>,
  ) {}

  /** The person's row of folded state: undefined for none; `state` undefined once erased (their key destroyed). */
  private async stateRow(personId: string): Promise<{ state: ContactProcessState | undefined } | undefined> {
    const row = await this.db
      .selectFrom('contact_process_states')
      .select('state')
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!row) return undefined;
    const opened = await openState(this.sealing, STATES, personId, row.state);
    if (opened === undefined) return { state: undefined };
    const state = storedStateOf(opened);
    // The read model's version includes STATE_SHAPE: a state of another shape means a model not yet rebuilt.
    if (!state) throw new Error(`the deadlines read model holds ${personId}'s state in another shape`);
    return { state };
  }

  /** The person's folded state; undefined for no facts, or once erased (their key destroyed). */
  private async stateOf(personId: string): Promise<ContactProcessState | undefined> {
    return (await this.stateRow(personId))?.state;
  }

  private deadlineRows(personId: string): Promise<Selectable<DeadlinesTable>[]> {
    return this.db
      .selectFrom('deadlines')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('obligation_key')
      .execute();
  }

  /**
   * What `forPerson`, `regimes` and `owners` answer together, from one read of the person's state (opened once)
   * and, without `asOf`, of their rows: the deadlines, each period's regime and its contact process's owner on
   * `asOf` (default `today`). Undefined for an unknown person.
   */
  async personView(
    personId: string,
    options: { today: LocalDate; asOf?: LocalDate },
  ): Promise<
    | {
        deadlines: DeadlineView[];
        regimes: Array<RegimeChoice & { benefitPeriodId: string }> | undefined;
        owners: Array<ContactProcessOwnership & { benefitPeriodId: string }>;
      }
    | undefined
  > {
    const found = await this.stateRow(personId);
    const state = found?.state;
    const asOf = options.asOf ?? options.today;
    let deadlines: DeadlineView[];
    if (options.asOf !== undefined) {
      if (!state) return undefined;
      deadlines = evaluateObligations(state, asOf).map(deadlineView);
    } else {
      const rows = await this.deadlineRows(personId);
      if (rows.length === 0 && !found) return undefined;
      deadlines = rows.map((r) => personDeadlineOf(r, options.today));
    }
    return {
      deadlines,
      regimes: state && regimesOf(state, asOf),
      owners: state ? contactProcessOwners(state, asOf) : [],
    };
  }

  /**
   * A person's deadlines: as the read model holds them, with statuses for `today`; or, with `asOf`, evaluated
   * by the same rules over only the facts that had happened by that day. Undefined for an unknown person.
   */
  /** Which regime governs each of the person's benefit periods on `asOf`, and why; undefined for no facts. */
  async regimes(
    personId: string,
    asOf: LocalDate,
  ): Promise<Array<RegimeChoice & { benefitPeriodId: string }> | undefined> {
    const state = await this.stateOf(personId);
    return state && regimesOf(state, asOf);
  }

  /** Who holds each of the person's benefit periods' contact process on `asOf`, since when and why. */
  async owners(
    personId: string,
    asOf: LocalDate,
  ): Promise<Array<ContactProcessOwnership & { benefitPeriodId: string }> | undefined> {
    const state = await this.stateOf(personId);
    return state && contactProcessOwners(state, asOf);
  }

  async forPerson(
    personId: string,
    options: { today: LocalDate; asOf?: LocalDate },
  ): Promise<DeadlineView[] | undefined> {
    if (options.asOf !== undefined) {
      const state = await this.stateOf(personId);
      if (!state) return undefined;
      return evaluateObligations(state, options.asOf).map(deadlineView);
    }
    const rows = await this.deadlineRows(personId);
    if (rows.length === 0) {
      const known = await this.db
        .selectFrom('contact_process_states')
        .select('person_id')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      if (!known) return undefined;
    }
    return rows.map((r) => personDeadlineOf(r, options.today));
  }

  /** Open, overdue or soon-due obligations of one a-kasse or jobcentre, sorted by due date, paged. */
  async worklist(query: WorklistQuery): Promise<{ items: WorklistItem[]; total: number }> {
    const { today } = query;
    let q = this.db
      .selectFrom('deadlines')
      .where(query.organisation === 'akasse' ? 'akasse_id' : 'jobcenter_id', '=', query.organisationId)
      .where('owner', '=', query.organisation)
      // A literal, not a bound parameter: only then can the planner use the partial worklist indexes.
      .where(sql<boolean>`actionable = 1`);
    switch (query.kind) {
      case 'open':
        // An obligation still hanging on an hour threshold sorts as 9999-12-31: open, listed last.
        q = q.where('sort_due', '>=', today);
        break;
      case 'due-within':
        q = q.where('sort_due', '>=', today).where('sort_due', '<=', addDays(today, query.days ?? 7));
        break;
      case 'overdue':
        q = q
          .where('sort_due', '<', today)
          .where((eb) => eb.or([eb('window_closes_on', 'is', null), eb('window_closes_on', '>=', today)]));
        break;
    }
    const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
    const rows = await q
      .selectAll()
      .orderBy('sort_due')
      .orderBy('person_id')
      .orderBy('obligation_key')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { items: rows.map((r) => toView(r, today)), total: Number(total) };
  }
}
