/**
 * The fields of the contact-process events that hold personal data: what describes the person (birth date,
 * education, children, residence) and every free text a caseworker wrote about them. They are stored encrypted
 * under the person's key and become unreadable when the person is erased. Dates, organisations, hours, ids and
 * the closed lists of reasons are not personal in themselves and stay readable, so deadlines and supervision
 * counts can still be explained for a case whose person is gone.
 *
 * A new event type with free text must be added here; the codec's spec checks no listed field is stored plain.
 */
import type { ContactProcessEvent } from './contact-process.events';

type PersonalFieldsOf = {
  [E in ContactProcessEvent as E['type']]?: ReadonlyArray<keyof E['data'] & string>;
};

const MIN_PLAN_TEXTS = ['jobGoals', 'educationGoals', 'jobSearchRequirements', 'otherAgreedEfforts'] as const;

export const PERSONAL_FIELDS: PersonalFieldsOf = {
  PersonFactsRecorded: [
    'birthDate',
    'hasVocationalEducation',
    'hasCustodyOfChildrenAtHome',
    'coveredByRepatriationAct',
    'residencePermitYears',
  ],
  OfferRefused: ['reason'],
  MinPlanPrepared: MIN_PLAN_TEXTS,
  MinPlanRevised: [...MIN_PLAN_TEXTS, 'reason'],
  JointRecommendationSent: ['description'],
  JointRecommendationAnswered: ['reason'],
  InterviewDutyExempted: ['reason'],
  GuidanceGiven: ['toldMember', 'memberInformation'],
  GuidanceMeetingHeld: ['toldMember', 'memberInformation'],
  AfInformationExchanged: ['content'],
  PreparationMeetingHeld: ['toldMember'],
  ActionPlanCompleted: ['employmentGoal', 'activities'],
  ActionPlanRevised: ['reason', 'changes'],
  MediatedWorkWaived: ['reason'],
  // HP-NOTES: what the member said and was told, and the courses they took.
  CumulativeUnemploymentMeetingHeld: ['toldMember', 'coursesTaken'],
  FactRetracted: ['reason'],
  // The corrected details may be any fact's, personal fields included.
  FactCorrected: ['reason', 'data'],
};
