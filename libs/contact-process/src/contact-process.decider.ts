/**
 * The contact-process decider: `decide(command, state) → events` and `evolve(state, event) → state`.
 * No I/O, no clock: "today" comes in with each command from an injected clock.
 */
import { monthOf, sixWeeksAfter, type LocalDate } from '@app/legal-time';
import type {
  AvailabilityInterviewHeld,
  BenefitHoursReported,
  ContactProcessEvent,
  ControlActionDoubtReceived,
  CvMarkedComplete,
  DeregisteredAsJobseeker,
  InterviewFormChangedByOwner,
  ActionPlanCopyReceived,
  GuidanceGiven,
  GuidanceMeetingHeld,
  AfInformationExchanged,
  GuidanceRequested,
  GuidanceTriggerKnown,
  InterviewDutyExempted,
  InterviewFormChosen,
  JobInterviewHeld,
  JobSearchRequirementsSet,
  JointRecommendationAnswered,
  JointRecommendationSent,
  LessIntensiveEffortGroundDocumented,
  LessIntensiveEffortGroundEnded,
  LessIntensiveEffortOverruled,
  MinPlanParts,
  MinPlanPrepared,
  MinPlanRevised,
  NuphAnswered,
  NuphSent,
  OfferGranted,
  OfferRefused,
  OfferRequested,
  Organisation,
  PersonFactsRecorded,
  PlacedInBenefitPeriod,
  RegisteredAsJobseeker,
  SelfBookingRevoked,
  VisitatedToJobcenter,
} from './contact-process.events';
import { SELF_BOOKING_REVOCATION_GROUNDS } from './contact-process.events';
import { ContactProcessError, precondition } from './contact-process.errors';
import { GUIDANCE_TRIGGERS } from './g03/g03.rules';
import { NEW_RULES_FROM } from './t15/t15.rules';
import {
  LESS_INTENSIVE_STARTS_WITHIN_SIX_WEEKS,
  NUPH_NOTICE_SECTIONS,
  NUPH_SECTIONS,
} from './c24/c24.rules';
import { decideActionPlan, type ActionPlanCommand } from './action-plans.decider';
import {
  currentPeriod,
  currentRegistration,
  EMPTY_MIN_PLAN_PARTS,
  evolve,
  initialState,
  lessIntensiveGroundHoldsOn,
  type BenefitPeriodState,
  type ContactProcessState,
} from './contact-process.state';
import {
  derivedHandover,
  evaluateObligations,
  exemptableInterviewDuties,
  ruleSetIdOf,
  inEducationInjunctionGroup,
  ownerOfContactProcess,
  ownerOfMinPlan,
} from './obligations';

/** Every command says which kind of organisation records it and what day it is. */
interface CommandBase {
  recordedBy: Organisation;
  today: LocalDate;
}

export type ContactProcessCommand =
  | ({ type: 'RecordPersonFacts'; data: PersonFactsRecorded } & CommandBase)
  | ({ type: 'PlaceInBenefitPeriod'; data: PlacedInBenefitPeriod } & CommandBase)
  | ({ type: 'RegisterAsJobseeker'; data: RegisteredAsJobseeker } & CommandBase)
  | ({ type: 'DeregisterAsJobseeker'; data: DeregisteredAsJobseeker } & CommandBase)
  | ({ type: 'ReportBenefitHours'; data: BenefitHoursReported } & CommandBase)
  | ({ type: 'RecordJobInterview'; data: JobInterviewHeld } & CommandBase)
  | ({ type: 'RecordAvailabilityInterview'; data: AvailabilityInterviewHeld } & CommandBase)
  | ({ type: 'ChooseInterviewForm'; data: InterviewFormChosen } & CommandBase)
  | ({ type: 'ChangeInterviewForm'; data: InterviewFormChangedByOwner } & CommandBase)
  | ({ type: 'MarkCvComplete'; data: CvMarkedComplete } & CommandBase)
  | ({ type: 'SetJobSearchRequirements'; data: JobSearchRequirementsSet } & CommandBase)
  | ({ type: 'VisitateToJobcenter'; data: VisitatedToJobcenter } & CommandBase)
  | ({ type: 'ReceiveControlActionDoubt'; data: ControlActionDoubtReceived } & CommandBase)
  | ({ type: 'RequestOffer'; data: OfferRequested } & CommandBase)
  | ({ type: 'GrantOffer'; data: OfferGranted } & CommandBase)
  | ({ type: 'RefuseOffer'; data: OfferRefused } & CommandBase)
  | ({ type: 'PrepareMinPlan'; data: MinPlanPrepared } & CommandBase)
  | ({ type: 'ReviseMinPlan'; data: MinPlanRevised } & CommandBase)
  | ({ type: 'SendJointRecommendation'; data: JointRecommendationSent } & CommandBase)
  | ({ type: 'AnswerJointRecommendation'; data: JointRecommendationAnswered } & CommandBase)
  | ({ type: 'RevokeSelfBooking'; data: SelfBookingRevoked } & CommandBase)
  | ({ type: 'DocumentLessIntensiveGround'; data: LessIntensiveEffortGroundDocumented } & CommandBase)
  | ({ type: 'EndLessIntensiveGround'; data: LessIntensiveEffortGroundEnded } & CommandBase)
  | ({ type: 'OverruleLessIntensiveEffort'; data: LessIntensiveEffortOverruled } & CommandBase)
  | ({ type: 'SendNuph'; data: NuphSent } & CommandBase)
  | ({ type: 'AnswerNuph'; data: NuphAnswered } & CommandBase)
  | ({ type: 'ExemptFromInterviewDuty'; data: InterviewDutyExempted } & CommandBase)
  | ({ type: 'RecordGuidance'; data: GuidanceGiven } & CommandBase)
  | ({ type: 'RecordGuidanceMeeting'; data: GuidanceMeetingHeld } & CommandBase)
  | ({ type: 'RecordAfExchange'; data: AfInformationExchanged } & CommandBase)
  | ({ type: 'RecordGuidanceTrigger'; data: GuidanceTriggerKnown } & CommandBase)
  | ({ type: 'RecordGuidanceRequest'; data: GuidanceRequested } & CommandBase)
  | ({ type: 'ReceiveActionPlanCopy'; data: ActionPlanCopyReceived } & CommandBase)
  | ActionPlanCommand
  /** Run by the system each day: records every deadline that has passed unmet. */
  | { type: 'EvaluateDeadlines'; asOf: LocalDate };

