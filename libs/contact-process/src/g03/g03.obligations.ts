/**
 * The a-kasse's guidance duties of seed 003 (in force 2003-01-01) for one benefit period, as of a day (valid
 * time). Duties that follow a fact (a plan copy, a triggering event, a request) are one obligation each; the
 * age-driven ones fall on the member's birthdays while the benefit period runs.
 */
import {
  addMonthsClamped,
  ageOn,
  compareDates,
  maxDate,
  jobcentreCounterReachedOn,
  monthOf,
  monthsOfUnemploymentInHours,
  type LocalDate,
} from '@app/legal-time';
import type { Organisation } from '../contact-process.events';
import { emptyGuidance, type BenefitPeriodState } from '../process/state';
import { toObligation, type Draft, type PeriodFacts } from '../engine/draft';
import {
  AT_ONCE_AND_IN_GOOD_TIME_SECTIONS,
  G03,
  G03_IN_FORCE,
  GUIDANCE_TRIGGERS,
  IN_GOOD_TIME_SECTIONS,
  OFFER_RULE_FROM,
  G03_PARAMETERS as P,
  type GuidanceTriggerSection,
} from './g03.rules';
import { before } from '../engine/parameter';
import type { Obligation } from '../engine/rule';

/**
 * G03 governs a benefit period placed from 2003-01-01, or placed before and still running then (those members
 * aged 25–59 have the meeting by 9 months, § 33; no duty falls due before 2003-01-01, § 32). Later regimes come
 * first in the registry, so a period the 2024 rules or their transition govern never reaches here.
 */
export function governedByG03(period: BenefitPeriodState): boolean {
  return (
    period.placedOn >= G03_IN_FORCE ||
    (period.placedOn >= P.oldestRunningPlacement.value &&
      period.registrations.some((r) => r.deregisteredOn === null || r.deregisteredOn >= G03_IN_FORCE))
  );
}

/**
 * § 33: placed before 2003-01-01 and aged 25–59 (on that day): the meeting by 9 months, not 6. The age is on
 * 2003-01-01 from the birth date, which has no day of its own (the same on every day, see PersonState).
 */
function meetingAfterMonths({ person, period }: PeriodFacts): number {
  if (period.placedOn >= G03_IN_FORCE) return P.meetingAfterMonths.value;
  const age = ageOn(person.birthDate, G03_IN_FORCE);
  return age >= P.placedBefore2003FromAge.value && age <= P.placedBefore2003ToAge.value
    ? P.meetingAfterMonthsPlacedBefore2003.value
    : P.meetingAfterMonths.value;
}

/** § 32: the order is in force from 2003-01-01; a duty whose day falls before then is not owed under it. */
const beforeInForce = (day: LocalDate) =>
  `falls due on ${day}, before the order came into force on ${G03_IN_FORCE} (§ 32): not owed under it`;

type Fulfilment = { on: LocalDate; eventId: string | undefined };
/** Fulfilments in the order they happened, not the order they were recorded in. */
const byDate = (fulfilled: Fulfilment[]): Fulfilment[] =>
  [...fulfilled].sort((a, b) => compareDates(a.on, b.on));

/** What every G03 duty reads: the period's facts, its guidance facts, and the guidance given on a duty. */
interface Guidance {
  facts: PeriodFacts;
  guidance: ReturnType<typeof emptyGuidance>;
  given(duty: string, relatesTo?: string | null): Fulfilment[];
}

/** The day that ends a guidance duty owed before `day`, under G03-BEFORE-ENDS; null while that day is unknown. */
const endsOn = (day: LocalDate | null): LocalDate | null =>
  P.beforeDutyEnds.value === 'on-the-day' ? day : null;

/** A duty with a day; not owed (not applicable, no day) when that day falls before the order came into force. */
const owed = (draft: Draft & { dueOn: LocalDate }): Draft =>
  draft.dueOn < G03_IN_FORCE
    ? { ...draft, dueOn: null, notApplicable: draft.notApplicable ?? beforeInForce(draft.dueOn) }
    : draft;

