import type { Actor } from '@app/event-store';

/**
 * The access log's events: every read of a person's data that returned it. Since #16 one event per request,
 * naming every person read, in one stream per Copenhagen day; before, one event per person read, in that
 * person's stream. Both stay readable: nothing stored is rewritten.
 */
export const PERSON_DATA_READ = 'PersonDataRead';

/** Version 1 (before #16): one event per person, in `access-log-<personId>`; the person is the stream's. */
export const PER_PERSON_VERSION = 1;
/** Version 2: one event per request, naming its persons, in the day's stream. */
export const PER_REQUEST_VERSION = 2;

/** The stream of version 1's events: one per person (read, never appended to any more). */
export const personAccessLogStream = (personId: string) => `access-log-${personId}`;

/**
 * The stream of version 2's events: one per Copenhagen day, which retention can end as a whole. The `:` keeps it
 * apart from every person's old stream (an opaque person id is letters, digits, `_` and `-`).
 */
export const dayAccessLogStream = (day: string) => `access-log:${day}`;

/** What every entry says of a read, in both versions. */
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

/** Version 2's data: the read and every person it returned, each once, in the order they were shown. */
export interface PersonsDataRead extends PersonDataRead {
  personIds: string[];
}

/** One person's entry: when the store recorded the read, who made it, and what the event says of it. */
export interface AccessLogEntry extends PersonDataRead {
  readAt: string;
  by: Actor;
}
