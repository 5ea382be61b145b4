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
import { initialState, type ContactProcessState } from '../process/state';
import { evolve } from '../process/evolve';
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