export function g03Obligations(facts: PeriodFacts): Obligation[] {
  const guidance = facts.period.guidance;
  const g: Guidance = {
    facts,
    guidance,
    given: (duty, relatesTo = null) =>
      byDate(
        guidance.given
          .filter((x) => x.duty === duty && x.relatesTo === relatesTo && x.givenOn <= facts.asOf)
          .map((x) => ({ on: x.givenOn, eventId: x.eventId })),
      ),
  };
  const meetings = meetingsHeld(g);
  const drafts = [
    writtenInformation(g),
    guidanceMeeting(g, meetings),
    ...meetingsReportedToAf(g, meetings),
    contactPersonToAf(g),
    ...ageDuties(g),
    ...planGuidance(g),
    ...rightExpiryGuidance(g),
    ...eventGuidance(g),
    ...requestedGuidance(g),
  ];
  return drafts.map((draft) => toObligation(G03, draft, facts));
}

/**
 * G03-INFO: the written information, given to every member the a-kasse places in a benefit period (§ 3) — from
 * 2003-01-01 (§ 32): not owed for a period placed before.
 */
function writtenInformation({ facts: { period }, given }: Guidance): Draft {
  return {
    ruleId: 'G03-INFO',
    owner: 'akasse',
    dueOn: period.placedOn >= G03_IN_FORCE ? period.placedOn : null,
    fulfilled: given('G03-INFO'),
    notApplicable:
      period.placedOn < G03_IN_FORCE
        ? `placed on ${period.placedOn}, before the order came into force on ${G03_IN_FORCE}: § 3 covers the members the a-kasse places from then (§ 32)`
        : undefined,
  };
}

const meetingsHeld = ({ facts: { period, asOf }, guidance }: Guidance) =>
  [...guidance.meetings]
    .filter((m) => m.heldOn >= period.placedOn && m.heldOn <= asOf)
    .sort((a, b) => compareDates(a.heldOn, b.heldOn));

/**
 * G03-MEET: at the latest after 6 months of cumulative unemployment after placement (§ 8) — benefit hours, by the
 * months they cover; for § 33's members at the latest after 9 months. Never due before the order came into force
 * (§ 32); any meeting held from the day the order governs the period counts.
 */
function guidanceMeeting({ facts }: Guidance, meetings: ReturnType<typeof meetingsHeld>): Draft {
  const { period, asOf } = facts;
  const months = meetingAfterMonths(facts);
  const threshold = monthsOfUnemploymentInHours(months, period.insurance);
  const unemployment = period.hours
    .filter((h) => h.month <= monthOf(asOf))
    .map((h) => ({ ...h, wageSubsidyHours: 0 }));
  const reachedOn = jobcentreCounterReachedOn(unemployment, threshold);
  const governedFrom = maxDate(period.placedOn, G03_IN_FORCE);
  const notes = [
    months === P.meetingAfterMonthsPlacedBefore2003.value
      ? 'placed before 2003-01-01 and aged 25–59: the meeting at the latest after 9 months of cumulative unemployment (§ 33)'
      : undefined,
    reachedOn !== undefined && reachedOn < G03_IN_FORCE
      ? `${months} months reached on ${reachedOn}, before the order came into force: due on ${G03_IN_FORCE} (§ 32)`
      : undefined,
  ].filter((n) => n !== undefined);
  return {
    ruleId: 'G03-MEET',
    owner: 'akasse',
    dueOn: reachedOn === undefined ? null : maxDate(reachedOn, G03_IN_FORCE),
    hourThreshold: { hours: threshold, counter: 'akasse' },
    fulfilled: meetings
      .filter((m) => m.heldOn >= governedFrom)
      .map((m) => ({ on: m.heldOn, eventId: m.eventId })),
    note: notes.length > 0 ? notes.join('; ') : undefined,
  };
}

/** G03-EXCH: the meeting's date to AF (§ 29(3) no. 1); the order sets no time limit. */
function meetingsReportedToAf(
  { facts: { asOf } }: Guidance,
  meetings: ReturnType<typeof meetingsHeld>,
): Draft[] {
  return meetings.map((meeting) => ({
    ruleId: 'G03-EXCH',
    suffix: meeting.meetingId,
    owner: 'akasse',
    dueOn: null,
    fulfilled:
      meeting.reportedToAfOn !== null && meeting.reportedToAfOn <= asOf
        ? [{ on: meeting.reportedToAfOn, eventId: meeting.eventId }]
        : [],
    note: meeting.reportedToAfOn === null ? 'the meeting’s date has not been reported to AF' : undefined,
  }));
}

