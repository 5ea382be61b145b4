export * from './contact-process.events';
export * from './contact-process.errors';
export {
  initialState,
  currentPeriod,
  type ContactProcessState,
  type BenefitPeriodState,
  type RecordedContactProcessEvent,
} from './process/state';
export { evolve, foldFacts, isCorrection } from './process/evolve';
export { decideCorrection, type CorrectionCommand } from './process/corrections';
export { decide, contactProcessDecider, type ContactProcessCommand } from './process/decide';
export type { ReminderWindows } from './process/commands';
export {
  derivedHandover,
  evaluateObligations,
  explainRegime,
  ownerOfContactProcess,
  contactProcessOwners,
  ruleSetIdOf,
  RULE_SETS,
  RULE_TABLES,
  type RegimeChoice,
} from './obligations';
export { HOUR_PARAMETERS, readModelVersion, ruleDataHash } from './engine/rule-data-version';
export { R26 } from './r26/r26.rules';
export { T15 } from './t15/t15.rules';
export { isRuleObligation } from './engine/draft';
export { C24, C24_PARAMETERS } from './c24/c24.rules';
export { R26_PARAMETERS } from './r26/r26.rules';
export type { RuleParameter } from './engine/parameter';
export type {
  ContactProcessOwnership,
  Obligation,
  ObligationOwner,
  ObligationStatus,
  OwnershipBasis,
  RuleDefinition,
  RuleSet,
} from './engine/rule';
export { OBLIGATION_STATUSES } from './engine/rule';
export { statusAt } from './engine/status';
export { memberDataAccess, type AccessDecision, type MemberDataRequest } from './c24/c24.access';
export {
  ContactProcessRecorder,
  nameBasedEventId,
  type BatchEntry,
  type BatchOutcome,
  type LoadedPerson,
  type RecordCommand,
  type RecordMetadata,
  type RecordResult,
} from './process/contact-process.recorder';
export { personViews, factsOf, foldRecorded, type AsOfDeadlines, type HistoryEntry } from './process/history';
export {
  minPlanViews,
  type MinPlanView,
  type MinPlanPartView,
  type MinPlanRevisionView,
} from './c24/c24.min-plan';
export {
  availabilityOn,
  sanctionTiming,
  type AvailabilityOnDay,
  type SanctionTiming,
} from './av/av.availability';
export {
  factsByPerson,
  openState,
  STATE_SHAPE,
  storedStateOf,
  sealState,
  stateAfter,
  type PersonBatch,
  type StateSealing,
} from './process/person-batches';
export { nuphViews, recommendationViews, type NuphView, type RecommendationView } from './c24/c24.notices';
export { PERSONAL_FIELDS } from './personal-fields';
export { decideErasure, type ErasePersonCommand } from './process/erasure';
export { CONTACT_PROCESS_CATALOGUE } from './personal-data.catalogue';
