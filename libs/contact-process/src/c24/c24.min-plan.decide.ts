/**
 * The handlers of C24's offers, Min Plan and joint recommendations (002 §9, §10): who requests, grants and
 * enters offers, who writes each part of Min Plan, and how a joint recommendation is sent and answered.
 */
import type { LocalDate } from '@app/legal-time';
import type { MinPlanParts, Organisation } from '../contact-process.events';
import { ContactProcessError, precondition } from '../contact-process.errors';
import { EMPTY_MIN_PLAN_PARTS, type BenefitPeriodState, type ContactProcessState } from '../process/state';
import { inEducationInjunctionGroup, ownerOfContactProcess, ownerOfMinPlan } from '../obligations';
import type { CommandOf, Handler, Handlers } from '../process/commands';
import { notBefore, notInFuture, requirePeriodOf, requireRecordedBy } from '../process/preconditions';

const requestOffer: Handler<'RequestOffer'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'OfferRequested', data: command.data }, 'requestedOn');
  const { requestId } = command.data;
  notInFuture(command.data.requestedOn, command.today, 'requestedOn');
  if (requestId !== undefined && period.offerRequests.some((r) => r.requestId === requestId))
    throw precondition(null, 'requestId', `offer request ${requestId} is already recorded`);
  return [{ type: 'OfferRequested', data: command.data }];
};

const grantOffer: Handler<'GrantOffer'> = (command, state) => {
  requirePeriodOf(state, { type: 'OfferGranted', data: command.data }, 'grantedOn');
  notInFuture(command.data.grantedOn, command.today, 'grantedOn');
  if (command.data.by !== 'jobcenter' || command.recordedBy !== 'jobcenter') {
    throw precondition(
      'C24-MINPLAN',
      'by',
      'offers are granted and entered only by the jobcentre, also on a joint recommendation; the a-kasse never registers offer content (C24-MINPLAN)',
    );
  }
  return [{ type: 'OfferGranted', data: command.data }];
};

const refuseOffer: Handler<'RefuseOffer'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'OfferRefused', data: command.data }, 'refusedOn');
  const { requestId, refusedOn } = command.data;
  notInFuture(refusedOn, command.today, 'refusedOn');
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
};

const prepareMinPlan: Handler<'PrepareMinPlan'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'MinPlanPrepared', data: command.data }, 'preparedOn');
  const { preparedOn, by } = command.data;
  notInFuture(preparedOn, command.today, 'preparedOn');
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
};

const reviseMinPlan: Handler<'ReviseMinPlan'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'MinPlanRevised', data: command.data }, 'revisedOn');
  const { revisedOn, by } = command.data;
  notInFuture(revisedOn, command.today, 'revisedOn');
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
};

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
  checkEffortsByJobcentreKept(period, parts, by);
  if (changed('offerIds')) checkOffersEntered(period, parts.offerIds!, by);
}

/**
 * The a-kasse neither registers nor updates offers or efforts the jobcentre grants (002 §9.3: "A-kassen er ikke
 * ansvarlig for registrering eller ajourføring af indhold om tilbud eller indsatser …"): it may add efforts of
 * its own, but an entry the jobcentre made stays as the jobcentre wrote it.
 */
function checkEffortsByJobcentreKept(
  period: BenefitPeriodState,
  parts: MinPlanParts,
  by: Organisation,
): void {
  if (by === 'jobcenter' || parts.otherAgreedEfforts === undefined) return;
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

/** Offers are entered in Min Plan by the jobcentre, once granted (C24-MINPLAN). */
function checkOffersEntered(period: BenefitPeriodState, offerIds: readonly string[], by: Organisation): void {
  if (by !== 'jobcenter') {
    throw precondition(
      'C24-MINPLAN',
      'offerIds',
      'offers are entered in Min Plan only by the jobcentre, also when granted on a joint recommendation (C24-MINPLAN)',
    );
  }
  const unknown = offerIds.filter((id) => !period.offers.some((o) => o.offerId === id));
  if (unknown.length) {
    throw new ContactProcessError(
      'unknown-reference',
      'C24-MINPLAN',
      'offerIds',
      `no granted offer ${unknown.join(', ')}: record the grant (OfferGranted) first`,
    );
  }
}

const sendJointRecommendation: Handler<'SendJointRecommendation'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'JointRecommendationSent', data: command.data }, 'sentOn');
  const { recommendationId, sentOn, subject, chapter } = command.data;
  notInFuture(sentOn, command.today, 'sentOn');
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
    throw precondition(null, 'recommendationId', `recommendation ${recommendationId} is already recorded`);
  // A tool of the a-kasse's contact process (002 §10, "Fælles indstilling"): once the jobcentre holds it, the
  // person asks the jobcentre directly.
  if (ownerOfContactProcess(state, period, sentOn) !== 'akasse')
    throw precondition(
      'C24-REC',
      'sentOn',
      `on ${sentOn} the jobcentre holds the person's contact process: a joint recommendation is sent while the a-kasse holds it; the person asks the jobcentre directly`,
    );
  return [{ type: 'JointRecommendationSent', data: command.data }];
};

const answerJointRecommendation: Handler<'AnswerJointRecommendation'> = (command, state) => {
  const period = requirePeriodOf(
    state,
    { type: 'JointRecommendationAnswered', data: command.data },
    'answeredOn',
  );
  const { recommendationId, answeredOn } = command.data;
  notInFuture(answeredOn, command.today, 'answeredOn');
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
      notInFuture(day, command.today, field);
      notBefore(day, answeredOn, field, 'the decision');
    }
  }
  checkAnswer(command.data, recommendation.subject, period);
  return [{ type: 'JointRecommendationAnswered', data: command.data }];
};

/** A refusal is reasoned and grants nothing; a granted offer names the offer granted (LAB § 180 a; 002 §10). */
function checkAnswer(
  answer: CommandOf<'AnswerJointRecommendation'>['data'],
  subject: BenefitPeriodState['recommendations'][number]['subject'],
  period: BenefitPeriodState,
): void {
  const { decision, offerId, reason } = answer;
  if (decision === 'refused') {
    if (!reason?.trim()) {
      throw precondition(
        'C24-REC',
        'reason',
        'a refusal of a joint recommendation is reasoned to the a-kasse (LAB § 180 a)',
      );
    }
    if (offerId !== null) throw precondition('C24-REC', 'offerId', 'a refusal grants no offer');
  } else if (subject === 'offer') {
    if (offerId === null || !period.offers.some((o) => o.offerId === offerId)) {
      throw new ContactProcessError(
        'unknown-reference',
        'C24-REC',
        'offerId',
        `a granted recommendation names the offer the jobcentre granted and entered in Min Plan; ${offerId === null ? 'none was given' : `no granted offer ${offerId}`} (record OfferGranted first)`,
      );
    }
  }
}

export const minPlanHandlers: Handlers<
  | 'RequestOffer'
  | 'GrantOffer'
  | 'RefuseOffer'
  | 'PrepareMinPlan'
  | 'ReviseMinPlan'
  | 'SendJointRecommendation'
  | 'AnswerJointRecommendation'
> = {
  RequestOffer: requestOffer,
  GrantOffer: grantOffer,
  RefuseOffer: refuseOffer,
  PrepareMinPlan: prepareMinPlan,
  ReviseMinPlan: reviseMinPlan,
  SendJointRecommendation: sendJointRecommendation,
  AnswerJointRecommendation: answerJointRecommendation,
};