function notInFuture(date: LocalDate, today: LocalDate, field: string): void {
  if (date > today)
    throw precondition(
      null,
      field,
      `${field} (${date}) is after today (${today}): record facts once they have happened`,
    );
}

function requirePeriod(state: ContactProcessState): BenefitPeriodState {
  const period = currentPeriod(state);
  if (!period)
    throw precondition(
      null,
      'benefitPeriodId',
      'no benefit period: record the placement in a benefit period first',
    );
  return period;
}

function requireRecordedBy(command: CommandBase, expected: Organisation, ruleId: string, what: string): void {
  if (command.recordedBy !== expected) {
    throw precondition(
      ruleId,
      'recordedBy',
      `${what} is recorded by the ${expected}, not the ${command.recordedBy} (${ruleId})`,
    );
  }
}

/** Decisions that only the owner of the contact process at the time may take (C24-FORM, -SELFBOOK, -LESS). */
function requireOwnerAtTheTime(
  state: ContactProcessState,
  period: BenefitPeriodState,
  on: LocalDate,
  by: Organisation,
  ruleId: string,
  what: string,
): void {
  const owner = ownerOfContactProcess(state, period, on);
  if (by !== owner) {
    throw precondition(
      ruleId,
      'by',
      `only the owner of the contact process at the time (the ${owner}) may ${what} (${ruleId})`,
    );
  }
}

/**
 * C24-COMPLAINT: a decision revoking self-booking or holding the person not under less intensive effort is an
 * administrative decision and must carry complaint guidance (002 §11: "herunder indeholde klagevejledning").
 */
function requireComplaintGuidance(given: boolean | undefined, what: string): void {
  if (given !== true) {
    throw precondition(
      'C24-COMPLAINT',
      'complaintGuidanceGiven',
      `${what} is an administrative decision and must carry complaint guidance (Ankestyrelsens Beskæftigelsesudvalg, within 4 weeks of notification; 002 §11) (C24-COMPLAINT)`,
    );
  }
}

