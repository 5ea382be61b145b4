/**
 * The action-plan obligations of 1994–2002 (HP) for one benefit period, as of a day (valid time). Each notice,
 * request, plan, revision, offer outside a plan and refusal is its own obligation. HP-NOTIFY, HP-TARGET,
 * HP-AFTER, HP-NOTES and HP-MEET39 are in the catalogue but not evaluated (their thresholds or facts are not
 * in the seeds, or they are preconditions on what is recorded).
 */
import {
  addDays,
  fourWeeksAfter,
  jobcentreCounterReachedOn,
  localDate,
  monthOf,
  monthsAfter,
  monthsOfUnemploymentInHours,
  type LocalDate,
} from '@app/legal-time';
import type { Organisation } from '../contact-process.events';
import { emptyActionPlans, type BenefitPeriodState } from '../contact-process.state';
import { derive, toObligation, type Draft, type PeriodFacts } from './c24.obligations';
import { G03_IN_FORCE } from './g03.rules';
import { AV } from './av.rules';
import { HP, ORDER_1995_FROM } from './hp.rules';
import type { Obligation } from './rule';

/** HP governs what the later regimes do not, from the act on an active labour-market policy (1994). */
export function governedByHp(period: BenefitPeriodState): boolean {
  return (
    period.placedOn < G03_IN_FORCE &&
    (period.placedOn >= HP.effective.from ||
      period.registrations.some((r) => r.deregisteredOn === null || r.deregisteredOn >= HP.effective.from))
  );
}

