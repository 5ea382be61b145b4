/**
 * AV — what availability asks of a person on a day during an action plan (seed 004): whether they must search
 * for work, whether they must accept mediated work, and why; and when a sanction for a refused mediated job
 * takes effect. Folded from the person's facts like everything else; the table is RULES.md's.
 */
import type { LocalDate } from '@app/legal-time';
import type { AvailabilitySituationKind } from './contact-process.events';
import {
  currentPeriod,
  emptyActionPlans,
  type BenefitPeriodState,
  type ContactProcessState,
} from './contact-process.state';
import { ruleSetIdOf } from './obligations';

export interface AvailabilityOnDay {
  on: LocalDate;
  /** The situation that decides it: one of the table's rows. */
  situation: AvailabilitySituationKind | 'before-first-offer-or-between-offers' | 'no-plan';
  mustSearch: boolean;
  mustAcceptMediatedWork: boolean;
  /** AF's concrete exemption from accepting mediated work (AV-WAIVE), when one holds. */
  waived: { decidedOn: LocalDate; reason: string } | null;
  reason: string;
  legalReference: string;
}

const TABLE: Record<AvailabilitySituationKind, { search: boolean; accept: boolean; why: string }> = {
  'plan-offer-job-training': {
    search: false,
    accept: true,
    why: 'in job training under an action plan: reasonable work must be accepted, respecting the notice period',
  },
  'plan-offer-pool-job': {
    search: false,
    accept: true,
    why: 'in a pool job under an action plan: reasonable work must be accepted, respecting the notice period',
  },
  'plan-offer-education': {
    search: false,
    accept: true,
    why: 'in an education offer under an action plan',
  },
  'plan-offer-other': { search: false, accept: true, why: 'in an offer under an action plan' },
  'education-62a': {
    search: true,
    accept: true,
    why: 'in education with benefit under AFL §62a (also as an offer): both search and accept',
  },
  'amu-retraining': { search: false, accept: true, why: 'on AMU allowance or in retraining' },
  'educational-leave-granted': {
    search: true,
    accept: true,
    why: 'educational leave granted and not yet begun: fully available until the leave begins',
  },
  'educational-leave': { search: false, accept: true, why: 'on educational leave' },
  'establishment-allowance': {
    search: false,
    accept: false,
    why: 'on establishment allowance: the availability clause does not apply',
  },
  'under-25-education-plan-offer': {
    search: false,
    accept: false,
    why: 'under 25 in an offer under an education plan',
  },
};

const SEARCH_IN_PLAN_OFFER: ReadonlySet<AvailabilitySituationKind> = new Set([
  'plan-offer-job-training',
  'plan-offer-pool-job',
  'plan-offer-education',
  'plan-offer-other',
]);

/** What availability asks on `on`, in the person's current benefit period; undefined when AV does not govern it. */
export function availabilityOn(state: ContactProcessState, on: LocalDate): AvailabilityOnDay | undefined {
  const period = currentPeriod(state);
  if (!period || ruleSetIdOf(period) !== 'HP') return undefined;
  const plans = period.actionPlans ?? emptyActionPlans();
  const situation = situationOn(period, on);
  const hasPlan = plans.plans.some((p) => p.completed.completedOn <= on);
  if (!situation) {
    return {
      on,
      situation: hasPlan ? 'before-first-offer-or-between-offers' : 'no-plan',
      mustSearch: true,
      mustAcceptMediatedWork: true,
      waived: null,
      reason: hasPlan
        ? 'until the first offer under the plan starts, and between offers: search and accept (between offers AF weighs an imminent offer)'
        : 'no action plan yet: the ordinary availability obligation',
      legalReference: '004 bilag 1',
    };
  }
  const row = TABLE[situation.kind];
  const search = SEARCH_IN_PLAN_OFFER.has(situation.kind) ? situation.planRequiresSearch : row.search;
  const abroad = situation.kind === 'educational-leave' && situation.studyAbroadNotResident;
  const waiver = (plans.waivers ?? []).find(
    (w) => w.situationId === situation.situationId && w.decidedOn <= on,
  );
  const accept = row.accept && !abroad && !waiver;
  return {
    on,
    situation: situation.kind,
    mustSearch: search,
    mustAcceptMediatedWork: accept,
    waived: waiver ? { decidedOn: waiver.decidedOn, reason: waiver.reason } : null,
    reason:
      row.why +
      (SEARCH_IN_PLAN_OFFER.has(situation.kind) && search ? '; the plan requires job search' : '') +
      (abroad ? '; studying abroad without residence in Denmark: not available for mediated work' : '') +
      (waiver
        ? `; AF exempted the person from accepting mediated work on ${waiver.decidedOn} (AV-WAIVE)`
        : ''),
    legalReference: waiver ? '004 §4, bilag 1' : '004 §§2–4, bilag 1',
  };
}

function situationOn(period: BenefitPeriodState, on: LocalDate) {
  const situations = (period.actionPlans ?? emptyActionPlans()).situations ?? [];
  return situations
    .filter((s) => s.from <= on && (s.endedOn ?? s.to ?? '9999-12-31') >= on)
    .sort((a, b) => (a.from < b.from ? 1 : -1))[0];
}

export interface SanctionTiming {
  refusalId: string;
  /** Null: no sanction may follow, since AF did not weigh the considerations of 004 §6. */
  from: LocalDate | null;
  reason: string;
}

/** AV-SANCTION: when a sanction for a refused mediated job may take effect (the a-kasse decides whether). */
export function sanctionTiming(state: ContactProcessState, refusalId: string): SanctionTiming | undefined {
  const period = currentPeriod(state);
  const refusal = period?.actionPlans?.refusedWork?.find((r) => r.refusalId === refusalId);
  if (!period || !refusal) return undefined;
  if (!refusal.considerationsWeighed)
    return {
      refusalId,
      from: null,
      reason: 'AF did not weigh the considerations of 004 §6: the refusal cannot be held against the person',
    };
  const situation = situationOn(period, refusal.refusedOn);
  if (
    situation &&
    (situation.kind === 'plan-offer-job-training' || situation.kind === 'plan-offer-pool-job')
  ) {
    const ends = situation.endedOn ?? situation.to;
    return {
      refusalId,
      from: ends,
      reason:
        ends === null
          ? 'in job training or a pool job: the sanction takes effect when the offer ends (its end is not yet known)'
          : `in job training or a pool job: the sanction takes effect when the offer ends (${ends})`,
    };
  }
  return {
    refusalId,
    from: refusal.refusedOn,
    reason: situation
      ? 'in education (an offer, educational leave or AMU): the sanction takes effect at once'
      : 'not in an offer: the sanction takes effect at once',
  };
}
