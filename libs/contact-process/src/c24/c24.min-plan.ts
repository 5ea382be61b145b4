/**
 * The person's Min Plan as a view (C24-MINPLAN, 002 §9): each part — job goals, education goals, job-search
 * requirements, offers, other agreed efforts — with who entered it, when and why, the full revision history
 * (earlier agreements stay visible, as the law asks of plans), and who may write each part on the day asked.
 * Folded from the person's facts with corrections honoured; no second implementation of the rules.
 */
import type { LocalDate } from '@app/legal-time';
import type { MinPlanParts, Organisation } from '../contact-process.events';
import { EMPTY_MIN_PLAN_PARTS, type RecordedContactProcessEvent } from '../process/state';
import { effectiveFacts, foldFacts } from '../process/evolve';
import { ownerOfMinPlan } from '../obligations';

type Part = keyof MinPlanParts;
const PARTS = Object.keys(EMPTY_MIN_PLAN_PARTS) as Part[];

export interface MinPlanPartView {
  value: string[];
  /** The revision that last changed this part; null while it was never written. */
  enteredBy: Organisation | null;
  enteredOn: LocalDate | null;
  reason: string | null;
  eventId: string | null;
}

export interface MinPlanRevisionView {
  eventId: string | null;
  kind: 'prepared' | 'revised';
  on: LocalDate;
  by: Organisation;
  reason: string | null;
  /** The parts this revision changed, with their earlier and new values. */
  changed: Array<{ part: Part; from: string[]; to: string[] }>;
}

export interface MinPlanView {
  benefitPeriodId: string;
  asOf: LocalDate;
  /** Null until Min Plan has been prepared (at the first job interview). */
  preparedOn: LocalDate | null;
  parts: Record<Part, MinPlanPartView>;
  revisions: MinPlanRevisionView[];
  /** Who may write each part on `asOf` (002 §9.3; the jobcentre throughout for the education-injunction group). */
  writtenBy: Record<Part, Organisation | 'akasse or jobcenter'>;
}

/** One view per benefit period of the person, as of `asOf` (facts that had happened by then). */
export function minPlanViews(facts: readonly RecordedContactProcessEvent[], asOf: LocalDate): MinPlanView[] {
  const happened = effectiveFacts(facts);
  const state = foldFacts(facts);
  const views: MinPlanView[] = [];
  let current: MinPlanView | undefined;
  for (const fact of happened) {
    if (fact.type === 'PlacedInBenefitPeriod' && !fact.data.continuingPlacement) {
      current = emptyView(fact.data.benefitPeriodId, asOf);
      views.push(current);
      continue;
    }
    if (!current || (fact.type !== 'MinPlanPrepared' && fact.type !== 'MinPlanRevised')) continue;
    const prepared = fact.type === 'MinPlanPrepared';
    const on = prepared ? fact.data.preparedOn : fact.data.revisedOn;
    if (on > asOf) continue;
    const reason = prepared ? null : fact.data.reason;
    const revision: MinPlanRevisionView = {
      eventId: fact.eventId ?? null,
      kind: prepared ? 'prepared' : 'revised',
      on,
      by: fact.data.by,
      reason,
      changed: [],
    };
    for (const part of PARTS) {
      const value = fact.data[part];
      const before = current.parts[part].value;
      if (value === undefined || sameList(value, before)) continue;
      revision.changed.push({ part, from: before, to: value });
      current.parts[part] = {
        value,
        enteredBy: fact.data.by,
        enteredOn: on,
        reason,
        eventId: fact.eventId ?? null,
      };
    }
    if (prepared && current.preparedOn === null) current.preparedOn = on;
    current.revisions.push(revision);
  }
  for (const view of views) {
    const period = state.periods.find((p) => p.benefitPeriodId === view.benefitPeriodId);
    if (!period) continue;
    const goals = ownerOfMinPlan(state, period, asOf);
    view.writtenBy = {
      jobGoals: goals,
      educationGoals: goals,
      jobSearchRequirements: 'akasse',
      offerIds: 'jobcenter',
      otherAgreedEfforts: 'akasse or jobcenter',
    };
  }
  return views;
}

function emptyView(benefitPeriodId: string, asOf: LocalDate): MinPlanView {
  const unwritten = (): MinPlanPartView => ({
    value: [],
    enteredBy: null,
    enteredOn: null,
    reason: null,
    eventId: null,
  });
  return {
    benefitPeriodId,
    asOf,
    preparedOn: null,
    parts: Object.fromEntries(PARTS.map((part) => [part, unwritten()])) as Record<Part, MinPlanPartView>,
    revisions: [],
    writtenBy: {
      jobGoals: 'akasse',
      educationGoals: 'akasse',
      jobSearchRequirements: 'akasse',
      offerIds: 'jobcenter',
      otherAgreedEfforts: 'akasse or jobcenter',
    },
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);
