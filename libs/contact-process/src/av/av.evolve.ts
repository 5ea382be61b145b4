/** The appliers of the availability during an action plan (AV, seed 004): situations, waivers, refused work. */
import { updatePlans, type Applier, type Appliers } from '../process/state';

const availabilitySituationBegan: Applier<'AvailabilitySituationBegan'> = (
  state,
  { data, eventId },
  periodId,
) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    situations: [...a.situations, { ...data, endedOn: null, eventId }],
  }));

const availabilitySituationEnded: Applier<'AvailabilitySituationEnded'> = (state, { data }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    situations: a.situations.map((s) =>
      s.situationId === data.situationId ? { ...s, endedOn: data.endedOn } : s,
    ),
  }));

const mediatedWorkWaived: Applier<'MediatedWorkWaived'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({ ...a, waivers: [...a.waivers, { ...data, eventId }] }));

const mediatedWorkRefused: Applier<'MediatedWorkRefused'> = (state, { data, eventId }, periodId) =>
  updatePlans(state, periodId, (a) => ({
    ...a,
    refusedWork: [...a.refusedWork, { ...data, eventId }],
  }));

export const avAppliers: Appliers<
  'AvailabilitySituationBegan' | 'AvailabilitySituationEnded' | 'MediatedWorkWaived' | 'MediatedWorkRefused'
> = {
  AvailabilitySituationBegan: availabilitySituationBegan,
  AvailabilitySituationEnded: availabilitySituationEnded,
  MediatedWorkWaived: mediatedWorkWaived,
  MediatedWorkRefused: mediatedWorkRefused,
};