function notBefore(date: LocalDate, earliest: LocalDate, field: string, what: string): void {
  if (date < earliest) throw precondition(null, field, `${field} (${date}) is before ${what} (${earliest})`);
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * Each part of Min Plan has its own responsible party (002 §9.3): job and education goals the owner of Min
 * Plan (C24-MINPLAN), job-search requirements the a-kasse (C24-JSR), offers the jobcentre, which also grants
 * them (C24-MINPLAN), other agreed efforts either. A part that is sent unchanged is no change.
 */
function checkMinPlanParts(
  state: ContactProcessState,
  period: BenefitPeriodState,
  parts: MinPlanParts,
  on: LocalDate,
  by: Organisation,
): void {
  const previous = period.minPlan?.parts ?? EMPTY_MIN_PLAN_PARTS;
  const changed = (part: keyof MinPlanParts) =>
    parts[part] !== undefined && !sameList(parts[part], previous[part]);
  const goalsOwner = ownerOfMinPlan(state, period, on);
  for (const part of ['jobGoals', 'educationGoals'] as const) {
    if (changed(part) && by !== goalsOwner) {
      throw precondition(
        'C24-MINPLAN',
        part,
        `on ${on} the ${goalsOwner} registers the person’s ${part === 'jobGoals' ? 'job' : 'education'} goals in Min Plan, not the ${by} (C24-MINPLAN)`,
      );
    }
  }
  if (changed('jobSearchRequirements') && by !== 'akasse') {
    throw precondition(
      'C24-JSR',
      'jobSearchRequirements',
      'job-search requirements are set and registered by the a-kasse, also after the handover (C24-JSR)',
    );
  }
  // The a-kasse neither registers nor updates offers or efforts the jobcentre grants (002 §9.3: "A-kassen er ikke
  // ansvarlig for registrering eller ajourføring af indhold om tilbud eller indsatser …"): it may add efforts of
  // its own, but an entry the jobcentre made stays as the jobcentre wrote it.
  if (by !== 'jobcenter' && parts.otherAgreedEfforts !== undefined) {
    const kept = parts.otherAgreedEfforts;
    const removed = (period.minPlan?.effortsByJobcentre ?? []).filter((e) => !kept.includes(e));
    if (removed.length) {
      throw precondition(
        'C24-MINPLAN',
        'otherAgreedEfforts',
        `the jobcentre entered ${removed.map((e) => `“${e}”`).join(', ')} in Min Plan: only the jobcentre removes or changes the offers and efforts it entered, the ${by} may only add its own (C24-MINPLAN)`,
      );
    }
  }
  if (changed('offerIds')) {
    if (by !== 'jobcenter') {
      throw precondition(
        'C24-MINPLAN',
        'offerIds',
        'offers are entered in Min Plan only by the jobcentre, also when granted on a joint recommendation (C24-MINPLAN)',
      );
    }
    const unknown = parts.offerIds!.filter((id) => !period.offers.some((o) => o.offerId === id));
    if (unknown.length) {
      throw new ContactProcessError(
        'unknown-reference',
        'C24-MINPLAN',
        'offerIds',
        `no granted offer ${unknown.join(', ')}: record the grant (OfferGranted) first`,
      );
    }
  }
}

export function decide(command: ContactProcessCommand, state: ContactProcessState): ContactProcessEvent[] {
  if (command.type === 'EvaluateDeadlines') return decideMissedDeadlines(state, command.asOf);
  const { today } = command;
  switch (command.type) {
    case 'RecordPersonFacts':
      notInFuture(command.data.birthDate, today, 'birthDate');
      return [{ type: 'PersonFactsRecorded', data: command.data }];

    case 'PlaceInBenefitPeriod': {
      notInFuture(command.data.placedOn, today, 'placedOn');
      if (state.periods.some((p) => p.benefitPeriodId === command.data.benefitPeriodId)) {
        throw precondition(
          null,
          'benefitPeriodId',
          `benefit period ${command.data.benefitPeriodId} is already placed`,
        );
      }
      if (command.data.akasseTrial && command.data.placedOn >= NEW_RULES_FROM) {
        throw precondition(
          null,
          'akasseTrial',
          'the a-kasse trial ran until the new rules of 2024-01-01: only a placement before then can be in it (002 §15.2)',
        );
      }
      return [{ type: 'PlacedInBenefitPeriod', data: command.data }];
    }

    case 'RegisterAsJobseeker': {
      const period = requirePeriod(state);
      notInFuture(command.data.registeredOn, today, 'registeredOn');
      if (!state.person) {
        throw precondition(
          'C24-VISIT',
          'personFacts',
          'record the person facts (birth date, vocational education, custody) before the registration: the visitation rule (C24-VISIT) depends on them',
        );
      }
      if (currentRegistration(period))
        throw precondition(null, 'registeredOn', 'the person is already registered as a jobseeker');
      const last = period.registrations[period.registrations.length - 1];
      if (last?.deregisteredOn && command.data.registeredOn < last.deregisteredOn) {
        throw precondition(
          null,
          'registeredOn',
          `re-registration (${command.data.registeredOn}) before the last deregistration (${last.deregisteredOn})`,
        );
      }
      return [{ type: 'RegisteredAsJobseeker', data: command.data }];
    }

    case 'DeregisterAsJobseeker': {
      const registration = currentRegistration(requirePeriod(state));
      notInFuture(command.data.deregisteredOn, today, 'deregisteredOn');
      if (!registration)
        throw precondition(null, 'deregisteredOn', 'the person is not registered as a jobseeker');
      if (command.data.deregisteredOn < registration.registeredOn) {
        throw precondition(
          null,
          'deregisteredOn',
          `deregistration (${command.data.deregisteredOn}) before the registration (${registration.registeredOn})`,
        );
      }
      return [{ type: 'DeregisteredAsJobseeker', data: command.data }];
    }

    case 'ReportBenefitHours': {
      const period = requirePeriod(state);
      notInFuture(command.data.registeredOn, today, 'registeredOn');
      requireRecordedBy(command, 'akasse', 'C24-HANDOVER', 'consumption of the benefit right');
      // Hours are registered once used: not before the month they cover began (the handover keys on the day).
      if (monthOf(command.data.registeredOn) < command.data.month)
        throw precondition(
          'C24-HANDOVER',
          'registeredOn',
          `registeredOn (${command.data.registeredOn}) is before ${command.data.month}-01, the first day of the month the hours cover: the a-kasse registers consumption of the benefit right once it is used, and the handover keys on that registration (C24-HANDOVER)`,
        );
      const events: ContactProcessEvent[] = [{ type: 'BenefitHoursReported', data: command.data }];
      const after = evolve(state, events[0]);
      const handover = deriveHandover(after, period.benefitPeriodId);
      if (handover) events.push(handover);
      return events;
    }

    case 'RecordJobInterview': {
      const period = requirePeriod(state);
      const { heldOn } = command.data;
      notInFuture(heldOn, today, 'heldOn');
      const first = period.registrations[0];
      if (!first || heldOn < first.registeredOn) {
        throw precondition(
          'C24-FIRST',
          'heldOn',
          `a job interview (${heldOn}) cannot precede the registration as jobseeker${first ? ` (${first.registeredOn})` : ''}: the contact process starts there`,
        );
      }
      if (period.interviews.some((i) => i.interviewId === command.data.interviewId)) {
        throw precondition(null, 'interviewId', `interview ${command.data.interviewId} is already recorded`);
      }
      if (
        command.data.heldBy === 'jobcenter' &&
        ownerOfContactProcess(state, period, heldOn) === 'akasse' &&
        !command.data.allPartiesAgreed
      ) {
        throw precondition(
          'C24-AK3',
          'heldBy',
          'in the a-kasse’s first 3 months the jobcentre neither holds nor attends job interviews unless all parties, the person included, agree (set allPartiesAgreed)',
        );
      }
      // The form of the a-kasse's attendance (LAB §33(4)) is recorded only for an attendance.
      const { akasseAttendanceForm, akasseAttended } = command.data;
      if (akasseAttendanceForm != null && akasseAttended !== true) {
        const ruleId =
          command.data.registeredAs === 'joint' && command.data.intensifiedEffortOffered
            ? 'C24-M16'
            : 'C24-JC3';
        throw precondition(
          ruleId,
          'akasseAttendanceForm',
          `the a-kasse's attendance form (${akasseAttendanceForm}) is recorded only when the a-kasse attended (set akasseAttended: true, or leave akasseAttendanceForm out) (LAB §33(4))`,
        );
      }
      return [{ type: 'JobInterviewHeld', data: command.data }];
    }

    case 'RecordAvailabilityInterview':
      requirePeriod(state);
      notInFuture(command.data.heldOn, today, 'heldOn');
      requireRecordedBy(command, 'akasse', 'C24-AVAIL', 'an availability interview');
      return [{ type: 'AvailabilityInterviewHeld', data: command.data }];

    case 'ChooseInterviewForm':
      requirePeriod(state);
      notInFuture(command.data.chosenOn, today, 'chosenOn');
      return [{ type: 'InterviewFormChosen', data: command.data }];

    case 'ChangeInterviewForm': {
      const period = requirePeriod(state);
      notInFuture(command.data.changedOn, today, 'changedOn');
      if (command.data.form !== 'in-person') {
        throw precondition(
          'C24-FORM',
          'form',
          `the owner may change the person’s chosen interview form only to in person, not to ${command.data.form} (C24-FORM)`,
        );
      }
      requireOwnerAtTheTime(
        state,
        period,
        command.data.changedOn,
        command.data.by,
        'C24-FORM',
        'change the interview form',
      );
      return [{ type: 'InterviewFormChangedByOwner', data: command.data }];
    }

    case 'MarkCvComplete':
      requirePeriod(state);
      notInFuture(command.data.markedOn, today, 'markedOn');
      return [{ type: 'CvMarkedComplete', data: command.data }];

    case 'SetJobSearchRequirements':
      requirePeriod(state);
      notInFuture(command.data.setOn, today, 'setOn');
      if (command.data.by !== 'akasse') {
        throw precondition(
          'C24-JSR',
          'by',
          'job-search requirements are set by the a-kasse, also after the handover (C24-JSR)',
        );
      }
      return [{ type: 'JobSearchRequirementsSet', data: command.data }];

    case 'VisitateToJobcenter': {
      const period = requirePeriod(state);
      const { visitatedOn } = command.data;
      notInFuture(visitatedOn, today, 'visitatedOn');
      requireRecordedBy(command, 'akasse', 'C24-VISIT', 'the visitation to the jobcentre');
      // "En visitering skal kun ske, hvis personen opfylder alle tre kriterier" (002 §3): under 25, no vocational
      // education, no custody of children at home, on the first registration — as the regime of the period says.
      if (!inEducationInjunctionGroup(state, period))
        throw precondition(
          'C24-VISIT',
          'visitatedOn',
          'only a registered person in the target group for an education injunction (under 25, no vocational education, no custody of children at home) is visitated to the jobcentre',
        );
      return [{ type: 'VisitatedToJobcenter', data: command.data }];
    }

    case 'ReceiveControlActionDoubt':
      requirePeriod(state);
      notInFuture(command.data.receivedOn, today, 'receivedOn');
      return [{ type: 'ControlActionDoubtReceived', data: command.data }];

    case 'RequestOffer': {
      const period = requirePeriod(state);
      const { requestId } = command.data;
      notInFuture(command.data.requestedOn, today, 'requestedOn');
      if (requestId !== undefined && period.offerRequests.some((r) => r.requestId === requestId))
        throw precondition(null, 'requestId', `offer request ${requestId} is already recorded`);
      return [{ type: 'OfferRequested', data: command.data }];
    }

    case 'GrantOffer':
      requirePeriod(state);
      notInFuture(command.data.grantedOn, today, 'grantedOn');
      if (command.data.by !== 'jobcenter' || command.recordedBy !== 'jobcenter') {
        throw precondition(
          'C24-MINPLAN',
          'by',
          'offers are granted and entered only by the jobcentre, also on a joint recommendation; the a-kasse never registers offer content (C24-MINPLAN)',
        );
      }
      return [{ type: 'OfferGranted', data: command.data }];

    case 'RefuseOffer': {
      const period = requirePeriod(state);
      const { requestId, refusedOn } = command.data;
      notInFuture(refusedOn, today, 'refusedOn');
      if (command.data.by !== 'jobcenter' || command.recordedBy !== 'jobcenter') {
        throw precondition(
          'C24-MINPLAN',
          'by',
          'offers are granted or refused only by the jobcentre (C24-MINPLAN)',
        );
      }
      const request = period.offerRequests.find((r) => r.requestId === requestId);
      if (!request) {
        throw new ContactProcessError(
          'unknown-reference',
          null,
          'requestId',
          `no offer request ${requestId} was recorded`,
        );
      }
      if (period.offerRefusals.some((r) => r.requestId === requestId))
        throw precondition(null, 'requestId', `offer request ${requestId} is already refused`);
      notBefore(refusedOn, request.requestedOn, 'refusedOn', 'the request');
      if (request.reason === 'control-action') {
        throw precondition(
          'C24-CTRLOFFER',
          'requestId',
          'after a control action the jobcentre always gives the person an offer (LAB § 38(2)); the request cannot be refused (C24-CTRLOFFER)',
        );
      }
      return [{ type: 'OfferRefused', data: command.data }];
    }

    case 'PrepareMinPlan': {
      const period = requirePeriod(state);
      const { preparedOn, by } = command.data;
      notInFuture(preparedOn, today, 'preparedOn');
      requireRecordedBy(command, by, 'C24-MINPLAN', `Min Plan prepared by the ${by}`);
      const first = period.registrations[0];
      if (!first) {
        throw precondition(
          'C24-MINPLAN',
          'preparedOn',
          'Min Plan is prepared at the first job interview, after the registration as jobseeker',
        );
      }
      notBefore(preparedOn, first.registeredOn, 'preparedOn', 'the registration as jobseeker');
      if (period.minPlan) {
        throw precondition(
          'C24-MINPLAN',
          'preparedOn',
          `Min Plan was prepared on ${period.minPlan.revisions[0].on} in this benefit period: record a revision (MinPlanRevised)`,
        );
      }
      if (command.data.jobGoals.length === 0)
        throw precondition('C24-MINPLAN', 'jobGoals', 'Min Plan is prepared with the person’s job goals');
      if (inEducationInjunctionGroup(state, period) && (command.data.educationGoals ?? []).length === 0) {
        throw precondition(
          'C24-MINPLAN',
          'educationGoals',
          'for the education-injunction group Min Plan holds job and education goals (LAB § 41(2) nr. 2)',
        );
      }
      checkMinPlanParts(state, period, command.data, preparedOn, by);
      return [{ type: 'MinPlanPrepared', data: command.data }];
    }

    case 'ReviseMinPlan': {
      const period = requirePeriod(state);
      const { revisedOn, by } = command.data;
      notInFuture(revisedOn, today, 'revisedOn');
      requireRecordedBy(command, by, 'C24-MINPLAN', `a Min Plan revision by the ${by}`);
      if (!period.minPlan) {
        throw precondition(
          'C24-MINPLAN',
          'revisedOn',
          'Min Plan has not been prepared in this benefit period: record MinPlanPrepared first',
        );
      }
      const last = period.minPlan.revisions[period.minPlan.revisions.length - 1];
      notBefore(revisedOn, last.on, 'revisedOn', 'the latest version of Min Plan');
      checkMinPlanParts(state, period, command.data, revisedOn, by);
      return [{ type: 'MinPlanRevised', data: command.data }];
    }

    case 'SendJointRecommendation': {
      const period = requirePeriod(state);
      const { recommendationId, sentOn, subject, chapter } = command.data;
      notInFuture(sentOn, today, 'sentOn');
      requireRecordedBy(command, 'akasse', 'C24-REC', 'a joint recommendation');
      if (!command.data.personAgreed) {
        throw precondition(
          'C24-REC',
          'personAgreed',
          'the a-kasse sends a joint recommendation only when it and the person agree on its content; otherwise it may refer the person to the jobcentre (C24-REC)',
        );
      }
      const chapters = subject === 'offer' ? [11, 12, 13, 14] : [26, 27, 28];
      if (!chapters.includes(chapter)) {
        throw precondition(
          'C24-REC',
          'chapter',
          `${subject === 'offer' ? 'an offer' : 'a supporting effort'} is under LAB chapters ${chapters.join(', ')}, not ${chapter}`,
        );
      }
      if (period.recommendations.some((r) => r.recommendationId === recommendationId))
        throw precondition(
          null,
          'recommendationId',
          `recommendation ${recommendationId} is already recorded`,
        );
      // A tool of the a-kasse's contact process (002 §10, "Fælles indstilling"): once the jobcentre holds it, the
      // person asks the jobcentre directly.
      if (ownerOfContactProcess(state, period, sentOn) !== 'akasse')
        throw precondition(
          'C24-REC',
          'sentOn',
          `on ${sentOn} the jobcentre holds the person's contact process: a joint recommendation is sent while the a-kasse holds it; the person asks the jobcentre directly`,
        );
      return [{ type: 'JointRecommendationSent', data: command.data }];
    }

    case 'AnswerJointRecommendation': {
      const period = requirePeriod(state);
      const { recommendationId, answeredOn, decision, offerId, reason } = command.data;
      notInFuture(answeredOn, today, 'answeredOn');
      requireRecordedBy(command, 'jobcenter', 'C24-REC', 'the decision on a joint recommendation');
      const recommendation = period.recommendations.find((r) => r.recommendationId === recommendationId);
      if (!recommendation) {
        throw new ContactProcessError(
          'unknown-reference',
          'C24-REC',
          'recommendationId',
          `no joint recommendation ${recommendationId} was sent`,
        );
      }
      if (recommendation.answer) {
        throw precondition(
          'C24-REC',
          'recommendationId',
          `recommendation ${recommendationId} was already answered on ${recommendation.answer.answeredOn}`,
        );
      }
      notBefore(answeredOn, recommendation.sentOn, 'answeredOn', 'the recommendation');
      for (const field of ['personNotifiedOn', 'akasseToldOn'] as const) {
        const day = command.data[field];
        if (day !== null) {
          notInFuture(day, today, field);
          notBefore(day, answeredOn, field, 'the decision');
        }
      }
      if (decision === 'refused') {
        if (!reason?.trim()) {
          throw precondition(
            'C24-REC',
            'reason',
            'a refusal of a joint recommendation is reasoned to the a-kasse (LAB § 180 a)',
          );
        }
        if (offerId !== null) throw precondition('C24-REC', 'offerId', 'a refusal grants no offer');
      } else if (recommendation.subject === 'offer') {
        if (offerId === null || !period.offers.some((o) => o.offerId === offerId)) {
          throw new ContactProcessError(
            'unknown-reference',
            'C24-REC',
            'offerId',
            `a granted recommendation names the offer the jobcentre granted and entered in Min Plan; ${offerId === null ? 'none was given' : `no granted offer ${offerId}`} (record OfferGranted first)`,
          );
        }
      }
      return [{ type: 'JointRecommendationAnswered', data: command.data }];
    }

    case 'RevokeSelfBooking': {
      const period = requirePeriod(state);
      notInFuture(command.data.notifiedOn, today, 'notifiedOn');
      if (command.data.notifiedOn < command.data.decidedOn) {
        throw precondition(
          'C24-SELFBOOK',
          'notifiedOn',
          'the decision cannot be notified before it was made',
        );
      }
      requireOwnerAtTheTime(
        state,
        period,
        command.data.decidedOn,
        command.data.by,
        'C24-SELFBOOK',
        'revoke self-booking',
      );
      const { ground } = command.data;
      if (ground === undefined || !(SELF_BOOKING_REVOCATION_GROUNDS as readonly string[]).includes(ground)) {
        throw precondition(
          'C24-SELFBOOK',
          'ground',
          `self-booking is revoked only on a ground of LAB § 35 (002 §4.2): ${SELF_BOOKING_REVOCATION_GROUNDS.join(', ')}; ${ground === undefined ? 'none was given' : `not ${ground}`} (C24-SELFBOOK)`,
        );
      }
      requireComplaintGuidance(command.data.complaintGuidanceGiven, 'revoking self-booking');
      return [{ type: 'SelfBookingRevoked', data: command.data }];
    }

    case 'DocumentLessIntensiveGround': {
      const period = requirePeriod(state);
      notInFuture(command.data.from, today, 'from');
      if (period.lessIntensive.some((g) => g.groundId === command.data.groundId)) {
        throw precondition('C24-LESS', 'groundId', `ground ${command.data.groundId} is already documented`);
      }
      // "kan dokumentere, at personen inden for de næste 6 uger skal påbegynde …" (LAB § 106(1) nos. 1, 4; 002 §7.1)
      const { ground, from, startsOn } = command.data;
      if (LESS_INTENSIVE_STARTS_WITHIN_SIX_WEEKS.has(ground)) {
        if (!startsOn)
          throw precondition(
            'C24-LESS',
            'startsOn',
            `the ground ${ground} is the documented start of work, leave, retirement or study within the next 6 weeks: give the day it starts`,
          );
        const latest = sixWeeksAfter(from);
        if (startsOn < from || startsOn > latest)
          throw precondition(
            'C24-LESS',
            'startsOn',
            `${startsOn} is not within the next 6 weeks of ${from} (by ${latest}): the person is not exempt on this ground (LAB § 106(1))`,
          );
      } else if (startsOn)
        throw precondition(
          'C24-LESS',
          'startsOn',
          `the ground ${ground} has no start within 6 weeks: leave startsOn out`,
        );
      return [{ type: 'LessIntensiveEffortGroundDocumented', data: command.data }];
    }

    case 'EndLessIntensiveGround': {
      const ground = requirePeriod(state).lessIntensive.find((g) => g.groundId === command.data.groundId);
      notInFuture(command.data.endedOn, today, 'endedOn');
      if (!ground)
        throw new ContactProcessError(
          'unknown-reference',
          'C24-LESS',
          'groundId',
          `no documented ground ${command.data.groundId}`,
        );
      if (command.data.endedOn < ground.from)
        throw precondition('C24-LESS', 'endedOn', 'a ground cannot end before it began');
      return [{ type: 'LessIntensiveEffortGroundEnded', data: command.data }];
    }

    case 'OverruleLessIntensiveEffort': {
      const period = requirePeriod(state);
      const { groundId, decidedOn, notifiedOn } = command.data;
      const ground = period.lessIntensive.find((g) => g.groundId === groundId);
      if (decidedOn > today)
        throw precondition(
          'C24-LESS',
          'decidedOn',
          `decidedOn (${decidedOn}) is after today (${today}): record the decision that the person is not exempt once it is made (C24-LESS)`,
        );
      notInFuture(notifiedOn, today, 'notifiedOn');
      if (notifiedOn < decidedOn)
        throw precondition(
          'C24-LESS',
          'notifiedOn',
          `the decision that the person is not exempt cannot be notified (${notifiedOn}) before it was made (${decidedOn}) (C24-LESS)`,
        );
      if (!ground)
        throw new ContactProcessError(
          'unknown-reference',
          'C24-LESS',
          'groundId',
          `no documented ground ${groundId}`,
        );
      if (ground.overruled)
        throw precondition(
          'C24-LESS',
          'groundId',
          `the ground ${groundId} was already overruled on ${ground.overruled.decidedOn}: the person is not exempt on it since then (C24-LESS)`,
        );
      // LAB § 106(3): a decision that the person is NOT exempt overrules a ground that holds when it is made.
      if (!lessIntensiveGroundHoldsOn(ground, decidedOn))
        throw precondition(
          'C24-LESS',
          'decidedOn',
          `the ground ${groundId} does not hold on ${decidedOn} (documented from ${ground.from}${ground.startsOn ? `, start on ${ground.startsOn}` : ''}${ground.endedOn ? `, ended ${ground.endedOn}` : ''}): there is no exemption to overrule (C24-LESS)`,
        );
      requireOwnerAtTheTime(
        state,
        period,
        command.data.decidedOn,
        command.data.by,
        'C24-LESS',
        'decide that the person is not exempt',
      );
      requireComplaintGuidance(
        command.data.complaintGuidanceGiven,
        'deciding that the person is not under less intensive effort (LAB § 106(3))',
      );
      return [{ type: 'LessIntensiveEffortOverruled', data: command.data }];
    }

    case 'SendNuph': {
      requirePeriod(state);
      notInFuture(command.data.sentOn, today, 'sentOn');
      requireRecordedBy(command, 'jobcenter', 'C24-NUPH', 'a negative reportable event');
      const { babSection } = command.data;
      // Absent (null) is taken as covered; a section given must be one the rules know, or a typo would make the
      // person's notice "not owed".
      if (babSection !== undefined && babSection !== null && !NUPH_SECTIONS.has(babSection))
        throw precondition(
          'C24-NUPH',
          'babSection',
          `babSection "${babSection}" is not a provision of BAB a negative reportable event falls under: give one of ${[...NUPH_NOTICE_SECTIONS].join(', ')} (the person is notified at the same time, BAB §156) or ${[...NUPH_SECTIONS].filter((section) => !NUPH_NOTICE_SECTIONS.has(section)).join(', ')} (not notified), or leave it out`,
        );
      return [{ type: 'NuphSent', data: command.data }];
    }

    case 'AnswerNuph': {
      const period = requirePeriod(state);
      notInFuture(command.data.answeredOn, today, 'answeredOn');
      requireRecordedBy(command, 'akasse', 'C24-NUPH', 'the answer to a negative reportable event');
      const { nuphId, answeredOn, memberNotifiedOn } = command.data;
      const nuph = period.nuphs.find((n) => n.nuphId === nuphId);
      if (!nuph) {
        throw new ContactProcessError(
          'unknown-reference',
          'C24-NUPH',
          'nuphId',
          `no negative reportable event ${nuphId} was sent`,
        );
      }
      if (nuph.answer)
        throw precondition(
          'C24-NUPH',
          'nuphId',
          `the negative reportable event ${nuphId} was already answered on ${nuph.answer.answeredOn}: correct that answer instead (C24-NUPH)`,
        );
      if (answeredOn < nuph.sentOn)
        throw precondition(
          'C24-NUPH',
          'answeredOn',
          `answeredOn (${answeredOn}) is before the jobcentre sent the negative reportable event (${nuph.sentOn}) (C24-NUPH)`,
        );
      if (memberNotifiedOn !== null) {
        notInFuture(memberNotifiedOn, today, 'memberNotifiedOn');
        if (memberNotifiedOn < answeredOn)
          throw precondition(
            'C24-NUPH',
            'memberNotifiedOn',
            `memberNotifiedOn (${memberNotifiedOn}) is before the answer (${answeredOn}): the member is told the result of the a-kasse's handling once it is finished (C24-NUPH)`,
          );
      }
      return [{ type: 'NuphAnswered', data: command.data }];
    }

    case 'ExemptFromInterviewDuty': {
      const period = requirePeriod(state);
      const { ruleId, exemptedOn, by } = command.data;
      notInFuture(exemptedOn, today, 'exemptedOn');
      notBefore(exemptedOn, period.placedOn, 'exemptedOn', 'the placement in the benefit period');
      const { ruleSetId, duties } = exemptableInterviewDuties(period);
      const duty = duties.find((d) => d.ruleId === ruleId);
      if (!duty) {
        throw precondition(
          ruleId,
          'ruleId',
          duties.length > 0
            ? `under ${ruleSetId} only ${duties.map((d) => d.ruleId).join(' and ')} may be exempted after a concrete assessment`
            : `the rules governing benefit period ${period.benefitPeriodId} (${ruleSetId ?? 'none'}) allow no exemption from an interview duty; the rules in force from 2026-07-01 (R26) do`,
        );
      }
      if (by !== duty.owner || command.recordedBy !== duty.owner) {
        throw precondition(
          ruleId,
          'by',
          `the ${duty.owner} makes the concrete assessment that exempts from ${ruleId}, not the ${by}`,
        );
      }
      if (period.interviewExemptions.some((e) => e.ruleId === ruleId)) {
        throw precondition(
          ruleId,
          'ruleId',
          `the person is already exempted from ${ruleId} in this benefit period`,
        );
      }
      return [{ type: 'InterviewDutyExempted', data: command.data }];
    }

    case 'RecordGuidance':
    case 'RecordGuidanceMeeting':
    case 'RecordAfExchange':
    case 'RecordGuidanceTrigger':
    case 'RecordGuidanceRequest':
    case 'ReceiveActionPlanCopy':
      return decideGuidance(command, state);

    case 'ReceiveAfNotice':
    case 'RecordPreparationMeeting':
    case 'RequestActionPlan':
    case 'CompleteActionPlan':
    case 'ReviseActionPlan':
    case 'ObjectToActionPlan':
    case 'GiveOfferOutsidePlan':
    case 'RefusePlanParticipation':
    case 'BeginAvailabilitySituation':
    case 'EndAvailabilitySituation':
    case 'WaiveMediatedWork':
    case 'RefuseMediatedWork':
    case 'NoticeUncalledTargetGroupMember':
    case 'RecordCumulativeUnemploymentMeeting':
    case 'BeginLeavePeriod':
    case 'EndLeavePeriod':
    case 'RecordSubPeriodOneEnd':
      return decideActionPlan(command, state);

    default: {
      const exhaustive: never = command;
      throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
    }
  }
}

/** The handover as a derived fact (C24-HANDOVER), appended once, when the registered hours first reach it. */
function deriveHandover(
  state: ContactProcessState,
  benefitPeriodId: string,
): ContactProcessEvent | undefined {
  const period = state.periods.find((p) => p.benefitPeriodId === benefitPeriodId);
  if (!period || period.handover) return undefined;
  const handover = derivedHandover(state, period);
  if (!handover) return undefined;
  return {
    type: 'ContactProcessHandedOver',
    data: {
      benefitPeriodId,
      handoverOn: handover.handoverOn,
      reachedOn: handover.reachedOn,
      hoursRegistered: handover.hours,
      ruleId: 'C24-HANDOVER',
    },
  };
}

/** A deadline passing unmet is a fact the system appends, once per obligation. */
function decideMissedDeadlines(state: ContactProcessState, asOf: LocalDate): ContactProcessEvent[] {
  return evaluateObligations(state, asOf)
    .filter(
      (o) =>
        (o.status === 'overdue' || o.status === 'missed') && o.dueOn !== null && !(o.key in state.missed),
    )
    .filter((o) => o.metBy.length === 0) // fulfilled late: the late fact itself tells the story
    .map((o) => ({
      type: 'DeadlineMissed' as const,
      data: { obligationKey: o.key, ruleId: o.ruleId, dueOn: o.dueOn!, detectedOn: asOf },
    }));
}

type GuidanceCommand = Extract<
  ContactProcessCommand,
  {
    type:
      | 'RecordGuidance'
      | 'RecordGuidanceMeeting'
      | 'RecordAfExchange'
      | 'RecordGuidanceTrigger'
      | 'RecordGuidanceRequest'
      | 'ReceiveActionPlanCopy';
  }
>;

/** What guidance may answer a duty: the duties that follow a trigger, a request or a plan copy name it. */
const GUIDANCE_DUTIES: Record<string, 'trigger' | 'request' | 'plan' | null> = {
  'G03-INFO': null,
  'G03-59': null,
  'G03-60CERT': null,
  'G03-60LIMIT': null,
  'G03-60RIGHT': 'trigger',
  'G03-60OFFER': null,
  'G03-30': null,
  'G03-EVENT': 'trigger',
  'G03-HELP': 'request',
  'G03-PERSONAL': 'request',
  'G03-PLAN': 'plan',
};

/**
 * The guidance the order requires in writing (G03-INFO: "Informationen skal gives skriftligt"; G03-59: "udlevere
 * en skriftlig vejledning"): not recorded as given in a conversation.
 */
const WRITTEN_GUIDANCE = new Map([
  ['G03-INFO', '003 § 2(5)'],
  ['G03-59', '003 § 9(1)'],
]);

/** HP-AFTER (000; 001 §7): after a plan, the a-kasse guides on what it means for benefits and availability. */
const HP_GUIDANCE_DUTIES: Record<string, 'plan'> = { 'HP-AFTER': 'plan', 'AV-EXPLAIN': 'plan' };

/** G03 (seed 003): the a-kasse records the guidance it owes, and the facts that trigger it. */
function decideGuidance(command: GuidanceCommand, state: ContactProcessState): ContactProcessEvent[] {
  const period = requirePeriod(state);
  const ruleSetId = ruleSetIdOf(period);
  // Under the action plans of 1994–2002 the a-kasse guides on a plan's copy only (HP-AFTER).
  const hpAfter =
    ruleSetId === 'HP' &&
    (command.type === 'ReceiveActionPlanCopy' ||
      (command.type === 'RecordGuidance' && command.data.duty in HP_GUIDANCE_DUTIES));
  if (ruleSetId !== 'G03' && !hpAfter) {
    throw precondition(
      'G03-NOTE',
      'benefitPeriodId',
      `the a-kasse's guidance duties of seed 003 govern benefit periods placed from 2003 until the 2024 rules (and, for a plan's copy, HP-AFTER those placed from 1994); benefit period ${period.benefitPeriodId} is governed by ${ruleSetId ?? 'rules not evaluated'}` +
        (ruleSetId === 'HP' && command.type === 'RecordGuidanceMeeting'
          ? ': its guidance meetings under 001 §8 are recorded as CumulativeUnemploymentMeetingHeld (HP-MEET39)'
          : ''),
    );
  }
  const duties = ruleSetId === 'HP' ? HP_GUIDANCE_DUTIES : GUIDANCE_DUTIES;
  requireRecordedBy(command, 'akasse', 'G03-NOTE', 'guidance under the order on the a-kasse’s duty to guide');
  const guidance = period.guidance ?? { given: [], meetings: [], triggers: [], requests: [], planCopies: [] };
  const told = (toldMember: string) => {
    if (toldMember.trim() === '')
      throw precondition('G03-NOTE', 'toldMember', 'record what the member was told (003 § 28, G03-NOTE)');
  };
  const unique = (taken: boolean, field: string, id: string) => {
    if (taken) throw precondition(null, field, `${field} ${id} is already recorded`);
  };
  switch (command.type) {
    case 'RecordGuidance': {
      const { duty, givenOn, relatesTo, toldMember } = command.data;
      notInFuture(givenOn, command.today, 'givenOn');
      told(toldMember);
      if (!(duty in duties))
        throw precondition(
          duty,
          'duty',
          `guidance is recorded for one of ${Object.keys(duties).join(', ')}; the meeting is GuidanceMeetingHeld`,
        );
      const writtenOnly = WRITTEN_GUIDANCE.get(duty);
      if (writtenOnly !== undefined && command.data.form !== 'written')
        throw precondition(
          duty,
          'form',
          `${duty} is given in writing (${writtenOnly}), not as a ${command.data.form}`,
        );
      const needs = duties[duty];
      const known =
        needs === 'trigger'
          ? guidance.triggers.some((t) => t.triggerId === relatesTo)
          : needs === 'request'
            ? guidance.requests.some((r) => r.requestId === relatesTo)
            : needs === 'plan'
              ? guidance.planCopies.some((p) => p.planId === relatesTo) ||
                (period.actionPlans?.plans ?? []).some((p) => p.planId === relatesTo)
              : relatesTo === null;
      if (!known)
        throw new ContactProcessError(
          'unknown-reference',
          duty,
          'relatesTo',
          needs === null
            ? `${duty} answers no trigger, request or plan: relatesTo must be null`
            : `${duty} answers a recorded ${needs}: no ${needs} ${String(relatesTo)}`,
        );
      return [{ type: 'GuidanceGiven', data: command.data }];
    }
    case 'RecordGuidanceMeeting': {
      const { meetingId, heldOn, toldMember, reportedToAfOn } = command.data;
      notInFuture(heldOn, command.today, 'heldOn');
      notBefore(heldOn, period.placedOn, 'heldOn', 'the placement in the benefit period');
      told(toldMember);
      if (reportedToAfOn !== null) {
        notInFuture(reportedToAfOn, command.today, 'reportedToAfOn');
        notBefore(reportedToAfOn, heldOn, 'reportedToAfOn', 'the meeting');
      }
      unique(
        guidance.meetings.some((m) => m.meetingId === meetingId),
        'meetingId',
        meetingId,
      );
      return [{ type: 'GuidanceMeetingHeld', data: command.data }];
    }
    case 'RecordAfExchange': {
      const { exchangeId, exchangedOn, meetingId } = command.data;
      notInFuture(exchangedOn, command.today, 'exchangedOn');
      notBefore(exchangedOn, period.placedOn, 'exchangedOn', 'the placement in the benefit period');
      const exchanges = guidance.exchanges ?? [];
      unique(
        exchanges.some((e) => e.exchangeId === exchangeId),
        'exchangeId',
        exchangeId,
      );
      if (meetingId !== null) {
        const meeting = guidance.meetings.find((m) => m.meetingId === meetingId);
        if (!meeting)
          throw new ContactProcessError(
            'unknown-reference',
            'G03-EXCH',
            'meetingId',
            `no guidance meeting ${meetingId} is recorded in this benefit period`,
          );
        notBefore(exchangedOn, meeting.heldOn, 'exchangedOn', 'the meeting');
      }
      return [{ type: 'AfInformationExchanged', data: command.data }];
    }
    case 'RecordGuidanceTrigger': {
      const { triggerId, section, knownOn } = command.data;
      notInFuture(knownOn, command.today, 'knownOn');
      if (!(section in GUIDANCE_TRIGGERS))
        throw precondition(
          'G03-EVENT',
          'section',
          `the event-triggered duties are those of ${Object.keys(GUIDANCE_TRIGGERS).join(', ')}`,
        );
      unique(
        guidance.triggers.some((t) => t.triggerId === triggerId),
        'triggerId',
        triggerId,
      );
      return [{ type: 'GuidanceTriggerKnown', data: command.data }];
    }
    case 'RecordGuidanceRequest': {
      notInFuture(command.data.requestedOn, command.today, 'requestedOn');
      const { requestId } = command.data;
      unique(
        guidance.requests.some((r) => r.requestId === requestId),
        'requestId',
        requestId,
      );
      return [{ type: 'GuidanceRequested', data: command.data }];
    }
    case 'ReceiveActionPlanCopy': {
      notInFuture(command.data.receivedOn, command.today, 'receivedOn');
      const { planId } = command.data;
      const revisedOn = command.data.revisedOn ?? null;
      if (revisedOn !== null) notBefore(command.data.receivedOn, revisedOn, 'receivedOn', 'the revision');
      else if (command.data.changesAvailability != null)
        throw precondition(
          'G03-PLAN',
          'changesAvailability',
          'whether the plan changes the availability obligation is recorded for a revision (003 § 14(2)); a new plan is always guided on (§ 14(1))',
        );
      unique(
        guidance.planCopies.some((p) => p.planId === planId && (p.revisedOn ?? null) === revisedOn),
        revisedOn === null ? 'planId' : 'revisedOn',
        revisedOn === null ? planId : `${planId} revised ${revisedOn}`,
      );
      return [{ type: 'ActionPlanCopyReceived', data: command.data }];
    }
  }
}

export const contactProcessDecider = { decide, evolve, initialState };
