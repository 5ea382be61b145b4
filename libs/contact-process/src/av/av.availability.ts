/**
 * AV — what availability asks of a person on a day during an action plan (seed 004): whether they must search
 * for work, whether they must accept mediated work, and why; and when a sanction for a refused mediated job
 * takes effect. Folded from the person's facts like everything else; the table is RULES.md's.
 */
import { addDays, type LocalDate } from '@app/legal-time';
import type { AvailabilitySituationKind } from '../contact-process.events';
import { type BenefitPeriodState, type ContactProcessState } from '../process/state';
import { ruleSetIdOf } from '../obligations';
import {
  ABROAD_EXEMPT,
  CONSIDERATIONS_REQUIRED,
  NO_WAIVER,
  SANCTION_AFTER_OFFER,
  WAIVER_FROM_LEAVE_START,
} from './av.rules';

/** The day lies in no benefit period, or in one that AV (action plans, 1994–2002) does not govern. */
export interface AvailabilityNotEvaluated {
  on: LocalDate;
  applies: false;
  /** The benefit period that contains the day; null when none does. */
  benefitPeriodId: string | null;
  reason: string;
}

export interface AvailabilityOnDay {
  on: LocalDate;
  applies: true;
  /** The benefit period that contains the day. */
  benefitPeriodId: string;
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
    why: 'in an education offer under an action plan (uddannelsesgodtgørelse)',
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

/**
 * The benefit period that contains a day: the one placed most recently on or before it (a period runs until
 * the next placement); undefined when the day is before every placement.
 */
function benefitPeriodOn(state: ContactProcessState, on: LocalDate): BenefitPeriodState | undefined {
  let found: BenefitPeriodState | undefined;
  for (const period of state.periods)
    if (period.placedOn <= on && (!found || period.placedOn >= found.placedOn)) found = period;
  return found;
}

type Situation = NonNullable<ReturnType<typeof situationOn>>;

/** What availability asks on `on`, in the benefit period that contains that day. */
export function availabilityOn(
  state: ContactProcessState,
  on: LocalDate,
): AvailabilityOnDay | AvailabilityNotEvaluated {
  return evaluate(state, on).answer;
}

function evaluate(
  state: ContactProcessState,
  on: LocalDate,
): { answer: AvailabilityOnDay | AvailabilityNotEvaluated; situation?: Situation } {
  const period = benefitPeriodOn(state, on);
  if (!period)
    return {
      answer: {
        on,
        applies: false,
        benefitPeriodId: null,
        reason: `no benefit period contains ${on}: the person was not yet placed in one`,
      },
    };
  const benefitPeriodId = period.benefitPeriodId;
  if (ruleSetIdOf(period) !== 'HP')
    return {
      answer: {
        on,
        applies: false,
        benefitPeriodId,
        reason: `the availability rules of seed 004 govern benefit periods under action plans (1994–2002); benefit period ${benefitPeriodId}, which contains ${on}, is under other rules`,
      },
    };
  const plans = period.actionPlans;
  const situation = situationOn(period, on);
  const hasPlan = plans.plans.some((p) => p.completed.completedOn <= on);
  if (!situation) {
    return {
      answer: {
        on,
        applies: true,
        benefitPeriodId,
        situation: hasPlan ? 'before-first-offer-or-between-offers' : 'no-plan',
        mustSearch: true,
        mustAcceptMediatedWork: true,
        waived: null,
        reason: hasPlan
          ? 'until the first offer under the plan starts, and between offers: search and accept (between offers AF weighs an imminent offer)'
          : 'no action plan yet: the ordinary availability obligation',
        legalReference: '004 bilag 1',
      },
    };
  }
  const row = TABLE[situation.kind];
  const search = SEARCH_IN_PLAN_OFFER.has(situation.kind) ? situation.planRequiresSearch : row.search;
  // 004 §2, §7: education with uddannelsesgodtgørelse or uddannelsesorlovsydelse abroad, without residence here.
  const abroad = ABROAD_EXEMPT.has(situation.kind) && situation.studyAbroadNotResident;
  const waiver = row.accept && !abroad ? waiverOn(period, situation, on) : undefined;
  // 004 §7: a granted leave not yet begun — AF's assessment of the application holds only from the leave's start.
  const pendingWaiver =
    situation.kind === WAIVER_FROM_LEAVE_START
      ? plans.waivers.find((w) => w.situationId === situation.situationId && w.decidedOn <= on)
      : undefined;
  const accept = row.accept && !abroad && !waiver;
  return {
    situation,
    answer: {
      on,
      applies: true,
      benefitPeriodId,
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
          : '') +
        (pendingWaiver
          ? `; AF's exemption of ${pendingWaiver.decidedOn} on the leave application holds from when the leave begins (AV-WAIVE)`
          : ''),
      legalReference: waiver ? '004 §6, bilag 1' : abroad ? '004 §2, §7, bilag 1' : '004 §§2–4, bilag 1',
    },
  };
}

