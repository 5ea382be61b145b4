/**
 * The handlers every regime shares: the person, the placement in a benefit period, registration as a
 * jobseeker, the hours of the benefit right (and the handover they lead to), interviews and missed deadlines.
 */
import { daysBetween, monthOf, type LocalDate } from '@app/legal-time';
import type { ContactProcessEvent, JobInterviewHeld } from '../contact-process.events';
import { precondition } from '../contact-process.errors';
import { currentRegistration, type ContactProcessState } from './state';
import { evolve } from './evolve';
import { evaluateObligations, ownerOfContactProcess } from '../obligations';
import { rederive } from './rederive';
import { NEW_RULES_FROM } from '../t15/t15.rules';
import type { Handler, Handlers, ProcessCommand, ReminderWindows } from './commands';
import type { Obligation } from '../engine/rule';
import {
  notBefore,
  notInFuture,
  requirePeriodOf,
  requireRecordedBy,
  requireRegistrationPeriod,
} from './preconditions';

const recordPersonFacts: Handler<'RecordPersonFacts'> = (command, state) => {
  const { birthDate, effectiveFrom } = command.data;
  notInFuture(birthDate, command.today, 'birthDate');
  if (effectiveFrom) {
    // A change is recorded once it has happened, like every other fact's day.
    notInFuture(effectiveFrom, command.today, 'effectiveFrom');
    notBefore(effectiveFrom, birthDate, 'effectiveFrom', 'the birth date');
    if (!state.person)
      throw precondition(
        null,
        'effectiveFrom',
        'the person’s first facts are in force from the start: leave effectiveFrom out, and date only a later change',
      );
  }
  return [{ type: 'PersonFactsRecorded', data: command.data }];
};

const placeInBenefitPeriod: Handler<'PlaceInBenefitPeriod'> = (command, state) => {
  notInFuture(command.data.placedOn, command.today, 'placedOn');
  refusePlacementBeforeTheLast(state, command.data.placedOn);
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
};

/**
 * Placements come in order: each period runs until the next placement, which is how a fact's day names its
 * period (`periodFor`); a placement before the last would take over part of a period whose facts are recorded.
 */
function refusePlacementBeforeTheLast(state: ContactProcessState, placedOn: LocalDate): void {
  const last = state.periods.reduce<LocalDate | undefined>(
    (latest, p) => (latest === undefined || p.placedOn > latest ? p.placedOn : latest),
    undefined,
  );
  if (last !== undefined && placedOn < last)
    throw precondition(
      null,
      'placedOn',
      `placedOn (${placedOn}) is before the last placement in a benefit period (${last}): a benefit period runs until the next placement, so placements are recorded in order (002 §3.2)`,
    );
}

const registerAsJobseeker: Handler<'RegisterAsJobseeker'> = (command, state) => {
  const period = requireRegistrationPeriod(state, { type: 'RegisteredAsJobseeker', data: command.data });
  notInFuture(command.data.registeredOn, command.today, 'registeredOn');
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
};

const deregisterAsJobseeker: Handler<'DeregisterAsJobseeker'> = (command, state) => {
  const fact = { type: 'DeregisteredAsJobseeker', data: command.data } as const;
  const registration = currentRegistration(requirePeriodOf(state, fact, 'deregisteredOn'));
  notInFuture(command.data.deregisteredOn, command.today, 'deregisteredOn');
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
};

const reportBenefitHours: Handler<'ReportBenefitHours'> = (command, state) => {
  // Hours name their month: they count in the period of the month they cover, not the one current at registration.
  requirePeriodOf(state, { type: 'BenefitHoursReported', data: command.data }, 'month');
  notInFuture(command.data.registeredOn, command.today, 'registeredOn');
  requireRecordedBy(command, 'akasse', 'C24-HANDOVER', 'consumption of the benefit right');
  // Hours are registered once used: not before the month they cover began (the handover keys on the day).
  if (monthOf(command.data.registeredOn) < command.data.month)
    throw precondition(
      'C24-HANDOVER',
      'registeredOn',
      `registeredOn (${command.data.registeredOn}) is before ${command.data.month}-01, the first day of the month the hours cover: the a-kasse registers consumption of the benefit right once it is used, and the handover keys on that registration (C24-HANDOVER)`,
    );
  const reported: ContactProcessEvent = { type: 'BenefitHoursReported', data: command.data };
  // The hours may move the handover (C24-HANDOVER): re-derived from all the period's hours, not only appended.
  const cause = {
    because: { factEventId: null, correction: null },
    on: command.data.registeredOn,
    today: command.today,
  };
  return [reported, ...rederive(evolve(state, reported), cause)];
};

