import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  dayAccessLogStream,
  PER_REQUEST_VERSION,
  PERSON_DATA_READ,
  type AccessLogEntry,
  type PersonsDataRead,
} from '@app/access-log';
import { EventStore, type Position } from '@app/event-store';
import { copenhagenDateOf, type Clock } from '@app/legal-time';
import { unavailable } from '../common/api-error';
import { MIN_POSITION_WAIT_MS } from '../common/min-position';
import { AccessLogReadSide } from './access-log.read-side';
import { CoalescingAppender } from './coalescing-appender';
import { Metrics } from '../observability/metrics';
import type { Caller } from './caller';
import { currentCorrelationId } from '../observability/correlation';

export const ACCESS_CLOCK = Symbol('ACCESS_CLOCK');

/** Every event type the access log appends (the ingest bench counts its share of `$all` by them). */
export const ACCESS_LOG_EVENT_TYPES: readonly string[] = [PERSON_DATA_READ];

/**
 * The access log: one event per request that returned persons' data, naming each of them, in the day's stream
 * (`access-log:<YYYY-MM-DD>`, Copenhagen day); each person's entries are answered from the access-log read
 * model, which also holds the per-person events stored before (docs/access-and-personal-data.md).
 */
@Injectable()
export class AccessLog {
  /** The newest read this instance logged: a listing waits until the read model includes it. */
  private newest: Position | undefined;
  /** Concurrent requests' entries share an append (one round trip, one commit of the store). */
  private readonly appender: CoalescingAppender;

  constructor(
    private readonly store: EventStore,
    @Inject(ACCESS_CLOCK) private readonly clock: Clock,
    private readonly readSide: AccessLogReadSide,
    private readonly metrics: Metrics,
  ) {
    this.appender = new CoalescingAppender(store);
  }

  /** Appends one entry naming every person read; the data is returned only once it is stored. */
  async recordRead(
    caller: Caller,
    personIds: string[],
    grant: { basis: string; ruleId: string | null },
  ): Promise<void> {
    const persons = [...new Set(personIds)];
    if (persons.length === 0) return; // an empty page read no one's data
    const now = this.clock.now();
    const data: PersonsDataRead = {
      personIds: persons,
      endpoint: caller.endpoint,
      purpose: caller.purpose,
      basis: grant.basis,
      ruleId: grant.ruleId,
      jobOrderId: grant.ruleId === 'C24-JOBORDER' ? caller.jobOrderId : null,
    };
    const position = await this.appender.append(dayAccessLogStream(copenhagenDateOf(now)), {
      type: PERSON_DATA_READ,
      schemaVersion: PER_REQUEST_VERSION,
      data,
      metadata: {
        eventId: randomUUID(),
        occurredAt: now.toISOString(),
        actor: { organisation: caller.organisation, role: caller.role, user: caller.user },
        correlationId: currentCorrelationId(),
        causationId: null,
      },
    });
    this.metrics.accessLogAppends.inc();
    if (position && (!this.newest || position.commit > this.newest.commit)) this.newest = position;
  }

  /**
   * The person's entries, oldest first, once the read model includes every read logged so far today (by any
   * instance: the day stream's last event) and every read this instance logged; 503 if it falls behind.
   */
  async list(personId: string): Promise<AccessLogEntry[]> {
    const [lastToday] = await this.store.readStream(dayAccessLogStream(copenhagenDateOf(this.clock.now())), {
      direction: 'backwards',
      maxCount: 1,
    });
    const wanted = [this.newest, lastToday?.position].filter((p): p is Position => !!p);
    const newest = wanted.sort((a, b) => (a.commit < b.commit ? 1 : -1))[0];
    if (newest && !(await this.readSide.includes(newest, MIN_POSITION_WAIT_MS)))
      throw unavailable(
        'read-model-behind',
        `the access-log read model has not reached position ${newest.commit} yet; retry shortly`,
      );
    return this.readSide.queries.entriesOf(personId);
  }
}
