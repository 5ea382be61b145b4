/**
 * What a caseworker system may record, one request shape per fact type, validated with class-validator at
 * the edge. Field names follow the events of libs/contact-process; the rules live there, not here.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import {
  SELF_BOOKING_REVOCATION_GROUNDS,
  type RecordCommand,
  type SelfBookingRevocationGround,
} from '@app/contact-process';
import { IsLocalDate, IsMonth, IsOpaqueId, isIdField, Nullable, Omittable } from '../common/validators';
import { CPR_REFUSAL, fieldsWithCpr } from '../identity/cpr';

const ORGANISATIONS = ['akasse', 'jobcenter'] as const;
const FORMS = ['in-person', 'phone', 'video'] as const;

class PersonFacts {
  @IsLocalDate() birthDate!: string;
  @IsBoolean() hasVocationalEducation!: boolean;
  @IsBoolean() hasCustodyOfChildrenAtHome!: boolean;
  @IsBoolean() coveredByRepatriationAct!: boolean;
  @Nullable() @IsInt() @Min(0) @Max(100) residencePermitYears!: number | null;
}
class Placement {
  @IsOpaqueId() benefitPeriodId!: string;
  @IsOpaqueId() akasseId!: string;
  @IsIn(['full-time', 'part-time']) insurance!: 'full-time' | 'part-time';
  @IsLocalDate() placedOn!: string;
  @IsBoolean() continuingPlacement!: boolean;
  /** Placed before 2024 and in the a-kasse trial (002 §15.2); may be left out, meaning not. */
  @Omittable() @IsBoolean() akasseTrial?: boolean;
}
class Registration {
  @IsLocalDate() registeredOn!: string;
  @IsOpaqueId() jobcenterId!: string;
}
class Deregistration {
  @IsLocalDate() deregisteredOn!: string;
}
class BenefitHours {
  @IsMonth() month!: string;
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(744) benefitHours!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(744) wageSubsidyHours!: number;
  @IsLocalDate() registeredOn!: string;
}
class JobInterview {
  @IsOpaqueId() interviewId!: string;
  @IsLocalDate() heldOn!: string;
  @IsIn(ORGANISATIONS) heldBy!: 'akasse' | 'jobcenter';
  @IsIn(['individual', 'joint']) registeredAs!: 'individual' | 'joint';
  @IsBoolean() akasseAttended!: boolean;
  @IsIn(FORMS) form!: (typeof FORMS)[number];
  @IsBoolean() minPlanPrepared!: boolean;
  /** The a-kasse went through the applications in the person's joblog (the first interview must, C24-FIRST). */
  @IsBoolean() joblogReviewed!: boolean;
  @IsBoolean() repatriationGuidanceGiven!: boolean;
  @IsBoolean() intensifiedEffortOffered!: boolean;
  @IsBoolean() allPartiesAgreed!: boolean;
  /** The person's choice whether the a-kasse attends (LAB §31(2), §32(2)); left out or null: not recorded. */
  @IsOptional() @IsBoolean() akasseAttendanceWanted?: boolean | null;
  /** How the a-kasse attended (LAB §33(4)); only with akasseAttended: true. Left out or null: not recorded. */
  @IsOptional() @IsIn(['in-person', 'video']) akasseAttendanceForm?: 'in-person' | 'video' | null;
  /** The person asked the a-kasse to attend in person (LAB §33(4)); left out or null: not recorded. */
  @IsOptional() @IsBoolean() personAskedAkasseInPerson?: boolean | null;
}
class AvailabilityInterview {
  @IsLocalDate() heldOn!: string;
}
class FormChosen {
  @IsIn(FORMS) form!: (typeof FORMS)[number];
  @IsLocalDate() chosenOn!: string;
}
class FormChanged {
  @IsIn(FORMS) form!: (typeof FORMS)[number];
  @IsLocalDate() changedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
}
class CvComplete {
  @IsLocalDate() markedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
}
class JobSearchRequirements {
  @IsLocalDate() setOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @IsBoolean() reportedToDfdg!: boolean;
}
class Visitation {
  @IsLocalDate() visitatedOn!: string;
}
class ControlAction {
  @IsLocalDate() receivedOn!: string;
  @IsBoolean() abroad!: boolean;
}
class OfferRequest {
  @IsOpaqueId() requestId!: string;
  @IsLocalDate() requestedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @IsIn(['control-action', 'joint-recommendation', 'other']) reason!:
    'control-action' | 'joint-recommendation' | 'other';
}
class OfferGrant {
  @IsOpaqueId() offerId!: string;
  @IsLocalDate() grantedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @IsIn([11, 12, 13, 14]) chapter!: 11 | 12 | 13 | 14;
  @IsLocalDate() startsOn!: string;
}
class OfferRefusal {
  @IsOpaqueId() requestId!: string;
  @IsLocalDate() refusedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @IsString() @Length(1, 2000) reason!: string;
  @Nullable() @IsLocalDate() personNotifiedOn!: string | null;
}
/** A list of short texts in Min Plan (goals, requirements, efforts): at most 50 entries of 1–500 characters. */
const PLAN_ENTRIES = [IsArray(), ArrayMaxSize(50), IsString({ each: true }), Length(1, 500, { each: true })];
const planEntries = (): PropertyDecorator => (target, key) =>
  PLAN_ENTRIES.forEach((decorate) => decorate(target, key));
