import type { Insertable, Kysely, Transaction } from 'kysely';
import { type AllFilter, type RecordedEvent } from '@app/event-store';
import { textType, type Projection, type WithCheckpoints } from '@app/projections';
import {
  PER_PERSON_VERSION,
  PER_REQUEST_VERSION,
  PERSON_DATA_READ,
  personAccessLogStream,
  type PersonDataRead,
  type PersonsDataRead,
} from './access-log.events';
import type { AccessLogDatabase, PersonReadsTable } from './access-log.tables';

type Db = WithCheckpoints<AccessLogDatabase>;

/** Rows per statement: 10 parameters a row, far under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1000;

/** Commit positions as 20-digit text: ordered the same as numbers, in SQLite and PostgreSQL alike. */
export const positionKey = (commit: bigint): string => commit.toString().padStart(20, '0');

/**
 * The access log per person, from both shapes of its events: version 1 (one event per person, the person in the
 * stream's name) and version 2 (one event per request, the persons in its data). Nothing is derived but the
 * fan-out, so a version-2 event of a worklist page becomes one row for each person listed.
 */
export class AccessLogProjection implements Projection<AccessLogDatabase> {
  readonly name = 'access_log';
  /** 1: person_reads from PersonDataRead v1 and v2. */
  readonly schemaVersion = 1;
  readonly tables = ['person_reads'];
  readonly filter: AllFilter = {
    on: 'event-type',
    // `PersonDataRead.v1`, `.v2`, and any later version (which apply refuses until it is taught it).
    prefixes: [`${PERSON_DATA_READ}.v`],
    checkpointInterval: 4,
  };

  async migrate(db: Kysely<Db>): Promise<void> {
    const text = textType(db);
    await db.schema
      .createTable('person_reads')
      .ifNotExists()
      .addColumn('person_id', text, (c) => c.notNull())
      .addColumn('position', text, (c) => c.notNull())
      .addColumn('event_id', text, (c) => c.notNull())
      .addColumn('read_at', text, (c) => c.notNull())
      .addColumn('actor', text, (c) => c.notNull())
      .addColumn('endpoint', text, (c) => c.notNull())
      .addColumn('purpose', text)
      .addColumn('basis', text, (c) => c.notNull())
      .addColumn('rule_id', text)
      .addColumn('job_order_id', text)
      // A person's log in order; one row per person per event, even were an event applied twice.
      .addPrimaryKeyConstraint('person_reads_pk', ['person_id', 'position', 'event_id'])
      .execute();
  }

  async apply(trx: Transaction<Db>, events: RecordedEvent[]): Promise<void> {
    const rows = events.flatMap(rowsOf);
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
      await trx
        .insertInto('person_reads')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
}

/** One row per person the event names; none for an event not written through the library (no actor). */
function rowsOf(event: RecordedEvent): Insertable<PersonReadsTable>[] {
  if (event.type !== PERSON_DATA_READ || !event.metadata) return [];
  const data = event.data as PersonDataRead & Partial<Pick<PersonsDataRead, 'personIds'>>;
  const read = {
    position: positionKey(event.position.commit),
    event_id: event.metadata.eventId,
    read_at: event.recordedAt.toISOString(),
    actor: JSON.stringify(event.metadata.actor),
    endpoint: data.endpoint,
    purpose: data.purpose,
    basis: data.basis,
    rule_id: data.ruleId,
    job_order_id: data.jobOrderId,
  };
  return personsOf(event, data).map((person_id) => ({ person_id, ...read }));
}

/** Version 1: the person whose stream it is; version 2: the persons it names. */
function personsOf(event: RecordedEvent, data: { personIds?: unknown }): string[] {
  if (event.schemaVersion === PER_PERSON_VERSION) {
    const prefix = personAccessLogStream('');
    if (!event.streamName.startsWith(prefix))
      throw new Error(`${PERSON_DATA_READ}.v1 outside a person's access-log stream: ${event.streamName}`);
    return [event.streamName.slice(prefix.length)];
  }
  if (event.schemaVersion !== PER_REQUEST_VERSION)
    throw new Error(`${PERSON_DATA_READ}.v${event.schemaVersion} is not a version this projection reads`);
  if (!Array.isArray(data.personIds) || !data.personIds.every((id) => typeof id === 'string'))
    throw new Error(
      `${PERSON_DATA_READ}.v${event.schemaVersion} at ${event.position.commit}: data.personIds must be a list of person ids`,
    );
  return [...new Set(data.personIds as string[])];
}