const recordJobInterview: Handler<'RecordJobInterview'> = (command, state) => {
  const period = requirePeriodOf(state, { type: 'JobInterviewHeld', data: command.data }, 'heldOn');
  const { heldOn } = command.data;
  notInFuture(heldOn, command.today, 'heldOn');
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
  refuseAttendanceFormWithoutAttendance(command.data);
  return [{ type: 'JobInterviewHeld', data: command.data }];
};

/** The form of the a-kasse's attendance (LAB §33(4)) is recorded only for an attendance. */
function refuseAttendanceFormWithoutAttendance(interview: JobInterviewHeld): void {
  const { akasseAttendanceForm, akasseAttended } = interview;
  if (akasseAttendanceForm != null && akasseAttended !== true) {
    const ruleId =
      interview.registeredAs === 'joint' && interview.intensifiedEffortOffered ? 'C24-M16' : 'C24-JC3';
    throw precondition(
      ruleId,
      'akasseAttendanceForm',
      `the a-kasse's attendance form (${akasseAttendanceForm}) is recorded only when the a-kasse attended (set akasseAttended: true, or leave akasseAttendanceForm out) (LAB §33(4))`,
    );
  }
}

const recordAvailabilityInterview: Handler<'RecordAvailabilityInterview'> = (command, state) => {
  requirePeriodOf(state, { type: 'AvailabilityInterviewHeld', data: command.data }, 'heldOn');
  notInFuture(command.data.heldOn, command.today, 'heldOn');
  requireRecordedBy(command, 'akasse', 'C24-AVAIL', 'an availability interview');
  return [{ type: 'AvailabilityInterviewHeld', data: command.data }];
};

/** A deadline passing unmet is a fact the system appends, once per obligation; so is one coming due soon. */
const evaluateDeadlines: Handler<'EvaluateDeadlines'> = ({ asOf, reminders }, state) => {
  const obligations = evaluateObligations(state, asOf);
  const missed = obligations
    .filter(
      (o) =>
        (o.status === 'overdue' || o.status === 'missed') && o.dueOn !== null && !(o.key in state.missed),
    )
    .filter((o) => o.metBy.length === 0) // fulfilled late: the late fact itself tells the story
    .map((o) => ({
      type: 'DeadlineMissed' as const,
      data: { obligationKey: o.key, ruleId: o.ruleId, dueOn: o.dueOn!, detectedOn: asOf },
    }));
  return [...missed, ...(reminders ? dueSoon(state, obligations, asOf, reminders) : [])];
};

/**
 * The open duties of an organisation whose due day is at most the organisation's window away, each once per due
 * day (a due day that moves is noted anew). The person's own duties and rights get none: the sweep, like the
 * worklists, follows what the organisations must do.
 */
function dueSoon(
  state: ContactProcessState,
  obligations: readonly Obligation[],
  asOf: LocalDate,
  reminders: ReminderWindows,
): ContactProcessEvent[] {
  return obligations.flatMap((o) => {
    if (o.status !== 'open' || o.dueOn === null || o.owner === 'person') return [];
    if (state.dueSoon?.[o.key] === o.dueOn) return [];
    const windowDays = reminderWindowOf(state, o, reminders);
    if (windowDays === 0 || daysBetween(asOf, o.dueOn) > windowDays) return [];
    return [
      {
        type: 'DeadlineDueSoon' as const,
        data: { obligationKey: o.key, ruleId: o.ruleId, dueOn: o.dueOn, detectedOn: asOf, windowDays },
      },
    ];
  });
}

/** The window of the organisation that holds the duty: the period's a-kasse, or the registration's jobcentre. */
function reminderWindowOf(state: ContactProcessState, o: Obligation, reminders: ReminderWindows): number {
  const period = state.periods.find((p) => p.benefitPeriodId === o.benefitPeriodId);
  const registration = period?.registrations[period.registrations.length - 1];
  const id = o.owner === 'akasse' ? period?.akasseId : registration?.jobcenterId;
  return (id === undefined ? undefined : reminders.days[`${o.owner}:${id}`]) ?? reminders.defaultDays;
}

export const processHandlers: Handlers<ProcessCommand['type']> = {
  RecordPersonFacts: recordPersonFacts,
  PlaceInBenefitPeriod: placeInBenefitPeriod,
  RegisterAsJobseeker: registerAsJobseeker,
  DeregisterAsJobseeker: deregisterAsJobseeker,
  ReportBenefitHours: reportBenefitHours,
  RecordJobInterview: recordJobInterview,
  RecordAvailabilityInterview: recordAvailabilityInterview,
  EvaluateDeadlines: evaluateDeadlines,
};