/** The parts of Min Plan a revision may leave out (unchanged); job goals differ per request, see below. */
class MinPlanPartsRequest {
  @Omittable() @planEntries() educationGoals?: string[];
  @Omittable() @planEntries() jobSearchRequirements?: string[];
  @Omittable() @IsArray() @ArrayMaxSize(50) @IsOpaqueId({ each: true }) offerIds?: string[];
  @Omittable() @planEntries() otherAgreedEfforts?: string[];
}
class MinPlanPreparation extends MinPlanPartsRequest {
  @IsLocalDate() preparedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @planEntries() @ArrayMinSize(1) jobGoals!: string[];
}
class MinPlanRevision extends MinPlanPartsRequest {
  @IsLocalDate() revisedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @IsString() @Length(1, 2000) reason!: string;
  @Omittable() @planEntries() jobGoals?: string[];
}
class JointRecommendation {
  @IsOpaqueId() recommendationId!: string;
  @IsLocalDate() sentOn!: string;
  @IsBoolean() personAgreed!: boolean;
  @IsIn(['offer', 'supporting-effort']) subject!: 'offer' | 'supporting-effort';
  @IsInt() @Min(11) @Max(28) chapter!: number;
  @IsString() @Length(1, 2000) description!: string;
}
class JointRecommendationAnswer {
  @IsOpaqueId() recommendationId!: string;
  @IsLocalDate() answeredOn!: string;
  @IsIn(['granted', 'refused']) decision!: 'granted' | 'refused';
  @Nullable() @IsOpaqueId() offerId!: string | null;
  @Nullable() @IsString() @Length(1, 2000) reason!: string | null;
  @Nullable() @IsLocalDate() personNotifiedOn!: string | null;
  @Nullable() @IsLocalDate() akasseToldOn!: string | null;
}
class SelfBookingRevocation {
  @IsLocalDate() decidedOn!: string;
  @IsLocalDate() notifiedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  /** The ground of LAB § 35 the revocation rests on (C24-SELFBOOK; 002 §4.2). */
  @IsIn(SELF_BOOKING_REVOCATION_GROUNDS) ground!: SelfBookingRevocationGround;
  /** The decision carried complaint guidance (C24-COMPLAINT; 002 §11). */
  @IsBoolean() complaintGuidanceGiven!: boolean;
}
class LessIntensiveGround {
  @IsOpaqueId() groundId!: string;
  @IsIn([
    'ordinary-work-or-flex-job-within-6-weeks',
    'maternity-or-parental-leave',
    'early-retirement-or-pension',
    'sent-home-weather-or-materials',
    'work-sharing',
    'vocational-study-within-6-weeks',
  ])
  ground!: string;
  @IsLocalDate() from!: string;
  /** LAB § 106(1) nos. 1 and 4: the day the work, leave, retirement or study begins (within 6 weeks). */
  @IsOptional() @IsLocalDate() startsOn?: string | null;
}
class LessIntensiveEnd {
  @IsOpaqueId() groundId!: string;
  @IsLocalDate() endedOn!: string;
}
class LessIntensiveOverrule {
  @IsOpaqueId() groundId!: string;
  @IsLocalDate() decidedOn!: string;
  @IsLocalDate() notifiedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @IsIn(['to-the-persons-benefit', 'abuse-or-speculation']) reason!: string;
  /** The decision carried complaint guidance (C24-COMPLAINT; 002 §11). */
  @IsBoolean() complaintGuidanceGiven!: boolean;
}
class NuphSend {
  @IsOpaqueId() nuphId!: string;
  @IsLocalDate() sentOn!: string;
  @Nullable() @IsLocalDate() personNotifiedOn!: string | null;
  /** The BAB provision, e.g. "§146(1)", "§147", "§151"; the notice is owed for §146(1), §§147–150, §§152–154. */
  @IsOptional()
  @Matches(/^§\d{1,3}(\(\d{1,2}\))?$/, { message: 'babSection must read like "§147" or "§146(1)"' })
  babSection?: string | null;
}
class NuphAnswer {
  @IsOpaqueId() nuphId!: string;
  @IsLocalDate() answeredOn!: string;
  @Nullable() @IsLocalDate() memberNotifiedOn!: string | null;
}

