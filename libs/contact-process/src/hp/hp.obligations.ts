/**
 * The action-plan obligations of 1994–2002 (HP) for one benefit period, as of a day (valid time). Each notice,
 * request, plan, revision, offer outside a plan, refusal, backstop and guidance meeting is its own obligation;
 * the guidance meetings of 001 §8 (HP-MEET39) fall due on thresholds of cumulative unemployment that are
 * unverified parameters (hp.rules.ts). HP-NOTES is both a precondition on what a meeting records (the decider)
 * and the duties that follow each meeting: the member's signature and the notes sent to AF.
 */
import {
  addDays,
  compareDates,
  daysBetween,
  endOfMonth,
  jobcentreCounterReachedOn,
  localDate,
  monthOf,
  monthsOfUnemploymentInHours,
  weeksOfUnemploymentInHours,
  type ConsumptionRegistration,
  type LocalDate,
} from '@app/legal-time';
import type { GuidanceGiven, MeetingSection, Organisation } from '../contact-process.events';
import { type ActionPlanState, type BenefitPeriodState } from '../process/state';
import { toObligation, type Draft, type PeriodFacts } from '../engine/draft';
import { G03_IN_FORCE } from '../g03/g03.rules';
import { AV } from '../av/av.rules';
import {
  HP,
  LEAVE_PERIOD_KINDS,
  type MeetingThreshold,
  MEETING_HELD_WITHIN,
  MEETING_THRESHOLDS,
  NOTIFY_AFTER,
  NOTIFY_DUE,
  NOTIFY_WITHIN,
  OBJECTION_WITHIN,
  ORDER_1995_DUTIES_END,
  ORDER_1995_FROM,
  ORDER_1995_UNTIL,
  PLAN_OFFER_KINDS,
  PLAN_WITHIN,
  PREPARATION_WITHIN,
  PREP_COPY_DUE,
  PREP_FOLLOW_UPS_END,
  PREP_NOTES_1993_DUE,
  RECENT_GUIDANCE,
  REVISE_DUE,
  SUB_PERIOD_TWO_AHEAD,
  TARGET_DUE,
  UNPROMPTED_DUE,
  underOrder1995,
} from './hp.rules';
import { after, before, dueWithoutStatedLimit } from '../engine/parameter';
import type { Obligation } from '../engine/rule';

/** HP governs what the later regimes do not, from the act on an active labour-market policy (1994). */
export function governedByHp(period: BenefitPeriodState): boolean {
  return (
    period.placedOn < G03_IN_FORCE &&
    (period.placedOn >= HP.effective.from ||
      period.registrations.some((r) => r.deregisteredOn === null || r.deregisteredOn >= HP.effective.from))
  );
}

/** What every HP duty reads: the period's facts and its action-plan facts. */
interface HpFacts {
  facts: PeriodFacts;
  period: BenefitPeriodState;
  asOf: LocalDate;
  plans: ActionPlanState;
}

const at = (on: LocalDate, eventId: string | undefined) => [{ on, eventId }];

export function hpObligations(facts: PeriodFacts): Obligation[] {
  const { period, asOf } = facts;
  const hp: HpFacts = { facts, period, asOf, plans: period.actionPlans };
  const drafts = [
    ...notifyDrafts(hp),
    ...targetDrafts(hp),
    ...preparationDrafts(hp),
    ...unpromptedApproachDrafts(hp),
    ...planRequestDrafts(hp),
    ...hp.plans.plans.filter((p) => p.completed.completedOn <= asOf).flatMap((plan) => planDrafts(hp, plan)),
    ...reviseDrafts(hp),
    ...refuseDrafts(hp),
    ...meetingDrafts(facts, hp.plans),
  ];
  const avDrafts = [...avExplainDrafts(hp), ...avNotifyDrafts(hp)];
  return [
    ...drafts.map((draft) => toObligation(HP, draft, facts)),
    ...avDrafts.map((draft) => toObligation(AV, draft, facts)),
  ];
}

type Plan = ActionPlanState['plans'][number];

/** One completed plan's duties: each version's copy and objection window, the a-kasse's guidance, the follow-up. */
function planDrafts(hp: HpFacts, plan: Plan): Draft[] {
  return [
    ...planVersionDrafts(hp, plan),
    ...planGuidanceDrafts(hp, plan),
    followUpDraft(plan),
    ...toldOfAkasseMeeting(hp, plan),
  ];
}

/**
 * HP-NOTIFY: after 3 months of unemployment within the last 5 months, AF tells the a-kasse the
 * mediation-relevant information it has registered (000 phase 1); the guidance sets no time limit for it, so it
 * is owed from that day, not due on it.
 */
function notifyDrafts(hp: HpFacts): Draft[] {
  const { period, asOf, plans } = hp;
  const drafts: Draft[] = [];
  const notifyFrom = threeMonthsInFive(period, asOf);
  if (notifyFrom) {
    const told = plans.notices.find(
      (n) =>
        n.reason === 'mediation-relevant-information' && n.receivedOn >= notifyFrom && n.receivedOn <= asOf,
    );
    drafts.push({
      ruleId: 'HP-NOTIFY',
      owner: 'jobcenter',
      dueOn: dueWithoutStatedLimit(notifyFrom, NOTIFY_DUE),
      hourThreshold: {
        hours: monthsOfUnemploymentInHours(NOTIFY_AFTER.value, period.insurance),
        counter: 'jobcentre',
      },
      fulfilled: told ? at(told.receivedOn, told.eventId) : [],
      note: `3 months of unemployment within the last 5 months (hours, 000 phase 1) reached on ${notifyFrom}; no time limit is set`,
    });
  }
  return drafts;
}

/**
 * HP-TARGET: the a-kasse's backstop — a target-group member it noticed AF had not called is reported to AF
 * (000 phase 2; 001 §7). The sources set no time limit; AF's call, once it comes, leaves nothing to report.
 */
