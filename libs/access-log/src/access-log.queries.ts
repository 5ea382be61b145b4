import type { Kysely } from 'kysely';
import type { Actor } from '@app/event-store';
import type { AccessLogEntry } from './access-log.events';
import type { AccessLogReadModel } from './access-log.tables';

/** "Who read this person's data, when and why": their entries, oldest first. */
export class AccessLogQueries {
  constructor(private readonly db: Kysely<AccessLogReadModel>) {}

  async entriesOf(personId: string): Promise<AccessLogEntry[]> {
    const rows = await this.db
      .selectFrom('person_reads')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('position')
      .orderBy('event_id')
      .execute();
    return rows.map((row) => ({
      readAt: row.read_at,
      by: JSON.parse(row.actor) as Actor,
      endpoint: row.endpoint,
      purpose: row.purpose,
      basis: row.basis,
      ruleId: row.rule_id,
      jobOrderId: row.job_order_id,
    }));
  }
}
