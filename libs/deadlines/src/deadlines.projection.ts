import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { AllFilter, EventStore, RecordedEvent } from '@app/event-store';
import {
  contactProcessStream,
  factsByPerson,
  HOUR_PARAMETERS,
  OBLIGATION_STATUSES,
  readModelVersion,
  RULE_SETS,
  RULE_TABLES,
  initialState,
  openState,
  personIdOfStream,
  sealState,
  STATE_SHAPE,
  storedStateOf,
  type ContactProcessState,
  type StateSealing,
} from '@app/contact-process';
import {
  CommittedCache,
  insertRows,
  textType,
  type Projection,
  type WithCheckpoints,
} from '@app/projections';
import type { ContactProcessStatesTable, DeadlinesDatabase, DeadlinesTable } from './deadlines.tables';
import {
  migrateObligationChanges,
  obligationChanges,
  OBLIGATION_CHANGES,
  standingsOf,
  statesAlong,
  writeObligationChanges,
  type ObligationChangesTable,
  type Standing,
  type Standings,
} from './obligation-changes';

/*
 * Obligations are stored time-independent (due, fulfilled, window) and evaluated with every fact known (by
 * standingsOf); their status on a given day is derived at query time (statusAt), so nothing goes stale overnight.
 */
/** Sorts after every real date: obligations still hanging on an hour threshold come last. */
const NO_DUE_DATE = '9999-12-31';

type Db = WithCheckpoints<DeadlinesDatabase>;

/**
 * The stored shape of the deadlines and folded states, kept by hand: raise it when the rows' shape, the folded
 * state or the evaluation code changes. A change of rule data (a rule set, a parameter) needs no raise: it is
 * in the version through DEADLINES_RULE_DATA. Until 11 the whole version was raised by hand (3: Min Plan, …;
 * 11: the folded state sealed under the person's key — see git history). 12: the change log of the obligation
 * feeds (obligation-changes.ts). 13 (#21): a fact is folded into the benefit period it happened in, not the one
 * current when it was recorded; and derived facts follow their sources — the folded state's missed deadlines
 * carry their day due and event (a withdrawal names it), a DerivedFactWithdrawn takes back a handover or a
 * missed deadline; and the person facts are a dated history (#18 item 5).
 */
export const DEADLINES_STORED_SHAPE = 13;

/**
 * What the deadlines are evaluated with: every regime's rule set, parameters and tables, the hour parameters, and
 * the statuses an obligation can take (a new one — #18's `lapsed` — changes what the rows are read as).
 */
export const DEADLINES_RULE_DATA = {
  ruleSets: RULE_SETS,
  tables: RULE_TABLES,
  hours: HOUR_PARAMETERS,
  statuses: OBLIGATION_STATUSES,
  /** Not rule data, but what the stored folded states are read as: a new shape rebuilds them. */
  stateShape: STATE_SHAPE,
};

/** The deadlines read model's version: rebuilt when its stored shape or any rule data it reads changes. */
export const deadlinesSchemaVersion = (ruleData: unknown = DEADLINES_RULE_DATA): number =>
  readModelVersion(DEADLINES_STORED_SHAPE, ruleData);

export class DeadlinesProjection implements Projection<DeadlinesDatabase> {
  readonly name = 'deadlines';
  readonly schemaVersion = deadlinesSchemaVersion();
  readonly tables = ['deadlines', 'contact_process_states', OBLIGATION_CHANGES];
  readonly filter: AllFilter = {
    on: 'stream-name',
    prefixes: [contactProcessStream('')],
    checkpointInterval: 4,
  };