function targetDrafts(hp: HpFacts): Draft[] {
  const { asOf, plans } = hp;
  const drafts: Draft[] = [];
  for (const backstop of plans.backstops.filter((b) => b.noticedOn <= asOf)) {
    const reportedOn = backstop.reportedToAfOn;
    const reported = reportedOn !== null && reportedOn <= asOf;
    const calledSince = plans.notices.find(
      (n) =>
        n.reason !== 'mediation-relevant-information' &&
        n.receivedOn > backstop.noticedOn &&
        n.receivedOn <= asOf,
    );
    drafts.push({
      ruleId: 'HP-TARGET',
      suffix: backstop.backstopId,
      owner: 'akasse',
      dueOn: dueWithoutStatedLimit(backstop.noticedOn, TARGET_DUE),
      fulfilled: reported ? at(reportedOn, backstop.eventId) : [],
      notApplicable:
        !reported && calledSince
          ? `AF's notice ${calledSince.noticeId} of ${calledSince.receivedOn} says the member is called after all: nothing is left to report`
          : undefined,
      note: `target group ${backstop.targetGroup}, noticed on ${backstop.noticedOn}${reported ? '' : '; not yet reported to AF'}`,
    });
  }
  return drafts;
}

/**
 * HP-PREP: the a-kasse's preparation meeting after AF's notice: within 4 weeks (1993); from the 1995 order,
 * within the regionally agreed period of at most 4 weeks, and with no agreement no fixed period.
 */
function preparationDrafts(hp: HpFacts): Draft[] {
  const { asOf, plans } = hp;
  const drafts: Draft[] = [];
  for (const notice of plans.notices.filter(
    (n) => n.receivedOn <= asOf && n.reason !== 'mediation-relevant-information',
  )) {
    const under1995 = notice.receivedOn >= ORDER_1995_FROM.value;
    const dueOn = !under1995
      ? after(notice.receivedOn, PREPARATION_WITHIN)
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
    const planMadeOn = planCompletedSince(hp, notice.receivedOn);
    drafts.push({
      ruleId: 'HP-PREP',
      suffix: notice.noticeId,
      owner: 'akasse',
      dueOn,
      fulfilled: meeting ? at(meeting.heldOn, meeting.eventId) : [],
      windowClosesOn: planMadeOn,
      notApplicable:
        !meeting && skipped
          ? `AF made plan ${skipped.planId} without it (${skipped.completed.preparationSkipped === 'person-wished' ? `at the person’s wish, order §37(2); AF's telling the person of the option first is HP-PREP ${skipped.planId}/told-of-akasse-meeting` : 'for a current offer, order §37(3)'})`
          : undefined,
      note:
        under1995 && dueOn === null ? 'no regionally agreed period: no fixed time limit (001 §7)' : undefined,
    });
    if (meeting) drafts.push(...afterPreparation(hp, meeting, notice.noticeId));
  }
  return drafts;
}

/**
 * The day AF and the member completed the first plan since `from`, if one is known on `asOf`: the preparation
 * meeting prepares the member for it ("hvorefter arbejdsformidlingen og den ledige udarbejder handlingsplanen",
 * 000 phase 2), so once the plan exists a meeting not held can no longer serve its purpose — missed, not overdue.
 */
function planCompletedSince({ asOf, plans }: HpFacts, from: LocalDate): LocalDate | null {
  const days = plans.plans
    .map((p) => p.completed.completedOn)
    .filter((on) => on >= from && on <= asOf)
    .sort();
  return days[0] ?? null;
}

/**
 * HP-PREP, a member who approaches the a-kasse unprompted to have a plan made: the a-kasse guides the member as
 * at a preparation meeting and refers the member to AF (000 phase 2; 001 §7). No time limit is set; owed from the
 * approach, met once the member was guided and referred.
 */
function unpromptedApproachDrafts(hp: HpFacts): Draft[] {
  const { asOf, plans } = hp;
  const drafts: Draft[] = [];
  for (const meeting of plans.preparations.filter((m) => m.noticeId === null)) {
    const approachedOn = meeting.approachedOn ?? meeting.heldOn;
    if (approachedOn > asOf) continue;
    const guided = meeting.heldOn <= asOf;
    const referredOn = meeting.referredToAfOn ?? null;
    const referred = guided && referredOn !== null && referredOn <= asOf;
    const suffix = `unprompted/${approachedOn}`;
    drafts.push({
      ruleId: 'HP-PREP',
      suffix,
      owner: 'akasse',
      dueOn: dueWithoutStatedLimit(approachedOn, UNPROMPTED_DUE),
      fulfilled: referred ? at(referredOn, meeting.eventId) : [],
      note:
        `the member approached the a-kasse unprompted on ${approachedOn} to have an action plan made: the a-kasse guides the member as at a preparation meeting and refers the member to AF (000 phase 2; 001 §7); no time limit is set` +
        (!guided
          ? '; no guidance recorded yet'
          : referred
            ? `; guided on ${meeting.heldOn}, referred to AF on ${referredOn}`
            : `; guided on ${meeting.heldOn}, no referral to AF recorded`),
    });
    if (guided) drafts.push(...afterPreparation(hp, meeting, suffix));
  }
  return drafts;
}

/**
 * What follows each preparation meeting held: the member's copy of the a-kasse's notes, and the notes to AF.
 * The 1993 guidance sets no time for the notes to AF (000 phase 2, bilag 1: "Efter samtale i
 * arbejdsløshedskassen"); the 1995 order sends them "i umiddelbar forlængelse af samtalen" (001 §10).
 */
