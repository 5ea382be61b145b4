/**
 * The change log behind the obligation feeds (`GET /feeds/akasser/{id}/obligations`): each change of an
 * obligation, derived event by event — the obligations after an event compared with those before it — and
 * written by the deadlines projection in the transaction that writes the read model and its checkpoint, so the
 * log never runs ahead of or behind the deadlines it describes.
 *
 * An entry's place is the position in `$all` of the event that caused it and its ordinal among that event's
 * changes. Derived per event (not per batch), the log is the same however the events were batched: a rebuild, a
 * new generation or another instance derives the same entries at the same places, so a follower's cursor stays
 * good across them.
 */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import {
  contactProcessStream,
  evaluateObligations,
  evolve,
  factsOf,
  foldRecorded,
  initialState,
  isContactProcessEvent,
  isCorrection,
  statusAt,
  type ContactProcessState,
  type Obligation,
} from '@app/contact-process';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { localDate, type LocalDate } from '@app/legal-time';
import { insertRows, textType, type WithCheckpoints } from '@app/projections';

export const OBLIGATION_CHANGE_KINDS = [
  'opened',
  'due-soon',
  'met',
  'waived',
  'overdue',
  'missed',
  'moved',
  'due-date-changed',
  'reopened',
  'withdrawn',
] as const;
export type ObligationChangeKind = (typeof OBLIGATION_CHANGE_KINDS)[number];

export interface ObligationChangesTable {
  /** The causing event's commit position, zero-padded to 20 digits: text that sorts as the number does. */
  position: string;
  ordinal: number;
  event_id: string | null;
  recorded_at: string;
  person_id: string;
  obligation_key: string;
  rule_id: string;
  kind: ObligationChangeKind;
  owner: string;
  akasse_id: string;
  jobcenter_id: string | null;
  due_on: string | null;
  fulfilled_on: string | null;
  /** Before a move (kind `moved`): who had it; the feed of either organisation shows the move. */
  previous_owner: string | null;
  previous_akasse_id: string | null;
  previous_jobcenter_id: string | null;
}

export interface ObligationChangesDatabase {
  obligation_changes: ObligationChangesTable;
}

export const OBLIGATION_CHANGES = 'obligation_changes';

/** Obligations are compared with every fact known, as the deadlines table stores them. */
const ALL_FACTS = localDate('9999-12-31');