class InterviewExemption {
  @IsOpaqueId() ruleId!: string;
  @IsLocalDate() exemptedOn!: string;
  @IsIn(ORGANISATIONS) by!: 'akasse' | 'jobcenter';
  @IsString() @Length(1, 2000) reason!: string;
}
class Guidance {
  /** A G03 duty, or under the action plans of 1994–2002 HP-AFTER / AV-EXPLAIN. */
  @Matches(/^(G03|HP|AV)-[A-Z0-9]+$/) duty!: string;
  @IsLocalDate() givenOn!: string;
  @Nullable() @IsOpaqueId() relatesTo!: string | null;
  @IsIn(['written', 'conversation']) form!: 'written' | 'conversation';
  @IsString() @Length(1, 4000) toldMember!: string;
  /** What the member told that matters to the guidance (003 § 28(1)); may be left out or null. */
  @IsOptional() @IsString() @Length(1, 4000) memberInformation?: string | null;
  /** HP-AFTER: a personal conversation offered with written guidance; may be left out, meaning not recorded. */
  @Omittable() @IsBoolean() personalConversationOffered?: boolean;
}
class GuidanceMeeting {
  @IsOpaqueId() meetingId!: string;
  @IsLocalDate() heldOn!: string;
  @IsString() @Length(1, 4000) toldMember!: string;
  /** What the member told that matters to the guidance (003 § 28(1)); may be left out or null. */
  @IsOptional() @IsString() @Length(1, 4000) memberInformation?: string | null;
  @Nullable() @IsLocalDate() reportedToAfOn!: string | null;
}
class AfExchange {
  @IsOpaqueId() exchangeId!: string;
  @IsLocalDate() exchangedOn!: string;
  @IsIn(['to-af', 'from-af']) direction!: 'to-af' | 'from-af';
  @IsIn(['contact-person', 'relevant-information']) subject!: 'contact-person' | 'relevant-information';
  @Nullable() @IsOpaqueId() meetingId!: string | null;
  @IsString() @Length(1, 4000) content!: string;
}
class GuidanceTrigger {
  @IsOpaqueId() triggerId!: string;
  /** A section of 003 §§ 10–25, or a subsection with its own duty: "§20(3)", "§20(4)". */
  @Matches(/^§\d{1,2}(\(\d\))?$/) section!: string;
  @IsLocalDate() knownOn!: string;
  @Nullable() @IsLocalDate() eventOn!: string | null;
}
class GuidanceRequest {
  @IsOpaqueId() requestId!: string;
  @IsIn(['digital-registration', 'cv-on-jobnet', 'personal-need']) kind!: string;
  @IsLocalDate() requestedOn!: string;
}
class PlanCopy {
  @IsOpaqueId() planId!: string;
  @IsLocalDate() receivedOn!: string;
  /** The revision the copy is of; left out or null for the plan as first made. */
  @IsOptional() @IsLocalDate() revisedOn?: string | null;
  /** For a revision: whether it changes the member's availability obligation (003 § 14(2)). */
  @IsOptional() @IsBoolean() changesAvailability?: boolean | null;
}
class AfNotice {
  @IsOpaqueId() noticeId!: string;
  @IsLocalDate() receivedOn!: string;
  @IsIn(['mediation-relevant-information', 'called-for-plan', 'member-wishes-guidance']) reason!: string;
  @Nullable() @IsInt() @Min(1) @Max(4) agreedPeriodWeeks!: number | null;
}
class PreparationMeeting {
  /** AF's notice; null for a member who approached the a-kasse unprompted (then approachedOn is sent). */
  @Nullable() @IsOpaqueId() noticeId!: string | null;
  @IsLocalDate() heldOn!: string;
  @IsString() @Length(1, 4000) toldMember!: string;
  @Nullable() @IsLocalDate() notesSentToAfOn!: string | null;
  /** The member's copy of the a-kasse's notes handed over (HP-PREP); left out or null: not recorded. */
  @IsOptional() @IsLocalDate() copyGivenToMemberOn?: string | null;
  /** Without a notice: when the member approached the a-kasse unprompted for a plan. */
  @IsOptional() @IsLocalDate() approachedOn?: string | null;
  /** Without a notice: when the a-kasse referred the member to AF; left out or null: not recorded. */
  @IsOptional() @IsLocalDate() referredToAfOn?: string | null;
}
class PlanRequest {
  @IsOpaqueId() planId!: string;
  @IsLocalDate() requestedOn!: string;
  @IsBoolean() transitionalOrder!: boolean;
}
class PlanCompletion {
  @IsOpaqueId() planId!: string;
  @IsLocalDate() completedOn!: string;
  @IsString() @Length(1, 500) employmentGoal!: string;
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  activities!: string[];
  @Nullable() @IsLocalDate() followUpContactOn!: string | null;
  @Nullable() @IsLocalDate() offerStartsOn!: string | null;
  @Nullable() @IsLocalDate() copyToAkasseOn!: string | null;
  @Nullable() @IsIn(['person-wished', 'current-offer']) preparationSkipped!: string | null;
  /** HP-AFTER from the 1995 order (001 §7): left out or null when not known. */
  @IsOptional() @IsBoolean() changesAvailability?: boolean | null;
  /** HP-PREP (order §37(2)): AF told the person of the option of an a-kasse meeting; left out or null: not recorded. */
  @IsOptional() @IsLocalDate() personToldOfAkasseMeetingOn?: string | null;
}
class PlanRevision {
  @IsOpaqueId() planId!: string;
  @IsLocalDate() revisedOn!: string;
  @IsString() @Length(1, 2000) reason!: string;
  @IsIn(['offer-outside-plan', 'follow-up', 'person-request', 'labour-market-change']) cause!: string;
  @Nullable() @IsOpaqueId() offerId!: string | null;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 500, { each: true }) changes!: string[];
  @Nullable() @IsLocalDate() offerStartsOn!: string | null;
  @Nullable() @IsLocalDate() copyToAkasseOn!: string | null;
  @IsOptional() @IsBoolean() changesAvailability?: boolean | null;
  /** HP-PREP (000 phase 3): AF told the person of the option of an a-kasse conversation before the revision. */
  @IsOptional() @IsLocalDate() personToldOfAkasseMeetingOn?: string | null;
}
class PlanObjection {
  @IsOpaqueId() planId!: string;
  @IsLocalDate() objectedOn!: string;
}
class OfferOutsidePlan {
  @IsOpaqueId() planId!: string;
  @IsOpaqueId() offerId!: string;
  @IsLocalDate() givenOn!: string;
}
class ParticipationRefusal {
  @IsOpaqueId() refusalId!: string;
  @IsLocalDate() refusedOn!: string;
  @Nullable() @IsLocalDate() akasseNotifiedOn!: string | null;
  @Nullable() @IsLocalDate() personToldOn!: string | null;
}
class UncalledTargetGroupMember {
  @IsOpaqueId() backstopId!: string;
  @IsLocalDate() noticedOn!: string;
  /** The target group's code in the Arbejdsmarkedsråd's description: an id, never free text. */
  @IsOpaqueId() targetGroup!: string;
  @Nullable() @IsLocalDate() reportedToAfOn!: string | null;
}
class CumulativeUnemploymentMeeting {
  @IsOpaqueId() meetingId!: string;
  @IsLocalDate() heldOn!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(['§8(1)', '§8(2)', '§8(3)', '§8(4)'], { each: true })
  sections!: string[];
  @IsString() @Length(1, 4000) toldMember!: string;
  @IsInt() @Min(0) @Max(10000) applicationsWithinTrade!: number;
  @IsInt() @Min(0) @Max(10000) applicationsOutsideTrade!: number;
  /** Any period up to 6 months (001 §10), a part of a month as a fraction. */
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() @Max(6) applicationsPeriodMonths!: number;
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  coursesTaken!: string[];
  @Nullable() @IsBoolean() followedPlan!: boolean | null;
  @Nullable() @IsLocalDate() memberSignedOn!: string | null;
  @Nullable() @IsLocalDate() reportedToAfOn!: string | null;
}
/** 001 §8: sabbatical leave (AFL §55(7)) or activity benefit (AFL §97 g). */
class LeavePeriod {
  @IsOpaqueId() leaveId!: string;
  @IsIn(['sabbatical-55-7', 'activity-benefit-97g']) kind!: string;
  @IsLocalDate() from!: string;
  /** The planned last day, when known; LeavePeriodEnded records the actual one. */
  @Nullable() @IsLocalDate() to!: string | null;
}
class LeavePeriodEnd {
  @IsOpaqueId() leaveId!: string;
  @IsLocalDate() endedOn!: string;
}
/** 001 §8: when the member's reference period in sub-period 1 ends, as known on a day (a later one replaces it). */
class SubPeriodOneEnd {
  @IsLocalDate() knownOn!: string;
  @IsLocalDate() endsOn!: string;
}
class AvailabilitySituation {
  @IsOpaqueId() situationId!: string;
  @IsIn([
    'plan-offer-job-training',
    'plan-offer-pool-job',
    'plan-offer-education',
    'plan-offer-other',
    'education-62a',
    'amu-retraining',
    'educational-leave-granted',
    'educational-leave',
    'establishment-allowance',
    'under-25-education-plan-offer',
  ])
  kind!: string;
  @IsLocalDate() from!: string;
  @Nullable() @IsLocalDate() to!: string | null;
  @IsBoolean() planRequiresSearch!: boolean;
  @IsBoolean() studyAbroadNotResident!: boolean;
}
class AvailabilitySituationEnd {
  @IsOpaqueId() situationId!: string;
  @IsLocalDate() endedOn!: string;
}
class MediatedWorkWaiver {
  @IsOpaqueId() situationId!: string;
  @IsLocalDate() decidedOn!: string;
  @IsString() @Length(1, 2000) reason!: string;
}
class MediatedWorkRefusal {
  @IsOpaqueId() refusalId!: string;
  @IsLocalDate() refusedOn!: string;
  @IsBoolean() considerationsWeighed!: boolean;
  @Nullable() @IsLocalDate() akasseNotifiedOn!: string | null;
  @IsBoolean() receivesElevstoette!: boolean;
  @Nullable() @IsLocalDate() institutionNotifiedOn!: string | null;
}
class Retraction {
  @IsUUID() retractedEventId!: string;
  @IsString() @Length(1, 2000) reason!: string;
  @IsLocalDate() retractedOn!: string;
}
/** `data` is the whole corrected fact; the controller validates it as a fact of type `factType`. */
class Correction {
  @IsUUID() correctedEventId!: string;
  @IsCorrectableFactType() factType!: string;
  @IsString() @Length(1, 2000) reason!: string;
  @IsLocalDate() correctedOn!: string;
  @IsObject() data!: Record<string, unknown>;
}

