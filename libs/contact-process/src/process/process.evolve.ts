/**
 * The appliers every regime shares: the person, the placement in a benefit period, registration, hours,
 * interviews, the handover, missed deadlines, erasure and corrections.
 */
import {
  currentPeriod,
  currentRegistration,
  emptyActionPlans,
  emptyGuidance,
  updateCurrent,
  type Applier,
  type Appliers,
  type BenefitPeriodState,
} from './state';

const personFactsRecorded: Applier<'PersonFactsRecorded'> = (state, event) => ({
  ...state,
  person: event.data,
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

const registeredAsJobseeker: Applier<'RegisteredAsJobseeker'> = (state, { data, eventId }) =>
  updateCurrent(state, (p) => ({
    ...p,
    registrations: [...p.registrations, { ...data, deregisteredOn: null, eventId }],
  }));

const deregisteredAsJobseeker: Applier<'DeregisteredAsJobseeker'> = (state, { data }) =>
  updateCurrent(state, (p) => ({
    ...p,
    registrations: p.registrations.map((r, i) =>
      i === p.registrations.length - 1 && r.deregisteredOn === null
        ? { ...r, deregisteredOn: data.deregisteredOn }
        : r,
    ),
  }));

const benefitHoursReported: Applier<'BenefitHoursReported'> = (state, { data, eventId }) =>
  updateCurrent(state, (p) => ({ ...p, hours: [...p.hours, { ...data, eventId }] }));

const jobInterviewHeld: Applier<'JobInterviewHeld'> = (state, { data, eventId }) =>
  updateCurrent(state, (p) => ({ ...p, interviews: [...p.interviews, { ...data, eventId }] }));

const availabilityInterviewHeld: Applier<'AvailabilityInterviewHeld'> = (state, { data }) =>
  updateCurrent(state, (p) => ({ ...p, availabilityInterviews: [...p.availabilityInterviews, data.heldOn] }));

const contactProcessHandedOver: Applier<'ContactProcessHandedOver'> = (state, { data, eventId }) => ({
  ...state,
  periods: state.periods.map((p) =>
    p.benefitPeriodId === data.benefitPeriodId ? { ...p, handover: { ...data, eventId } } : p,
  ),
});

const deadlineMissed: Applier<'DeadlineMissed'> = (state, { data }) => ({
  ...state,
  missed: { ...state.missed, [data.obligationKey]: data.detectedOn },
});

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
  DeadlineDueSoon: deadlineDueSoon,
  PersonErased: personErased,
  FactRetracted: correction(),
  FactCorrected: correction(),
};
