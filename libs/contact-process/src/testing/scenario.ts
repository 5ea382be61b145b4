/** Small factories with overrides for given/when/then specs of the contact process. */
import { localDate, type LocalDate } from '@app/legal-time';
export type { ContactProcessEvent } from '../contact-process.events';
import type {
  ContactProcessEvent,
  JobInterviewHeld,
  PersonFactsRecorded,
  PlacedInBenefitPeriod,
} from '../contact-process.events';
import { decide, type ContactProcessCommand } from '../process/decide';
import { ContactProcessError } from '../contact-process.errors';
import { initialState, type ContactProcessState, type RecordedContactProcessEvent } from '../process/state';
import { evolve, foldFacts } from '../process/evolve';
import { decideCorrection, isCorrectionCommand, type CorrectionCommand } from '../process/corrections';
import { evaluateObligations } from '../obligations';
import type { Obligation } from '../engine/rule';

export const d = localDate;

/** An event of one type, so a factory's data keeps its precise type. */
export type EventOf<T extends ContactProcessEvent['type']> = Extract<ContactProcessEvent, { type: T }>;

export const aPerson = (overrides: Partial<PersonFactsRecorded> = {}): EventOf<'PersonFactsRecorded'> => ({
  type: 'PersonFactsRecorded',
  data: {
    birthDate: d('1985-04-02'),
    hasVocationalEducation: true,
    hasCustodyOfChildrenAtHome: false,
    coveredByRepatriationAct: false,
    residencePermitYears: null,
    ...overrides,
  },
});

/** A person in the education-injunction group: 22, no vocational education, no children at home. */
export const aYoungPerson = (overrides: Partial<PersonFactsRecorded> = {}) =>
  aPerson({
    birthDate: d('2002-01-15'),
    hasVocationalEducation: false,
    hasCustodyOfChildrenAtHome: false,
    ...overrides,
  });

export const placed = (overrides: Partial<PlacedInBenefitPeriod> = {}): ContactProcessEvent => ({
  type: 'PlacedInBenefitPeriod',
  data: {
    benefitPeriodId: 'bp-1',
    akasseId: 'akasse-3f',
    insurance: 'full-time',
    placedOn: d('2024-03-01'),
    continuingPlacement: false,
    ...overrides,
  },
});

export const registered = (on: string, jobcenterId = 'jc-101'): ContactProcessEvent => ({
  type: 'RegisteredAsJobseeker',
  data: { registeredOn: d(on), jobcenterId },
});

export const deregistered = (on: string): ContactProcessEvent => ({
  type: 'DeregisteredAsJobseeker',
  data: { deregisteredOn: d(on) },
});

let interviews = 0;
export const interview = (
  heldOn: string,
  overrides: Partial<JobInterviewHeld> = {},
): EventOf<'JobInterviewHeld'> => ({
  type: 'JobInterviewHeld',
  data: {
    interviewId: `i-${(interviews += 1)}`,
    heldOn: d(heldOn),
    heldBy: 'akasse',
    registeredAs: 'individual',
    akasseAttended: true,
    form: 'in-person',
    minPlanPrepared: false,
    joblogReviewed: true,
    repatriationGuidanceGiven: false,
    intensifiedEffortOffered: false,
    allPartiesAgreed: false,
    ...overrides,
  },
});

/** C24-FORM: the person chooses the form of their later job interviews. */
export const formChosen = (
  chosenOn: string,
  form: EventOf<'InterviewFormChosen'>['data']['form'],
): EventOf<'InterviewFormChosen'> => ({
  type: 'InterviewFormChosen',
  data: { form, chosenOn: d(chosenOn) },
});

/** C24-FORM: the owner of the contact process changes the person's chosen form to in person (LAB §33(2)). */
export const formChangedToInPerson = (
  changedOn: string,
  by: EventOf<'InterviewFormChangedByOwner'>['data']['by'] = 'akasse',
): EventOf<'InterviewFormChangedByOwner'> => ({
  type: 'InterviewFormChangedByOwner',
  data: { form: 'in-person', changedOn: d(changedOn), by },
});