/**
 * AF's waiver (AV-WAIVE) holding on `on`: one decided for the situation itself, or — on educational leave —
 * AF's assessment of the leave application, recorded on the granted leave that preceded it (004 §6, §7).
 * None in a situation where AF may not waive (a waiver stored before that was checked is not honoured).
 */
function waiverOn(period: BenefitPeriodState, situation: Situation, on: LocalDate) {
  if (NO_WAIVER[situation.kind] !== undefined || situation.kind === WAIVER_FROM_LEAVE_START) return undefined;
  const plans = period.actionPlans;
  const ids = new Set([situation.situationId]);
  if (situation.kind === 'educational-leave') {
    const granted = plans.situations
      .filter((s) => s.kind === WAIVER_FROM_LEAVE_START && s.from <= situation.from)
      .sort((a, b) => (a.from < b.from ? 1 : -1))[0];
    if (granted) ids.add(granted.situationId);
  }
  return plans.waivers.find((w) => ids.has(w.situationId) && w.decidedOn <= on);
}

/** The situation on a day: from its first day through its last (`endedOn`, else the planned `to`), both included. */
function situationOn(period: BenefitPeriodState, on: LocalDate) {
  const situations = period.actionPlans.situations;
  return situations
    .filter((s) => s.from <= on && (s.endedOn ?? s.to ?? '9999-12-31') >= on)
    .sort((a, b) => (a.from < b.from ? 1 : -1))[0];
}

export interface SanctionTiming {
  refusalId: string;
  refusedOn: LocalDate;
  /** Whether a sanction may follow at all (the a-kasse decides whether one does). */
  mayFollow: boolean;
  /** The day a sanction takes effect; null when none may follow, or when the offer's end is not yet known. */
  from: LocalDate | null;
  reason: string;
}

/**
 * AV-SANCTION: whether, and from when, a sanction for a refused mediated job may take effect (the a-kasse
 * decides whether one does), judged in the benefit period that contains the day of the refusal. Without
 * `benefitPeriodId` the refusal is looked up in every period, the latest placed first.
 */
export function sanctionTiming(
  state: ContactProcessState,
  refusalId: string,
  benefitPeriodId?: string,
): SanctionTiming | undefined {
  const refusal = [...state.periods]
    .filter((p) => benefitPeriodId === undefined || p.benefitPeriodId === benefitPeriodId)
    .sort((a, b) => (a.placedOn < b.placedOn ? 1 : -1))
    .flatMap((p) => p.actionPlans.refusedWork)
    .find((r) => r.refusalId === refusalId);
  if (!refusal) return undefined;
  const { refusedOn } = refusal;
  const none = (reason: string): SanctionTiming => ({
    refusalId,
    refusedOn,
    mayFollow: false,
    from: null,
    reason,
  });
  const { answer, situation } = evaluate(state, refusedOn);
  if (!answer.applies) return none(answer.reason);
  // 004 §§2, 4, 6, 7: no duty to accept mediated work that day, so refusing it cannot be held against the person.
  if (!answer.mustAcceptMediatedWork)
    return none(`no duty to accept mediated work on ${refusedOn} (${answer.reason}): no sanction follows`);
  // 004 §8: during an offer (or education on leave, AMU, retraining) only where AF weighed the considerations of §6.
  if (situation && CONSIDERATIONS_REQUIRED.has(situation.kind) && !refusal.considerationsWeighed)
    return none(
      'refused during an offer or education, and AF did not weigh the considerations of 004 §6: the refusal cannot be held against the person',
    );
  if (situation && SANCTION_AFTER_OFFER.has(situation.kind)) {
    // "først fra det tidspunkt, hvor tilbuddet er ophørt": the offer's last day is still in the offer.
    const lastDay = situation.endedOn ?? situation.to;
    return {
      refusalId,
      refusedOn,
      mayFollow: true,
      from: lastDay === null ? null : addDays(lastDay, 1),
      reason:
        lastDay === null
          ? 'in job training or a pool job: the sanction takes effect once the offer has ended (its end is not yet known)'
          : `in job training or a pool job: the sanction takes effect once the offer has ended — its last day was ${lastDay}`,
    };
  }
  return {
    refusalId,
    refusedOn,
    mayFollow: true,
    from: refusedOn,
    reason: situation
      ? CONSIDERATIONS_REQUIRED.has(situation.kind)
        ? 'in education (an offer, educational leave, AMU or retraining): the sanction takes effect at once'
        : `${TABLE[situation.kind].why}: the ordinary rules apply, the sanction takes effect at once`
      : 'not in an offer: the ordinary rules apply, the sanction takes effect at once',
  };
}