function afterPreparation(
  hp: HpFacts,
  meeting: ActionPlanState['preparations'][number],
  suffix: string,
): Draft[] {
  const { asOf } = hp;
  // Both serve AF's plan meeting: once the plan is made they can no longer (HP-PREP-FOLLOW-UPS-END, a reading).
  const windowClosesOn =
    PREP_FOLLOW_UPS_END.value === 'plan-completed' ? planCompletedSince(hp, meeting.heldOn) : null;
  const copyOn = meeting.copyGivenToMemberOn ?? null;
  const copied = copyOn !== null && copyOn <= asOf;
  const atOnce = meeting.heldOn >= ORDER_1995_FROM.value;
  return [
    {
      ruleId: 'HP-PREP',
      suffix: `${suffix}/copy`,
      owner: 'akasse',
      dueOn: dueWithoutStatedLimit(meeting.heldOn, PREP_COPY_DUE),
      fulfilled: copied ? at(copyOn, meeting.eventId) : [],
      windowClosesOn,
      note:
        'the member is handed a copy of the a-kasse’s notes of the meeting, to bring to AF’s plan meeting ("Medlemmet skal have udleveret en kopi af kassens registreringer", 000 phase 2; 001 §10); due at the meeting (our reading: the sources name no day)' +
        (copied ? '' : '; not recorded as handed over'),
    },
    {
      ruleId: 'HP-PREP',
      suffix: `${suffix}/notes`,
      owner: 'akasse',
      dueOn: atOnce ? meeting.heldOn : dueWithoutStatedLimit(meeting.heldOn, PREP_NOTES_1993_DUE),
      windowClosesOn,
      fulfilled:
        meeting.notesSentToAfOn !== null && meeting.notesSentToAfOn <= asOf
          ? at(meeting.notesSentToAfOn, meeting.eventId)
          : [],
      note: atOnce
        ? 'the meeting’s notes are sent to AF at once ("i umiddelbar forlængelse af samtalen", 001 §10)'
        : `held before order no. 190 of 23/03/1995 (${ORDER_1995_FROM.id}, unverified): the notes go to AF after the meeting (000 bilag 1), and the 1993 guidance sets no time for it`,
    },
  ];
}

/**
 * HP-PLAN: completed within 3 months of the person's request (not under the transitional order).
 */
function planRequestDrafts(hp: HpFacts): Draft[] {
  const { asOf, plans } = hp;
  const drafts: Draft[] = [];
  for (const request of plans.requests.filter((r) => r.requestedOn <= asOf)) {
    const done = plans.plans.find((p) => p.planId === request.planId && p.completed.completedOn <= asOf);
    drafts.push({
      ruleId: 'HP-PLAN',
      suffix: request.planId,
      owner: 'jobcenter',
      dueOn: after(request.requestedOn, PLAN_WITHIN),
      fulfilled: done ? at(done.completed.completedOn, done.completed.eventId) : [],
      notApplicable: request.transitionalOrder
        ? 'covered by the transitional order (overgangsordninger): no 3-month limit'
        : undefined,
    });
  }
  return drafts;
}

/** HP-COPY and HP-OBJECT, for the plan and each of its revisions. */
function planVersionDrafts(hp: HpFacts, plan: Plan): Draft[] {
  const { asOf } = hp;
  const drafts: Draft[] = [];
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
    const fourWeeks = after(version.on, OBJECTION_WITHIN);
    const closes =
      version.offerStartsOn !== null && version.offerStartsOn < fourWeeks ? version.offerStartsOn : fourWeeks;
    const objection = plan.objections.find((o) => o.objectedOn >= version.on && o.objectedOn <= closes);
    drafts.push({
      ruleId: 'HP-OBJECT',
      suffix: version.suffix,
      owner: 'person',
      dueOn: closes,
      fulfilled: objection && objection.objectedOn <= asOf ? at(objection.objectedOn, objection.eventId) : [],
      windowClosesOn: closes,
      note:
        closes < fourWeeks
          ? `a right of the person, not a duty; ended early by the offer starting ${closes}`
          : 'a right of the person, not a duty: open until the window closes, then it lapses',
    });
  }
  return drafts;
}

/**
 * HP-AFTER: once the a-kasse has the plan's copy (as AF sent it, or as the a-kasse recorded receiving it), it
 * guides the member on what the plan means for benefits and availability, in writing or in a conversation,
 * and must offer a personal conversation (000 "Efterfølgende vejledning"); no time limit is set. From the 1995
 * order only when making or revising the plan changes the member's availability obligation (001 §7).
 */
function planGuidanceDrafts(hp: HpFacts, plan: Plan): Draft[] {
  const { period, asOf } = hp;
  const drafts: Draft[] = [];
  const guidanceOnPlan = period.guidance.given.filter(
    (g) => g.duty === 'HP-AFTER' && g.relatesTo === plan.planId && g.givenOn <= asOf,
  );
  const copy = [
    plan.completed.copyToAkasseOn,
    ...period.guidance.planCopies
      .filter((c) => c.planId === plan.planId && (c.revisedOn ?? null) === null)
      .map((c) => c.receivedOn),
  ]
    .filter((day): day is LocalDate => day !== null && day <= asOf)
    .sort()[0];
  if (copy !== undefined) {
    const conditional = copy >= ORDER_1995_FROM.value;
    const changes = plan.completed.changesAvailability ?? null;
    if (conditional && changes === false)
      drafts.push({
        ruleId: 'HP-AFTER',
        suffix: plan.planId,
        owner: 'akasse',
        dueOn: null,
        notApplicable:
          "the plan does not change the member's availability obligation: from the 1995 order the a-kasse guides on a plan only when it does (001 §7)",
      });
    else
      drafts.push(
        ...guidanceAfter(plan.planId, copy, guidanceOnPlan, {
          unknown: conditional && changes === null ? UNKNOWN_FOR_1995_PLAN : undefined,
        }),
      );
  }
  // A revision, under both orders, only when it changes the availability obligation (000 "Revision af
  // handlingsplan": "på samme måde som skitseret ovenfor"; 001 §7); owed, with the question named, when whether
  // it does is not recorded.
  for (const revision of plan.revisions) {
    if (revision.revisedOn > asOf || revision.changesAvailability === false) continue;
    drafts.push(
      ...guidanceAfter(
        `${plan.planId}/revised-${revision.revisedOn}`,
        revision.copyToAkasseOn ?? revision.revisedOn,
        guidanceOnPlan.filter((g) => g.givenOn >= revision.revisedOn),
        { unknown: revision.changesAvailability == null ? UNKNOWN_FOR_REVISION : undefined },
      ),
    );
  }
  return drafts;
}

/**
 * HP-FOLLOWUP: the plan contains a follow-up contact ("Handlingsplanen skal indeholde en opfølgningskontakt", 000
 * phase 2; order §38(2)) — what the plan held when it was completed: one made without it is missed, not overdue
 * for ever (no revision adds one; #18 item 1).
 */