type CommandType = RecordCommand['type'];

/** Facts a person records, and so may retract or correct (not the corrections themselves). */
export function correctableFactTypes(): string[] {
  return Object.keys(FACT_TYPES).filter((t) => t !== 'FactRetracted' && t !== 'FactCorrected');
}

function IsCorrectableFactType(): PropertyDecorator {
  return ValidateBy({
    name: 'isCorrectableFactType',
    validator: {
      // Looked up when validating: FACT_TYPES is defined below this class.
      validate: (value) => typeof value === 'string' && correctableFactTypes().includes(value),
      defaultMessage: () => `factType must be one of: ${correctableFactTypes().join(', ')}`,
    },
  });
}

function messages(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...messages(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

/**
 * Validates a fact's data as its type requires; a correction's `data` is validated as a fact of the type it
 * corrects. Returns the validated data, or the messages naming each bad field (prefixed with `data.`).
 */
export function validateFactData(
  factType: string,
  raw: unknown,
  prefix = 'data.',
): { data: Record<string, unknown> } | { errors: string[] } {
  const instance = plainToInstance(FACT_TYPES[factType].data, raw);
  const errors = messages(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }), prefix);
  if (errors.length > 0) return { errors };
  const data = { ...instance } as Record<string, unknown>;
  if (instance instanceof Correction) {
    const inner = validateFactData(instance.factType, instance.data, `${prefix}data.`);
    if ('errors' in inner) return inner;
    data.data = inner.data;
  }
  const withCpr = textFieldsWithCpr(instance, prefix);
  if (withCpr.length > 0) return { errors: withCpr.map((field) => `${field} ${CPR_REFUSAL}`) };
  return { data };
}