  async migrate(db: Kysely<Db>): Promise<void> {
    // Byte-wise in PostgreSQL as in SQLite: worklist and overview order must not depend on the server's locale.
    const text = textType(db);
    await db.schema
      .createTable('contact_process_states')
      .ifNotExists()
      .addColumn('person_id', text, (c) => c.primaryKey())
      .addColumn('state', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('deadlines')
      .ifNotExists()
      .addColumn('person_id', text, (c) => c.notNull())
      .addColumn('obligation_key', text, (c) => c.notNull())
      .addColumn('rule_id', text, (c) => c.notNull())
      .addColumn('rule_set_id', text, (c) => c.notNull())
      .addColumn('benefit_period_id', text, (c) => c.notNull())
      .addColumn('akasse_id', text, (c) => c.notNull())
      .addColumn('jobcenter_id', text)
      .addColumn('owner', text, (c) => c.notNull())
      .addColumn('due_on', text)
      .addColumn('sort_due', text, (c) => c.notNull())
      .addColumn('actionable', 'integer', (c) => c.notNull())
      .addColumn('fulfilled_on', text)
      .addColumn('window_closes_on', text)
      .addColumn('waived', 'integer', (c) => c.notNull())
      .addColumn('not_applicable', 'integer', (c) => c.notNull())
      .addColumn('hour_threshold', 'real')
      .addColumn('hour_counter', text)
      .addColumn('required', 'integer')
      .addColumn('fulfilled_count', 'integer')
      .addColumn('met_by', text, (c) => c.notNull())
      .addColumn('waived_by', text, (c) => c.notNull())
      .addColumn('legal_reference', text, (c) => c.notNull())
      .addColumn('note', text)
      .addPrimaryKeyConstraint('deadlines_pk', ['person_id', 'obligation_key'])
      .execute();
    // Partial indexes over what someone has to act on, in due order: a worklist page is an index range scan.
    await db.schema
      .createIndex('worklist_by_akasse')
      .ifNotExists()
      .on('deadlines')
      .columns(['akasse_id', 'owner', 'sort_due', 'person_id', 'obligation_key'])
      .where(sql.ref('actionable'), '=', 1)
      .execute();
    await db.schema
      .createIndex('worklist_by_jobcenter')
      .ifNotExists()
      .on('deadlines')
      .columns(['jobcenter_id', 'owner', 'sort_due', 'person_id', 'obligation_key'])
      .where(sql.ref('actionable'), '=', 1)
      .execute();
    await migrateObligationChanges(db as never);
  }

  /**
   * `streams` reads a person's stream when a correction means their facts must be folded again, and seals the
   * folded state under the person's key (what the queries and the sweep read holds their birth date, custody,
   * residence and free texts: it cannot be stripped, so it is never stored readable).
   */
  constructor(private readonly streams: Pick<EventStore, 'readStream'> & StateSealing) {}

  /**
   * Each person's folded state and obligations as the last committed batches wrote them: a person met again (live,
   * most are) is neither read back, opened and parsed nor evaluated again before their next events.
   */
  private readonly kept = new CommittedCache<{ state: ContactProcessState; standings: Standings }>();

  committed(): void {
    this.kept.committed();
  }

  forget(): void {
    this.kept.forget();
  }

  async apply(trx: Transaction<Db>, events: RecordedEvent[]): Promise<void> {
    this.kept.begin();
    const batches = factsByPerson(events);
    if (batches.size === 0) return;

    // One statement of each kind per chunk of persons, not per person.
    const personIds = [...batches.keys()];
    const stored = new Map<string, string | undefined>();
    const toRead = personIds.filter((personId) => this.kept.get(personId) === undefined);
    for (const ids of chunks(toRead, PERSONS_PER_STATEMENT)) {
      const rows = await trx
        .selectFrom('contact_process_states')
        .select(['person_id', 'state'])
        .where('person_id', 'in', ids)
        .execute();
      for (const row of rows)
        stored.set(row.person_id, await openState(this.streams, STATES, row.person_id, row.state));
    }
    const states: Array<Insertable<ContactProcessStatesTable>> = [];
    const rows = new DeadlineRowChanges();
    const changes: Array<Insertable<ObligationChangesTable>> = [];
    const eventsOf = eventsByPerson(events);
    const erased: string[] = [];
    for (const [personId, batch] of batches) {
      const kept = this.kept.get(personId);
      // An erased person's deadlines are purged and never come back, in a rebuild neither.
      // A stored state that no longer opens: the key was destroyed after these events were read.
      if (batch.erased || (stored.has(personId) && stored.get(personId) === undefined)) {
        erased.push(personId);
        this.kept.delete(personId);
        continue;
      }
      const storedState = stored.get(personId);
      // null: a state of another shape, which statesAlong folds again from the stream rather than read.
      const before = kept ? kept.state : storedState === undefined ? undefined : storedStateOf(storedState);
      // State after each event, not only the batch's last: the feed's changes do not depend on how it was batched.
      const along = await statesAlong(personId, eventsOf.get(personId) ?? [], before, this.streams);
      const state = along[along.length - 1].state;
      // A state of another shape never meets a model of this version (its version includes STATE_SHAPE, so it
      // was rebuilt from nothing); were it met, the changes are taken from the empty state.
      const standingBefore = kept ? kept.standings : standingsOf(before ?? initialState());
      const { rows: personChanges, after } = obligationChanges(personId, standingBefore, along);
      // Sealing fails once the key is destroyed (after these events were read): purged, as when it does not open.
      const sealed = await sealState(this.streams, STATES, personId, state);
      if (sealed === undefined) {
        erased.push(personId);
        this.kept.delete(personId);
        continue;
      }
      changes.push(...personChanges);
      states.push({ person_id: personId, state: sealed });
      this.kept.set(personId, { state, standings: after });
      // The rows stored are those of the stored state's obligations; of a state of another shape, unknown.
      rows.add(personId, before === null ? undefined : standingBefore, after);
    }

    for (const rows of chunks(states, PERSONS_PER_STATEMENT))
      await insertRows(trx, 'contact_process_states', ['person_id', 'state'], rows, {
        key: ['person_id'],
        update: ['state'],
      });
    for (const ids of chunks(erased, PERSONS_PER_STATEMENT))
      await trx.deleteFrom('contact_process_states').where('person_id', 'in', ids).execute();
    await rows.write(trx, erased);
    await writeObligationChanges(trx as never, changes, erased);
  }
}

/**
 * The deadlines rows a batch changes, found by comparing each person's obligations after it with those the rows
 * were written from (the stored state's): only a row that differs is written, only a row whose obligation is gone
 * is deleted — not every row of every person the batch touched deleted and inserted again.
 */
class DeadlineRowChanges {
  private readonly upserts: Array<Insertable<DeadlinesTable>> = [];
  /** Per person, the keys of obligations they no longer have. */
  private readonly gone = new Map<string, string[]>();
  /** Persons whose stored rows are unknown: all of them deleted, then all of theirs written. */
  private readonly replaced: string[] = [];

