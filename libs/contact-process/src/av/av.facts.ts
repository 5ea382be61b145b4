/**
 * The facts of availability during a plan (AV, bekendtgørelse 004): the situations that change what
 * availability asks, AF's waivers and the refusals of mediated work — each with its declaration
 * (see `../process/fact-declaration.ts`).
 */
import type { LocalDate } from '@app/legal-time';
import { boolean, date, declareFact, id, nullable, oneOf, text } from '../process/fact-declaration';

/** AV (seed 004): the situations that change what availability asks of a person during a plan. */
export const AVAILABILITY_SITUATION_KINDS = [
  'plan-offer-job-training',
  'plan-offer-pool-job',
  'plan-offer-education',
  'plan-offer-other',
  'education-62a',
  'amu-retraining',
  'educational-leave-granted',
  'educational-leave',
  'establishment-allowance',
  'under-25-education-plan-offer',
] as const;
export type AvailabilitySituationKind = (typeof AVAILABILITY_SITUATION_KINDS)[number];

export interface AvailabilitySituationBegan {
  situationId: string;
  kind: AvailabilitySituationKind;
  from: LocalDate;
  /** Planned end, when known; AvailabilitySituationEnded records the actual one. */
  to: LocalDate | null;
  /** In an offer under an action plan the person searches for work only when the plan says so. */
  planRequiresSearch: boolean;
  /**
   * In education paid with uddannelsesgodtgørelse or uddannelsesorlovsydelse (an education offer, educational
   * leave), abroad and not residing in Denmark: not available for mediated work (004 §2, §7). Ignored elsewhere.
   */
  studyAbroadNotResident: boolean;
}

export interface AvailabilitySituationEnded {
  situationId: string;
  endedOn: LocalDate;
}

/** AV-WAIVE: AF concretely exempts the person from accepting mediated work during an offer or education. */
export interface MediatedWorkWaived {
  situationId: string;
  decidedOn: LocalDate;
  reason: string;
}

/** AV-SANCTION / AV-NOTIFY: the person refused a mediated ordinary job. */
export interface MediatedWorkRefused {
  refusalId: string;
  refusedOn: LocalDate;
  /** AF weighed the considerations of 004 §6 (someone not in an offer first, time left, lasting employment, duration). */
  considerationsWeighed: boolean;
  akasseNotifiedOn: LocalDate | null;
  /** For a person receiving elevstøtte the education institution is notified too. */
  receivesElevstoette: boolean;
  institutionNotifiedOn: LocalDate | null;
}

export const AV_FACTS = {
  AvailabilitySituationBegan: declareFact('AvailabilitySituationBegan', {
    command: 'BeginAvailabilitySituation',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.from,
    fields: {
      situationId: id(),
      kind: oneOf(AVAILABILITY_SITUATION_KINDS),
      from: date(),
      to: nullable(date()),
      planRequiresSearch: boolean(),
      studyAbroadNotResident: boolean(),
    },
    example: {
      situationId: 'av-0001',
      kind: 'plan-offer-job-training',
      from: '1996-04-01',
      to: '1996-09-30',
      planRequiresSearch: false,
      studyAbroadNotResident: false,
    },
  }),
  AvailabilitySituationEnded: declareFact('AvailabilitySituationEnded', {
    command: 'EndAvailabilitySituation',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.endedOn,
    fields: { situationId: id(), endedOn: date() },
    example: { situationId: 'av-0001', endedOn: '1996-08-15' },
  }),
  MediatedWorkWaived: declareFact('MediatedWorkWaived', {
    command: 'WaiveMediatedWork',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.decidedOn,
    fields: { situationId: id(), decidedOn: date(), reason: text(2000, 'personal') },
    example: { situationId: 'av-0001', decidedOn: '1996-05-10', reason: 'final exams in June' },
  }),
  MediatedWorkRefused: declareFact('MediatedWorkRefused', {
    command: 'RefuseMediatedWork',
    recordedBy: 'jobcenter',
    occurredOn: (e) => e.refusedOn,
    fields: {
      refusalId: id(),
      refusedOn: date(),
      considerationsWeighed: boolean(),
      akasseNotifiedOn: nullable(date()),
      receivesElevstoette: boolean(),
      institutionNotifiedOn: nullable(date()),
    },
    example: {
      refusalId: 'mw-0001',
      refusedOn: '1996-05-15',
      considerationsWeighed: true,
      akasseNotifiedOn: '1996-05-15',
      receivesElevstoette: false,
      institutionNotifiedOn: null,
    },
  }),
};