export const jobcentreInterview = (heldOn: string, overrides: Partial<JobInterviewHeld> = {}) =>
  interview(heldOn, { heldBy: 'jobcenter', akasseAttended: false, ...overrides });

export const hours = (
  month: string,
  benefitHours: number,
  registeredOn: string,
  wageSubsidyHours = 0,
): ContactProcessEvent => ({
  type: 'BenefitHoursReported',
  data: { month, benefitHours, wageSubsidyHours, registeredOn: d(registeredOn) },
});

/** Full-time months of 160.33 h, each registered on the 5th of the following month. */
export function fullMonths(from: string, count: number): ContactProcessEvent[] {
  const [y, m] = from.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const covered = new Date(Date.UTC(y, m - 1 + i, 1));
    const registeredOn = new Date(Date.UTC(y, m + i, 5));
    return hours(covered.toISOString().slice(0, 7), 160.33, registeredOn.toISOString().slice(0, 10));
  });
}

/** Folds events into state, giving each the id `e<n>` so "met by" can be checked. */
export function given(...events: ContactProcessEvent[]): ContactProcessState {
  return events.reduce(
    (state, event, i) => evolve(state, { ...event, eventId: `e${i + 1}` }),
    initialState(),
  );
}

export function obligationOf(
  state: ContactProcessState,
  asOf: string,
  ruleId: string,
  suffix?: string,
): Obligation {
  const all = evaluateObligations(state, d(asOf)).filter(
    (o) => o.ruleId === ruleId && (suffix === undefined || o.key.endsWith(`:${suffix}`)),
  );
  if (all.length !== 1)
    throw new Error(`expected one ${ruleId}${suffix ? `:${suffix}` : ''} obligation, found ${all.length}`);
  return all[0];
}

export const today = (date: string): LocalDate => d(date);

