/**
 * A person's case history for auditors, and the two as-of questions: "what was true on day D?" (valid time:
 * facts that had happened by D) and "what did the system know on day K?" (recorded time: events the store had
 * written by the end of K). Both are answered by replaying the person's stream through the same `evolve` and
 * rules the live system uses — there is no second implementation of the law here.
 */
import type { Actor, RecordedEvent } from '@app/event-store';
import { endOfDay, type LocalDate } from '@app/legal-time';
import { isContactProcessEvent, type DerivedFactWithdrawn } from '../contact-process.events';
import type { ContactProcessState, RecordedContactProcessEvent } from './state';
import { effectiveFacts, foldFacts, isCorrection } from './evolve';
import { contactProcessOwners, evaluateObligations, explainRegime, type RegimeChoice } from '../obligations';
import { C24 } from '../c24/c24.rules';
import type { ContactProcessOwnership, Obligation } from '../engine/rule';
import { minPlanViews, type MinPlanView } from '../c24/c24.min-plan';

export interface HistoryEntry {
  revision: string;
  /** Commit position in `$all`. */
  position: string;
  type: string;
  schemaVersion: number;
  eventId: string | null;
  /** When it happened (valid time), as stated by whoever recorded it. */
  occurredAt: string | null;
  /** When the store wrote it (recorded time). */
  recordedAt: string;
  actor: Actor | null;
  correlationId: string | null;
  causationId: string | null;
  data: unknown;
  /** For a fact the system derived: the rule and the facts that produced it. */
  derivedFrom: { ruleId: string; legalReference: string; facts: string[] } | null;
  /** Later events that retracted or corrected this fact (as known), oldest first; the last one counts. */
  correctedBy: Array<{
    eventId: string;
    type: 'FactRetracted' | 'FactCorrected';
    reason: string;
    recordedAt: string;
  }>;
}

export interface AsOfDeadlines {
  /** Valid time: facts that had happened by the end of this day count. */
  asOf: LocalDate;
  /** Recorded time: only events the store had written by the end of this day are known; null = everything. */
  knownAt: LocalDate | null;
  /** The newest event taken into account. */
  basedOnRevision: string | null;
  regimes: Array<RegimeChoice & { benefitPeriodId: string }>;
  /** Who holds each period's contact process on `asOf`, since when and why. */
  owners: Array<ContactProcessOwnership & { benefitPeriodId: string }>;
  obligations: Obligation[];
}

const knownBy = (knownAt: LocalDate | null) => {
  const cutoff = knownAt === null ? null : endOfDay(knownAt).getTime();
  return (event: RecordedEvent) => cutoff === null || event.recordedAt.getTime() < cutoff;
};

/** Folds recorded events into state (events of other types or versions are skipped, never fatal). */
export function foldRecorded(events: readonly RecordedEvent[]): ContactProcessState {
  return foldFacts(factsOf(events));
}

/** The contact-process facts among recorded events, with the ids they were stored under. */
export function factsOf(events: readonly RecordedEvent[]): RecordedContactProcessEvent[] {
  const facts: RecordedContactProcessEvent[] = [];
  for (const event of events) {
    if (!isContactProcessEvent(event.type, event.schemaVersion)) continue;
    facts.push({
      type: event.type,
      data: event.data,
      eventId: event.metadata?.eventId,
    } as RecordedContactProcessEvent);
  }
  return facts;
}

/** The rule and facts behind a derived event; null for facts recorded by people. */
function derivation(event: RecordedEvent, before: readonly RecordedEvent[]): HistoryEntry['derivedFrom'] {
  if (event.type === 'ContactProcessHandedOver') {
    const { benefitPeriodId, reachedOn } = event.data as { benefitPeriodId: string; reachedOn: string };
    const facts = [
      ...handoverSources(benefitPeriodId, reachedOn, before),
      ...correctionBehind(event, before),
    ];
    return { ruleId: 'C24-HANDOVER', legalReference: C24.rules['C24-HANDOVER'].legalReference, facts };
  }
  if (event.type === 'DeadlineMissed' || event.type === 'DeadlineDueSoon') {
    const { ruleId } = event.data as { ruleId: string };
    const cause = event.metadata?.causationId;
    return {
      ruleId,
      legalReference: C24.rules[ruleId]?.legalReference ?? '',
      facts: cause ? [cause] : [],
    };
  }
  if (event.type === 'DerivedFactWithdrawn') {
    const { withdrawnEventId, because } = event.data as DerivedFactWithdrawn;
    const withdrawn = before.find((e) => e.metadata?.eventId === withdrawnEventId);
    const ruleId = withdrawn ? (derivation(withdrawn, [])?.ruleId ?? '') : '';
    const facts = [withdrawnEventId, ...correctionBehind(event, before)];
    if (because.factEventId !== null) facts.push(because.factEventId);
    return { ruleId, legalReference: C24.rules[ruleId]?.legalReference ?? '', facts };
  }
  return null;
}