function followUpDraft(plan: Plan): Draft {
  return {
    ruleId: 'HP-FOLLOWUP',
    suffix: plan.planId,
    owner: 'jobcenter',
    dueOn: plan.completed.completedOn,
    windowClosesOn: plan.completed.completedOn,
    fulfilled:
      plan.completed.followUpContactOn !== null ? at(plan.completed.completedOn, plan.completed.eventId) : [],
    note: plan.completed.followUpContactOn === null ? 'the plan contains no follow-up contact' : undefined,
  };
}

/**
 * HP-REVISE: an offer not in the plan means the plan must be revised with it.
 */
function reviseDrafts(hp: HpFacts): Draft[] {
  const { asOf, plans } = hp;
  const drafts: Draft[] = [];
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
      dueOn: dueWithoutStatedLimit(offer.givenOn, REVISE_DUE),
      fulfilled: revision ? at(revision.revisedOn, revision.eventId) : [],
    });
  }
  return drafts;
}

/**
 * HP-REFUSE: AF notifies the a-kasse at once (§40), and tells the person at the same time ("samtidig") that the
 * a-kasse was notified and of the right to complain: the second is its own duty, due the day the a-kasse was.
 */
function refuseDrafts(hp: HpFacts): Draft[] {
  const { asOf, plans } = hp;
  const drafts: Draft[] = [];
  for (const refusal of plans.refusals.filter((r) => r.refusedOn <= asOf)) {
    const notified = refusal.akasseNotifiedOn !== null && refusal.akasseNotifiedOn <= asOf;
    const told = refusal.personToldOn !== null && refusal.personToldOn <= asOf;
    drafts.push({
      ruleId: 'HP-REFUSE',
      suffix: refusal.refusalId,
      owner: 'jobcenter',
      dueOn: refusal.refusedOn,
      fulfilled: notified ? at(refusal.akasseNotifiedOn!, refusal.eventId) : [],
      note: notified ? undefined : 'not recorded: the notice to the a-kasse',
    });
    drafts.push({
      ruleId: 'HP-REFUSE',
      suffix: `${refusal.refusalId}/person-told`,
      owner: 'jobcenter',
      dueOn: notified ? refusal.akasseNotifiedOn : null,
      fulfilled: told ? at(refusal.personToldOn!, refusal.eventId) : [],
      note: !told
        ? 'not recorded: telling the person that the a-kasse was notified, and of the right to complain'
        : notified && refusal.personToldOn! > refusal.akasseNotifiedOn!
          ? 'the person was not told at the same time as the a-kasse'
          : undefined,
    });
  }
  return drafts;
}

/**
 * HP-PREP, AF's side (order §37(2)): before it begins a plan without the a-kasse's meeting at the person's wish,
 * AF tells the person of the option of a meeting with the a-kasse ("Arbejdsformidlingen skal dog vejlede
 * medlemmet om muligheden for at få et møde med arbejdsløshedskassen, før udarbejdelsen af en handlingsplan
 * påbegyndes", 000 phase 2); before each revision, of a conversation with the a-kasse "inden den endelige
 * revision foretages" — except where the plan is made, or revised, for a current offer (§37(3); 000 phase 3).
 * The day AF began a plan is not recorded: its completion is the latest day the person can have been told on
 * time; a revision's own day is the seed's limit.
 */
function toldOfAkasseMeeting({ asOf }: HpFacts, plan: Plan): Draft[] {
  const drafts: Draft[] = [];
  const told = (on: LocalDate | null | undefined, eventId: string | undefined) =>
    on !== null && on !== undefined && on <= asOf ? at(on, eventId) : [];
  const { completed } = plan;
  if (completed.preparationSkipped !== null) {
    const toldOn = completed.personToldOfAkasseMeetingOn ?? null;
    drafts.push({
      ruleId: 'HP-PREP',
      suffix: `${plan.planId}/told-of-akasse-meeting`,
      owner: 'jobcenter',
      dueOn: completed.completedOn,
      // "før udarbejdelsen af en handlingsplan påbegyndes": once the plan is made it can no longer be (#18 item 1).
      windowClosesOn: completed.completedOn,
      fulfilled: told(toldOn, completed.eventId),
      notApplicable:
        completed.preparationSkipped === 'current-offer'
          ? `plan ${plan.planId} was made for a current offer: AF may make it without the a-kasse's guidance (order §37(3); 000 phase 3)`
          : undefined,
      note:
        'AF tells the person of the option of a meeting with the a-kasse before it begins the plan without one at the person’s wish (order §37(2); 000 phase 2); the day it began is not recorded, so the completion is the latest day this was on time' +
        (toldOn === null ? '; not recorded' : ''),
    });
  }
  for (const revision of plan.revisions.filter((r) => r.revisedOn <= asOf)) {
    const toldOn = revision.personToldOfAkasseMeetingOn ?? null;
    drafts.push({
      ruleId: 'HP-PREP',
      suffix: `${plan.planId}/${revision.revisedOn}/told-of-akasse-meeting`,
      owner: 'jobcenter',
      dueOn: revision.revisedOn,
      // "inden den endelige revision foretages": once revised it can no longer be (#18 item 1).
      windowClosesOn: revision.revisedOn,
      fulfilled: told(toldOn, revision.eventId),
      notApplicable:
        revision.cause === 'offer-outside-plan'
          ? `revised with an offer (${revision.offerId ?? 'not named'}): a revision made for a current offer needs no guidance at the a-kasse first (000 phase 3)`
          : undefined,
      note:
        'before a revision AF tells the person of the option of a conversation with the a-kasse, "inden den endelige revision foretages" (000 phase 3; order §37(2))' +
        (toldOn === null ? '; not recorded' : ''),
    });
  }
  return drafts;
}

/**
 * AV-EXPLAIN: once a plan is made, the a-kasse tells the member what refusing mediated work during an offer
 * leads to (004 §5); the guidance sets no time limit.
 */