/**
 * G03-EXCH: who the member's contact person at the a-kasse is, to AF (§ 29(3) no. 3), once in the period; the
 * order sets no time limit. The information of no. 2 and what AF tells the a-kasse (§ 29(2)) are kept as facts.
 */
function contactPersonToAf({ facts: { asOf }, guidance }: Guidance): Draft {
  return {
    ruleId: 'G03-EXCH',
    suffix: 'contact-person',
    owner: 'akasse',
    dueOn: null,
    fulfilled: byDate(
      guidance.exchanges
        .filter((e) => e.direction === 'to-af' && e.subject === 'contact-person' && e.exchangedOn <= asOf)
        .map((e) => ({ on: e.exchangedOn, eventId: e.eventId })),
    ),
    note: 'the member’s contact person at the a-kasse, to AF (§ 29(3) no. 3)',
  };
}

/**
 * The member's birthdays (from the birth date, the same on every day: it has no effective day), and whether the
 * member is in the benefit period (or registered unemployed) on a day.
 */
function lifeOf({ person, period, asOf }: PeriodFacts) {
  const birthday = (years: number) => addMonthsClamped(person.birthDate, years * 12);
  const last = period.registrations[period.registrations.length - 1];
  const ended = last?.deregisteredOn ?? null;
  const memberOn = (day: LocalDate) => day >= period.placedOn && (ended === null || day <= ended);
  const unemployedOn = (day: LocalDate) =>
    period.registrations.some(
      (r) => r.registeredOn <= day && (r.deregisteredOn === null || r.deregisteredOn > day),
    ) ||
    (day > asOf && last !== undefined && last.deregisteredOn === null);
  const sixty = birthday(P.sixty.value);
  return { birthday, memberOn, unemployedOn, sixty, threeBeforeSixty: before(sixty, P.limitBeforeSixty) };
}

/** The age-driven duties, on the member's birthdays while the benefit period runs. */
function ageDuties({ facts, given }: Guidance): Draft[] {
  const { period } = facts;
  const { birthday, memberOn, unemployedOn, sixty, threeBeforeSixty } = lifeOf(facts);
  const ageDuty = (
    ruleId: string,
    dueOn: LocalDate,
    applies: boolean,
    note?: string,
    before?: LocalDate,
  ): Draft[] =>
    applies
      ? [
          owed({
            ruleId,
            owner: 'akasse',
            dueOn,
            fulfilled: given(ruleId),
            note,
            windowClosesOn: endsOn(before ?? null),
          }),
        ]
      : [];
  const certificate = before(sixty, P.certificateBeforeSixty);
  // G03-60OFFER (§ 22(3)): a member turning 60 is told of the right and duty to offers after 6 months of
  // cumulative unemployment; the order names no time. Not for one who turned 60 before 1999-07-01 and began the
  // last benefit period before it (§ 33(2)) — so it is owed to one who turned 60 later, also before 2003.
  const before1999 = sixty < OFFER_RULE_FROM && period.placedOn < OFFER_RULE_FROM;
  const offers: Draft[] = memberOn(sixty)
    ? [
        {
          ruleId: 'G03-60OFFER',
          owner: 'akasse',
          dueOn: null,
          fulfilled: given('G03-60OFFER'),
          notApplicable: before1999
            ? 'turned 60 before 1999-07-01 and began the benefit period before it (§ 33(2))'
            : undefined,
        },
      ]
    : [];
  const beforeThirty = before(birthday(P.contributionAge.value), P.inGoodTime);
  return [
    ...ageDuty(
      'G03-59',
      birthday(P.certificateGuidanceAge.value),
      memberOn(birthday(P.certificateGuidanceAge.value)),
    ),
    ...ageDuty('G03-60CERT', certificate, memberOn(certificate), undefined, sixty),
    ...ageDuty('G03-60LIMIT', threeBeforeSixty, unemployedOn(threeBeforeSixty), undefined, sixty),
    ...offers,
    ...ageDuty(
      'G03-30',
      beforeThirty,
      memberOn(beforeThirty),
      `"in good time" before 30 taken as ${P.inGoodTime.value} months (${P.inGoodTime.id}, unverified)`,
      birthday(P.contributionAge.value),
    ),
  ];
}

