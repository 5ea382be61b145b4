/**
 * C24 — the simplified contact process (seed 002; law no. 727 of 13 June 2023, in force 2024-01-01).
 * Ids, owners and references as in `shared/domain/RULES.md`; the Danish original wins where they differ.
 */
import { localDate } from '@app/legal-time';
import type { NoStatedLimitParameter, RuleParameter } from '../engine/parameter';
import type { PeriodEndParameter } from '../engine/period-end';
import type { RuleSet } from '../engine/rule';

const LAW_2023 = 'law no. 727 of 13/06/2023; STAR VEJ nr. 10044 of 14/12/2023 (seed 002)';

/** C24's numbers, each under its rule's id; R26 keeps those its rules did not change. */
export const C24_PARAMETERS = {
  educationInjunctionAge: {
    id: 'C24-VISIT-AGE',
    value: 25,
    unit: 'years',
    legalReference: 'LAB §27(3); 002 §2.1',
    verified: true,
    source: LAW_2023,
    reading: 'the education-injunction group is under this age on the day of the first registration',
  },
  /**
   * The day the education-injunction group's three criteria are judged on, now that person facts have a day of
   * their own (#18 item 5). Only this reading is built; another (the visitation's day, say) would be a new value
   * and its code.
   */
  educationInjunctionJudgedOn: {
    id: 'C24-VISIT-JUDGED-ON',
    value: 'first-registration' as const,
    unit: 'choice',
    legalReference: 'LAB §27(3); 002 §2.1',
    verified: false,
    source:
      '002 §2.1: "Visitering skal ske, hvis personen er under 25 år, ikke har en erhvervskompetencegivende uddannelse og ikke har forsørgerpligt over for hjemmeboende børn", "senest 2 uger efter personens tilmelding som jobsøgende"; the seeds do not say on which day the criteria are judged, nor what a change within the 2 weeks means',
    reading:
      'by the person facts in force on the first registration in the benefit period (the day the age is judged on, C24-VISIT-AGE); the group so decided holds for the period, and a later change of education or custody does not move the person into or out of it',
  },
  visitationWithin: {
    id: 'C24-VISIT-DAYS',
    value: 14,
    unit: 'days',
    legalReference: 'LAB §27(3); 002 §2.1',
    verified: true,
    source: LAW_2023,
    reading: 'visitation by the end of the 14th day after the first registration in the benefit period',
  },
  firstInterviewWithin: {
    id: 'C24-FIRST-DAYS',
    value: 14,
    unit: 'days',
    legalReference: 'LAB §31(4); 002 §3.1',
    verified: true,
    source: LAW_2023,
    reading:
      'the first job interview by the end of the 14th day after the first registration in the benefit period',
  },
  akasseInterviews: {
    id: 'C24-AK3-COUNT',
    value: 3,
    unit: 'interviews',
    legalReference: 'LAB §31(1), §27(2); 002 §3.2',
    verified: true,
    source: LAW_2023,
    reading: 'individual job interviews held (not planned) by the a-kasse from placement to the handover',
  },
  jobcentreInterviews: {
    id: 'C24-JC3-COUNT',
    value: 3,
    unit: 'interviews',
    legalReference: 'LAB §31(1),(2); 002 §3.2',
    verified: true,
    source: LAW_2023,
    reading: 'individual job interviews held by the jobcentre after the handover, up to 6 months',
  },
  jobcentrePhaseMonths: {
    id: 'C24-SIX-MONTHS',
    value: 6,
    unit: 'months',
    legalReference: 'LAB §31(1); 002 §3.2',
    verified: true,
    source: LAW_2023,
    reading:
      "months of cumulative unemployment on the jobcentre's counter (benefit hours of the months they cover)",
  },
  educationInjunctionInterviews: {
    id: 'C24-EDU6-COUNT',
    value: 6,
    unit: 'interviews',
    legalReference: 'LAB §31(1) 3rd sentence; 002 §3.2',
    verified: true,
    source: LAW_2023,
    reading: 'individual job interviews held by the jobcentre from the first registration up to 6 months',
  },
  intensifiedEffortMonths: {
    id: 'C24-M16-MONTHS',
    value: 16,
    unit: 'months',
    legalReference: 'LAB §32(2); 002 §3.3',
    verified: true,
    source: LAW_2023,
    reading:
      "months of cumulative unemployment on the jobcentre's counter by which the joint interview is held",
  },
  cvWithin: {
    id: 'C24-CV-DAYS',
    value: 14,
    unit: 'days',
    legalReference: 'LAB §23(4); 002 §8',
    verified: true,
    source: LAW_2023,
    reading: 'the CV complete by the end of the 14th day after each registration',
  },
  cvNotAfterDeregistrationWithin: {
    id: 'C24-CV-REREGISTRATION',
    value: 3,
    unit: 'months',
    legalReference: 'LAB §23(5); 002 §8',
    verified: true,
    source: LAW_2023,
    reading: 'no new CV duty on a registration less than this after the last deregistration',
  },
  jobSearchRequirementsWithin: {
    id: 'C24-JSR-DAYS',
    value: 14,
    unit: 'days',
    legalReference: 'rådighedsbek. §14(7); 002 §9.3',
    verified: true,
    source: LAW_2023,
    reading: 'the requirements set and reported by the end of the 14th day after each registration',
  },
  controlInterviewWithin: {
    id: 'C24-CTRL-DAYS',
    value: 7,
    unit: 'days',
    legalReference: 'LAB §38(1); 002 §6',
    verified: true,
    source: LAW_2023,
    reading: 'a job interview within 7 days of receiving the control action',
  },
  controlAbroadEvery: {
    id: 'C24-CTRL-ABROAD-DAYS',
    value: 14,
    unit: 'days',
    legalReference: 'LAB §38(1); 002 §6',
    verified: true,
    source: LAW_2023,
    reading: 'after a stay abroad: the next interview 14 days after the previous one was held',
  },
  controlAbroadFor: {
    id: 'C24-CTRL-ABROAD-MONTHS',
    value: 3,
    unit: 'months',
    legalReference: 'LAB §38(1); 002 §6',
    verified: true,
    source: LAW_2023,
    reading: 'the interviews every 14 days run until 3 months after the first of the control course',
  },
  controlOfferWithin: {
    id: 'C24-CTRLOFFER-DAYS',
    value: 14,
    unit: 'days',
    legalReference: 'LAB §38(2); 002 §6',
    verified: true,
    source: LAW_2023,
    reading: 'the offer within 2 weeks of the first interview of the control course',
  },
  /**
   * Which registration the 14-day first-interview, CV and job-search deadlines count from when the person
   * deregisters before they fall due and registers again in the same benefit period. Only the letter is built;
   * another reading (counting from the registration after the interruption) would be a new value and its code.
   */
  firstRegistrationAfterInterruption: {
    id: 'C24-FIRST-REGISTRATION',
    value: 'first-registration-in-period' as const,
    unit: 'choice',
    legalReference: 'LAB §31(4); 002 §3.2',
    verified: false,
    source:
      '002 §3.2: "Bestemmelsens ordlyd omfatter personens første tilmelding som jobsøgende i dagpengeperioden"; the seeds do not address a registration interrupted before the deadlines fall due',
    reading:
      'the letter: the first interview, the CV and the job-search requirements stay due 14 days after the first registration in the benefit period, also while the person is deregistered (in work) then; a registration after the interruption opens its own job-search deadline, and its own CV deadline unless it comes within 3 months of the deregistration',
  },
  controlRequestDue: {
    id: 'C24-CTRLREQ-DUE',
    value: 0,
    unit: 'days',
    legalReference: 'LAB §38(2) 2nd sentence; 002 §6',
    verified: false,
    source:
      '002 §6 sets a limit only for the offer ("inden 2 uger efter den første jobsamtale"); "straks" concerns calling the person in; RULES.md reads the request as due at once',
    reading:
      'no stated time limit: the request is due the day of the first interview of the control course (the digest\'s "at once"), 0 days after it',
  } satisfies NoStatedLimitParameter,
  repatriationPermitYears: {
    id: 'C24-REPAT-YEARS',
    value: 5,
    unit: 'years',
    legalReference: 'BAB §43; 002 §3.1',
    verified: true,
    source: LAW_2023,
    reading:
      'guidance on repatriation to a person covered by the repatriation act with at most this many years of residence permit',
  },
  /**
   * What the next placement does to the duties of the contact process it replaces: 002 §3.2 says a new one
   * starts, not what becomes of the old one's unmet duties (#18 item 1). T15 reads it too.
   */
  periodEnds: {
    id: 'C24-PERIOD-ENDS',
    value: 'next-placement',
    unit: 'choice',
    legalReference: '002 §3.2',
    verified: false,
    source:
      '002 §3.2: "Kontaktforløbet følger som udgangspunkt en persons indplacering i en dagpengeperiode … Hvis personen bliver genindplaceret, starter der et nyt kontaktforløb i a-kassen"; what becomes of the earlier contact process\'s unmet duties is not stated',
    reading:
      'next-placement: a contact process ends the day before the next placement that is not a continuing one (løbende genindplacering); a duty due by then and not met is missed after it, not overdue for ever, and one not yet due then is no longer owed (the new contact process owes its own); never: they stay as they are',
  } satisfies PeriodEndParameter,
  /** What ends the jobcentre's notice to the person of a NUPH when it is not given "samtidig" (#18 item 1). */
  nuphNoticeEnds: {
    id: 'C24-NUPH-NOTICE-ENDS',
    value: 'answer' as 'answer' | 'never',
    unit: 'choice',
    legalReference: 'BAB §156; 002 §14.2',
    verified: false,
    source:
      '002 §14.2: the jobcentre tells the person "samtidig" with the notification, "kun ved den initiale underretning … og ikke løbende omkring den dialog, der efterfølgende kan foregå"; when the a-kasse "har afsluttet behandlingen af en underretning", the person is told the result (case-handling order §20); what ends a notice not given is not stated',
    reading:
      'answer: the notice tells the person what the a-kasse is to examine; once the a-kasse has answered, and tells the member the result, a notice not given by then is missed, not overdue; never: overdue until given',
  },
  complaintWithin: {
    id: 'C24-COMPLAINT-WEEKS',
    value: 4,
    unit: 'weeks',
    legalReference: 'LAB §204; 002 §11',
    verified: true,
    source: LAW_2023,
    reading: 'the complaint window runs 4 weeks from the day the person was notified',
  },
} satisfies Record<string, RuleParameter<unknown>>;

