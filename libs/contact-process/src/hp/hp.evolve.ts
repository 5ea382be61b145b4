/**
 * The appliers of the action-plan process of 1994–2002 (HP, seeds 000, 001): AF's notices, the a-kasse's
 * meetings, plans with their revisions and objections, offers outside the plan, refusals, the backstop, and the
 * meetings under 001 §8 with their periods. Availability (AV) is in av.evolve.ts.
 */
import { updatePlans, type Applier, type Appliers } from '../process/state';

const afNoticeReceived: Applier<'AfNoticeReceived'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({ ...a, notices: [...a.notices, { ...data, eventId }] }));

const preparationMeetingHeld: Applier<'PreparationMeetingHeld'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({ ...a, preparations: [...a.preparations, { ...data, eventId }] }));

const actionPlanRequested: Applier<'ActionPlanRequested'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({ ...a, requests: [...a.requests, { ...data, eventId }] }));

const actionPlanCompleted: Applier<'ActionPlanCompleted'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    plans: [
      ...a.plans,
      { planId: data.planId, completed: { ...data, eventId }, revisions: [], objections: [] },
    ],
  }));

const actionPlanRevised: Applier<'ActionPlanRevised'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    plans: a.plans.map((p) =>
      p.planId === data.planId ? { ...p, revisions: [...p.revisions, { ...data, eventId }] } : p,
    ),
  }));

const actionPlanObjected: Applier<'ActionPlanObjected'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    plans: a.plans.map((p) =>
      p.planId === data.planId ? { ...p, objections: [...p.objections, { ...data, eventId }] } : p,
    ),
  }));

const offerOutsidePlanGiven: Applier<'OfferOutsidePlanGiven'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    offersOutsidePlan: [...a.offersOutsidePlan, { ...data, eventId }],
  }));

const planParticipationRefused: Applier<'PlanParticipationRefused'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({ ...a, refusals: [...a.refusals, { ...data, eventId }] }));

const uncalledTargetGroupMemberNoticed: Applier<'UncalledTargetGroupMemberNoticed'> = (
  state,
  { data, eventId },
  periodId,
) => updatePlans(state, periodId, (a) => ({ ...a, backstops: [...a.backstops, { ...data, eventId }] }));

const cumulativeUnemploymentMeetingHeld: Applier<'CumulativeUnemploymentMeetingHeld'> = (
  state,
  { data, eventId },
  periodId,
) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    unemploymentMeetings: [...a.unemploymentMeetings, { ...data, eventId }],
  }));

const leavePeriodBegan: Applier<'LeavePeriodBegan'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    leavePeriods: [...a.leavePeriods, { ...data, endedOn: null, eventId }],
  }));

const leavePeriodEnded: Applier<'LeavePeriodEnded'> = (state, { data }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    leavePeriods: a.leavePeriods.map((l) =>
      l.leaveId === data.leaveId ? { ...l, endedOn: data.endedOn } : l,
    ),
  }));

const subPeriodOneEndKnown: Applier<'SubPeriodOneEndKnown'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    subPeriodOneEnds: [...a.subPeriodOneEnds, { ...data, eventId }],
  }));

export const hpAppliers: Appliers<
  | 'AfNoticeReceived'
  | 'PreparationMeetingHeld'
  | 'ActionPlanRequested'
  | 'ActionPlanCompleted'
  | 'ActionPlanRevised'
  | 'ActionPlanObjected'
  | 'OfferOutsidePlanGiven'
  | 'PlanParticipationRefused'
  | 'UncalledTargetGroupMemberNoticed'
  | 'CumulativeUnemploymentMeetingHeld'
  | 'LeavePeriodBegan'
  | 'LeavePeriodEnded'
  | 'SubPeriodOneEndKnown'
> = {
  AfNoticeReceived: afNoticeReceived,
  PreparationMeetingHeld: preparationMeetingHeld,
  ActionPlanRequested: actionPlanRequested,
  ActionPlanCompleted: actionPlanCompleted,
  ActionPlanRevised: actionPlanRevised,
  ActionPlanObjected: actionPlanObjected,
  OfferOutsidePlanGiven: offerOutsidePlanGiven,
  PlanParticipationRefused: planParticipationRefused,
  UncalledTargetGroupMemberNoticed: uncalledTargetGroupMemberNoticed,
  CumulativeUnemploymentMeetingHeld: cumulativeUnemploymentMeetingHeld,
  LeavePeriodBegan: leavePeriodBegan,
  LeavePeriodEnded: leavePeriodEnded,
  SubPeriodOneEndKnown: subPeriodOneEndKnown,
};