/** The error a command is refused with; fails the spec when the command is accepted. */
export function refusal(command: ContactProcessCommand, state: ContactProcessState): ContactProcessError {
  try {
    decide(command, state);
  } catch (error) {
    if (error instanceof ContactProcessError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

/** HP-MEET39 (001 §8): sabbatical leave (AFL §55(7)) or activity benefit (AFL §97 g), from a day to a planned last one. */
export const leaveBegan = (
  leaveId: string,
  from: string,
  to: string | null,
  kind: EventOf<'LeavePeriodBegan'>['data']['kind'] = 'sabbatical-55-7',
): EventOf<'LeavePeriodBegan'> => ({
  type: 'LeavePeriodBegan',
  data: { leaveId, kind, from: d(from), to: to === null ? null : d(to) },
});

export const leaveEnded = (leaveId: string, endedOn: string): EventOf<'LeavePeriodEnded'> => ({
  type: 'LeavePeriodEnded',
  data: { leaveId, endedOn: d(endedOn) },
});

/** HP-MEET39 (001 §8): the end of the reference period of sub-period 1, as the a-kasse knew it on a day. */
export const subPeriodOneEnd = (knownOn: string, endsOn: string): EventOf<'SubPeriodOneEndKnown'> => ({
  type: 'SubPeriodOneEndKnown',
  data: { knownOn: d(knownOn), endsOn: d(endsOn) },
});

/**
 * A person's stream as the recorder keeps it, in memory: each command decided on the facts so far (corrections
 * on the facts themselves), its events appended with the ids `e<n>`, the state folded as every reader folds it.
 */
export class RecordedStream {
  readonly facts: RecordedContactProcessEvent[] = [];
  /** Each command recorded, with the id of the first event it appended (the fact itself, for a fact). */
  readonly log: Array<{ command: ContactProcessCommand | CorrectionCommand; firstId: string | undefined }> =
    [];

  constructor(...given: ContactProcessEvent[]) {
    given.forEach((event) => this.append(event));
  }

  /** The events the command appended, with their ids. */
  record(command: ContactProcessCommand | CorrectionCommand): RecordedContactProcessEvent[] {
    const events = isCorrectionCommand(command)
      ? decideCorrection(command, this.facts)
      : decide(command, this.state);
    const appended = events.map((event) => this.append(event));
    this.log.push({ command, firstId: appended[0]?.eventId });
    return appended;
  }

  get state(): ContactProcessState {
    return foldFacts(this.facts);
  }

  /** The id of the last event of a type (the fact a spec goes on to correct). */
  lastId(type: ContactProcessEvent['type']): string {
    const found = [...this.facts].reverse().find((f) => f.type === type);
    if (!found?.eventId) throw new Error(`no ${type} in the stream`);
    return found.eventId;
  }

  private append(event: ContactProcessEvent): RecordedContactProcessEvent {
    const recorded = { ...event, eventId: `e${this.facts.length + 1}` } as RecordedContactProcessEvent;
    this.facts.push(recorded);
    return recorded;
  }
}

/** The a-kasse registers a month's benefit hours (C24-HANDOVER keys on the day it registers them). */
export const reportHours = (
  month: string,
  benefitHours: number,
  registeredOn: string,
): ContactProcessCommand => ({
  type: 'ReportBenefitHours',
  recordedBy: 'akasse',
  today: d(registeredOn),
  data: { month, benefitHours, wageSubsidyHours: 0, registeredOn: d(registeredOn) },
});

/**
 * Issue #21's members, full-time, placed 3 March 2025 with akasse-3f, registered the same day; the a-kasse holds
 * interviews on 10 March and 14 April. Hours: 150 (March, registered 3 April) and 160 (April, registered 2 May).
 */
export function memberWithTwoMonthsOfHours(): RecordedStream {
  const stream = new RecordedStream(
    aPerson(),
    placed({ placedOn: d('2025-03-03') }),
    registered('2025-03-03'),
    interview('2025-03-10'),
    interview('2025-04-14'),
  );
  stream.record(reportHours('2025-03', 150, '2025-04-03'));
  stream.record(reportHours('2025-04', 160, '2025-05-02'));
  return stream;
}

/**
 * Case 1: 110 hours registered on 30 May (420: handed over 31 May), retracted on 3 June; a third interview on
 * 12 June; 120 hours registered on 27 June (430: the period ends 30 June, 002 §2.2, BAB §7(2)).
 */
export function retractedCrossing(): RecordedStream {
  const stream = memberWithTwoMonthsOfHours();
  stream.record(reportHours('2025-05', 110, '2025-05-30'));
  stream.record({
    type: 'RetractFact',
    recordedBy: 'akasse',
    today: d('2025-06-03'),
    data: {
      retractedEventId: stream.lastId('BenefitHoursReported'),
      reason: 'registered on the wrong member',
      retractedOn: d('2025-06-03'),
    },
  });
  stream.record({
    type: 'RecordJobInterview',
    recordedBy: 'akasse',
    today: d('2025-06-12'),
    data: interview('2025-06-12').data,
  });
  stream.record(reportHours('2025-06', 120, '2025-06-27'));
  return stream;
}

/** Case 2: 90 hours registered on 30 May (400), corrected on 2 June to 110 (420): the period ended 31 May. */
export function correctedToCrossing(): RecordedStream {
  const stream = memberWithTwoMonthsOfHours();
  stream.record(reportHours('2025-05', 90, '2025-05-30'));
  stream.record({
    type: 'CorrectFact',
    recordedBy: 'akasse',
    today: d('2025-06-02'),
    data: {
      correctedEventId: stream.lastId('BenefitHoursReported'),
      factType: 'BenefitHoursReported',
      reason: 'the hours were typed wrong',
      correctedOn: d('2025-06-02'),
      data: { month: '2025-05', benefitHours: 110, wageSubsidyHours: 0, registeredOn: d('2025-05-30') },
    },
  });
  return stream;
}