export async function migrateObligationChanges(db: Kysely<WithCheckpoints<ObligationChangesDatabase>>) {
  const text = textType(db);
  await db.schema
    .createTable(OBLIGATION_CHANGES)
    .ifNotExists()
    .addColumn('position', text, (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('event_id', text)
    .addColumn('recorded_at', text, (c) => c.notNull())
    .addColumn('person_id', text, (c) => c.notNull())
    .addColumn('obligation_key', text, (c) => c.notNull())
    .addColumn('rule_id', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('owner', text, (c) => c.notNull())
    .addColumn('akasse_id', text, (c) => c.notNull())
    .addColumn('jobcenter_id', text)
    .addColumn('due_on', text)
    .addColumn('fulfilled_on', text)
    .addColumn('previous_owner', text)
    .addColumn('previous_akasse_id', text)
    .addColumn('previous_jobcenter_id', text)
    .addPrimaryKeyConstraint('obligation_changes_pk', ['position', 'ordinal'])
    .execute();
  // A feed page is a range scan per organisation column (a move also shows in the previous organisation's feed).
  for (const column of ['akasse_id', 'jobcenter_id', 'previous_akasse_id', 'previous_jobcenter_id'] as const)
    await db.schema
      .createIndex(`obligation_changes_by_${column}`)
      .ifNotExists()
      .on(OBLIGATION_CHANGES)
      .columns([column, 'position', 'ordinal'])
      .execute();
  await db.schema
    .createIndex('obligation_changes_by_person')
    .ifNotExists()
    .on(OBLIGATION_CHANGES)
    .column('person_id')
    .execute();
}

/** What a change entry says of an obligation: where it stands and who has it (and the obligation itself). */
export interface Standing {
  ruleId: string;
  owner: string;
  akasseId: string;
  jobcenterId: string | null;
  dueOn: string | null;
  fulfilledOn: string | null;
  waived: boolean;
  live: boolean;
  obligation: Obligation;
}

/** A state's obligations by key, in evaluation order, each with where it stands and who has it. */
export type Standings = ReadonlyMap<string, Standing>;

export function standingsOf(state: ContactProcessState): Standings {
  const byKey = new Map<string, Standing>();
  for (const o of evaluateObligations(state, ALL_FACTS)) {
    const period = state.periods.find((p) => p.benefitPeriodId === o.benefitPeriodId)!;
    const registration = period.registrations[period.registrations.length - 1];
    byKey.set(o.key, {
      ruleId: o.ruleId,
      owner: o.owner,
      akasseId: period.akasseId,
      jobcenterId: registration?.jobcenterId ?? null,
      dueOn: o.dueOn,
      fulfilledOn: o.fulfilledOn,
      waived: o.waived,
      live: !o.notApplicable,
      obligation: o,
    });
  }
  return byKey;
}

/** The kinds of change from `before` to `after` of one obligation (either may be absent). */
function kindsOf(before: Standing | undefined, after: Standing | undefined): ObligationChangeKind[] {
  const wasLive = before?.live === true;
  const isLive = after?.live === true;
  if (!wasLive && isLive) return ['opened', ...(after!.fulfilledOn ? (['met'] as const) : [])];
  if (wasLive && !isLive) return ['withdrawn'];
  if (!wasLive || !before || !after) return [];
  const kinds: ObligationChangeKind[] = [];
  if (
    before.owner !== after.owner ||
    before.akasseId !== after.akasseId ||
    before.jobcenterId !== after.jobcenterId
  )
    kinds.push('moved');
  if (before.dueOn !== after.dueOn) kinds.push('due-date-changed');
  if (!before.fulfilledOn && after.fulfilledOn) kinds.push('met');
  if (!before.waived && after.waived) kinds.push('waived');
  if ((before.fulfilledOn && !after.fulfilledOn) || (before.waived && !after.waived)) kinds.push('reopened');
  return kinds;
}

/**
 * A person's events of one batch, in order, with their states after each: by `evolve` from the stored state, or —
 * once a correction is among them — by folding the stream up to each event (a correction rewrites the past, so
 * the state after it is the fold, as the deadlines projection stores it).
 */
export async function statesAlong(
  personId: string,
  events: readonly RecordedEvent[],
  stored: ContactProcessState | undefined | null,
  streams: Pick<EventStore, 'readStream'>,
): Promise<Array<{ event: RecordedEvent; state: ContactProcessState }>> {
  const relevant = events.filter((e) => isContactProcessEvent(e.type, e.schemaVersion));
  const facts = factsOf(relevant);
  const along: Array<{ event: RecordedEvent; state: ContactProcessState }> = [];
  // After a correction, or from a stored state of another shape (null): the stream folded again.
  if (stored === null || facts.some(isCorrection)) {
    const last = relevant[relevant.length - 1].revision;
    const stream = await streams.readStream(contactProcessStream(personId), { maxCount: Number(last) + 1 });
    for (const event of relevant)
      along.push({ event, state: foldRecorded(stream.filter((e) => e.revision <= event.revision)) });
    return along;
  }
  let state = stored ?? initialState();
  facts.forEach((fact, i) => {
    state = evolve(state, fact);
    along.push({ event: relevant[i], state });
  });
  return along;
}

/**
 * The system's own records, which no comparison of states shows: that a deadline passed unmet (DeadlineMissed:
 * overdue while it can still be met, else missed), or came within the organisation's reminder window
 * (DeadlineDueSoon: `due-soon`, while the obligation is still open on that due day). Both are stored events, so
 * the entries fall at their positions whatever day the log is rebuilt on.
 */
function systemEntryOf(
  event: RecordedEvent,
  next: Standings,
): { key: string; kind: ObligationChangeKind; is: Standing } | undefined {
  if (event.type !== 'DeadlineMissed' && event.type !== 'DeadlineDueSoon') return undefined;
  const {
    obligationKey: key,
    detectedOn,
    dueOn,
  } = event.data as {
    obligationKey: string;
    detectedOn: LocalDate;
    dueOn: LocalDate;
  };
  const is = next.get(key);
  if (!is?.live) return undefined;
  if (event.type === 'DeadlineMissed')
    return { key, kind: statusAt(is.obligation, detectedOn) === 'missed' ? 'missed' : 'overdue', is };
  return statusAt(is.obligation, detectedOn) === 'open' && is.dueOn === dueOn
    ? { key, kind: 'due-soon', is }
    : undefined;
}

/**
 * The change entries of one person's events, given their obligations before the first (`standingsOf`) and their
 * state after each; with the obligations after the last, which the deadlines rows are written from (each state's
 * obligations evaluated once).
 */
export function obligationChanges(
  personId: string,
  before: Standings,
  along: ReadonlyArray<{ event: RecordedEvent; state: ContactProcessState }>,
): { rows: Array<Insertable<ObligationChangesTable>>; after: Standings } {
  const rows: Array<Insertable<ObligationChangesTable>> = [];
  let previous = before;
  for (const { event, state } of along) {
    const next = standingsOf(state);
    const entries: Array<{ key: string; kind: ObligationChangeKind; was?: Standing; is: Standing }> = [];
    const keys = [...next.keys()];
    for (const key of previous.keys()) if (!next.has(key)) keys.push(key);
    for (const key of keys.sort()) {
      const was = previous.get(key);
      const is = next.get(key);
      for (const kind of kindsOf(was, is)) entries.push({ key, kind, was, is: (is ?? was)! });
    }
    // The system's own record that a deadline passed unmet: overdue while it can still be met, else missed.
    const systemEntry = systemEntryOf(event, next);
    if (systemEntry) entries.push(systemEntry);
    entries.forEach(({ key, kind, was, is }, ordinal) =>
      rows.push({
        position: positionText(event.position.commit),
        ordinal,
        event_id: event.metadata?.eventId ?? null,
        recorded_at: event.recordedAt.toISOString(),
        person_id: personId,
        obligation_key: key,
        rule_id: is.ruleId,
        kind,
        owner: is.owner,
        akasse_id: is.akasseId,
        jobcenter_id: is.jobcenterId,
        due_on: is.dueOn,
        fulfilled_on: is.fulfilledOn,
        previous_owner: kind === 'moved' ? was!.owner : null,
        previous_akasse_id: kind === 'moved' ? was!.akasseId : null,
        previous_jobcenter_id: kind === 'moved' ? was!.jobcenterId : null,
      }),
    );
    previous = next;
  }
  return { rows, after: previous };
}

/** Commit positions as text of one width, so text order is number order in SQLite and PostgreSQL alike. */
export const positionText = (commit: bigint): string => commit.toString().padStart(20, '0');

/** Writes the entries (in statements under both databases' bound-parameter limits) and purges erased persons'. */
export async function writeObligationChanges(
  trx: Transaction<WithCheckpoints<ObligationChangesDatabase>>,
  rows: Array<Insertable<ObligationChangesTable>>,
  erased: string[],
): Promise<void> {
  for (let i = 0; i < erased.length; i += 500)
    await trx
      .deleteFrom(OBLIGATION_CHANGES)
      .where('person_id', 'in', erased.slice(i, i + 500))
      .execute();
  for (let i = 0; i < rows.length; i += 1000)
    await insertRows(trx, OBLIGATION_CHANGES, CHANGE_COLUMNS, rows.slice(i, i + 1000));
}

const CHANGE_COLUMNS = [
  'position',
  'ordinal',
  'event_id',
  'recorded_at',
  'person_id',
  'obligation_key',
  'rule_id',
  'kind',
  'owner',
  'akasse_id',
  'jobcenter_id',
  'due_on',
  'fulfilled_on',
  'previous_owner',
  'previous_akasse_id',
  'previous_jobcenter_id',
] as const satisfies ReadonlyArray<keyof ObligationChangesTable>;

export type ObligationChangeRow = Selectable<ObligationChangesTable>;

/** Where a follower stands in the change log: after the entry at this place. */
export interface FeedCursor {
  position: string;
  ordinal: number;
}

/** Opaque to callers (they hand back what they were given), stable across rebuilds: `v1.<position>.<ordinal>`. */
export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(`v1.${cursor.position}.${cursor.ordinal}`).toString('base64url');
}

/** The cursor `text` names, or undefined when it is not one this service gave out. */
export function decodeCursor(text: string): FeedCursor | undefined {
  const match = /^v1\.(\d{20})\.(\d{1,6})$/.exec(Buffer.from(text, 'base64url').toString());
  return match ? { position: match[1], ordinal: Number(match[2]) } : undefined;
}

export interface ObligationChangeView {
  cursor: string;
  kind: ObligationChangeKind;
  personId: string;
  obligationKey: string;
  ruleId: string;
  owner: string;
  akasseId: string;
  jobcenterId: string | null;
  dueOn: string | null;
  fulfilledOn: string | null;
  previous: { owner: string; akasseId: string; jobcenterId: string | null } | null;
  eventId: string | null;
  recordedAt: string;
}

/** The organisation's changes after `after` (from the start when absent), in log order, at most `limit`. */
export async function obligationFeedPage(
  db: Kysely<ObligationChangesDatabase>,
  query: { organisation: 'akasse' | 'jobcenter'; organisationId: string; after?: FeedCursor; limit: number },
): Promise<ObligationChangeView[]> {
  const [current, previous] =
    query.organisation === 'akasse'
      ? (['akasse_id', 'previous_akasse_id'] as const)
      : (['jobcenter_id', 'previous_jobcenter_id'] as const);
  const after = query.after;
  const rows = await db
    .selectFrom(OBLIGATION_CHANGES)
    .selectAll()
    .where((eb) => eb.or([eb(current, '=', query.organisationId), eb(previous, '=', query.organisationId)]))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('position', '>', after!.position),
          eb.and([eb('position', '=', after!.position), eb('ordinal', '>', after!.ordinal)]),
        ]),
      ),
    )
    .orderBy('position')
    .orderBy('ordinal')
    .limit(query.limit)
    .execute();
  return rows.map((row) => ({
    cursor: encodeCursor({ position: row.position, ordinal: row.ordinal }),
    kind: row.kind,
    personId: row.person_id,
    obligationKey: row.obligation_key,
    ruleId: row.rule_id,
    owner: row.owner,
    akasseId: row.akasse_id,
    jobcenterId: row.jobcenter_id,
    dueOn: row.due_on,
    fulfilledOn: row.fulfilled_on,
    previous:
      row.kind === 'moved'
        ? {
            owner: row.previous_owner!,
            akasseId: row.previous_akasse_id!,
            jobcenterId: row.previous_jobcenter_id,
          }
        : null,
    eventId: row.event_id,
    recordedAt: row.recorded_at,
  }));
}
