import type { LocalDate } from '@app/legal-time';

/**
 * The two days a person's view is evaluated on (#18 item 6): `asOf` (valid time — facts that had happened by
 * then) and `knownAt` (recorded time — what the system had written by then). Given only `knownAt`, an auditor
 * asks "what was due then, as known then", so `asOf` is that same day, not today; with neither, today and
 * everything recorded. Every answer states both days it used.
 */
export function evaluationDays(
  query: { asOf?: string; knownAt?: string },
  today: LocalDate,
): { asOf: LocalDate; knownAt: LocalDate | null } {
  const knownAt = (query.knownAt ?? null) as LocalDate | null;
  return { asOf: (query.asOf ?? knownAt ?? today) as LocalDate, knownAt };
}

/** The OpenAPI descriptions of the two query parameters, the same wherever both are accepted. */
export const AS_OF_DESCRIPTION =
  'Valid time: evaluate as of this day, from the facts that had happened by then. Default: `knownAt` when that is given ("what was due then, as known then"), otherwise today. The answer states the day used as `asOf`.';
export const KNOWN_AT_DESCRIPTION =
  'Recorded time: only what the system had recorded by the end of this day (Europe/Copenhagen), replayed from the person’s stream. Alone it also sets `asOf` to the same day. The answer states it as `knownAt` (null: everything recorded).';