/**
 * G03-PLAN: guidance on each plan whose copy the a-kasse received from AF (§ 14(1)), and on a revision's copy when
 * the revision changes the availability obligation (§ 14(2)) — owed, with the question named, when that is not
 * recorded. Guidance on the plan given from the copy's receipt meets it.
 */
function planGuidance({ facts: { asOf }, guidance, given }: Guidance): Draft[] {
  return guidance.planCopies
    .filter((p) => p.receivedOn <= asOf)
    .filter((copy) => (copy.revisedOn ?? null) === null || copy.changesAvailability !== false)
    .map((copy) => {
      const revisedOn = copy.revisedOn ?? null;
      return owed({
        ruleId: 'G03-PLAN',
        suffix: revisedOn === null ? copy.planId : `${copy.planId}/revised-${revisedOn}`,
        owner: 'akasse',
        dueOn: copy.receivedOn,
        fulfilled:
          revisedOn === null
            ? given('G03-PLAN', copy.planId)
            : given('G03-PLAN', copy.planId).filter((x) => x.on >= copy.receivedOn),
        note:
          revisedOn !== null && copy.changesAvailability == null
            ? "whether the revision changes the member's availability obligation is not recorded: only then is this owed (§ 14(2))"
            : undefined,
      });
    });
}

/**
 * G03-60RIGHT (§ 22(2)): a member over 60 is told how to regain the right to benefits at the latest 3 months
 * before it expires — recorded as the trigger § 22 with the expiry day.
 */
function rightExpiryGuidance({ facts: { asOf }, guidance, given }: Guidance): Draft[] {
  return guidance.triggers
    .filter((t) => t.section === '§22' && t.knownOn <= asOf)
    .map((trigger) => {
      const threeBefore =
        trigger.eventOn === null ? trigger.knownOn : before(trigger.eventOn, P.rightExpiryAhead);
      return owed({
        ruleId: 'G03-60RIGHT',
        suffix: trigger.triggerId,
        owner: 'akasse',
        dueOn: maxDate(threeBefore, trigger.knownOn),
        fulfilled: given('G03-60RIGHT', trigger.triggerId),
        windowClosesOn: endsOn(trigger.eventOn),
        note: trigger.eventOn === null ? 'the expiry day is not recorded: due when known' : undefined,
      });
    });
}

type Trigger = Guidance['guidance']['triggers'][number];
const IN_GOOD_TIME_NOTE = `"in good time" taken as ${P.inGoodTime.value} months (${P.inGoodTime.id}, unverified)`;
const triggerWhat = (trigger: Trigger) =>
  `${trigger.section}: ${GUIDANCE_TRIGGERS[trigger.section as GuidanceTriggerSection] ?? 'unknown section'}`;
/** "In good time" before the event, but never before the a-kasse learnt of it. */
const inGoodTimeBefore = (trigger: Trigger) =>
  trigger.eventOn === null
    ? trigger.knownOn
    : maxDate(before(trigger.eventOn, P.inGoodTime), trigger.knownOn);

/**
 * G03-EVENT: at once when the a-kasse learns of the event; "in good time" before it for § 20; both, as two duties,
 * for §§ 17–19 (stk. 1 and stk. 2); § 21 at the latest 3 months before the member turns 60.
 */
function eventGuidance(g: Guidance): Draft[] {
  return g.guidance.triggers
    .filter((t) => t.knownOn <= g.facts.asOf && t.section !== '§22')
    .flatMap((trigger) =>
      AT_ONCE_AND_IN_GOOD_TIME_SECTIONS.has(trigger.section as GuidanceTriggerSection)
        ? atOnceAndInGoodTime(g, trigger)
        : [singleEventGuidance(g, trigger)],
    );
}

/**
 * §§ 17–19: stk. 1 is met by the first guidance on the trigger, stk. 2 by a later one: two acts of guidance. Where
 * stk. 1 is not owed (known before the order came into force), any guidance on the trigger meets stk. 2.
 */
