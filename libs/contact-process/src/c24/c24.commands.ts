/** The commands of the contact process of 2024 (C24, seed 002) beyond what every regime shares. */
import type {
  ControlActionDoubtReceived,
  CvMarkedComplete,
  InterviewFormChangedByOwner,
  InterviewFormChosen,
  JobSearchRequirementsSet,
  JointRecommendationAnswered,
  JointRecommendationSent,
  LessIntensiveEffortGroundDocumented,
  LessIntensiveEffortGroundEnded,
  LessIntensiveEffortOverruled,
  MinPlanPrepared,
  MinPlanRevised,
  NuphAnswered,
  NuphSent,
  OfferGranted,
  OfferRefused,
  OfferRequested,
  SelfBookingRevoked,
  VisitatedToJobcenter,
} from '../contact-process.events';
import type { CommandBase } from '../process/commands';

export type C24Command =
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
  | ({ type: 'AnswerNuph'; data: NuphAnswered } & CommandBase);
