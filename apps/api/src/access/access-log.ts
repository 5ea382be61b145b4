import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type Actor } from '@app/event-store';
import type { Clock } from '@app/legal-time';
import { Metrics } from '../observability/metrics';
import type { Caller } from './caller';
import { currentCorrelationId } from '../observability/correlation';

export const ACCESS_CLOCK = Symbol('ACCESS_CLOCK');

/** One stream per person: every read of their data, append-only (a person may ask who looked, and why). */
export const accessLogStream = (personId: string) => `access-log-${personId}`;

export const PERSON_DATA_READ = 'PersonDataRead';

/** Every event type the access log appends (the ingest bench counts its share of `$all` by them). */
export const ACCESS_LOG_EVENT_TYPES: readonly string[] = [PERSON_DATA_READ];

export interface PersonDataRead {
  /** `GET /persons/:personId/deadlines`: the endpoint pattern, never the URL with its query. */
  endpoint: string;
  /** As stated (X-Purpose, or an auditor token's purpose); null when a caseworker did not state one. */
  purpose: string | null;
  /** Why the read was allowed: "member of akasse-3f", "auditor of all organisations", the job order… */
  basis: string;
  ruleId: string | null;
  jobOrderId: string | null;
}

export interface AccessLogEntry extends PersonDataRead {
  readAt: string;
  by: Actor;
}

@Injectable()
export class AccessLog {
  constructor(
    private readonly store: EventStore,
    @Inject(ACCESS_CLOCK) private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  /** Appends one entry per person read; the data is returned only once every entry is stored. */
  async recordRead(
    caller: Caller,
    personIds: string[],
    grant: { basis: string; ruleId: string | null },
  ): Promise<void> {
    const occurredAt = this.clock.now().toISOString();
    const correlationId = currentCorrelationId();
    const data: PersonDataRead = {
      endpoint: caller.endpoint,
      purpose: caller.purpose,
      basis: grant.basis,
      ruleId: grant.ruleId,
      jobOrderId: grant.ruleId === 'C24-JOBORDER' ? caller.jobOrderId : null,
    };
    const persons = [...new Set(personIds)];
    await Promise.all(
      persons.map((personId) =>
        this.store.append(accessLogStream(personId), [
          {
            type: PERSON_DATA_READ,
            schemaVersion: 1,
            data,
            metadata: {
              eventId: randomUUID(),
              occurredAt,
              actor: { organisation: caller.organisation, role: caller.role, user: caller.user },
              correlationId,
              causationId: null,
            },
          },
        ]),
      ),
    );
    this.metrics.accessLogAppends.inc(persons.length);
  }

  async list(personId: string): Promise<AccessLogEntry[]> {
    const events = await this.store.readStream(accessLogStream(personId));
    return events
      .filter((e) => e.type === PERSON_DATA_READ && e.metadata)
      .map((e) => ({
        readAt: e.recordedAt.toISOString(),
        by: e.metadata!.actor,
        ...(e.data as PersonDataRead),
      }));
  }
}
