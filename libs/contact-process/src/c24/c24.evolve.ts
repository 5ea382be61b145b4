/**
 * The appliers of the contact process of 2024 (C24, seed 002): interview forms, the CV, job-search
 * requirements, visitations, control actions, offers, Min Plan, joint recommendations, self-booking, less
 * intensive effort and negative reportable events.
 */
import type { LocalDate } from '@app/legal-time';
import type { MinPlanParts, Organisation } from '../contact-process.events';
import {
  EMPTY_MIN_PLAN_PARTS,
  updatePeriod,
  type Applier,
  type Appliers,
  type BenefitPeriodState,
  type MinPlanState,
} from '../process/state';

const interviewFormChosen: Applier<'InterviewFormChosen'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    formChoices: [...p.formChoices, { form: data.form, on: data.chosenOn, by: 'person', eventId }],
  }));

const interviewFormChangedByOwner: Applier<'InterviewFormChangedByOwner'> = (
  state,
  { data, eventId },
  periodId,
) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    formChoices: [...p.formChoices, { form: data.form, on: data.changedOn, by: data.by, eventId }],
  }));

const cvMarkedComplete: Applier<'CvMarkedComplete'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, cvCompletions: [...p.cvCompletions, { ...data, eventId }] }));

const jobSearchRequirementsSet: Applier<'JobSearchRequirementsSet'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    jobSearchRequirements: [...p.jobSearchRequirements, { ...data, eventId }],
  }));

const visitatedToJobcenter: Applier<'VisitatedToJobcenter'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, visitations: [...p.visitations, { ...data, eventId }] }));

const controlActionDoubtReceived: Applier<'ControlActionDoubtReceived'> = (
  state,
  { data, eventId },
  periodId,
) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    controlActions: [...p.controlActions, { ...data, eventId }],
  }));

const offerRequested: Applier<'OfferRequested'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, offerRequests: [...p.offerRequests, { ...data, eventId }] }));

const offerGranted: Applier<'OfferGranted'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, offers: [...p.offers, { ...data, eventId }] }));

const offerRefused: Applier<'OfferRefused'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, offerRefusals: [...p.offerRefusals, { ...data, eventId }] }));

type MinPlanVersion = {
  by: Organisation;
  reason: string | null;
  on: LocalDate;
  kind: 'prepared' | 'revised';
};

/** A new version of Min Plan: the parts it sets replace the earlier ones, the revision is kept (C24-MINPLAN). */
function minPlanAfter(
  period: BenefitPeriodState,
  data: MinPlanParts,
  { by, reason, on, kind }: MinPlanVersion,
  eventId: string | undefined,
): MinPlanState {
  const parts = { ...(period.minPlan?.parts ?? EMPTY_MIN_PLAN_PARTS) };
  // Null once the person was erased (a personal field): nothing known of the entries then.
  const efforts = data.otherAgreedEfforts ?? undefined;
  const kept = (period.minPlan?.effortsByJobcentre ?? []).filter((e) => efforts?.includes(e) ?? true);
  const effortsByJobcentre =
    efforts !== undefined && by === 'jobcenter'
      ? [...kept, ...efforts.filter((e) => !parts.otherAgreedEfforts.includes(e) && !kept.includes(e))]
      : kept;
  const changed: Array<keyof MinPlanParts> = [];
  for (const part of Object.keys(EMPTY_MIN_PLAN_PARTS) as Array<keyof MinPlanParts>) {
    const value = data[part];
    if (value === undefined) continue;
    parts[part] = value;
    changed.push(part);
  }
  const revisions = [
    ...(period.minPlan?.revisions ?? []),
    { on, by, kind, reason, eventId, offerIds: parts.offerIds, changed },
  ];
  return { parts, revisions, effortsByJobcentre };
}

const minPlanPrepared: Applier<'MinPlanPrepared'> = (state, { data, eventId }, periodId) => {
  const version = { by: data.by, reason: null, on: data.preparedOn, kind: 'prepared' as const };
  return updatePeriod(state, periodId, (p) => ({ ...p, minPlan: minPlanAfter(p, data, version, eventId) }));
};