function avExplainDrafts(hp: HpFacts): Draft[] {
  const { period, asOf, plans } = hp;
  const drafts: Draft[] = [];
  for (const plan of plans.plans.filter((p) => p.completed.completedOn <= asOf)) {
    const explained = period.guidance.given.find(
      (g) => g.duty === 'AV-EXPLAIN' && g.relatesTo === plan.planId && g.givenOn <= asOf,
    );
    drafts.push({
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
  return drafts;
}

/**
 * AV-NOTIFY: AF always notifies the a-kasse of a refused mediated job, and the education institution when the
 * person receives elevstøtte (004 §8); "skal altid underrette" sets no time limit, so nothing falls due.
 */
function avNotifyDrafts(hp: HpFacts): Draft[] {
  const { asOf, plans } = hp;
  const drafts: Draft[] = [];
  for (const refusal of plans.refusedWork.filter((r) => r.refusedOn <= asOf)) {
    const due = [
      refusal.akasseNotifiedOn,
      ...(refusal.receivesElevstoette ? [refusal.institutionNotifiedOn] : []),
    ];
    const told = due.filter((day): day is LocalDate => day !== null && day <= asOf);
    drafts.push({
      ruleId: 'AV-NOTIFY',
      suffix: refusal.refusalId,
      owner: 'jobcenter',
      dueOn: null,
      fulfilled:
        told.length === due.length
          ? at(
              told.reduce((a, b) => (a > b ? a : b)),
              refusal.eventId,
            )
          : [],
      note:
        refusal.akasseNotifiedOn === null || refusal.akasseNotifiedOn > asOf
          ? 'the a-kasse has not been notified of the refusal'
          : refusal.receivesElevstoette &&
              (refusal.institutionNotifiedOn === null || refusal.institutionNotifiedOn > asOf)
            ? 'the education institution (elevstøtte) has not been notified'
            : undefined,
    });
  }
  return drafts;
}

const SECTION_TOPICS: Record<Exclude<MeetingSection, '§8(1)' | '§8(2)'>, string> = {
  '§8(3)': 'the right to a reasonable offer',
  '§8(4)': 'moving to sub-period 2, and what refusing a plan or an offer costs there',
};

/**
 * HP-MEET39 (001 §8) and HP-NOTES (001 §10, §11): the a-kasse's guidance meetings on cumulative unemployment,
 * and what follows each one held. Only duties arising while order no. 190/1995 applied are evaluated.
 */
function meetingDrafts(facts: PeriodFacts, plans: ActionPlanState): Draft[] {
  const m = meetingContext(facts, plans);
  return [
    ...periodMeetingDrafts(m),
    ...thresholdMeetingDrafts(m),
    ...afterLeaveDrafts(m),
    ...meetingNotesDrafts(m),
  ].map(endedWithOrder1995);
}

/** A duty of the 1995 order can be met only while it applies (HP-ORDER-1995-ENDS): its window closes then. */
function endedWithOrder1995(draft: Draft): Draft {
  if (ORDER_1995_DUTIES_END.value === 'never') return draft;
  const lastDay = addDays(ORDER_1995_UNTIL.value, -1);
  const closes = draft.windowClosesOn ?? null;
  return { ...draft, windowClosesOn: closes !== null && closes < lastDay ? closes : lastDay };
}

type MeetingContext = ReturnType<typeof meetingContext>;

/** What the meetings of 001 §8 are judged by: cumulative unemployment, the meetings held, the leaves. */
function meetingContext({ period, asOf }: PeriodFacts, plans: ActionPlanState) {
  // Cumulative unemployment: the benefit hours, by the months they cover (order on an active labour-market
  // effort §§125–126); §8(4)'s weeks are counted from the same hours.
  const hours = period.hours
    .filter((h) => h.month <= monthOf(asOf))
    .map((h) => ({ ...h, wageSubsidyHours: 0 }));
  const hoursOf = (section: keyof typeof MEETING_THRESHOLDS) =>
    weeksOfUnemploymentInHours(MEETING_THRESHOLDS[section].value, period.insurance);
  const meetings = plans.unemploymentMeetings
    .filter((m) => m.heldOn <= asOf)
    .sort((a, b) => compareDates(a.heldOn, b.heldOn));
  const heldWithin = (day: LocalDate) => after(day, MEETING_HELD_WITHIN);
  const withinNote = `held within ${MEETING_HELD_WITHIN.value} weeks (${MEETING_HELD_WITHIN.id}, unverified)`;
  const outsideOrder = (day: LocalDate): string | undefined =>
    underOrder1995(day)
      ? undefined
      : day < ORDER_1995_FROM.value
        ? `arose on ${day}, before order no. 190 of 23/03/1995 (${ORDER_1995_FROM.id}, unverified): the 1993 guidance has no such meeting`
        : `arose on ${day}, after order no. 190/1995 gave way to order no. 310 of 19/05/1999 (${ORDER_1995_UNTIL.id}, unverified), whose text is not in the seeds`;

  return {
    period,
    asOf,
    plans,
    hours,
    hoursOf,
    meetings,
    heldWithin,
    withinNote,
    outsideOrder,
    ...leavesOf(period, asOf, plans),
  };
}

/**
 * Sabbatical leave (AFL §55(7)) and activity benefit (AFL §97 g): the a-kasse may skip calling the member to a
 * guidance meeting while on them ("kan undlade at indkalde"), must call one when the member reports unemployed
 * after them, and their weeks count towards §8(4) (001 §8). A leave's last day: its recorded end, else the planned.
 */
function leavesOf(period: BenefitPeriodState, asOf: LocalDate, plans: ActionPlanState) {
  const leaves = plans.leavePeriods
    .filter((l) => l.from <= asOf)
    .map((l) => ({ ...l, lastDay: l.endedOn ?? l.to }))
    .sort((a, b) => compareDates(a.from, b.from));
  const leaveOn = (day: LocalDate) =>
    leaves.find((l) => l.from <= day && (l.lastDay === null || day <= l.lastDay));
  const describeLeave = (l: (typeof leaves)[number]) =>
    `${LEAVE_PERIOD_KINDS[l.kind]} ${l.leaveId} (${l.from} to ${l.lastDay ?? 'no end recorded'})`;
  /** Not owed when its duty arose during a leave — unless a meeting was held on time anyway, which then counts. */
  const duringLeave = (day: LocalDate, heldOnTime: boolean): string | undefined => {
    const leave = leaveOn(day);
    return leave && !heldOnTime
      ? `arose on ${day}, during ${describeLeave(leave)}: the a-kasse may skip calling the member to a guidance meeting then ("kan undlade at indkalde medlemmet til vejledningsmøde", 001 §8); a meeting is owed when the member reports unemployed after it (HP-MEET39 after-leave/${leave.leaveId})`
      : undefined;
  };
  const heldDuringLeave = (day: LocalDate) => {
    const leave = leaveOn(day);
    return leave
      ? `; arose during ${describeLeave(leave)}, when the meeting could have been skipped (001 §8)`
      : '';
  };
  // §8(4)'s weeks include the leaves' (001 §8: "medregnes også i ledighedsperioden i § 8, stk. 4"): each leave
  // day up to asOf counts 1/7 of a week at the insurance's weekly norm, as hours of the months it falls in.
  const leaveHours: ConsumptionRegistration[] = leaves.flatMap((l) => {
    const last = l.lastDay === null || l.lastDay > asOf ? asOf : l.lastDay;
    const months: ConsumptionRegistration[] = [];
    for (let day = l.from; day <= last; day = addDays(endOfMonth(day), 1)) {
      const until = endOfMonth(day) < last ? endOfMonth(day) : last;
      months.push({
        month: monthOf(day),
        benefitHours: weeksOfUnemploymentInHours((daysBetween(day, until) + 1) / 7, period.insurance),
        wageSubsidyHours: 0,
        registeredOn: until,
      });
    }
    return months;
  });
  const leaveWeeks = (until: LocalDate) =>
    leaves
      .filter((l) => l.from <= until)
      .reduce(
        (weeks, l) =>
          weeks + (daysBetween(l.from, l.lastDay === null || l.lastDay > until ? until : l.lastDay) + 1) / 7,
        0,
      );
  return { leaves, leaveOn, describeLeave, duringLeave, heldDuringLeave, leaveHours, leaveWeeks };
}

/** HP-MEET39 §8(1). */
function periodMeetingDrafts(m: MeetingContext): Draft[] {
  const { period, asOf, plans, hours, hoursOf } = m;
  // §8(1): each time the member completes a 39-week period, in sub-period 1 and 2. After an offer under a plan
  // ends, a new period starts — unless a later offer is scheduled, which then spares that period's meeting.
  const offers = plans.situations
    .filter((s) => PLAN_OFFER_KINDS.has(s.kind) && s.from <= asOf)
    .map((s) => ({ from: s.from, to: s.endedOn ?? s.to }));
  const starts = [
    ...new Set([
      period.placedOn,
      ...offers
        .filter((o) => o.to !== null && o.to >= period.placedOn && o.to < asOf)
        .map((o) => addDays(o.to!, 1)),
    ]),
  ].sort();
  const versions = plans.plans.flatMap((p) => [
    { planId: p.planId, on: p.completed.completedOn, offerStartsOn: p.completed.offerStartsOn },
    ...p.revisions.map((r) => ({ planId: p.planId, on: r.revisedOn, offerStartsOn: r.offerStartsOn })),
  ]);
  const hasOffer = (planId: string) =>
    versions.some((v) => v.planId === planId && v.on <= asOf && v.offerStartsOn !== null);
  const h1 = hoursOf('§8(1)');
  const first = MEETING_THRESHOLDS['§8(1)'];
  const p81 = { offers, versions, hasOffer, h1, first };
  return starts.flatMap((start, i) => {
    const nextStart = starts[i + 1] as LocalDate | undefined;
    const ends: LocalDate[] = [];
    for (let k = 1; k <= 100; k++) {
      // All of the period's hours count from placement; after an offer, only those from the day after it.
      const end = jobcentreCounterReachedOn(hours, k * h1, i === 0 ? undefined : start);
      if (end === undefined || end > asOf || (nextStart !== undefined && end >= nextStart)) break;
      ends.push(end);
    }
    return ends.map((end, k) =>
      // The 39-week period (from, end]; its meeting is owed until the next one's duty arises.
      periodMeetingDraft(m, p81, end, k === 0 ? start : ends[k - 1], ends[k + 1] ?? nextStart),
    );
  });
}

interface PeriodMeetingFacts {
  offers: Array<{ from: LocalDate; to: LocalDate | null }>;
  versions: Array<{ planId: string; on: LocalDate; offerStartsOn: LocalDate | null }>;
  hasOffer(planId: string): boolean;
  h1: number;
  first: MeetingThreshold;
}

/** The meeting of one completed 39-week period (from, end], owed until `until` (the next one's duty). */
function periodMeetingDraft(
  m: MeetingContext,
  { offers, versions, hasOffer, h1, first }: PeriodMeetingFacts,
  end: LocalDate,
  from: LocalDate,
  until: LocalDate | undefined,
): Draft {
  const { asOf, plans, meetings, heldWithin, withinNote, outsideOrder, duringLeave, heldDuringLeave } = m;
  const offerIn = offers.find((o) => o.from <= end && (o.to === null || o.to >= from));
  const scheduled = versions.find((v) => v.on <= end && v.offerStartsOn !== null && v.offerStartsOn >= from);
  const preparing = plans.requests.find(
    (r) =>
      r.requestedOn <= end &&
      !plans.plans.some((p) => p.planId === r.planId && p.completed.completedOn <= end),
  );
  const made = preparing
    ? plans.plans.find((p) => p.planId === preparing.planId && p.completed.completedOn <= asOf)
    : undefined;
  const meeting = meetings.find(
    (m) => m.sections.includes('§8(1)') && m.heldOn >= end && (until === undefined || m.heldOn < until),
  );
  const counted = `${first.value} weeks of cumulative unemployment (${first.id}: ${h1} h, unverified) completed on ${end}, counted from ${from}`;
  const dueOn = made && !hasOffer(made.planId) ? heldWithin(made.completed.completedOn) : heldWithin(end);
  return {
    ruleId: 'HP-MEET39',
    suffix: `8(1)/${end}`,
    owner: 'akasse',
    dueOn,
    hourThreshold: { hours: h1, counter: 'jobcentre' },
    fulfilled: meeting ? at(meeting.heldOn, meeting.eventId) : [],
    windowClosesOn: until === undefined ? null : addDays(until, -1),
    notApplicable:
      outsideOrder(end) ??
      (offerIn
        ? `the member took part in an offer under an action plan (from ${offerIn.from}) in the 39-week period: no meeting (001 §8)`
        : scheduled
          ? `action plan ${scheduled.planId} (as of ${scheduled.on}) has the member start an offer on ${scheduled.offerStartsOn}: no meeting (001 §8)`
          : made && hasOffer(made.planId)
            ? `action plan ${made.planId}, being prepared on ${end}, came with an offer: no meeting (001 §8)`
            : duringLeave(end, meeting !== undefined && meeting.heldOn <= dueOn)),
    waivedByFacts: preparing && !made && preparing.eventId !== undefined ? [preparing.eventId] : undefined,
    note:
      preparing && !made
        ? `${counted}; action plan ${preparing.planId} is being prepared: no meeting is called while it is (001 §8)`
        : made
          ? `${counted}; no meeting was called while action plan ${made.planId} was prepared, and it has no offer: the meeting is called on its completion (${made.completed.completedOn}), ${withinNote} (001 §8)`
          : `${counted}; ${withinNote}${heldDuringLeave(end)}`,
  };
}

/** HP-MEET39 §8(3), §8(4). */
function thresholdMeetingDrafts(m: MeetingContext): Draft[] {
  const { asOf, plans } = m;
  // §8(3), §8(4): one meeting each when the threshold is first reached; none needed when the a-kasse guided on
  // the same within about the last 2 months. §8(4)'s meeting on moving to sub-period 2 is owed too when the
  // reference period of sub-period 1 ends within 3 months, "uanset" the 44 months (001 §8): whichever comes first.
  const subPeriodEnd = plans.subPeriodOneEnds
    .filter((e) => e.knownOn <= asOf)
    .reduce<(typeof plans.subPeriodOneEnds)[number] | undefined>(
      (latest, e) => (latest === undefined || e.knownOn >= latest.knownOn ? e : latest),
      undefined,
    );
  return (['§8(3)', '§8(4)'] as const).flatMap(
    (section) => thresholdMeetingDraft(m, section, subPeriodEnd) ?? [],
  );
}

function thresholdMeetingDraft(
  m: MeetingContext,
  section: '§8(3)' | '§8(4)',
  subPeriodEnd: ActionPlanState['subPeriodOneEnds'][number] | undefined,
): Draft | undefined {
  const {
    leaveHours,
    asOf,
    hours,
    hoursOf,
    meetings,
    heldWithin,
    withinNote,
    outsideOrder,
    duringLeave,
    heldDuringLeave,
    leaveWeeks,
  } = m;
  const threshold = MEETING_THRESHOLDS[section];
  const h = hoursOf(section);
  const reached = jobcentreCounterReachedOn(section === '§8(4)' ? [...hours, ...leaveHours] : hours, h);
  const byThreshold = reached !== undefined && reached <= asOf ? reached : undefined;
  const ahead =
    section === '§8(4)' && subPeriodEnd !== undefined
      ? before(subPeriodEnd.endsOn, SUB_PERIOD_TWO_AHEAD)
      : undefined;
  const bySubPeriod = ahead !== undefined && ahead <= asOf ? ahead : undefined;
  const trigger =
    bySubPeriod !== undefined && (byThreshold === undefined || bySubPeriod < byThreshold)
      ? bySubPeriod
      : byThreshold;
  if (trigger === undefined) return undefined;
  const since = before(trigger, RECENT_GUIDANCE);
  const meeting = meetings.find((m) => m.sections.includes(section) && m.heldOn >= since);
  const weeks = Math.round(threshold.value * 100) / 100;
  const dueOn = heldWithin(trigger);
  const withLeave =
    section === '§8(4)' && byThreshold !== undefined && leaveWeeks(byThreshold) > 0
      ? `, counting ${Math.round(leaveWeeks(byThreshold) * 100) / 100} weeks of sabbatical leave or activity benefit ("medregnes også", 001 §8)`
      : '';
  const triggeredBy =
    trigger === bySubPeriod
      ? `the reference period of sub-period 1 ends on ${subPeriodEnd!.endsOn} (recorded on ${subPeriodEnd!.knownOn}): the meeting on moving to sub-period 2 is owed from ${SUB_PERIOD_TWO_AHEAD.value} months before, ${trigger}, though 44 months are ${byThreshold === undefined ? 'not reached' : `reached only on ${byThreshold}`} ("uanset at medlemmet ikke har været ledig i sammenlagt 44 måneder", ${SUB_PERIOD_TWO_AHEAD.id})`
      : `${weeks} weeks of cumulative unemployment (${threshold.id}: ${h} h, unverified) reached on ${trigger}${withLeave}` +
        (bySubPeriod === undefined && subPeriodEnd !== undefined
          ? `, before the reference period of sub-period 1 ends within ${SUB_PERIOD_TWO_AHEAD.value} months (it ends on ${subPeriodEnd.endsOn})`
          : bySubPeriod !== undefined
            ? `, before the reference period of sub-period 1 came within ${SUB_PERIOD_TWO_AHEAD.value} months of its end (${subPeriodEnd!.endsOn})`
            : '');
  return {
    ruleId: 'HP-MEET39',
    suffix: section.slice(1),
    owner: 'akasse',
    dueOn,
    hourThreshold: { hours: h, counter: 'jobcentre' },
    fulfilled: meeting ? at(meeting.heldOn, meeting.eventId) : [],
    notApplicable:
      outsideOrder(trigger) ?? duringLeave(trigger, meeting !== undefined && meeting.heldOn <= dueOn),
    note:
      `${section}, ${SECTION_TOPICS[section]}: ${triggeredBy}; ${withinNote}` +
      (meeting && meeting.heldOn < trigger
        ? `; guided on it on ${meeting.heldOn}, within about ${RECENT_GUIDANCE.value} months before (${RECENT_GUIDANCE.id}): no new meeting is needed`
        : '') +
      heldDuringLeave(trigger),
  };
}

/**
 * After a leave: "Hvis medlemmet ledigmelder sig efter sabbat-orloven eller perioden, hvor medlemmet har modtaget
 * aktivitetsydelse, skal kassen indkalde medlemmet til et møde" (001 §8). Reporting unemployed is registering as a
 * jobseeker: the meeting is owed from the first registration on or after the leave's last day, and met by any
 * guidance meeting from then on. Until the member registers, nothing is owed yet.
 */
function afterLeaveDrafts(m: MeetingContext): Draft[] {
  const { period, asOf, meetings, heldWithin, withinNote, outsideOrder, leaves, describeLeave } = m;
  const drafts: Draft[] = [];
  for (const leave of leaves.filter((l) => l.lastDay !== null && l.lastDay <= asOf)) {
    const lastDay = leave.lastDay!;
    const registration = period.registrations
      .filter((r) => r.registeredOn >= lastDay && r.registeredOn <= asOf)
      .sort((a, b) => compareDates(a.registeredOn, b.registeredOn))[0];
    const meeting = registration && meetings.find((m) => m.heldOn >= registration.registeredOn);
    const ranThrough = period.registrations.find(
      (r) => r.registeredOn < lastDay && (r.deregisteredOn === null || r.deregisteredOn >= lastDay),
    );
    drafts.push({
      ruleId: 'HP-MEET39',
      suffix: `after-leave/${leave.leaveId}`,
      owner: 'akasse',
      dueOn: registration ? heldWithin(registration.registeredOn) : null,
      fulfilled: meeting ? at(meeting.heldOn, meeting.eventId) : [],
      notApplicable: registration
        ? outsideOrder(registration.registeredOn)
        : `not yet owed: ${describeLeave(leave)} has ended, and no registration as a jobseeker is recorded on or after ${lastDay}${ranThrough ? ` (the registration of ${ranThrough.registeredOn} is recorded as running on through the leave: record the deregistration and the new registration if the member reported unemployed after it)` : ''}; the meeting is owed when the member reports unemployed (001 §8)`,
      note: registration
        ? `the member reported unemployed (registered as a jobseeker) on ${registration.registeredOn}, after ${describeLeave(leave)}: the a-kasse calls a meeting (001 §8), ${withinNote}`
        : undefined,
    });
  }
  return drafts;
}

/**
 * HP-NOTES: the member signs to confirm the meeting and its content (001 §11), and the noted information goes
 * to AF in immediate continuation of the meeting (001 §10, bilag 1).
 */
function meetingNotesDrafts(m: MeetingContext): Draft[] {
  const { asOf, meetings, outsideOrder } = m;
  const drafts: Draft[] = [];
  for (const meeting of meetings) {
    const outside = outsideOrder(meeting.heldOn);
    const signed = meeting.memberSignedOn !== null && meeting.memberSignedOn <= asOf;
    drafts.push({
      ruleId: 'HP-NOTES',
      suffix: meeting.meetingId,
      owner: 'akasse',
      dueOn: meeting.heldOn,
      fulfilled: signed ? at(meeting.memberSignedOn!, meeting.eventId) : [],
      notApplicable: outside,
      note: signed ? undefined : 'the member has not signed to confirm the meeting and its content (001 §11)',
    });
    const reported = meeting.reportedToAfOn !== null && meeting.reportedToAfOn <= asOf;
    drafts.push({
      ruleId: 'HP-NOTES',
      suffix: `${meeting.meetingId}/af`,
      owner: 'akasse',
      dueOn: meeting.heldOn,
      fulfilled: reported ? at(meeting.reportedToAfOn!, meeting.eventId) : [],
      notApplicable: outside,
      note: reported ? undefined : 'the meeting’s notes go to AF in immediate continuation of it (001 §10)',
    });
  }
  return drafts;
}

/** The day 3 months of unemployment (benefit hours) fall within a window of 5 calendar months, if they have. */
function threeMonthsInFive(period: BenefitPeriodState, asOf: LocalDate): LocalDate | undefined {
  const threshold = monthsOfUnemploymentInHours(NOTIFY_AFTER.value, period.insurance);
  const hours = period.hours
    .filter((h) => h.month <= monthOf(asOf))
    .map((h) => ({ ...h, wageSubsidyHours: 0 }));
  for (const month of [...new Set(hours.map((h) => h.month))].sort()) {
    // The window's first month: it ends with `month` and spans NOTIFY_WITHIN calendar months.
    const from = monthOf(
      before(localDate(`${month}-01`), { ...NOTIFY_WITHIN, value: NOTIFY_WITHIN.value - 1 }),
    );
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

/**
 * HP-AFTER's two duties for a plan (or a revision) whose copy reached the a-kasse on `since`: guidance on what it
 * means for benefits and availability, and a personal conversation offered (or held).
 */
const UNKNOWN_FOR_1995_PLAN =
  "Whether the plan changes the member's availability obligation is not recorded: from the 1995 order only then is this owed (001 §7).";
const UNKNOWN_FOR_REVISION =
  "Whether the revision changes the member's availability obligation is not recorded: only then is this owed (000; 001 §7).";

function guidanceAfter(
  suffix: string,
  since: LocalDate,
  guidance: ReadonlyArray<GuidanceGiven & { eventId: string | undefined }>,
  options: { unknown?: string },
): Draft[] {
  const at = (g: { givenOn: LocalDate; eventId: string | undefined }) => [
    { on: g.givenOn, eventId: g.eventId },
  ];
  const guided = guidance[0];
  const unknown = options.unknown ? ` ${options.unknown}` : '';
  const conversation = guidance.find(
    (g) => g.form === 'conversation' || g.personalConversationOffered === true,
  );
  return [
    {
      ruleId: 'HP-AFTER',
      suffix,
      owner: 'akasse',
      dueOn: null,
      fulfilled: guided ? at(guided) : [],
      note: guided
        ? undefined
        : `the copy reached the a-kasse on ${since}; no guidance on it is recorded.${unknown}`,
    },
    {
      ruleId: 'HP-AFTER',
      suffix: `${suffix}/conversation`,
      owner: 'akasse',
      dueOn: null,
      fulfilled: conversation ? at(conversation) : [],
      note: !conversation
        ? `the a-kasse must offer the member a personal conversation on the plan: none is recorded as offered or held.${unknown}`
        : conversation.form === 'conversation'
          ? 'guided in a personal conversation'
          : 'a personal conversation was offered with the written guidance',
    },
  ];
}