/**
 * A CPR number is accepted at POST /persons/identify only, never written into a fact: every string but the
 * ids (held to the id policy by IsOpaqueId) is read as free text, so a field added without a validator of
 * its own is still checked. A correction's inner data has been checked as its own fact.
 */
function textFieldsWithCpr(instance: object, prefix: string): string[] {
  return Object.entries(instance).flatMap(([key, value]) =>
    isIdField(instance, key) || (instance instanceof Correction && key === 'data')
      ? []
      : fieldsWithCpr(value, `${prefix}${key}`),
  );
}

/**
 * Each recordable fact: its request data class, the command it becomes, an example for the docs, and — for the
 * examples — who records it when it is the jobcentre (AF) rather than the a-kasse.
 */
export const FACT_TYPES: Record<
  string,
  { data: new () => object; command: CommandType; example: object; recordedBy?: 'jobcenter' }
> = {
  PersonFactsRecorded: {
    data: PersonFacts,
    command: 'RecordPersonFacts',
    example: {
      birthDate: '1990-05-17',
      hasVocationalEducation: true,
      hasCustodyOfChildrenAtHome: false,
      coveredByRepatriationAct: false,
      residencePermitYears: null,
    },
  },
  PlacedInBenefitPeriod: {
    data: Placement,
    command: 'PlaceInBenefitPeriod',
    example: {
      benefitPeriodId: 'bp-2024-0001',
      akasseId: 'akasse-3f',
      insurance: 'full-time',
      placedOn: '2024-03-01',
      continuingPlacement: false,
    },
  },
  RegisteredAsJobseeker: {
    data: Registration,
    command: 'RegisterAsJobseeker',
    example: { registeredOn: '2024-03-04', jobcenterId: 'jc-101' },
  },
  DeregisteredAsJobseeker: {
    data: Deregistration,
    command: 'DeregisterAsJobseeker',
    example: { deregisteredOn: '2024-08-30' },
  },
  BenefitHoursReported: {
    data: BenefitHours,
    command: 'ReportBenefitHours',
    example: { month: '2024-03', benefitHours: 148.5, wageSubsidyHours: 0, registeredOn: '2024-04-05' },
  },
  JobInterviewHeld: {
    data: JobInterview,
    command: 'RecordJobInterview',
    example: {
      interviewId: 'i-0001',
      heldOn: '2024-03-15',
      heldBy: 'akasse',
      registeredAs: 'individual',
      akasseAttended: true,
      form: 'in-person',
      minPlanPrepared: true,
      joblogReviewed: true,
      repatriationGuidanceGiven: false,
      intensifiedEffortOffered: false,
      allPartiesAgreed: false,
    },
  },
  AvailabilityInterviewHeld: {
    data: AvailabilityInterview,
    command: 'RecordAvailabilityInterview',
    example: { heldOn: '2024-04-02' },
  },
  InterviewFormChosen: {
    data: FormChosen,
    command: 'ChooseInterviewForm',
    example: { form: 'video', chosenOn: '2024-03-15' },
  },
  InterviewFormChangedByOwner: {
    data: FormChanged,
    command: 'ChangeInterviewForm',
    example: { form: 'in-person', changedOn: '2024-04-10', by: 'akasse' },
  },
  CvMarkedComplete: {
    data: CvComplete,
    command: 'MarkCvComplete',
    example: { markedOn: '2024-03-12', by: 'akasse' },
  },
  JobSearchRequirementsSet: {
    data: JobSearchRequirements,
    command: 'SetJobSearchRequirements',
    example: { setOn: '2024-03-15', by: 'akasse', reportedToDfdg: true },
  },
  VisitatedToJobcenter: {
    data: Visitation,
    command: 'VisitateToJobcenter',
    example: { visitatedOn: '2024-03-11' },
  },
  ControlActionDoubtReceived: {
    data: ControlAction,
    command: 'ReceiveControlActionDoubt',
    example: { receivedOn: '2024-04-10', abroad: false },
  },
  OfferRequested: {
    data: OfferRequest,
    command: 'RequestOffer',
    example: { requestId: 'q-0001', requestedOn: '2024-04-12', by: 'akasse', reason: 'control-action' },
  },
  OfferGranted: {
    recordedBy: 'jobcenter',
    data: OfferGrant,
    command: 'GrantOffer',
    example: {
      offerId: 'o-0001',
      grantedOn: '2024-04-20',
      by: 'jobcenter',
      chapter: 11,
      startsOn: '2024-05-01',
    },
  },
  OfferRefused: {
    data: OfferRefusal,
    command: 'RefuseOffer',
    example: {
      requestId: 'q-0002',
      refusedOn: '2024-04-25',
      by: 'jobcenter',
      reason: 'the requested course does not match the job goal',
      personNotifiedOn: '2024-04-25',
    },
  },
  MinPlanPrepared: {
    data: MinPlanPreparation,
    command: 'PrepareMinPlan',
    example: {
      preparedOn: '2024-03-15',
      by: 'akasse',
      jobGoals: ['warehouse worker', 'forklift driver'],
      otherAgreedEfforts: ['forklift certificate course'],
    },
  },
  MinPlanRevised: {
    data: MinPlanRevision,
    command: 'ReviseMinPlan',
    example: {
      revisedOn: '2024-07-10',
      by: 'jobcenter',
      reason: 'company internship granted',
      offerIds: ['o-0001'],
    },
  },
  JointRecommendationSent: {
    data: JointRecommendation,
    command: 'SendJointRecommendation',
    example: {
      recommendationId: 'r-0001',
      sentOn: '2024-04-02',
      personAgreed: true,
      subject: 'offer',
      chapter: 11,
      description: 'company internship at a warehouse the person found',
    },
  },
  JointRecommendationAnswered: {
    recordedBy: 'jobcenter',
    data: JointRecommendationAnswer,
    command: 'AnswerJointRecommendation',
    example: {
      recommendationId: 'r-0001',
      answeredOn: '2024-04-09',
      decision: 'refused',
      offerId: null,
      reason: 'the internship does not lead towards the job goal',
      personNotifiedOn: '2024-04-09',
      akasseToldOn: '2024-04-09',
    },
  },
  SelfBookingRevoked: {
    data: SelfBookingRevocation,
    command: 'RevokeSelfBooking',
    example: {
      decidedOn: '2024-04-10',
      notifiedOn: '2024-04-11',
      by: 'akasse',
      ground: 'frequent-rebooking',
      complaintGuidanceGiven: true,
    },
  },
  LessIntensiveEffortGroundDocumented: {
    data: LessIntensiveGround,
    command: 'DocumentLessIntensiveGround',
    example: {
      groundId: 'g-0001',
      ground: 'maternity-or-parental-leave',
      from: '2024-05-01',
      startsOn: '2024-06-03',
    },
  },
  LessIntensiveEffortGroundEnded: {
    data: LessIntensiveEnd,
    command: 'EndLessIntensiveGround',
    example: { groundId: 'g-0001', endedOn: '2024-09-30' },
  },
  LessIntensiveEffortOverruled: {
    data: LessIntensiveOverrule,
    command: 'OverruleLessIntensiveEffort',
    example: {
      groundId: 'g-0001',
      decidedOn: '2024-05-03',
      notifiedOn: '2024-05-03',
      by: 'akasse',
      reason: 'abuse-or-speculation',
      complaintGuidanceGiven: true,
    },
  },
  NuphSent: {
    recordedBy: 'jobcenter',
    data: NuphSend,
    command: 'SendNuph',
    example: { nuphId: 'n-0001', sentOn: '2024-07-10', personNotifiedOn: '2024-07-10', babSection: '§147' },
  },
  NuphAnswered: {
    data: NuphAnswer,
    command: 'AnswerNuph',
    example: { nuphId: 'n-0001', answeredOn: '2024-07-20', memberNotifiedOn: '2024-07-20' },
  },
  InterviewDutyExempted: {
    data: InterviewExemption,
    command: 'ExemptFromInterviewDuty',
    example: {
      ruleId: 'R26-AK2',
      exemptedOn: '2026-07-20',
      by: 'akasse',
      reason: 'starts a full-time job on 2026-08-03 (contract seen); interviews would serve no purpose',
    },
  },
  GuidanceGiven: {
    data: Guidance,
    command: 'RecordGuidance',
    example: {
      duty: 'G03-INFO',
      givenOn: '2003-03-03',
      relatesTo: null,
      form: 'written',
      toldMember:
        'the availability obligation (7 items), the contact process, offers, consequences (003 § 2)',
    },
  },
  GuidanceMeetingHeld: {
    data: GuidanceMeeting,
    command: 'RecordGuidanceMeeting',
    example: {
      meetingId: 'gm-0001',
      heldOn: '2003-07-15',
      toldMember:
        'availability, job opportunities, the contact process, offers, self-chosen education (003 § 6)',
      memberInformation: 'wants to move into bookkeeping; evening course started in June',
      reportedToAfOn: '2003-07-16',
    },
  },
  AfInformationExchanged: {
    data: AfExchange,
    command: 'RecordAfExchange',
    example: {
      exchangeId: 'ax-0001',
      exchangedOn: '2003-07-16',
      direction: 'to-af',
      subject: 'contact-person',
      meetingId: null,
      content: 'the member’s contact person at the a-kasse: the caseworker on team 2, phone 70 20 30 40',
    },
  },
  GuidanceTriggerKnown: {
    data: GuidanceTrigger,
    command: 'RecordGuidanceTrigger',
    example: { triggerId: 'gt-0001', section: '§16', knownOn: '2003-06-02', eventOn: null },
  },
  GuidanceRequested: {
    data: GuidanceRequest,
    command: 'RecordGuidanceRequest',
    example: { requestId: 'gr-0001', kind: 'cv-on-jobnet', requestedOn: '2003-04-01' },
  },
  ActionPlanCopyReceived: {
    data: PlanCopy,
    command: 'ReceiveActionPlanCopy',
    example: { planId: 'plan-0001', receivedOn: '2003-05-02' },
  },
  AfNoticeReceived: {
    data: AfNotice,
    command: 'ReceiveAfNotice',
    example: {
      noticeId: 'af-0001',
      receivedOn: '1994-04-05',
      reason: 'called-for-plan',
      agreedPeriodWeeks: null,
    },
  },
  PreparationMeetingHeld: {
    data: PreparationMeeting,
    command: 'RecordPreparationMeeting',
    example: {
      noticeId: 'af-0001',
      heldOn: '1994-04-20',
      toldMember: 'how the plan is made; availability until a plan exists (000 phase 2)',
      notesSentToAfOn: '1994-04-20',
      copyGivenToMemberOn: '1994-04-20',
      approachedOn: null,
      referredToAfOn: null,
    },
  },
  ActionPlanRequested: {
    recordedBy: 'jobcenter',
    data: PlanRequest,
    command: 'RequestActionPlan',
    example: { planId: 'hp-0001', requestedOn: '1994-05-02', transitionalOrder: false },
  },
  ActionPlanCompleted: {
    recordedBy: 'jobcenter',
    data: PlanCompletion,
    command: 'CompleteActionPlan',
    example: {
      planId: 'hp-0001',
      completedOn: '1994-06-01',
      employmentGoal: 'warehouse worker',
      activities: ['forklift course'],
      followUpContactOn: '1994-09-01',
      offerStartsOn: null,
      copyToAkasseOn: '1994-06-01',
      preparationSkipped: null,
      personToldOfAkasseMeetingOn: null,
    },
  },
  ActionPlanRevised: {
    recordedBy: 'jobcenter',
    data: PlanRevision,
    command: 'ReviseActionPlan',
    example: {
      planId: 'hp-0001',
      revisedOn: '1994-08-10',
      reason: 'job training offered at a warehouse',
      cause: 'offer-outside-plan',
      offerId: 'o-0001',
      changes: ['job training added'],
      offerStartsOn: '1994-08-20',
      copyToAkasseOn: '1994-08-10',
      personToldOfAkasseMeetingOn: null,
    },
  },
  ActionPlanObjected: {
    recordedBy: 'jobcenter',
    data: PlanObjection,
    command: 'ObjectToActionPlan',
    example: { planId: 'hp-0001', objectedOn: '1994-06-15' },
  },
  OfferOutsidePlanGiven: {
    recordedBy: 'jobcenter',
    data: OfferOutsidePlan,
    command: 'GiveOfferOutsidePlan',
    example: { planId: 'hp-0001', offerId: 'o-0001', givenOn: '1994-08-08' },
  },
  PlanParticipationRefused: {
    recordedBy: 'jobcenter',
    data: ParticipationRefusal,
    command: 'RefusePlanParticipation',
    example: {
      refusalId: 'rf-0001',
      refusedOn: '1994-05-10',
      akasseNotifiedOn: '1994-05-10',
      personToldOn: '1994-05-10',
    },
  },
  UncalledTargetGroupMemberNoticed: {
    data: UncalledTargetGroupMember,
    command: 'NoticeUncalledTargetGroupMember',
    example: {
      backstopId: 'tg-0001',
      noticedOn: '1995-09-04',
      targetGroup: 'amr-1995-long-term-unemployed',
      reportedToAfOn: '1995-09-05',
    },
  },
  CumulativeUnemploymentMeetingHeld: {
    data: CumulativeUnemploymentMeeting,
    command: 'RecordCumulativeUnemploymentMeeting',
    example: {
      meetingId: 'gm-1996-0001',
      heldOn: '1996-01-15',
      sections: ['§8(1)', '§8(3)'],
      toldMember:
        'wishes to train as a crane operator; told of rights and duties, the right to a reasonable offer (001 §8)',
      applicationsWithinTrade: 9,
      applicationsOutsideTrade: 3,
      applicationsPeriodMonths: 6,
      coursesTaken: ['AMU forklift certificate, November 1995'],
      followedPlan: null,
      memberSignedOn: '1996-01-15',
      reportedToAfOn: '1996-01-16',
    },
  },
  LeavePeriodBegan: {
    data: LeavePeriod,
    command: 'BeginLeavePeriod',
    example: { leaveId: 'lv-0001', kind: 'sabbatical-55-7', from: '1996-02-01', to: '1996-07-31' },
  },
  LeavePeriodEnded: {
    data: LeavePeriodEnd,
    command: 'EndLeavePeriod',
    example: { leaveId: 'lv-0001', endedOn: '1996-07-31' },
  },
  SubPeriodOneEndKnown: {
    data: SubPeriodOneEnd,
    command: 'RecordSubPeriodOneEnd',
    example: { knownOn: '1997-09-01', endsOn: '1998-02-28' },
  },
  AvailabilitySituationBegan: {
    recordedBy: 'jobcenter',
    data: AvailabilitySituation,
    command: 'BeginAvailabilitySituation',
    example: {
      situationId: 'av-0001',
      kind: 'plan-offer-job-training',
      from: '1996-04-01',
      to: '1996-09-30',
      planRequiresSearch: false,
      studyAbroadNotResident: false,
    },
  },
  AvailabilitySituationEnded: {
    recordedBy: 'jobcenter',
    data: AvailabilitySituationEnd,
    command: 'EndAvailabilitySituation',
    example: { situationId: 'av-0001', endedOn: '1996-08-15' },
  },
  MediatedWorkWaived: {
    recordedBy: 'jobcenter',
    data: MediatedWorkWaiver,
    command: 'WaiveMediatedWork',
    example: { situationId: 'av-0001', decidedOn: '1996-05-10', reason: 'final exams in June' },
  },
  MediatedWorkRefused: {
    recordedBy: 'jobcenter',
    data: MediatedWorkRefusal,
    command: 'RefuseMediatedWork',
    example: {
      refusalId: 'mw-0001',
      refusedOn: '1996-05-15',
      considerationsWeighed: true,
      akasseNotifiedOn: '1996-05-15',
      receivesElevstoette: false,
      institutionNotifiedOn: null,
    },
  },
  FactRetracted: {
    data: Retraction,
    command: 'RetractFact',
    example: {
      retractedEventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00',
      reason: 'recorded on the wrong person',
      retractedOn: '2024-04-02',
    },
  },
  FactCorrected: {
    data: Correction,
    command: 'CorrectFact',
    example: {
      correctedEventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00',
      factType: 'AvailabilityInterviewHeld',
      reason: 'the date was typed wrong',
      correctedOn: '2024-04-02',
      data: { heldOn: '2024-03-15' },
    },
  },
};