const minPlanRevised: Applier<'MinPlanRevised'> = (state, { data, eventId }, periodId) => {
  const version = { by: data.by, reason: data.reason, on: data.revisedOn, kind: 'revised' as const };
  return updatePeriod(state, periodId, (p) => ({ ...p, minPlan: minPlanAfter(p, data, version, eventId) }));
};

const jointRecommendationSent: Applier<'JointRecommendationSent'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    recommendations: [...p.recommendations, { ...data, eventId, answer: null }],
  }));

const jointRecommendationAnswered: Applier<'JointRecommendationAnswered'> = (
  state,
  { data, eventId },
  periodId,
) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    recommendations: p.recommendations.map((r) =>
      r.recommendationId === data.recommendationId ? { ...r, answer: { ...data, eventId } } : r,
    ),
  }));

const selfBookingRevoked: Applier<'SelfBookingRevoked'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    selfBookingRevocations: [...p.selfBookingRevocations, { ...data, eventId }],
  }));

const lessIntensiveEffortGroundDocumented: Applier<'LessIntensiveEffortGroundDocumented'> = (
  state,
  { data, eventId },
  periodId,
) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    lessIntensive: [...p.lessIntensive, { ...data, endedOn: null, overruled: null, eventId }],
  }));

const lessIntensiveEffortGroundEnded: Applier<'LessIntensiveEffortGroundEnded'> = (
  state,
  { data },
  periodId,
) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    lessIntensive: p.lessIntensive.map((g) =>
      g.groundId === data.groundId ? { ...g, endedOn: data.endedOn } : g,
    ),
  }));

const lessIntensiveEffortOverruled: Applier<'LessIntensiveEffortOverruled'> = (
  state,
  { data, eventId },
  periodId,
) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    lessIntensive: p.lessIntensive.map((g) =>
      g.groundId === data.groundId
        ? {
            ...g,
            overruled: { decidedOn: data.decidedOn, notifiedOn: data.notifiedOn, by: data.by, eventId },
          }
        : g,
    ),
  }));

const nuphSent: Applier<'NuphSent'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, nuphs: [...p.nuphs, { ...data, eventId, answer: null }] }));

const nuphAnswered: Applier<'NuphAnswered'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    nuphs: p.nuphs.map((n) => (n.nuphId === data.nuphId ? { ...n, answer: { ...data, eventId } } : n)),
  }));

export const c24Appliers: Appliers<
  | 'InterviewFormChosen'
  | 'InterviewFormChangedByOwner'
  | 'CvMarkedComplete'
  | 'JobSearchRequirementsSet'
  | 'VisitatedToJobcenter'
  | 'ControlActionDoubtReceived'
  | 'OfferRequested'
  | 'OfferGranted'
  | 'OfferRefused'
  | 'MinPlanPrepared'
  | 'MinPlanRevised'
  | 'JointRecommendationSent'
  | 'JointRecommendationAnswered'
  | 'SelfBookingRevoked'
  | 'LessIntensiveEffortGroundDocumented'
  | 'LessIntensiveEffortGroundEnded'
  | 'LessIntensiveEffortOverruled'
  | 'NuphSent'
  | 'NuphAnswered'
> = {
  InterviewFormChosen: interviewFormChosen,
  InterviewFormChangedByOwner: interviewFormChangedByOwner,
  CvMarkedComplete: cvMarkedComplete,
  JobSearchRequirementsSet: jobSearchRequirementsSet,
  VisitatedToJobcenter: visitatedToJobcenter,
  ControlActionDoubtReceived: controlActionDoubtReceived,
  OfferRequested: offerRequested,
  OfferGranted: offerGranted,
  OfferRefused: offerRefused,
  MinPlanPrepared: minPlanPrepared,
  MinPlanRevised: minPlanRevised,
  JointRecommendationSent: jointRecommendationSent,
  JointRecommendationAnswered: jointRecommendationAnswered,
  SelfBookingRevoked: selfBookingRevoked,
  LessIntensiveEffortGroundDocumented: lessIntensiveEffortGroundDocumented,
  LessIntensiveEffortGroundEnded: lessIntensiveEffortGroundEnded,
  LessIntensiveEffortOverruled: lessIntensiveEffortOverruled,
  NuphSent: nuphSent,
  NuphAnswered: nuphAnswered,
};