/**
 * The hours the a-kasse had registered by the day the threshold was reached, in this benefit period, as they
 * stood when the handover was derived: retracted registrations left out.
 */
function handoverSources(
  benefitPeriodId: string,
  reachedOn: string,
  before: readonly RecordedEvent[],
): string[] {
  let inPeriod = false;
  const sources: string[] = [];
  for (const e of effectiveFacts(factsOf(before))) {
    if (e.type === 'PlacedInBenefitPeriod' && !e.data.continuingPlacement)
      inPeriod = e.data.benefitPeriodId === benefitPeriodId;
    if (inPeriod && e.type === 'BenefitHoursReported' && e.data.registeredOn <= reachedOn && e.eventId)
      sources.push(e.eventId);
  }
  return sources;
}

/** The correction or retraction a re-derived event was appended with (its cause), if that is what it was. */
function correctionBehind(event: RecordedEvent, before: readonly RecordedEvent[]): string[] {
  const cause = event.metadata?.causationId;
  const causing = cause === undefined ? undefined : before.find((e) => e.metadata?.eventId === cause);
  return causing && isCorrection(causing) && cause ? [cause] : [];
}

/**
 * A person's history and views, from their contact-process stream as read (`all`, oldest first): pure, so the
 * caller reads the stream once (for its access check too) and asks for any of these.
 */
export const personViews = {
  /** Every event of the person's stream, oldest first; undefined for a person with no facts. */
  history(all: readonly RecordedEvent[], options: { knownAt?: LocalDate } = {}): HistoryEntry[] | undefined {
    if (all.length === 0) return undefined;
    const events = all.filter(knownBy(options.knownAt ?? null));
    const corrections = new Map<string, HistoryEntry['correctedBy']>();
    for (const event of events) {
      if (!isContactProcessEvent(event.type, event.schemaVersion) || !event.metadata) continue;
      const data = event.data as { retractedEventId?: string; correctedEventId?: string; reason?: string };
      const targetId =
        event.type === 'FactRetracted'
          ? data.retractedEventId
          : event.type === 'FactCorrected'
            ? data.correctedEventId
            : undefined;
      if (targetId === undefined) continue;
      const list = corrections.get(targetId) ?? [];
      list.push({
        eventId: event.metadata.eventId,
        type: event.type as 'FactRetracted' | 'FactCorrected',
        reason: data.reason ?? '',
        recordedAt: event.recordedAt.toISOString(),
      });
      corrections.set(targetId, list);
    }
    return events.map((event, index) => ({
      revision: event.revision.toString(),
      position: event.position.commit.toString(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      eventId: event.metadata?.eventId ?? null,
      occurredAt: event.metadata?.occurredAt ?? null,
      recordedAt: event.recordedAt.toISOString(),
      actor: event.metadata?.actor ?? null,
      correlationId: event.metadata?.correlationId ?? null,
      causationId: event.metadata?.causationId ?? null,
      data: event.data,
      derivedFrom: derivation(event, events.slice(0, index)),
      correctedBy: (event.metadata && corrections.get(event.metadata.eventId)) || [],
    }));
  },

  /** The person's Min Plan per benefit period as it stood on `asOf`, from what was known at the end of `knownAt`. */
  minPlan(
    all: readonly RecordedEvent[],
    options: { asOf: LocalDate; knownAt?: LocalDate },
  ): { asOf: LocalDate; knownAt: LocalDate | null; periods: MinPlanView[] } | undefined {
    if (all.length === 0) return undefined;
    const knownAt = options.knownAt ?? null;
    const known = all.filter(knownBy(knownAt));
    return { asOf: options.asOf, knownAt, periods: minPlanViews(factsOf(known), options.asOf) };
  },

  /** The person's folded state from what was known at the end of `knownAt` (everything when absent). */
  state(
    all: readonly RecordedEvent[],
    options: { knownAt?: LocalDate } = {},
  ): ContactProcessState | undefined {
    const known = all.filter(knownBy(options.knownAt ?? null));
    return known.length === 0 ? undefined : foldRecorded(known);
  },

  /** The person's deadlines as they stood on `asOf`, from what was known at the end of `knownAt`. */
  deadlines(
    all: readonly RecordedEvent[],
    options: { asOf: LocalDate; knownAt?: LocalDate },
  ): AsOfDeadlines | undefined {
    if (all.length === 0) return undefined;
    const knownAt = options.knownAt ?? null;
    const known = all.filter(knownBy(knownAt));
    const state = foldRecorded(known);
    return {
      asOf: options.asOf,
      knownAt,
      basedOnRevision: known.length ? known[known.length - 1].revision.toString() : null,
      regimes: state.periods.map((p) => ({
        benefitPeriodId: p.benefitPeriodId,
        ...explainRegime(state, p, options.asOf),
      })),
      owners: contactProcessOwners(state, options.asOf),
      obligations: evaluateObligations(state, options.asOf),
    };
  },
};