export class ActorRequest {
  @ApiProperty({ example: 'akasse-3f', description: 'The organisation recording the fact' })
  @IsOpaqueId()
  organisation!: string;

  @ApiProperty({ example: 'integration' })
  @IsString()
  @Length(1, 64)
  role!: string;

  @ApiProperty({ example: 'caseworker-system-1' })
  @IsString()
  @Length(1, 128)
  user!: string;
}

export class RecordFactRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'Chosen by the caller; a retry with the same id records nothing new',
  })
  @IsUUID()
  eventId!: string;

  @ApiProperty({ enum: Object.keys(FACT_TYPES), example: 'JobInterviewHeld' })
  @IsIn(Object.keys(FACT_TYPES))
  factType!: string;

  @ApiProperty({
    enum: ORGANISATIONS,
    description: 'Which kind of organisation records it (a-kasse or jobcentre)',
  })
  @IsIn(ORGANISATIONS)
  recordedBy!: 'akasse' | 'jobcenter';

  @ApiPropertyOptional({
    type: ActorRequest,
    description:
      'Optional: facts are recorded as the token’s caller (org, role, sub); when sent, it must equal that, else 403',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActorRequest)
  actor?: ActorRequest;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  correlationId?: string;

  @ApiPropertyOptional({
    example: '4',
    description: 'The revision of the person’s record last read, or "no_stream" for a new person',
  })
  @IsOptional()
  @Matches(/^(\d{1,18}|no_stream)$/, { message: 'expectedRevision must be a revision number or "no_stream"' })
  expectedRevision?: string;

  @ApiProperty({ description: 'The fact itself; its fields depend on factType (see the examples)' })
  @IsObject()
  data!: Record<string, unknown>;
}

export class RecordFactResponse {
  @ApiProperty({ example: [{ type: 'JobInterviewHeld', eventId: '0b6f1f7e-8a0b-4d5e-9d7e-2c6a0b9a1f00' }] })
  events!: Array<{ type: string; eventId: string }>;

  @ApiProperty({ description: 'True when this eventId was recorded before: nothing new was stored' })
  duplicate!: boolean;

  @ApiProperty({ example: '4', nullable: true })
  revision!: string | null;

  @ApiProperty({
    example: '18734',
    nullable: true,
    description:
      'Commit position of the recording in $all (null when nothing new was stored): send it as X-Min-Position on a read, through any instance, to read this write',
  })
  position!: string | null;
}