export const C24: RuleSet = {
  id: 'C24',
  title: 'The simplified contact process (forenklet kontaktforløb)',
  // Governs contact processes whose benefit-period placement is on or after 2024-01-01. When a later law
  // (R26) takes over, it gets its own rule set and this range is closed — no edits inside the rules.
  effective: { from: localDate('2024-01-01'), to: null },
  source: 'STAR VEJ nr. 10044 of 14/12/2023 (seed 002)',
  parameters: C24_PARAMETERS,
  rules: {
    'C24-VISIT': {
      id: 'C24-VISIT',
      title: 'Visitate a person in the education-injunction target group to the jobcentre (årsagskode 45)',
      legalReference: 'LAB §27(3); 002 §2.1',
      owner: 'akasse',
      kind: 'deadline',
    },
    'C24-FIRST': {
      id: 'C24-FIRST',
      title: 'First job interview, in person, called by the a-kasse',
      legalReference: 'LAB §31(4), §33(1), §34(2), §42(1); 002 §3.1–3.2, §4',
      owner: 'akasse',
      kind: 'deadline',
    },
    'C24-AK3': {
      id: 'C24-AK3',
      title: 'At least 3 individual job interviews held by the a-kasse before the handover',
      legalReference: 'LAB §31(1), §27(2); 002 §3.2',
      owner: 'akasse',
      kind: 'deadline',
    },
    'C24-HANDOVER': {
      id: 'C24-HANDOVER',
      title:
        'The contact process passes to the jobcentre at the end of the month the a-kasse registered 410 h / 333 h',
      legalReference: 'BAB §7(2); AFL §55; 002 §2.2',
      owner: 'none',
      kind: 'event',
    },
    'C24-JC3': {
      id: 'C24-JC3',
      title: 'At least 3 individual job interviews held by the jobcentre after the handover, before 6 months',
      legalReference: 'LAB §31(1),(2), §33(4); 002 §3.2',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'C24-EDU6': {
      id: 'C24-EDU6',
      title:
        'At least 6 individual job interviews held by the jobcentre within 6 months (education-injunction group)',
      legalReference: 'LAB §31(1) 3rd sentence; 002 §3.2',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'C24-M16': {
      id: 'C24-M16',
      title:
        'Job interview offering the obligatory intensified effort, registered as a joint interview, by 16 months',
      legalReference: 'LAB §32(2), §33(4), §34(1); BAB §47; 002 §3.3, §4.2',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'C24-CV': {
      id: 'C24-CV',
      title: 'CV complete on Jobnet',
      legalReference: 'LAB §23(4),(5); 002 §8',
      owner: 'owner-at-the-time',
      kind: 'deadline',
    },
    'C24-JSR': {
      id: 'C24-JSR',
      title: 'Job-search requirements set, registered and reported to DFDG',
      legalReference: 'rådighedsbek. §14(7),(12); LAB §41(2) nr. 3; 002 §9.3',
      owner: 'akasse',
      kind: 'deadline',
    },
    'C24-MINPLAN': {
      id: 'C24-MINPLAN',
      title:
        'Min Plan prepared at the first job interview (job goals registered); every granted offer entered by the jobcentre',
      legalReference: 'LAB §40–42; 002 §9',
      owner: 'akasse',
      kind: 'deadline',
    },
    'C24-CTRL': {
      id: 'C24-CTRL',
      title:
        'Job interview within 7 days of a control action raising doubt about availability (abroad: every 14 days)',
      legalReference: 'LAB §38(1); 002 §6',
      owner: 'owner-at-the-time',
      kind: 'deadline',
    },
    'C24-CTRLREQ': {
      id: 'C24-CTRLREQ',
      title: 'A-kasse asks the jobcentre at once to ensure an offer (control action)',
      legalReference: 'LAB §38(2) 2nd sentence; 002 §6',
      owner: 'akasse',
      kind: 'deadline',
    },
    'C24-CTRLOFFER': {
      id: 'C24-CTRLOFFER',
      title: 'Offer under LAB ch. 11–14 within 2 weeks of the first interview of the control course',
      legalReference: 'LAB §38(2); 002 §6',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'C24-REPAT': {
      id: 'C24-REPAT',
      title: 'Guidance on repatriation at every job interview',
      legalReference: 'BAB §43; 002 §3.1',
      owner: 'owner-at-the-time',
      kind: 'deadline',
    },
    'C24-FORM': {
      id: 'C24-FORM',
      title:
        'Interview form: the first in person; later the person chooses; the owner may change it only to in person',
      legalReference: 'LAB §33; 002 §4.1',
      owner: 'owner-at-the-time',
      // A precondition on the owner's changes, and a duty per later interview to hold it in the form in force.
      kind: 'deadline',
    },
    'C24-SELFBOOK': {
      id: 'C24-SELFBOOK',
      title: 'Self-booking; revoking it is an administrative decision with complaint access',
      legalReference: 'LAB §34, §35; 002 §4.2, §11',
      owner: 'owner-at-the-time',
      kind: 'precondition',
    },
    'C24-LESS': {
      id: 'C24-LESS',
      title: 'Less intensive effort: exempt from job interviews and offers while a documented ground holds',
      legalReference: 'LAB §106; 002 §7',
      owner: 'none',
      kind: 'precondition',
    },
    'C24-REC': {
      id: 'C24-REC',
      title: 'Joint recommendation for an offer; the jobcentre decides and enters granted offers in Min Plan',
      legalReference: '002 §10',
      owner: 'jobcenter',
      kind: 'precondition',
    },
    'C24-NUPH': {
      id: 'C24-NUPH',
      title:
        'Person notified by Digital Post at the same time as the a-kasse gets a negative reportable event',
      legalReference: 'BAB §156; a-kasse case-handling order §20; 002 §14',
      owner: 'jobcenter',
      kind: 'deadline',
    },
    'C24-COMPLAINT': {
      id: 'C24-COMPLAINT',
      title:
        'Complaint within 4 weeks about revoked self-booking or a decision that the person is not under less intensive effort',
      legalReference: 'LAB §204, §207(2),(3); retssikkerhedsloven §59 b; 002 §11',
      owner: 'person',
      kind: 'right',
    },
    'C24-JOBORDER': {
      id: 'C24-JOBORDER',
      title: "Another a-kasse's members visible only for a concrete recruitment under an agreement",
      legalReference: 'LAB §13(4); databek. §56(4); 002 §12',
      owner: 'none',
      kind: 'access',
    },
    'C24-AVAIL': {
      id: 'C24-AVAIL',
      title: "The member's own a-kasse keeps the availability assessment",
      legalReference: 'LOB §18 b(3); 002 §12',
      owner: 'akasse',
      kind: 'access',
    },
  },
};

/**
 * C24-LESS: the grounds of LAB § 106(1) nos. 1 and 4 are something documented to begin "inden for de næste 6
 * uger" (work, leave, retirement, a vocational study); the decider refuses a start outside them (002 §7.1).
 */
export const LESS_INTENSIVE_STARTS_WITHIN_SIX_WEEKS: ReadonlySet<string> = new Set([
  'ordinary-work-or-flex-job-within-6-weeks',
  'maternity-or-parental-leave',
  'early-retirement-or-pension',
  'vocational-study-within-6-weeks',
]);

/** C24-NUPH: the notifications of which the person is told at the same time (BAB §156; 002 §14.2). */
export const NUPH_NOTICE_SECTIONS: ReadonlySet<string> = new Set([
  '§146(1)',
  '§147',
  '§148',
  '§149',
  '§150',
  '§152',
  '§153',
  '§154',
]);

/**
 * C24-NUPH: the provisions of BAB a notification from the jobcentre to the a-kasse can fall under, as far as the
 * system knows them — those the person is told of at the same time (NUPH_NOTICE_SECTIONS) and § 151, which BAB
 * § 156 leaves out of that duty (002 §14.2: "§ 146, stk. 1, §§ 147-150 og §§ 152-154"). A closed list, so a
 * mistyped section is refused instead of silently making the person's notice "not owed"; a provision found to be
 * missing is added here.
 */
export const NUPH_SECTIONS: ReadonlySet<string> = new Set([...NUPH_NOTICE_SECTIONS, '§151']);

/** Job interviews of the contact process (LAB ch. 7) that a less-intensive-effort ground exempts from. */
export const EXEMPTED_BY_LESS_INTENSIVE: ReadonlySet<string> = new Set([
  'C24-FIRST',
  'C24-AK3',
  'C24-JC3',
  'C24-EDU6',
  'C24-M16',
  'C24-CTRL',
  // LAB § 106(1) exempts from offers under ch. 11–14 too (002 §7.1): the control course's offer and its request.
  'C24-CTRLREQ',
  'C24-CTRLOFFER',
  'C24-MINPLAN',
]);