function atOnceAndInGoodTime({ given }: Guidance, trigger: Trigger): Draft[] {
  const what = triggerWhat(trigger);
  const fulfilled = given('G03-EVENT', trigger.triggerId);
  const beforeEventNote =
    trigger.eventOn === null ? 'the expiry day is not recorded: due when known' : IN_GOOD_TIME_NOTE;
  const stk1Owed = trigger.knownOn >= G03_IN_FORCE;
  return [
    owed({
      ruleId: 'G03-EVENT',
      suffix: trigger.triggerId,
      owner: 'akasse',
      dueOn: trigger.knownOn,
      fulfilled,
      note: `${what} (stk. 1, at once)`,
    }),
    owed({
      ruleId: 'G03-EVENT',
      suffix: `${trigger.triggerId}:before-expiry`,
      owner: 'akasse',
      dueOn: inGoodTimeBefore(trigger),
      fulfilled: stk1Owed ? fulfilled.slice(1) : fulfilled,
      windowClosesOn: endsOn(trigger.eventOn),
      note: `${what} (stk. 2, before the limited period expires${stk1Owed ? '; met by guidance after that of stk. 1' : ''}): ${beforeEventNote}`,
    }),
  ];
}

/** Every other section: one duty, at once, "in good time" before the event, or (§ 21) 3 months before 60. */
function singleEventGuidance({ facts, given }: Guidance, trigger: Trigger): Draft {
  const section = trigger.section as GuidanceTriggerSection;
  const what = triggerWhat(trigger);
  const { sixty, threeBeforeSixty, unemployedOn } = lifeOf(facts);
  const dueOn =
    section === '§21'
      ? threeBeforeSixty
      : IN_GOOD_TIME_SECTIONS.has(section)
        ? inGoodTimeBefore(trigger)
        : trigger.knownOn;
  return owed({
    ruleId: 'G03-EVENT',
    suffix: trigger.triggerId,
    owner: 'akasse',
    dueOn,
    fulfilled: given('G03-EVENT', trigger.triggerId),
    windowClosesOn:
      section === '§21' ? endsOn(sixty) : IN_GOOD_TIME_SECTIONS.has(section) ? endsOn(trigger.eventOn) : null,
    // § 20(2): only a member who receives benefits from the a-kasse at the time — taken as registered as
    // unemployed in the benefit period on the day the guidance is due.
    notApplicable:
      section === '§20' && !unemployedOn(dueOn)
        ? `§ 20(2): owed only to a member receiving benefits from the a-kasse; not registered as unemployed on ${dueOn}`
        : undefined,
    note:
      section === '§21'
        ? `${what}: at the latest 3 months before the member turns 60 on ${sixty}`
        : IN_GOOD_TIME_SECTIONS.has(section) && trigger.eventOn !== null
          ? `${what}: ${IN_GOOD_TIME_NOTE}`
          : what,
  });
}

/** G03-HELP / G03-PERSONAL: on the member's request or a known special need; the order sets no time limit. */
function requestedGuidance({ facts: { asOf }, guidance, given }: Guidance): Draft[] {
  return guidance.requests
    .filter((r) => r.requestedOn <= asOf)
    .map((request) => {
      const ruleId = request.kind === 'personal-need' ? 'G03-PERSONAL' : 'G03-HELP';
      return {
        ruleId,
        suffix: request.requestId,
        owner: 'akasse',
        dueOn: null,
        fulfilled: given(ruleId, request.requestId),
        note: `requested on ${request.requestedOn} (${request.kind})`,
      };
    });
}

/** Under the 2003 rules AF (the jobcentre) runs the contact process; the a-kasse guides. */
export const g03OwnerOn = (): Organisation => 'jobcenter';

export function explainG03({ person, period }: PeriodFacts): { reason: string } {
  const nine =
    meetingAfterMonths({ person, period, asOf: period.placedOn }) ===
    P.meetingAfterMonthsPlacedBefore2003.value;
  return {
    reason:
      `placed in benefit period ${period.benefitPeriodId} on ${period.placedOn}` +
      (period.placedOn >= G03_IN_FORCE
        ? `, on or after ${G03_IN_FORCE}, before the 2024 rules: the a-kasse's guidance duties of ${G03.source}`
        : `, before ${G03_IN_FORCE} and still running then: the guidance duties of ${G03.source}${nine ? '; aged 25–59 on that day, the meeting by 9 months (§ 33)' : ''}`),
  };
}
