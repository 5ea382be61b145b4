/**
 * The appliers every regime shares: the person, the placement in a benefit period, registration, hours,
 * interviews, the handover, missed deadlines, erasure and corrections.
 */
import {
  currentPeriod,
  currentRegistration,
  emptyActionPlans,
  emptyGuidance,
  updatePeriod,
  withPersonFacts,
  type Applier,
  type Appliers,
  type BenefitPeriodState,
} from './state';

const personFactsRecorded: Applier<'PersonFactsRecorded'> = (state, { data, eventId }) => ({
  ...state,
  person: withPersonFacts(state.person, data, eventId),
});

const placedInBenefitPeriod: Applier<'PlacedInBenefitPeriod'> = (state, event) => {
  // "Løbende genindplacering" continues the ongoing contact process.
  if (event.data.continuingPlacement && currentPeriod(state)) return state;
  // Placed again while registered as a jobseeker: the registration runs on into the new period.
  const previous = currentPeriod(state);
  const stillRegistered = previous ? currentRegistration(previous) : undefined;
  const period: BenefitPeriodState = {
    benefitPeriodId: event.data.benefitPeriodId,
    akasseId: event.data.akasseId,
    insurance: event.data.insurance,
    placedOn: event.data.placedOn,
    akasseTrial: event.data.akasseTrial ?? false,
    registrations: stillRegistered ? [stillRegistered] : [],
    hours: [],
    interviews: [],
    availabilityInterviews: [],
    visitations: [],
    cvCompletions: [],
    jobSearchRequirements: [],
    controlActions: [],
    offerRequests: [],
    offers: [],
    offerRefusals: [],
    minPlan: null,
    recommendations: [],
    selfBookingRevocations: [],
    lessIntensive: [],
    nuphs: [],
    interviewExemptions: [],
    guidance: emptyGuidance(),
    actionPlans: emptyActionPlans(),
    formChoices: [],
    handover: null,
  };
  return { ...state, periods: [...state.periods, period] };
};

const registeredAsJobseeker: Applier<'RegisteredAsJobseeker'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    registrations: [...p.registrations, { ...data, deregisteredOn: null, eventId }],
  }));

const deregisteredAsJobseeker: Applier<'DeregisteredAsJobseeker'> = (state, { data }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    registrations: p.registrations.map((r, i) =>
      i === p.registrations.length - 1 && r.deregisteredOn === null
        ? { ...r, deregisteredOn: data.deregisteredOn }
        : r,
    ),
  }));

const benefitHoursReported: Applier<'BenefitHoursReported'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, hours: [...p.hours, { ...data, eventId }] }));

const jobInterviewHeld: Applier<'JobInterviewHeld'> = (state, { data, eventId }, periodId) =>
  updatePeriod(state, periodId, (p) => ({ ...p, interviews: [...p.interviews, { ...data, eventId }] }));

const availabilityInterviewHeld: Applier<'AvailabilityInterviewHeld'> = (state, { data }, periodId) =>
  updatePeriod(state, periodId, (p) => ({
    ...p,
    availabilityInterviews: [...p.availabilityInterviews, data.heldOn],
  }));

const contactProcessHandedOver: Applier<'ContactProcessHandedOver'> = (state, { data, eventId }) => ({
  ...state,
  periods: state.periods.map((p) =>
    p.benefitPeriodId === data.benefitPeriodId ? { ...p, handover: { ...data, eventId } } : p,
  ),
});

const deadlineMissed: Applier<'DeadlineMissed'> = (state, { data, eventId }) => ({
  ...state,
  missed: {
    ...state.missed,
    [data.obligationKey]: { detectedOn: data.detectedOn, dueOn: data.dueOn, eventId },
  },
});

/** A derived fact that no longer follows from its sources stops counting: the handover or the missed deadline. */
const derivedFactWithdrawn: Applier<'DerivedFactWithdrawn'> = (state, { data }) => {
  if (data.withdrawnType === 'DeadlineMissed') {
    const missed = { ...state.missed };
    if (data.obligationKey !== null && missed[data.obligationKey]?.eventId === data.withdrawnEventId)
      delete missed[data.obligationKey];
    return { ...state, missed };
  }
  return {
    ...state,
    periods: state.periods.map((p) =>
      p.handover?.eventId === data.withdrawnEventId ? { ...p, handover: null } : p,
    ),
  };
};
const deadlineDueSoon: Applier<'DeadlineDueSoon'> = (state, { data }) => ({
  ...state,
  dueSoon: { ...state.dueSoon, [data.obligationKey]: data.dueOn },
});

const personErased: Applier<'PersonErased'> = (state, { data, eventId }) => ({
  ...state,
  erased: { erasedOn: data.erasedOn, reason: data.reason, eventId },
});

/**
 * A correction changes what an earlier fact says, which no step from the current state can undo: it is
 * honoured by `foldFacts`, which folds the stream with corrected facts in their place.
 */
const correction =
  <T extends 'FactRetracted' | 'FactCorrected'>(): Applier<T> =>
  (state) =>
    state;

export const processAppliers: Appliers<
  | 'PersonFactsRecorded'
  | 'PlacedInBenefitPeriod'
  | 'RegisteredAsJobseeker'
  | 'DeregisteredAsJobseeker'
  | 'BenefitHoursReported'
  | 'JobInterviewHeld'
  | 'AvailabilityInterviewHeld'
  | 'ContactProcessHandedOver'
  | 'DeadlineMissed'
  | 'DerivedFactWithdrawn'
  | 'DeadlineDueSoon'
  | 'PersonErased'
  | 'FactRetracted'
  | 'FactCorrected'
> = {
  PersonFactsRecorded: personFactsRecorded,
  PlacedInBenefitPeriod: placedInBenefitPeriod,
  RegisteredAsJobseeker: registeredAsJobseeker,
  DeregisteredAsJobseeker: deregisteredAsJobseeker,
  BenefitHoursReported: benefitHoursReported,
  JobInterviewHeld: jobInterviewHeld,
  AvailabilityInterviewHeld: availabilityInterviewHeld,
  ContactProcessHandedOver: contactProcessHandedOver,
  DeadlineMissed: deadlineMissed,
  DerivedFactWithdrawn: derivedFactWithdrawn,
  DeadlineDueSoon: deadlineDueSoon,
  PersonErased: personErased,
  FactRetracted: correction(),
  FactCorrected: correction(),
};