  /** `before` undefined: the rows stored for the person are not known (a state of another shape). */
  add(personId: string, before: Standings | undefined, after: Standings): void {
    if (before === undefined) this.replaced.push(personId);
    for (const [key, standing] of after) {
      const row = deadlineRow(personId, standing);
      const was = before?.get(key);
      if (was === undefined || !sameRow(deadlineRow(personId, was), row)) this.upserts.push(row);
    }
    const gone = before ? [...before.keys()].filter((key) => !after.has(key)) : [];
    if (gone.length > 0) this.gone.set(personId, gone);
  }

  async write(trx: Transaction<Db>, erased: readonly string[]): Promise<void> {
    for (const ids of chunks([...erased, ...this.replaced], PERSONS_PER_STATEMENT))
      await trx.deleteFrom('deadlines').where('person_id', 'in', ids).execute();
    for (const [personId, keys] of this.gone)
      for (const some of chunks(keys, PERSONS_PER_STATEMENT))
        await trx
          .deleteFrom('deadlines')
          .where('person_id', '=', personId)
          .where('obligation_key', 'in', some)
          .execute();
    for (const rows of chunks(this.upserts, DEADLINES_PER_STATEMENT))
      await insertRows(trx, 'deadlines', [...DEADLINE_KEY, ...DEADLINE_COLUMNS], rows, {
        key: DEADLINE_KEY,
        update: DEADLINE_COLUMNS,
      });
  }
}

const DEADLINE_KEY = ['person_id', 'obligation_key'] as const;
/** The columns a row's update sets: all but its key. */
const DEADLINE_COLUMNS = [
  'rule_id',
  'rule_set_id',
  'benefit_period_id',
  'akasse_id',
  'jobcenter_id',
  'owner',
  'due_on',
  'sort_due',
  'actionable',
  'fulfilled_on',
  'window_closes_on',
  'waived',
  'not_applicable',
  'hour_threshold',
  'hour_counter',
  'required',
  'fulfilled_count',
  'met_by',
  'waived_by',
  'legal_reference',
  'note',
] as const satisfies ReadonlyArray<Exclude<keyof DeadlinesTable, 'person_id' | 'obligation_key'>>;

function sameRow(a: Insertable<DeadlinesTable>, b: Insertable<DeadlinesTable>): boolean {
  return DEADLINE_COLUMNS.every((column) => a[column] === b[column]);
}

/** The table of the sealed states, also what a sealed state is bound to (it opens in no other table). */
export const STATES = 'contact_process_states';

/** Rows per statement: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters (a deadline row binds 23). */
const PERSONS_PER_STATEMENT = 500;
const DEADLINES_PER_STATEMENT = 500;

/** The batch's events per person's contact-process stream, in order. */
function eventsByPerson(events: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byPerson = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const personId = personIdOfStream(event.streamName);
    if (personId === undefined) continue;
    const list = byPerson.get(personId);
    if (list) list.push(event);
    else byPerson.set(personId, [event]);
  }
  return byPerson;
}

function* chunks<T>(items: T[], size: number): Iterable<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function deadlineRow(personId: string, standing: Standing): Insertable<DeadlinesTable> {
  const o = standing.obligation;
  return {
    person_id: personId,
    obligation_key: o.key,
    rule_id: o.ruleId,
    rule_set_id: o.ruleSetId,
    benefit_period_id: o.benefitPeriodId,
    akasse_id: standing.akasseId,
    jobcenter_id: standing.jobcenterId,
    owner: o.owner,
    due_on: o.dueOn,
    sort_due: o.dueOn ?? NO_DUE_DATE,
    actionable: o.fulfilledOn === null && !o.waived && !o.notApplicable ? 1 : 0,
    fulfilled_on: o.fulfilledOn,
    window_closes_on: o.windowClosesOn,
    waived: o.waived ? 1 : 0,
    not_applicable: o.notApplicable ? 1 : 0,
    hour_threshold: o.hourThreshold?.hours ?? null,
    hour_counter: o.hourThreshold?.counter ?? null,
    required: o.required,
    fulfilled_count: o.fulfilledCount,
    met_by: JSON.stringify(o.metBy),
    waived_by: JSON.stringify(o.waivedBy),
    legal_reference: o.legalReference,
    note: o.note,
  };
}
