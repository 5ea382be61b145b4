/**
 * The handlers of the contact process of 2024 (C24, seed 002): the interview form, the CV, job-search
 * requirements, the visitation, control actions, self-booking, less intensive effort and negative reportable
 * events. Offers, Min Plan and joint recommendations are in c24.min-plan.decide.ts.
 */
import { sixWeeksAfter } from '@app/legal-time';
import { SELF_BOOKING_REVOCATION_GROUNDS } from '../contact-process.events';
import { ContactProcessError, precondition } from '../contact-process.errors';
import { lessIntensiveGroundHoldsOn } from '../process/state';
import { inEducationInjunctionGroup } from '../obligations';
import type { Handler, Handlers } from '../process/commands';
import {
  notInFuture,
  requireComplaintGuidance,
  requireOwnerAtTheTime,
  requirePeriodOf,
  requireRecordedBy,
} from '../process/preconditions';
import {
  LESS_INTENSIVE_STARTS_WITHIN_SIX_WEEKS,
  NUPH_NOTICE_SECTIONS,
  NUPH_SECTIONS,
} from '../c24/c24.rules';
import type { C24Command } from './c24.commands';
import { minPlanHandlers } from './c24.min-plan.decide';

const chooseInterviewForm: Handler<'ChooseInterviewForm'> = (command, state) => {
  requirePeriodOf(state, { type: 'InterviewFormChosen', data: command.data }, 'chosenOn');
  notInFuture(command.data.chosenOn, command.today, 'chosenOn');
  return [{ type: 'InterviewFormChosen', data: command.data }];
};

const changeInterviewForm: Handler<'ChangeInterviewForm'> = (command, state) => {
  const period = requirePeriodOf(
    state,
    { type: 'InterviewFormChangedByOwner', data: command.data },
    'changedOn',
  );
  notInFuture(command.data.changedOn, command.today, 'changedOn');
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
};

const markCvComplete: Handler<'MarkCvComplete'> = (command, state) => {
  requirePeriodOf(state, { type: 'CvMarkedComplete', data: command.data }, 'markedOn');
  notInFuture(command.data.markedOn, command.today, 'markedOn');
  return [{ type: 'CvMarkedComplete', data: command.data }];
};

const setJobSearchRequirements: Handler<'SetJobSearchRequirements'> = (command, state) => {
  requirePeriodOf(state, { type: 'JobSearchRequirementsSet', data: command.data }, 'setOn');
  notInFuture(command.data.setOn, command.today, 'setOn');
  if (command.data.by !== 'akasse') {
    throw precondition(
      'C24-JSR',
      'by',
      'job-search requirements are set by the a-kasse, also after the handover (C24-JSR)',
    );
  }
  return [{ type: 'JobSearchRequirementsSet', data: command.data }];
};

const visitateToJobcenter: Handler<'VisitateToJobcenter'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'VisitatedToJobcenter', data: command.data }, 'visitatedOn');
  notInFuture(command.data.visitatedOn, command.today, 'visitatedOn');
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
};

const receiveControlActionDoubt: Handler<'ReceiveControlActionDoubt'> = (command, state) => {
  requirePeriodOf(state, { type: 'ControlActionDoubtReceived', data: command.data }, 'receivedOn');
  notInFuture(command.data.receivedOn, command.today, 'receivedOn');
  return [{ type: 'ControlActionDoubtReceived', data: command.data }];
};

const revokeSelfBooking: Handler<'RevokeSelfBooking'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'SelfBookingRevoked', data: command.data }, 'decidedOn');
  notInFuture(command.data.notifiedOn, command.today, 'notifiedOn');
  if (command.data.notifiedOn < command.data.decidedOn) {
    throw precondition('C24-SELFBOOK', 'notifiedOn', 'the decision cannot be notified before it was made');
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
};

const documentLessIntensiveGround: Handler<'DocumentLessIntensiveGround'> = (command, state) => {
  const period = requirePeriodOf(
    state,
    { type: 'LessIntensiveEffortGroundDocumented', data: command.data },
    'from',
  );
  notInFuture(command.data.from, command.today, 'from');
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
};