export function hpObligations(facts: PeriodFacts): Obligation[] {
  const { period, asOf } = facts;
  const plans = period.actionPlans ?? emptyActionPlans();
  const drafts: Draft[] = [];
  const at = (on: LocalDate, eventId: string | undefined) => [{ on, eventId }];

  // HP-NOTIFY: after 3 months of unemployment within the last 5 months, AF tells the a-kasse the
  // mediation-relevant information it has registered (000 phase 1); the guidance sets no further limit.
  const notifyFrom = threeMonthsInFive(period, asOf);
  if (notifyFrom) {
    const told = plans.notices.find(
      (n) =>
        n.reason === 'mediation-relevant-information' && n.receivedOn >= notifyFrom && n.receivedOn <= asOf,
    );
    drafts.push({
      ruleId: 'HP-NOTIFY',
      owner: 'jobcenter',
      dueOn: notifyFrom,
      hourThreshold: { hours: monthsOfUnemploymentInHours(3, period.insurance), counter: 'jobcentre' },
      fulfilled: told ? at(told.receivedOn, told.eventId) : [],
      note: '3 months of unemployment within the last 5 months (hours, 000 phase 1)',
    });
  }

  // HP-PREP: the a-kasse's preparation meeting after AF's notice: within 4 weeks (1993); from the 1995 order,
  // within the regionally agreed period of at most 4 weeks, and with no agreement no fixed period.
  for (const notice of plans.notices.filter(
    (n) => n.receivedOn <= asOf && n.reason !== 'mediation-relevant-information',
  )) {
    const under1995 = notice.receivedOn >= ORDER_1995_FROM.value;
    const dueOn = !under1995
      ? fourWeeksAfter(notice.receivedOn)
      : notice.agreedPeriodWeeks !== null
        ? addDays(notice.receivedOn, notice.agreedPeriodWeeks * 7)
        : null;
    const meeting = plans.preparations.find((m) => m.noticeId === notice.noticeId && m.heldOn <= asOf);
    const skipped = plans.plans.find(
      (p) =>
        p.completed.preparationSkipped !== null &&
        p.completed.completedOn >= notice.receivedOn &&
        p.completed.completedOn <= asOf,
    );
    drafts.push({
      ruleId: 'HP-PREP',
      suffix: notice.noticeId,
      owner: 'akasse',
      dueOn,
      fulfilled: meeting ? at(meeting.heldOn, meeting.eventId) : [],
      notApplicable:
        !meeting && skipped
          ? `AF made plan ${skipped.planId} without it (${skipped.completed.preparationSkipped === 'person-wished' ? 'at the person’s wish, order §37(2)' : 'for a current offer, order §37(3)'})`
          : undefined,
      note:
        under1995 && dueOn === null ? 'no regionally agreed period: no fixed time limit (001 §7)' : undefined,
    });
    if (meeting) {
      // The notes go to AF at once.
      drafts.push({
        ruleId: 'HP-PREP',
        suffix: `${notice.noticeId}/notes`,
        owner: 'akasse',
        dueOn: meeting.heldOn,
        fulfilled:
          meeting.notesSentToAfOn !== null && meeting.notesSentToAfOn <= asOf
            ? at(meeting.notesSentToAfOn, meeting.eventId)
            : [],
        note: 'the meeting’s notes are sent to AF at once',
      });
    }
  }

  // HP-PLAN: completed within 3 months of the person's request (not under the transitional order).
  for (const request of plans.requests.filter((r) => r.requestedOn <= asOf)) {
    const done = plans.plans.find((p) => p.planId === request.planId && p.completed.completedOn <= asOf);
    drafts.push({
      ruleId: 'HP-PLAN',
      suffix: request.planId,
      owner: 'jobcenter',
      dueOn: monthsAfter(request.requestedOn, 3),
      fulfilled: done ? at(done.completed.completedOn, done.completed.eventId) : [],
      notApplicable: request.transitionalOrder
        ? 'covered by the transitional order (overgangsordninger): no 3-month limit'
        : undefined,
    });
  }

  for (const plan of plans.plans.filter((p) => p.completed.completedOn <= asOf)) {
    const versions = [
      {
        suffix: plan.planId,
        on: plan.completed.completedOn,
        copy: plan.completed.copyToAkasseOn,
        offerStartsOn: plan.completed.offerStartsOn,
        eventId: plan.completed.eventId,
      },
      ...plan.revisions
        .filter((r) => r.revisedOn <= asOf)
        .map((r) => ({
          suffix: `${plan.planId}/${r.revisedOn}`,
          on: r.revisedOn,
          copy: r.copyToAkasseOn,
          offerStartsOn: r.offerStartsOn,
          eventId: r.eventId,
        })),
    ];
    for (const version of versions) {
      // HP-COPY: the copy reaches the a-kasse when the person gets the plan (or the revision).
      drafts.push({
        ruleId: 'HP-COPY',
        suffix: version.suffix,
        owner: 'jobcenter',
        dueOn: version.on,
        fulfilled: version.copy !== null && version.copy <= asOf ? at(version.copy, version.eventId) : [],
      });
      // HP-OBJECT: the person's 4 weeks to object, ended early by a concrete offer that starts before them.
      const fourWeeks = fourWeeksAfter(version.on);
      const closes =
        version.offerStartsOn !== null && version.offerStartsOn < fourWeeks
          ? version.offerStartsOn
          : fourWeeks;
      const objection = plan.objections.find((o) => o.objectedOn >= version.on && o.objectedOn <= closes);
      drafts.push({
        ruleId: 'HP-OBJECT',
        suffix: version.suffix,
        owner: 'person',
        dueOn: closes,
        fulfilled:
          objection && objection.objectedOn <= asOf ? at(objection.objectedOn, objection.eventId) : [],
        windowClosesOn: closes,
        note:
          closes < fourWeeks
            ? `a right of the person, not a duty; ended early by the offer starting ${closes}`
            : 'a right of the person, not a duty: open until the window closes, then it lapses',
      });
    }
    // HP-AFTER: once the a-kasse has the plan's copy, it guides the member on what the plan means for benefits
    // and availability (and must offer a personal conversation); the sources set no time limit.
    const copy = plan.completed.copyToAkasseOn;
    if (copy !== null && copy <= asOf) {
      const guided = (period.guidance?.given ?? []).find(
        (g) => g.duty === 'HP-AFTER' && g.relatesTo === plan.planId && g.givenOn <= asOf,
      );
      drafts.push({
        ruleId: 'HP-AFTER',
        suffix: plan.planId,
        owner: 'akasse',
        dueOn: null,
        fulfilled: guided ? at(guided.givenOn, guided.eventId) : [],
        note: guided
          ? undefined
          : `the plan's copy reached the a-kasse on ${copy}; no guidance on it is recorded`,
      });
    }
    // HP-FOLLOWUP: the plan contains a follow-up contact.
    drafts.push({
      ruleId: 'HP-FOLLOWUP',
      suffix: plan.planId,
      owner: 'jobcenter',
      dueOn: plan.completed.completedOn,
      fulfilled:
        plan.completed.followUpContactOn !== null
          ? at(plan.completed.completedOn, plan.completed.eventId)
          : [],
      note: plan.completed.followUpContactOn === null ? 'the plan contains no follow-up contact' : undefined,
    });
  }

  // HP-REVISE: an offer not in the plan means the plan must be revised with it.
  for (const offer of plans.offersOutsidePlan.filter((o) => o.givenOn <= asOf)) {
    const revision = plans.plans
      .find((p) => p.planId === offer.planId)
      ?.revisions.find(
        (r) => r.offerId === offer.offerId && r.revisedOn >= offer.givenOn && r.revisedOn <= asOf,
      );
    drafts.push({
      ruleId: 'HP-REVISE',
      suffix: `${offer.planId}/${offer.offerId}`,
      owner: 'jobcenter',
      dueOn: offer.givenOn,
      fulfilled: revision ? at(revision.revisedOn, revision.eventId) : [],
    });
  }

  // HP-REFUSE: AF notifies the a-kasse at once, and tells the person at the same time.
  for (const refusal of plans.refusals.filter((r) => r.refusedOn <= asOf)) {
    const both =
      refusal.akasseNotifiedOn !== null &&
      refusal.personToldOn !== null &&
      refusal.akasseNotifiedOn <= asOf &&
      refusal.personToldOn <= asOf;
    const missing = [
      refusal.akasseNotifiedOn === null ? 'the notice to the a-kasse' : null,
      refusal.personToldOn === null ? 'telling the person (and of the right to complain)' : null,
    ].filter((m) => m !== null);
    drafts.push({
      ruleId: 'HP-REFUSE',
      suffix: refusal.refusalId,
      owner: 'jobcenter',
      dueOn: refusal.refusedOn,
      fulfilled: both
        ? at(
            refusal.akasseNotifiedOn! > refusal.personToldOn!
              ? refusal.akasseNotifiedOn!
              : refusal.personToldOn!,
            refusal.eventId,
          )
        : [],
      note: missing.length
        ? `not recorded: ${missing.join(' and ')}`
        : refusal.akasseNotifiedOn !== refusal.personToldOn
          ? 'the person was not told at the same time as the a-kasse'
          : undefined,
    });
  }

  const avDrafts: Draft[] = [];
  // AV-EXPLAIN: once a plan is made, the a-kasse tells the member what refusing mediated work during an offer
  // leads to (004 §5); the guidance sets no time limit.
  for (const plan of plans.plans.filter((p) => p.completed.completedOn <= asOf)) {
    const explained = (period.guidance?.given ?? []).find(
      (g) => g.duty === 'AV-EXPLAIN' && g.relatesTo === plan.planId && g.givenOn <= asOf,
    );
    avDrafts.push({
      ruleId: 'AV-EXPLAIN',
      suffix: plan.planId,
      owner: 'akasse',
      dueOn: null,
      fulfilled: explained ? at(explained.givenOn, explained.eventId) : [],
      note: explained
        ? undefined
        : 'the consequences of refusing mediated work during an offer are not recorded as explained',
    });
  }
  // AV-NOTIFY: AF always notifies the a-kasse of a refused mediated job (and the institution for elevstøtte).
  for (const refusal of (plans.refusedWork ?? []).filter((r) => r.refusedOn <= asOf)) {
    const told = [
      refusal.akasseNotifiedOn,
      refusal.receivesElevstoette ? refusal.institutionNotifiedOn : refusal.refusedOn,
    ];
    const done = told.every((day): day is LocalDate => day !== null && day <= asOf);
    avDrafts.push({
      ruleId: 'AV-NOTIFY',
      suffix: refusal.refusalId,
      owner: 'jobcenter',
      dueOn: refusal.refusedOn,
      fulfilled: done ? at(told[0]! > told[1]! ? told[0]! : told[1]!, refusal.eventId) : [],
      note:
        refusal.akasseNotifiedOn === null
          ? 'the a-kasse has not been notified of the refusal'
          : refusal.receivesElevstoette && refusal.institutionNotifiedOn === null
            ? 'the education institution (elevstøtte) has not been notified'
            : undefined,
    });
  }

  const d = derive(facts);
  return [
    ...drafts.map((draft) => toObligation(HP, draft, facts, d)),
    ...avDrafts.map((draft) => toObligation(AV, draft, facts, d)),
  ];
}

/** The day 3 months of unemployment (benefit hours) fall within a window of 5 calendar months, if they have. */
function threeMonthsInFive(period: BenefitPeriodState, asOf: LocalDate): LocalDate | undefined {
  const threshold = monthsOfUnemploymentInHours(3, period.insurance);
  const hours = period.hours
    .filter((h) => h.month <= monthOf(asOf))
    .map((h) => ({ ...h, wageSubsidyHours: 0 }));
  for (const month of [...new Set(hours.map((h) => h.month))].sort()) {
    const from = monthOf(monthsAfter(localDate(`${month}-01`), -4));
    const reached = jobcentreCounterReachedOn(
      hours.filter((h) => h.month >= from && h.month <= month),
      threshold,
    );
    if (reached !== undefined) return reached;
  }
  return undefined;
}

/** AF ran the contact with the unemployed; the a-kasse guided and prepared. */
export const hpOwnerOn = (): Organisation => 'jobcenter';

export function explainHp({ period }: PeriodFacts): { reason: string } {
  return {
    reason: `placed in benefit period ${period.benefitPeriodId} on ${period.placedOn}, under the act on an active labour-market policy and before the guidance order of ${G03_IN_FORCE}: individual action plans (${HP.source})`,
  };
}
