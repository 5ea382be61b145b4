export * from './contact-process.events';
export * from './contact-process.errors';
export {
  evolve,
  foldFacts,
  isCorrection,
  initialState,
  currentPeriod,
  type ContactProcessState,
  type BenefitPeriodState,
  type RecordedContactProcessEvent,
} from './contact-process.state';
export { decideCorrection, type CorrectionCommand } from './corrections';
export { decide, contactProcessDecider, type ContactProcessCommand } from './contact-process.decider';
export { evaluateObligations, explainRegime, ownerOfContactProcess, type RegimeChoice } from './obligations';
export { isRuleObligation } from './rules/c24.obligations';
export { C24 } from './rules/c24.rules';
export type { Obligation, ObligationOwner, ObligationStatus, RuleDefinition, RuleSet } from './rules/rule';
export { statusAt } from './rules/status';
export { memberDataAccess, type AccessDecision, type MemberDataRequest } from './rules/c24.access';
export {
  ContactProcessRecorder,
  nameBasedEventId,
  type LoadedPerson,
  type RecordCommand,
  type RecordMetadata,
  type RecordResult,
} from './contact-process.recorder';
export { personViews, factsOf, foldRecorded, type AsOfDeadlines, type HistoryEntry } from './history';
export { minPlanViews, type MinPlanView, type MinPlanPartView, type MinPlanRevisionView } from './min-plan';
export { availabilityOn, sanctionTiming, type AvailabilityOnDay, type SanctionTiming } from './availability';
export {
  factsByPerson,
  openState,
  sealState,
  stateAfter,
  type PersonBatch,
  type StateSealing,
} from './person-batches';
export { nuphViews, recommendationViews, type NuphView, type RecommendationView } from './notices';
export { PERSONAL_FIELDS } from './personal-fields';
export { decideErasure, type ErasePersonCommand } from './erasure';
export { CONTACT_PROCESS_CATALOGUE } from './personal-data.catalogue';