const unknownGround = (groundId: string) =>
  new ContactProcessError('unknown-reference', 'C24-LESS', 'groundId', `no documented ground ${groundId}`);

const endLessIntensiveGround: Handler<'EndLessIntensiveGround'> = (command, state) => {
  const fact = { type: 'LessIntensiveEffortGroundEnded', data: command.data } as const;
  const period = requirePeriodOf(state, fact, 'endedOn');
  const ground = period.lessIntensive.find((g) => g.groundId === command.data.groundId);
  notInFuture(command.data.endedOn, command.today, 'endedOn');
  if (!ground) throw unknownGround(command.data.groundId);
  if (command.data.endedOn < ground.from)
    throw precondition('C24-LESS', 'endedOn', 'a ground cannot end before it began');
  return [{ type: 'LessIntensiveEffortGroundEnded', data: command.data }];
};

const overruleLessIntensiveEffort: Handler<'OverruleLessIntensiveEffort'> = (command, state) => {
  const period = requirePeriodOf(
    state,
    { type: 'LessIntensiveEffortOverruled', data: command.data },
    'decidedOn',
  );
  const { groundId, decidedOn, notifiedOn } = command.data;
  const ground = period.lessIntensive.find((g) => g.groundId === groundId);
  if (decidedOn > command.today)
    throw precondition(
      'C24-LESS',
      'decidedOn',
      `decidedOn (${decidedOn}) is after today (${command.today}): record the decision that the person is not exempt once it is made (C24-LESS)`,
    );
  notInFuture(notifiedOn, command.today, 'notifiedOn');
  if (notifiedOn < decidedOn)
    throw precondition(
      'C24-LESS',
      'notifiedOn',
      `the decision that the person is not exempt cannot be notified (${notifiedOn}) before it was made (${decidedOn}) (C24-LESS)`,
    );
  if (!ground) throw unknownGround(groundId);
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
    decidedOn,
    command.data.by,
    'C24-LESS',
    'decide that the person is not exempt',
  );
  requireComplaintGuidance(
    command.data.complaintGuidanceGiven,
    'deciding that the person is not under less intensive effort (LAB § 106(3))',
  );
  return [{ type: 'LessIntensiveEffortOverruled', data: command.data }];
};

const sendNuph: Handler<'SendNuph'> = (command, state) => {
  requirePeriodOf(state, { type: 'NuphSent', data: command.data }, 'sentOn');
  notInFuture(command.data.sentOn, command.today, 'sentOn');
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
};

const answerNuph: Handler<'AnswerNuph'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'NuphAnswered', data: command.data }, 'answeredOn');
  notInFuture(command.data.answeredOn, command.today, 'answeredOn');
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
    notInFuture(memberNotifiedOn, command.today, 'memberNotifiedOn');
    if (memberNotifiedOn < answeredOn)
      throw precondition(
        'C24-NUPH',
        'memberNotifiedOn',
        `memberNotifiedOn (${memberNotifiedOn}) is before the answer (${answeredOn}): the member is told the result of the a-kasse's handling once it is finished (C24-NUPH)`,
      );
  }
  return [{ type: 'NuphAnswered', data: command.data }];
};

export const c24Handlers: Handlers<C24Command['type']> = {
  ChooseInterviewForm: chooseInterviewForm,
  ChangeInterviewForm: changeInterviewForm,
  MarkCvComplete: markCvComplete,
  SetJobSearchRequirements: setJobSearchRequirements,
  VisitateToJobcenter: visitateToJobcenter,
  ReceiveControlActionDoubt: receiveControlActionDoubt,
  RevokeSelfBooking: revokeSelfBooking,
  DocumentLessIntensiveGround: documentLessIntensiveGround,
  EndLessIntensiveGround: endLessIntensiveGround,
  OverruleLessIntensiveEffort: overruleLessIntensiveEffort,
  SendNuph: sendNuph,
  AnswerNuph: answerNuph,
  ...minPlanHandlers,
};
