/** The appliers of the a-kasse's guidance duties (G03, seed 003), HP-AFTER's plan copies included. */
import { updateGuidance, type Applier, type Appliers } from '../process/state';

const guidanceGiven: Applier<'GuidanceGiven'> = (state, { data, eventId }, periodId) =>
  updateGuidance(state, periodId, (g) => ({ ...g, given: [...g.given, { ...data, eventId }] }));

const guidanceMeetingHeld: Applier<'GuidanceMeetingHeld'> = (state, { data, eventId }, periodId) =>
  updateGuidance(state, periodId, (g) => ({ ...g, meetings: [...g.meetings, { ...data, eventId }] }));

const afInformationExchanged: Applier<'AfInformationExchanged'> = (state, { data, eventId }, periodId) =>
  updateGuidance(state, periodId, (g) => ({
    ...g,
    exchanges: [...g.exchanges, { ...data, eventId }],
  }));

const guidanceTriggerKnown: Applier<'GuidanceTriggerKnown'> = (state, { data, eventId }, periodId) =>
  updateGuidance(state, periodId, (g) => ({ ...g, triggers: [...g.triggers, { ...data, eventId }] }));

const guidanceRequested: Applier<'GuidanceRequested'> = (state, { data, eventId }, periodId) =>
  updateGuidance(state, periodId, (g) => ({ ...g, requests: [...g.requests, { ...data, eventId }] }));

const actionPlanCopyReceived: Applier<'ActionPlanCopyReceived'> = (state, { data, eventId }, periodId) =>
  updateGuidance(state, periodId, (g) => ({ ...g, planCopies: [...g.planCopies, { ...data, eventId }] }));

export const g03Appliers: Appliers<
  | 'GuidanceGiven'
  | 'GuidanceMeetingHeld'
  | 'AfInformationExchanged'
  | 'GuidanceTriggerKnown'
  | 'GuidanceRequested'
  | 'ActionPlanCopyReceived'
> = {
  GuidanceGiven: guidanceGiven,
  GuidanceMeetingHeld: guidanceMeetingHeld,
  AfInformationExchanged: afInformationExchanged,
  GuidanceTriggerKnown: guidanceTriggerKnown,
  GuidanceRequested: guidanceRequested,
  ActionPlanCopyReceived: actionPlanCopyReceived,
};
