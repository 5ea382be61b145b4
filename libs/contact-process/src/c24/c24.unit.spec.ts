import { decide, type ContactProcessCommand } from '../process/decide';
import type { ContactProcessState } from '../process/state';
import type {
  ContactProcessEvent,
  JointRecommendationAnswered,
  JointRecommendationSent,
  MinPlanPrepared,
  MinPlanRevised,
  OfferRequested,
  SelfBookingRevoked,
} from '../contact-process.events';
import {
  aPerson,
  aYoungPerson,
  d,
  deregistered,
  type EventOf,
  formChangedToInPerson,
  formChosen,
  fullMonths,
  given,
  hours,
  interview,
  jobcentreInterview,
  obligationOf,
  placed,
  registered,
  refusal,
} from '../testing/scenario';
import { rulesDigestIds } from '../testing/rules-digest';
import { memberDataAccess, type MemberDataRequest } from './c24.access';
import { C24 } from './c24.rules';
import { evaluateObligations } from '../obligations';

const base = (...more: ContactProcessEvent[]) =>
  given(aPerson(), placed(), registered('2024-03-04'), ...more);
const young = (...more: ContactProcessEvent[]) =>
  given(aYoungPerson(), placed(), registered('2024-03-04'), ...more);

/** Hours of March–May 2024, registered 5 April, 5 May and 5 June: 410 h reached on 5 June → handover 30 June. */
const handoverJune = fullMonths('2024-03', 3);

/** A person outside the education-injunction group, and facts the specs of several rules share. */
const person = aPerson();

const doubtAbroad: ContactProcessEvent = {
  type: 'ControlActionDoubtReceived',
  data: { receivedOn: d('2024-04-10'), abroad: true },
};
const groundDocumented = (
  overrides: Partial<EventOf<'LessIntensiveEffortGroundDocumented'>['data']> = {},
): EventOf<'LessIntensiveEffortGroundDocumented'> => ({
  type: 'LessIntensiveEffortGroundDocumented',
  data: { groundId: 'g-1', ground: 'maternity-or-parental-leave', from: d('2024-03-05'), ...overrides },
});
const startingWork = (startsOn: string) =>
  groundDocumented({ ground: 'ordinary-work-or-flex-job-within-6-weeks', startsOn: d(startsOn) });

describe('C24 — the simplified contact process', () => {
  describe('the rule catalogue', () => {
    // The C24 ids of shared/domain/RULES.md, checked against the digest, so a rule added to the digest fails
    // here until it is in the catalogue.
    const C24_IDS = [
      'C24-VISIT',
      'C24-FIRST',
      'C24-AK3',
      'C24-HANDOVER',
      'C24-JC3',
      'C24-EDU6',
      'C24-M16',
      'C24-CV',
      'C24-JSR',
      'C24-MINPLAN',
      'C24-CTRL',
      'C24-CTRLREQ',
      'C24-CTRLOFFER',
      'C24-REPAT',
      'C24-FORM',
      'C24-SELFBOOK',
      'C24-LESS',
      'C24-REC',
      'C24-NUPH',
      'C24-COMPLAINT',
      'C24-JOBORDER',
      'C24-AVAIL',
    ];
    it('holds every C24 rule id, with its legal reference', () => {
      for (const id of C24_IDS) {
        expect(C24.rules[id]).toMatchObject({ id, legalReference: expect.stringMatching(/\S/) });
      }
      expect(Object.keys(C24.rules).sort()).toEqual([...C24_IDS].sort());
    });

    it('lists the same C24 ids as RULES.md (a missing digest fails, see rules-digest.ts)', () => {
      expect(rulesDigestIds('C24').sort()).toEqual([...C24_IDS].sort());
    });

    it('governs placements on or after 2024-01-01', () => {
      expect(C24.effective.from).toBe('2024-01-01');
    });
  });

  describe('C24-VISIT: visitation of the education-injunction group within 14 days', () => {
    it('is met by a visitation on or before the 14th day after registration', () => {
      const state = young({ type: 'VisitatedToJobcenter', data: { visitatedOn: d('2024-03-18') } });
      expect(obligationOf(state, '2024-04-01', 'C24-VISIT')).toMatchObject({
        dueOn: '2024-03-18',
        status: 'met',
        owner: 'akasse',
        metBy: ['e4'],
      });
    });

    it('is open on the due day and overdue the day after', () => {
      expect(obligationOf(young(), '2024-03-18', 'C24-VISIT').status).toBe('open');
      expect(obligationOf(young(), '2024-03-19', 'C24-VISIT').status).toBe('overdue');
    });

    it.each([
      ['vocational education', { hasVocationalEducation: true }],
      ['custody of children living at home', { hasCustodyOfChildrenAtHome: true }],
      ['age 25 on the day of registration', { birthDate: d('1999-03-04') }],
    ])('does not apply to a person with %s (all three criteria must hold)', (_name, overrides) => {
      const state = given(aYoungPerson(overrides), placed(), registered('2024-03-04'));
      expect(obligationOf(state, '2024-03-10', 'C24-VISIT').status).toBe('not-applicable');
    });

    it('applies to a person who turns 25 the day after registration', () => {
      const state = given(aYoungPerson({ birthDate: d('1999-03-05') }), placed(), registered('2024-03-04'));
      expect(obligationOf(state, '2024-03-10', 'C24-VISIT').status).toBe('open');
    });

    it('visitates to the jobcentre only a person who meets all three criteria (002 §3)', () => {
      const visitate = {
        type: 'VisitateToJobcenter',
        recordedBy: 'akasse',
        today: d('2024-03-20'),
        data: { visitatedOn: d('2024-03-08') },
      } as ContactProcessCommand;
      expect(refusal(visitate, base())).toMatchObject({ ruleId: 'C24-VISIT', field: 'visitatedOn' });
      expect(decide(visitate, young())).toHaveLength(1);
    });
  });

  describe('C24-FIRST: first job interview, in person, by the a-kasse, within 14 days of registration', () => {
    it('is met by an in-person a-kasse interview on day 14', () => {
      expect(obligationOf(base(interview('2024-03-18')), '2024-03-30', 'C24-FIRST')).toMatchObject({
        dueOn: '2024-03-18',
        status: 'met',
        metBy: ['e4'],
        legalReference: 'LAB §31(4), §33(1), §34(2), §42(1); 002 §3.1–3.2, §4',
      });
    });

    it('is overdue when not held by day 14, and missed when held later', () => {
      expect(obligationOf(base(), '2024-03-19', 'C24-FIRST').status).toBe('overdue');
      expect(obligationOf(base(interview('2024-03-20')), '2024-03-25', 'C24-FIRST')).toMatchObject({
        status: 'missed',
        metBy: ['e4'],
      });
    });

    it('is not met by a first interview held by phone', () => {
      const o = obligationOf(base(interview('2024-03-10', { form: 'phone' })), '2024-03-19', 'C24-FIRST');
      expect(o.status).toBe('overdue');
      expect(o.note).toMatch(/held by phone; the first must be in person/);
    });

    it('is not met by a first interview at which the joblog was not reviewed; a later one that does meets it late', () => {
      const skipped = base(interview('2024-03-10', { joblogReviewed: false }));
      const o = obligationOf(skipped, '2024-03-19', 'C24-FIRST');
      expect(o.status).toBe('overdue');
      expect(o.note).toBe(
        'the first a-kasse interview (2024-03-10) did not review the applications in the joblog (002 §3.1)',
      );
      const later = base(interview('2024-03-10', { joblogReviewed: false }), interview('2024-03-25'));
      expect(obligationOf(later, '2024-03-30', 'C24-FIRST')).toMatchObject({
        status: 'missed',
        metBy: ['e5'],
      });
    });

    it('names every condition the first interview fell short of', () => {
      const o = obligationOf(
        base(interview('2024-03-10', { form: 'video', joblogReviewed: false })),
        '2024-03-12',
        'C24-FIRST',
      );
      expect(o.status).toBe('open');
      expect(o.note).toBe(
        'the first a-kasse interview (2024-03-10) was held by video; the first must be in person, and did not review the applications in the joblog (002 §3.1)',
      );
    });

    it('is not met by a jobcentre interview', () => {
      const state = base(jobcentreInterview('2024-03-10', { allPartiesAgreed: true }));
      expect(obligationOf(state, '2024-03-19', 'C24-FIRST').status).toBe('overdue');
    });

    it('is not required for the education-injunction group', () => {
      expect(obligationOf(young(), '2024-03-30', 'C24-FIRST').status).toBe('not-applicable');
    });

    it('is not due again on re-registration in the same benefit period', () => {
      const state = base(interview('2024-03-10'), deregistered('2024-04-01'), registered('2024-05-01'));
      expect(obligationOf(state, '2024-06-01', 'C24-FIRST')).toMatchObject({
        dueOn: '2024-03-18',
        status: 'met',
      });
    });

    describe('a registration interrupted before the 14-day deadlines fall due (#18 item 8; 002 §3.2)', () => {
      // Given registered 4 March, deregistered 8 March (in work), registered again 25 March 2024
      const interrupted = () => base(deregistered('2024-03-08'), registered('2024-03-25'));
      const reading =
        /stays on the first registration in the benefit period \(2024-03-04\).*002 §3\.2.*C24-FIRST-REGISTRATION, unverified reading/;

      it('keeps the first interview, CV and job-search deadlines on the first registration, by the letter, and says so', () => {
        // When asked on 1 April
        const state = interrupted();
        // Then the deadlines of the first registration are overdue, each naming the reading it follows
        for (const [ruleId, suffix] of [
          ['C24-FIRST', undefined],
          ['C24-CV', '2024-03-04'],
          ['C24-JSR', '2024-03-04'],
        ] as const)
          expect(obligationOf(state, '2024-04-01', ruleId, suffix)).toMatchObject({
            dueOn: '2024-03-18',
            status: 'overdue',
            note: expect.stringMatching(reading),
          });
        expect(obligationOf(state, '2024-04-01', 'C24-FIRST').note).toContain(
          'deregistered on 2024-03-08 and registered again on 2024-03-25',
        );
        // and the new registration opens its own job-search deadline, but no CV one (within 3 months)
        expect(obligationOf(state, '2024-04-01', 'C24-JSR', '2024-03-25')).toMatchObject({
          dueOn: '2024-04-08',
          status: 'open',
        });
        expect(obligationOf(state, '2024-04-01', 'C24-CV', '2024-03-25').status).toBe('not-applicable');
      });

      it('names the reading as an unverified parameter, the letter by default', () => {
        expect(C24.parameters.firstRegistrationAfterInterruption).toMatchObject({
          id: 'C24-FIRST-REGISTRATION',
          value: 'first-registration-in-period',
          verified: false,
          legalReference: 'LAB §31(4); 002 §3.2',
        });
      });

      it('says nothing of it when the registration ran past the deadlines', () => {
        const state = base(deregistered('2024-03-20'), registered('2024-03-25'));
        expect(obligationOf(state, '2024-04-01', 'C24-FIRST').note).toBeNull();
      });
    });

    it('is due again after a new placement (re-placement starts a new contact process)', () => {
      const state = base(
        interview('2024-03-10'),
        deregistered('2024-04-01'),
        placed({ benefitPeriodId: 'bp-2', placedOn: d('2024-09-01') }),
        registered('2024-09-02'),
      );
      expect(obligationOf(state, '2024-09-10', 'C24-FIRST', 'bp-2')).toMatchObject({
        dueOn: '2024-09-16',
        status: 'open',
      });
    });

    describe('the contact process a new placement replaces (C24-PERIOD-ENDS, #18 item 1; 002 §3.2)', () => {
      // Given placed 1 March 2024, registered 4 March, one a-kasse interview by video (so no first interview
      // in person), deregistered 1 April, and placed again (not continuing) on 1 September 2024
      const replaced = () =>
        base(
          interview('2024-03-10', { form: 'video' }),
          deregistered('2024-04-01'),
          placed({ benefitPeriodId: 'bp-2', placedOn: d('2024-09-01') }),
          registered('2024-09-02'),
        );

      it('misses the duties of the earlier one that were overdue when it ended, instead of keeping them overdue', () => {
        // When asked before and after the new placement ("Hvis personen bliver genindplaceret, starter der et nyt kontaktforløb")
        expect(obligationOf(replaced(), '2024-08-31', 'C24-FIRST', 'bp-1').status).toBe('overdue');
        // Then the earlier period's first interview, CV and job-search requirements are missed from the day after
        for (const [ruleId, suffix] of [
          ['C24-FIRST', 'bp-1'],
          ['C24-CV', 'bp-1:2024-03-04'],
          ['C24-JSR', 'bp-1:2024-03-04'],
        ] as const)
          expect(obligationOf(replaced(), '2024-09-10', ruleId, suffix)).toMatchObject({
            status: 'missed',
            windowClosesOn: '2024-08-31',
            note: expect.stringContaining(
              'the benefit period ended on 2024-08-31, the day before the next placement (C24-PERIOD-ENDS, unverified reading): not met by then',
            ),
          });
        // while the new contact process owes its own first interview
        expect(obligationOf(replaced(), '2024-09-10', 'C24-FIRST', 'bp-2').status).toBe('open');
      });

      it('no longer owes what was not yet due when it ended, and leaves what was met as met', () => {
        // Given the a-kasse's 3 interviews, still hanging on the 410 hours never reached in the earlier period
        const state = replaced();
        expect(obligationOf(state, '2024-08-31', 'C24-AK3', 'bp-1').status).toBe('open');
        // When the new placement has ended it
        expect(obligationOf(state, '2024-09-10', 'C24-AK3', 'bp-1')).toMatchObject({
          status: 'not-applicable',
          note: expect.stringContaining('not due by then, no longer owed'),
        });
        // and a duty met in time stays met
        const met = base(
          interview('2024-03-10'),
          placed({ benefitPeriodId: 'bp-2', placedOn: d('2024-09-01') }),
        );
        expect(obligationOf(met, '2024-09-10', 'C24-FIRST', 'bp-1')).toMatchObject({
          status: 'met',
          note: null,
        });
      });

      it('names the reading as an unverified parameter', () => {
        expect(C24.parameters.periodEnds).toMatchObject({
          id: 'C24-PERIOD-ENDS',
          value: 'next-placement',
          verified: false,
          legalReference: '002 §3.2',
        });
      });
    });

    it('is not due again after a continuing placement (løbende genindplacering)', () => {
      const state = base(
        interview('2024-03-10'),
        placed({ benefitPeriodId: 'bp-1b', placedOn: d('2024-04-01'), continuingPlacement: true }),
      );
      expect(obligationOf(state, '2024-04-20', 'C24-FIRST').status).toBe('met');
    });

    it('starts the contact process on the placement for a person registered before it (002 §3: "første tilmelding … i dagpengeperioden")', () => {
      // Registered on 1 March, placed (after a quarantine) on 11 March: the first interview is due 14 days after the placement.
      const state = given(person, placed({ placedOn: d('2024-03-11') }), registered('2024-03-01'));
      expect(obligationOf(state, '2024-03-15', 'C24-FIRST')).toMatchObject({
        dueOn: '2024-03-25',
        status: 'open',
      });
      expect(obligationOf(state, '2024-03-15', 'C24-CV', '2024-03-11').dueOn).toBe('2024-03-25');
    });

    it('carries a running registration into a new benefit period, which owes a new first interview', () => {
      const state = given(
        person,
        placed({ placedOn: d('2024-01-08') }),
        registered('2024-01-08'),
        placed({ benefitPeriodId: 'bp-2', placedOn: d('2024-09-02') }),
      );
      expect(state.periods[1].registrations).toHaveLength(1);
      const first = evaluateObligations(state, d('2024-09-05')).filter(
        (o) => o.ruleId === 'C24-FIRST' && o.benefitPeriodId === 'bp-2',
      );
      expect(first).toMatchObject([{ dueOn: '2024-09-16', status: 'open' }]);
    });
  });

  describe('C24-AK3: at least 3 a-kasse interviews held by the handover', () => {
    it('is met by three interviews held before the handover, due on the handover day', () => {
      const state = base(
        interview('2024-03-10'),
        interview('2024-04-20'),
        interview('2024-06-12'),
        ...handoverJune,
      );
      expect(obligationOf(state, '2024-07-15', 'C24-AK3')).toMatchObject({
        dueOn: '2024-06-30',
        status: 'met',
        required: 3,
        fulfilledCount: 3,
        hourThreshold: { hours: 410, counter: 'akasse' },
      });
    });

    it('is open, hanging on the 410-hour threshold, before the hours are reached', () => {
      const o = obligationOf(base(interview('2024-03-10')), '2024-04-10', 'C24-AK3');
      expect(o).toMatchObject({ dueOn: null, status: 'open', fulfilledCount: 1 });
    });

    it('is missed when the handover passes with two interviews, and later interviews do not count', () => {
      const state = base(
        interview('2024-03-10'),
        interview('2024-04-20'),
        ...handoverJune,
        interview('2024-07-02'),
      );
      expect(obligationOf(state, '2024-07-15', 'C24-AK3')).toMatchObject({
        status: 'missed',
        fulfilledCount: 2,
      });
    });

    it('does not count availability interviews (C24-AVAIL: never a job interview)', () => {
      const availability: ContactProcessEvent = {
        type: 'AvailabilityInterviewHeld',
        data: { heldOn: d('2024-04-01') },
      };
      const state = base(interview('2024-03-10'), interview('2024-04-20'), availability, ...handoverJune);
      expect(obligationOf(state, '2024-07-15', 'C24-AK3').fulfilledCount).toBe(2);
    });

    it('refuses a jobcentre interview in months 0–3 unless all parties agreed', () => {
      const command: ContactProcessCommand = {
        type: 'RecordJobInterview',
        recordedBy: 'jobcenter',
        today: d('2024-04-30'),
        data: (jobcentreInterview('2024-04-10') as Extract<ContactProcessEvent, { type: 'JobInterviewHeld' }>)
          .data,
      };
      expect(refusal(command, base())).toMatchObject({ ruleId: 'C24-AK3', field: 'heldBy' });
      const agreed = {
        ...command,
        data: { ...command.data, allPartiesAgreed: true },
      } as ContactProcessCommand;
      expect(decide(agreed, base())).toHaveLength(1);
    });
  });

  describe('C24-HANDOVER: end of the calendar month in which the a-kasse registered 410 h / 333 h', () => {
    const report = (
      month: string,
      benefitHours: number,
      registeredOn: string,
      recordedBy: 'akasse' | 'jobcenter' = 'akasse',
    ): ContactProcessCommand => ({
      type: 'ReportBenefitHours',
      recordedBy,
      today: d('2024-12-31'),
      data: { month, benefitHours, wageSubsidyHours: 0, registeredOn: d(registeredOn) },
    });

    it('is appended by the system when the registered hours reach 410, keyed on the registration date', () => {
      const state = base(hours('2024-03', 200, '2024-04-05'));
      expect(decide(report('2024-04', 210, '2024-05-03'), state)).toEqual([
        { type: 'BenefitHoursReported', data: expect.objectContaining({ benefitHours: 210 }) },
        {
          type: 'ContactProcessHandedOver',
          data: {
            benefitPeriodId: 'bp-1',
            handoverOn: '2024-05-31',
            reachedOn: '2024-05-03',
            hoursRegistered: 410,
            ruleId: 'C24-HANDOVER',
          },
        },
      ]);
    });

    it('uses 333 hours for a part-time insured person', () => {
      const state = given(
        aPerson(),
        placed({ insurance: 'part-time' }),
        registered('2024-03-04'),
        hours('2024-03', 200, '2024-04-05'),
      );
      const events = decide(report('2024-04', 133, '2024-05-03'), state);
      expect(events[1]).toMatchObject({
        type: 'ContactProcessHandedOver',
        data: { handoverOn: '2024-05-31' },
      });
    });

    it('is appended once only', () => {
      const state = base(hours('2024-03', 420, '2024-04-05'), {
        type: 'ContactProcessHandedOver',
        data: {
          benefitPeriodId: 'bp-1',
          handoverOn: d('2024-04-30'),
          reachedOn: d('2024-04-05'),
          hoursRegistered: 420,
          ruleId: 'C24-HANDOVER',
        },
      });
      expect(decide(report('2024-04', 160, '2024-05-05'), state)).toHaveLength(1);
    });

    it('does not apply to the education-injunction group, whose process the jobcentre runs', () => {
      const state = young({ type: 'VisitatedToJobcenter', data: { visitatedOn: d('2024-03-10') } });
      expect(decide(report('2024-03', 420, '2024-04-05'), state)).toHaveLength(1);
    });

    it('is reported by the a-kasse only', () => {
      expect(refusal(report('2024-03', 100, '2024-04-05', 'jobcenter'), base())).toMatchObject({
        ruleId: 'C24-HANDOVER',
      });
    });

    describe('C24-HANDOVER: the registration of the hours (002 §2.2)', () => {
      it('refuses hours registered before the first day of the month they cover', () => {
        const report = (registeredOn: string): ContactProcessCommand => ({
          type: 'ReportBenefitHours',
          recordedBy: 'akasse',
          today: d('2024-12-31'),
          data: { month: '2024-04', benefitHours: 100, wageSubsidyHours: 0, registeredOn: d(registeredOn) },
        });
        expect(refusal(report('2024-03-31'), base())).toMatchObject({
          ruleId: 'C24-HANDOVER',
          field: 'registeredOn',
        });
        expect(decide(report('2024-04-01'), base())).toHaveLength(1);
      });
    });
  });

  describe('C24-JC3: at least 3 jobcentre interviews after the handover, before 6 months', () => {
    const sixMonths = fullMonths('2024-03', 6); // 961.98 h reached on 31 August 2024; handover 30 June

    it('is met by three jobcentre interviews between the handover and 6 months', () => {
      const state = base(
        ...sixMonths,
        jobcentreInterview('2024-07-03'),
        jobcentreInterview('2024-07-24'),
        jobcentreInterview('2024-08-20'),
      );
      expect(obligationOf(state, '2024-09-10', 'C24-JC3')).toMatchObject({
        dueOn: '2024-08-31',
        status: 'met',
        owner: 'jobcenter',
        hourThreshold: { hours: 961.98, counter: 'jobcentre' },
      });
    });

    it('does not count interviews before the handover or after 6 months', () => {
      const state = base(
        ...sixMonths,
        jobcentreInterview('2024-06-20', { allPartiesAgreed: true }),
        jobcentreInterview('2024-07-24'),
        jobcentreInterview('2024-08-20'),
        jobcentreInterview('2024-09-02'),
      );
      expect(obligationOf(state, '2024-09-10', 'C24-JC3')).toMatchObject({
        status: 'missed',
        fulfilledCount: 2,
      });
    });

    it('has no due date until the handover', () => {
      expect(obligationOf(base(), '2024-04-01', 'C24-JC3')).toMatchObject({ dueOn: null, status: 'open' });
    });

    it('is not for the education-injunction group', () => {
      expect(obligationOf(young(), '2024-04-01', 'C24-JC3').status).toBe('not-applicable');
    });
  });

  describe('C24-EDU6: at least 6 jobcentre interviews within 6 months, education-injunction group', () => {
    const visit: ContactProcessEvent = {
      type: 'VisitatedToJobcenter',
      data: { visitatedOn: d('2024-03-08') },
    };
    const six = ['2024-03-20', '2024-04-10', '2024-05-02', '2024-06-14', '2024-07-10', '2024-08-28'].map(
      (day) => jobcentreInterview(day),
    );

    it('is met by six interviews by the 6-month point, with no timing rule for any of them', () => {
      const state = young(visit, ...fullMonths('2024-03', 6), ...six);
      expect(obligationOf(state, '2024-09-05', 'C24-EDU6')).toMatchObject({
        dueOn: '2024-08-31',
        status: 'met',
        required: 6,
      });
    });

    it('is missed with five', () => {
      const state = young(visit, ...fullMonths('2024-03', 6), ...six.slice(0, 5));
      expect(obligationOf(state, '2024-09-05', 'C24-EDU6')).toMatchObject({
        status: 'missed',
        fulfilledCount: 5,
      });
    });

    it('does not apply to others', () => {
      expect(obligationOf(base(), '2024-04-01', 'C24-EDU6').status).toBe('not-applicable');
    });
  });

  describe('C24-M16: the joint interview offering the intensified effort by 16 months', () => {
    const sixteen = fullMonths('2024-03', 16); // 2,565.28 h reached on 30 June 2025

    it('is met by a jobcentre interview registered as joint at which the intensified effort was offered', () => {
      const state = base(
        ...sixteen,
        jobcentreInterview('2025-05-20', { registeredAs: 'joint', intensifiedEffortOffered: true }),
      );
      expect(obligationOf(state, '2025-07-10', 'C24-M16', 'bp-1')).toMatchObject({
        dueOn: '2025-06-30',
        status: 'met',
      });
    });

    it('counts the interview as joint even when the a-kasse did not attend (the person opted out)', () => {
      const state = base(
        ...sixteen,
        jobcentreInterview('2025-05-20', {
          registeredAs: 'joint',
          akasseAttended: false,
          intensifiedEffortOffered: true,
          akasseAttendanceWanted: false,
        }),
      );
      expect(obligationOf(state, '2025-07-10', 'C24-M16', 'bp-1').status).toBe('met');
      // The person opted out, so the a-kasse owed no attendance.
      expect(evaluateObligations(state, d('2025-07-10')).some((o) => o.key.endsWith('/akasse-attends'))).toBe(
        false,
      );
    });

    it('has the a-kasse attend it unless the person opted out, and the first jobcentre interview after the handover when the person wanted it (LAB §31(2), §32(2))', () => {
      const missed = base(
        ...sixteen,
        jobcentreInterview('2025-05-20', {
          registeredAs: 'joint',
          akasseAttended: false,
          intensifiedEffortOffered: true,
        }),
      );
      expect(obligationOf(missed, '2025-07-10', 'C24-M16', 'sixteen-months/akasse-attends')).toMatchObject({
        owner: 'akasse',
        dueOn: '2025-05-20',
        status: 'missed',
      });
      const wanted = base(
        ...fullMonths('2024-03', 4),
        jobcentreInterview('2024-07-10', { akasseAttendanceWanted: true, akasseAttended: true }),
      );
      expect(
        obligationOf(wanted, '2024-07-20', 'C24-JC3', 'first-after-handover/akasse-attends'),
      ).toMatchObject({ owner: 'akasse', status: 'met' });
      const notWanted = base(...fullMonths('2024-03', 4), jobcentreInterview('2024-07-10'));
      expect(
        evaluateObligations(notWanted, d('2024-07-20')).some((o) => o.key.endsWith('/akasse-attends')),
      ).toBe(false);
    });

    describe('the form of the a-kasse attendance (LAB §33(4): video unless the person asks for it in person)', () => {
      const m16 = (overrides: Parameters<typeof jobcentreInterview>[1]) =>
        base(
          ...sixteen,
          jobcentreInterview('2025-05-20', {
            registeredAs: 'joint',
            intensifiedEffortOffered: true,
            akasseAttended: true,
            ...overrides,
          }),
        );
      const attendsM16 = (state: ContactProcessState) =>
        obligationOf(state, '2025-07-10', 'C24-M16', 'sixteen-months/akasse-attends');

      it('given the person asked the a-kasse to attend the 16-month interview in person, when it attended by video, then its duty is missed, with the reason', () => {
        const obligation = attendsM16(
          m16({ personAskedAkasseInPerson: true, akasseAttendanceForm: 'video' }),
        );
        expect(obligation).toMatchObject({ owner: 'akasse', status: 'missed', fulfilledOn: null });
        expect(obligation.note).toContain('by video, but the person asked it to attend in person');
      });

      it('given the person asked for the a-kasse in person at the 16-month interview, when it attended in person, then its duty is met', () => {
        expect(
          attendsM16(m16({ personAskedAkasseInPerson: true, akasseAttendanceForm: 'in-person' })),
        ).toMatchObject({ status: 'met', note: null });
      });

      it('given the person asked for the a-kasse in person, when its attendance form was not recorded, then attendance is not shown met', () => {
        const obligation = attendsM16(m16({ personAskedAkasseInPerson: true }));
        expect(obligation.status).toBe('missed');
        expect(obligation.note).toContain('the form of its attendance was not recorded');
      });

      it('given the person did not ask for the a-kasse in person, when it attended the 16-month interview by video, then its duty is met', () => {
        expect(
          attendsM16(m16({ personAskedAkasseInPerson: false, akasseAttendanceForm: 'video' })).status,
        ).toBe('met');
        expect(attendsM16(m16({ akasseAttendanceForm: 'video' })).status).toBe('met');
      });

      it('given the person wanted the a-kasse at the first jobcentre interview after the handover and asked for it in person, when it attended by video, then its duty is missed; in person, met', () => {
        const first = (form: 'video' | 'in-person') =>
          obligationOf(
            base(
              ...fullMonths('2024-03', 4),
              jobcentreInterview('2024-07-10', {
                akasseAttendanceWanted: true,
                personAskedAkasseInPerson: true,
                akasseAttended: true,
                akasseAttendanceForm: form,
              }),
            ),
            '2024-07-20',
            'C24-JC3',
            'first-after-handover/akasse-attends',
          );
        expect(first('video')).toMatchObject({ status: 'missed', fulfilledOn: null });
        expect(first('video').note).toContain('video attendance does not count');
        expect(first('in-person').status).toBe('met');
      });

      it('given a jobcentre interview, when an attendance form is recorded without akasseAttended: true, then it is refused naming the rule and field', () => {
        const command = (overrides: Parameters<typeof jobcentreInterview>[1]): ContactProcessCommand => ({
          type: 'RecordJobInterview',
          recordedBy: 'jobcenter',
          today: d('2024-07-20'),
          data: jobcentreInterview('2024-07-10', overrides).data,
        });
        const state = base(...handoverJune);
        expect(
          refusal(command({ akasseAttendanceForm: 'video', akasseAttended: false }), state),
        ).toMatchObject({
          ruleId: 'C24-JC3',
          field: 'akasseAttendanceForm',
        });
        expect(
          refusal(
            command({
              akasseAttendanceForm: 'in-person',
              akasseAttended: false,
              registeredAs: 'joint',
              intensifiedEffortOffered: true,
            }),
            state,
          ),
        ).toMatchObject({ ruleId: 'C24-M16', field: 'akasseAttendanceForm' });
        expect(decide(command({ akasseAttendanceForm: 'video', akasseAttended: true }), state)).toHaveLength(
          1,
        );
        expect(decide(command({ akasseAttendanceForm: null, akasseAttended: false }), state)).toHaveLength(1);
      });
    });

    it('is overdue after 16 months without it', () => {
      const state = base(...sixteen, jobcentreInterview('2025-05-20', { intensifiedEffortOffered: true }));
      expect(obligationOf(state, '2025-07-10', 'C24-M16').status).toBe('overdue');
    });
  });

  describe('C24-CV: CV complete within 14 days of registration and re-registration', () => {
    const cv = (on: string): ContactProcessEvent => ({
      type: 'CvMarkedComplete',
      data: { markedOn: d(on), by: 'akasse' },
    });

    it('is met by the CV marked complete within 14 days, owned by the a-kasse in months 0–3', () => {
      expect(obligationOf(base(cv('2024-03-12')), '2024-03-30', 'C24-CV', '2024-03-04')).toMatchObject({
        status: 'met',
        owner: 'akasse',
        dueOn: '2024-03-18',
      });
    });

    it('is owned by the a-kasse at registration also for the education-injunction group', () => {
      expect(obligationOf(young(), '2024-03-10', 'C24-CV', '2024-03-04').owner).toBe('akasse');
    });

    it('does not apply on a re-registration less than 3 months after the last deregistration', () => {
      const state = base(cv('2024-03-12'), deregistered('2024-04-01'), registered('2024-06-20'));
      expect(obligationOf(state, '2024-07-10', 'C24-CV', '2024-06-20').status).toBe('not-applicable');
    });

    it('applies again on a re-registration 3 months or more after it, owned by the jobcentre after the handover', () => {
      const state = base(...handoverJune, deregistered('2024-07-01'), registered('2024-10-01'));
      expect(obligationOf(state, '2024-10-20', 'C24-CV', '2024-10-01')).toMatchObject({
        status: 'overdue',
        owner: 'jobcenter',
        dueOn: '2024-10-15',
      });
    });

    it('does not owe a CV check on re-registration within 3 months of a deregistration before the new rules', () => {
      // Placed and registered in 2023 outside the trial, deregistered 15 December, registered again 1 February 2024.
      const state = given(
        person,
        placed({ placedOn: d('2023-06-01') }),
        registered('2023-06-01'),
        deregistered('2023-12-15'),
        registered('2024-02-01'),
      );
      expect(obligationOf(state, '2024-02-20', 'C24-CV', '2024-02-01')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('2023-12-15'),
      });
    });
  });

  describe('C24-JSR: job-search requirements set by the a-kasse within 14 days', () => {
    it('is met when set within 14 days', () => {
      const state = base({
        type: 'JobSearchRequirementsSet',
        data: { setOn: d('2024-03-15'), by: 'akasse', reportedToDfdg: true },
      });
      expect(obligationOf(state, '2024-03-30', 'C24-JSR', '2024-03-04')).toMatchObject({
        status: 'met',
        owner: 'akasse',
      });
    });

    it('is set by the a-kasse, also after the handover: the jobcentre is refused', () => {
      const command: ContactProcessCommand = {
        type: 'SetJobSearchRequirements',
        recordedBy: 'jobcenter',
        today: d('2024-08-01'),
        data: { setOn: d('2024-07-15'), by: 'jobcenter', reportedToDfdg: true },
      };
      expect(refusal(command, base(...handoverJune))).toMatchObject({ ruleId: 'C24-JSR', field: 'by' });
    });

    it('meets C24-JSR only when the requirements were also reported to DFDG ("registrere og indberette")', () => {
      const set = (reportedToDfdg: boolean): ContactProcessEvent => ({
        type: 'JobSearchRequirementsSet',
        data: { setOn: d('2024-03-08'), by: 'akasse', reportedToDfdg },
      });
      expect(obligationOf(base(set(false)), '2024-03-12', 'C24-JSR', '2024-03-04')).toMatchObject({
        status: 'open',
        note: expect.stringContaining('not reported to DFDG'),
      });
      expect(obligationOf(base(set(true)), '2024-03-12', 'C24-JSR', '2024-03-04').status).toBe('met');
    });
  });

  describe('C24-MINPLAN: Min Plan prepared at the first interview; offers only by the jobcentre', () => {
    it('is met when Min Plan was prepared at the first interview', () => {
      expect(
        obligationOf(base(interview('2024-03-10', { minPlanPrepared: true })), '2024-03-20', 'C24-MINPLAN')
          .status,
      ).toBe('met');
    });

    it('is missed when the first interview was held without it', () => {
      expect(obligationOf(base(interview('2024-03-10')), '2024-03-20', 'C24-MINPLAN').status).toBe('missed');
    });

    it('refuses an offer entered by the a-kasse', () => {
      const command: ContactProcessCommand = {
        type: 'GrantOffer',
        recordedBy: 'akasse',
        today: d('2024-04-30'),
        data: {
          offerId: 'o-1',
          grantedOn: d('2024-04-20'),
          by: 'akasse',
          chapter: 11,
          startsOn: d('2024-05-01'),
        },
      };
      expect(refusal(command, base())).toMatchObject({ ruleId: 'C24-MINPLAN', field: 'by' });
    });

    const prepared = (on: string, overrides: Partial<MinPlanPrepared> = {}): EventOf<'MinPlanPrepared'> => ({
      type: 'MinPlanPrepared',
      data: { preparedOn: d(on), by: 'akasse', jobGoals: ['warehouse worker'], ...overrides },
    });
    const revise = (
      data: Partial<MinPlanRevised> & Pick<MinPlanRevised, 'by'>,
      recordedBy = data.by,
    ): ContactProcessCommand => ({
      type: 'ReviseMinPlan',
      recordedBy,
      today: d('2024-09-30'),
      data: { revisedOn: d('2024-07-10'), reason: 'new job goal', ...data },
    });
    const grant = (offerId: string, grantedOn: string): ContactProcessEvent => ({
      type: 'OfferGranted',
      data: { offerId, grantedOn: d(grantedOn), by: 'jobcenter', chapter: 11, startsOn: d(grantedOn) },
    });

    it('is met when the a-kasse records Min Plan prepared on the day of the first interview', () => {
      const state = base(interview('2024-03-10'), prepared('2024-03-10'));
      expect(obligationOf(state, '2024-03-20', 'C24-MINPLAN')).toMatchObject({
        status: 'met',
        metBy: ['e5'],
      });
    });

    it('is not met by a plan prepared on another day than the first interview', () => {
      const state = base(interview('2024-03-10'), prepared('2024-03-12'));
      expect(obligationOf(state, '2024-03-20', 'C24-MINPLAN').status).toBe('missed');
    });

    it('refuses a Min Plan without job goals, and a second preparation in the same period', () => {
      const prepare = (state: ContactProcessState, jobGoals: string[]): ContactProcessCommand => ({
        type: 'PrepareMinPlan',
        recordedBy: 'akasse',
        today: d('2024-03-20'),
        data: { preparedOn: d('2024-03-10'), by: 'akasse', jobGoals },
      });
      expect(refusal(prepare(base(), []), base())).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'jobGoals',
      });
      const already = base(prepared('2024-03-10'));
      expect(refusal(prepare(already, ['cook']), already)).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'preparedOn',
      });
    });

    it('has the jobcentre prepare it with job and education goals for the education-injunction group', () => {
      const command = (by: 'akasse' | 'jobcenter', educationGoals: string[]): ContactProcessCommand => ({
        type: 'PrepareMinPlan',
        recordedBy: by,
        today: d('2024-03-20'),
        data: { preparedOn: d('2024-03-10'), by, jobGoals: ['apprentice'], educationGoals },
      });
      expect(refusal(command('akasse', ['vocational college']), young())).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'jobGoals',
      });
      expect(refusal(command('jobcenter', []), young())).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'educationGoals',
      });
      expect(decide(command('jobcenter', ['vocational college']), young())).toHaveLength(1);
    });

    it('lets only the owner at the time change the job goals: the jobcentre after the handover', () => {
      const state = base(prepared('2024-03-10'), ...handoverJune);
      expect(refusal(revise({ by: 'akasse', jobGoals: ['cook'] }), state)).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'jobGoals',
      });
      expect(decide(revise({ by: 'jobcenter', jobGoals: ['cook'] }), state)).toEqual([
        expect.objectContaining({ type: 'MinPlanRevised' }),
      ]);
    });

    it('keeps the job-search requirements the a-kasse’s, also after the handover (C24-JSR)', () => {
      const state = base(prepared('2024-03-10'), ...handoverJune);
      expect(refusal(revise({ by: 'jobcenter', jobSearchRequirements: ['2 a week'] }), state)).toMatchObject({
        ruleId: 'C24-JSR',
        field: 'jobSearchRequirements',
      });
      expect(decide(revise({ by: 'akasse', jobSearchRequirements: ['2 a week'] }), state)).toHaveLength(1);
    });

    it('lets only the jobcentre enter offers, and only offers it granted', () => {
      const state = base(prepared('2024-03-10'), grant('o-1', '2024-04-02'));
      expect(refusal(revise({ by: 'akasse', offerIds: ['o-1'] }), state)).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'offerIds',
      });
      expect(refusal(revise({ by: 'jobcenter', offerIds: ['o-2'] }), state)).toMatchObject({
        code: 'unknown-reference',
        field: 'offerIds',
      });
      expect(decide(revise({ by: 'jobcenter', offerIds: ['o-1'] }), state)).toHaveLength(1);
    });

    it('accepts a part sent unchanged from anyone, and refuses a revision recorded by the other party', () => {
      const state = base(prepared('2024-03-10', { jobSearchRequirements: ['2 a week'] }), ...handoverJune);
      expect(
        decide(revise({ by: 'jobcenter', jobGoals: ['cook'], jobSearchRequirements: ['2 a week'] }), state),
      ).toHaveLength(1);
      expect(refusal(revise({ by: 'jobcenter', jobGoals: ['cook'] }, 'akasse'), state)).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'recordedBy',
      });
    });

    describe('every granted offer entered in Min Plan by the jobcentre (002 §9.3: "ansvarlig for at indsætte de afgivne tilbud i personens »Min Plan«")', () => {
      const revised = (
        on: string,
        by: 'akasse' | 'jobcenter',
        parts: Partial<MinPlanRevised>,
      ): EventOf<'MinPlanRevised'> => ({
        type: 'MinPlanRevised',
        data: { revisedOn: d(on), by, reason: 'offer granted', ...parts },
      });

      it('given an offer granted outside any recommendation, when it is not in Min Plan, then the jobcentre owes its entry, with no due date', () => {
        const state = base(prepared('2024-03-10'), grant('o-1', '2024-04-02'));
        expect(obligationOf(state, '2024-09-01', 'C24-MINPLAN', 'offer/o-1')).toMatchObject({
          key: 'C24-MINPLAN:bp-1:offer/o-1',
          owner: 'jobcenter',
          dueOn: null,
          status: 'open',
          note: 'the granted offer o-1 is not yet in Min Plan',
        });
        // The duty to prepare Min Plan at the first interview stays the a-kasse's, under the rule's own key.
        expect(obligationOf(state, '2024-09-01', 'C24-MINPLAN', 'bp-1').owner).toBe('akasse');
      });

      it('given the offer, when the jobcentre revises Min Plan to hold it, then the entry is met by that revision', () => {
        const state = base(
          prepared('2024-03-10'),
          grant('o-1', '2024-04-02'),
          revised('2024-04-05', 'jobcenter', { offerIds: ['o-1'] }),
        );
        expect(obligationOf(state, '2024-04-10', 'C24-MINPLAN', 'offer/o-1')).toMatchObject({
          status: 'met',
          fulfilledOn: '2024-04-05',
          metBy: ['e6'],
        });
        expect(obligationOf(state, '2024-04-04', 'C24-MINPLAN', 'offer/o-1').status).toBe('open');
      });

      it('given a stored a-kasse version of Min Plan holding the offer, then the entry is still open: only the jobcentre enters offers', () => {
        const state = base(
          prepared('2024-03-10'),
          grant('o-1', '2024-04-02'),
          revised('2024-04-05', 'akasse', { offerIds: ['o-1'] }),
        );
        expect(obligationOf(state, '2024-04-10', 'C24-MINPLAN', 'offer/o-1').status).toBe('open');
      });

      it('given a control-course offer, then its entry in Min Plan is owed besides C24-CTRLOFFER', () => {
        const state = base(
          { type: 'ControlActionDoubtReceived', data: { receivedOn: d('2024-04-10'), abroad: false } },
          interview('2024-04-12', { minPlanPrepared: true }),
          grant('o-3', '2024-04-20'),
        );
        expect(obligationOf(state, '2024-04-30', 'C24-CTRLOFFER', '2024-04-10').status).toBe('met');
        expect(obligationOf(state, '2024-04-30', 'C24-MINPLAN', 'offer/o-3')).toMatchObject({
          owner: 'jobcenter',
          status: 'open',
        });
      });

      it('given a less-intensive ground, then the entry of an offer granted anyway is not waived', () => {
        const ground: ContactProcessEvent = {
          type: 'LessIntensiveEffortGroundDocumented',
          data: { groundId: 'g-1', ground: 'sent-home-weather-or-materials', from: d('2024-04-01') },
        };
        const state = base(prepared('2024-03-10'), ground, grant('o-1', '2024-04-02'));
        expect(obligationOf(state, '2024-04-10', 'C24-MINPLAN', 'offer/o-1').status).toBe('open');
      });

      it('given an offer granted on a joint recommendation, then it has one entry duty only, under the recommendation’s key', () => {
        const recommendation: ContactProcessEvent[] = [
          {
            type: 'JointRecommendationSent',
            data: {
              recommendationId: 'r-1',
              sentOn: d('2024-04-02'),
              personAgreed: true,
              subject: 'offer',
              chapter: 11,
              description: 'company internship',
            },
          },
          grant('o-7', '2024-04-09'),
          {
            type: 'JointRecommendationAnswered',
            data: {
              recommendationId: 'r-1',
              answeredOn: d('2024-04-09'),
              decision: 'granted',
              offerId: 'o-7',
              reason: null,
              personNotifiedOn: d('2024-04-09'),
              akasseToldOn: d('2024-04-09'),
            },
          },
        ];
        const entryKeys = (state: ContactProcessState, asOf: string) =>
          evaluateObligations(state, d(asOf))
            .filter((o) => o.key.includes('o-7') || o.key.endsWith('/min-plan'))
            .map((o) => [o.key, o.status]);
        const state = base(prepared('2024-03-10'), ...recommendation);
        expect(entryKeys(state, '2024-04-10')).toEqual([['C24-REC:bp-1:r-1/min-plan', 'open']]);
        const entered = base(
          prepared('2024-03-10'),
          ...recommendation,
          revised('2024-04-09', 'jobcenter', { offerIds: ['o-7'] }),
        );
        expect(entryKeys(entered, '2024-04-10')).toEqual([['C24-REC:bp-1:r-1/min-plan', 'met']]);
      });
    });

    describe('offers and efforts the jobcentre entered stay its own (002 §9.3: "A-kassen er ikke ansvarlig for registrering eller ajourføring af indhold om tilbud eller indsatser")', () => {
      const withJobcentreEffort = () =>
        base(prepared('2024-03-10', { otherAgreedEfforts: ['CV workshop'] }), {
          type: 'MinPlanRevised',
          data: {
            revisedOn: d('2024-04-12'),
            by: 'jobcenter',
            reason: 'mentor support granted',
            otherAgreedEfforts: ['CV workshop', 'mentor support'],
          },
        });

      it('given an effort the jobcentre entered, when the a-kasse removes it, then it is refused naming the part', () => {
        const error = refusal(
          revise({ by: 'akasse', otherAgreedEfforts: ['CV workshop'] }),
          withJobcentreEffort(),
        );
        expect(error).toMatchObject({ ruleId: 'C24-MINPLAN', field: 'otherAgreedEfforts' });
        expect(error.message).toMatch(/the jobcentre entered “mentor support”/);
      });

      it('given an effort the jobcentre entered, when the a-kasse changes its wording, then it is refused', () => {
        expect(
          refusal(
            revise({ by: 'akasse', otherAgreedEfforts: ['CV workshop', 'mentor support, weekly'] }),
            withJobcentreEffort(),
          ),
        ).toMatchObject({ ruleId: 'C24-MINPLAN', field: 'otherAgreedEfforts' });
      });

      it('given an effort the jobcentre entered, then the a-kasse may still add, and remove its own, efforts', () => {
        expect(
          decide(
            revise({ by: 'akasse', otherAgreedEfforts: ['mentor support', 'job club'] }),
            withJobcentreEffort(),
          ),
        ).toHaveLength(1);
      });

      it('given an effort the jobcentre entered, then the jobcentre may remove it, after which the a-kasse is not bound by it', () => {
        const removed = given(
          ...[aPerson(), placed(), registered('2024-03-04')],
          prepared('2024-03-10', { otherAgreedEfforts: ['CV workshop'] }),
          {
            type: 'MinPlanRevised',
            data: {
              revisedOn: d('2024-04-12'),
              by: 'jobcenter',
              reason: 'mentor support granted',
              otherAgreedEfforts: ['CV workshop', 'mentor support'],
            },
          },
          {
            type: 'MinPlanRevised',
            data: {
              revisedOn: d('2024-05-12'),
              by: 'jobcenter',
              reason: 'ended',
              otherAgreedEfforts: ['CV workshop'],
            },
          },
        );
        expect(
          decide(revise({ by: 'jobcenter', otherAgreedEfforts: [] }), withJobcentreEffort()),
        ).toHaveLength(1);
        expect(decide(revise({ by: 'akasse', otherAgreedEfforts: [] }), removed)).toHaveLength(1);
      });

      it('given an offer the jobcentre entered, when the a-kasse removes it, then it is refused', () => {
        const state = base(prepared('2024-03-10'), grant('o-1', '2024-04-02'), {
          type: 'MinPlanRevised',
          data: { revisedOn: d('2024-04-05'), by: 'jobcenter', reason: 'offer', offerIds: ['o-1'] },
        });
        expect(refusal(revise({ by: 'akasse', offerIds: [] }), state)).toMatchObject({
          ruleId: 'C24-MINPLAN',
          field: 'offerIds',
        });
      });
    });

    it('refuses a revision before Min Plan was prepared', () => {
      expect(refusal(revise({ by: 'akasse', jobGoals: ['cook'] }), base())).toMatchObject({
        ruleId: 'C24-MINPLAN',
        field: 'revisedOn',
      });
    });
  });

  describe('C24-CTRL / C24-CTRLREQ / C24-CTRLOFFER: after a control action raising doubt', () => {
    const doubt = (receivedOn: string, abroad = false): ContactProcessEvent => ({
      type: 'ControlActionDoubtReceived',
      data: { receivedOn: d(receivedOn), abroad },
    });

    it('requires an interview by the owner within 7 days', () => {
      expect(
        obligationOf(
          base(doubt('2024-04-10'), interview('2024-04-17')),
          '2024-04-20',
          'C24-CTRL',
          '2024-04-10',
        ),
      ).toMatchObject({
        dueOn: '2024-04-17',
        status: 'met',
        owner: 'akasse',
      });
      expect(obligationOf(base(doubt('2024-04-10')), '2024-04-18', 'C24-CTRL', '2024-04-10').status).toBe(
        'overdue',
      );
    });

    it('is the jobcentre’s after the handover', () => {
      const state = base(...handoverJune, doubt('2024-07-10'), jobcentreInterview('2024-07-12'));
      expect(obligationOf(state, '2024-07-20', 'C24-CTRL', '2024-07-10')).toMatchObject({
        owner: 'jobcenter',
        status: 'met',
      });
    });

    it('after a stay abroad, asks for an interview every 14 days until 3 months after the first', () => {
      const state = base(doubt('2024-04-10', true), interview('2024-04-12'), interview('2024-04-25'));
      expect(obligationOf(state, '2024-04-30', 'C24-CTRL', '2024-04-10#2')).toMatchObject({
        dueOn: '2024-04-26',
        status: 'met',
      });
      expect(obligationOf(state, '2024-04-30', 'C24-CTRL', '2024-04-10#3')).toMatchObject({
        dueOn: '2024-05-09',
        status: 'open',
      });
    });

    it('waives the course’s offer and its request while a less-intensive ground holds (LAB § 106(1): "tilbud efter kapitel 11-14")', () => {
      const ground: ContactProcessEvent = {
        type: 'LessIntensiveEffortGroundDocumented',
        data: { groundId: 'g-1', ground: 'maternity-or-parental-leave', from: d('2024-04-01') },
      };
      const state = base(ground, doubt('2024-04-10'), interview('2024-04-12'));
      for (const ruleId of ['C24-CTRLREQ', 'C24-CTRLOFFER'])
        expect(obligationOf(state, '2024-05-01', ruleId, '2024-04-10').status).toBe('waived');
    });

    it('C24-CTRLREQ: "at once" is a reading, C24-CTRLREQ-DUE, not a limit 002 §6 states (#18 item 2)', () => {
      // Given a control action of 10 April and the first interview of the course on the 12th
      const state = base(doubt('2024-04-10'), interview('2024-04-12'));
      // Then the request is due on the day the named, unverified reading gives: the interview's day
      expect(C24.parameters.controlRequestDue).toMatchObject({ id: 'C24-CTRLREQ-DUE', verified: false });
      expect(obligationOf(state, '2024-04-12', 'C24-CTRLREQ', '2024-04-10')).toMatchObject({
        dueOn: '2024-04-12',
        status: 'open',
      });
    });

    it('C24-CTRLREQ: is missed, no longer overdue, after the handover ends the a-kasse’s 3 months (002 §6, #18 item 1)', () => {
      // Given a control action of 10 April 2024, its first interview on the 12th and no request for an offer
      const state = base(...handoverJune, doubt('2024-04-10'), interview('2024-04-12'));
      // When the a-kasse's months end with the handover on 30 June ("inden for de første 3 måneder, hvor a-kassen
      // varetager kontaktforløbet"), then the request can no longer be the a-kasse's
      expect(obligationOf(state, '2024-06-30', 'C24-CTRLREQ', '2024-04-10')).toMatchObject({
        status: 'overdue',
        windowClosesOn: '2024-06-30',
      });
      expect(obligationOf(state, '2024-07-01', 'C24-CTRLREQ', '2024-04-10').status).toBe('missed');
    });

    it('C24-CTRLREQ: the a-kasse asks the jobcentre for an offer at once after the first interview of the course', () => {
      const request: ContactProcessEvent = {
        type: 'OfferRequested',
        data: { requestedOn: d('2024-04-12'), by: 'akasse', reason: 'control-action' },
      };
      expect(
        obligationOf(
          base(doubt('2024-04-10'), interview('2024-04-12'), request),
          '2024-04-20',
          'C24-CTRLREQ',
          '2024-04-10',
        ).status,
      ).toBe('met');
      expect(
        obligationOf(
          base(doubt('2024-04-10'), interview('2024-04-12')),
          '2024-04-13',
          'C24-CTRLREQ',
          '2024-04-10',
        ).status,
      ).toBe('overdue');
    });

    it('C24-CTRLOFFER: the jobcentre grants an offer under ch. 11–14 within 14 days of that interview', () => {
      const offer: ContactProcessEvent = {
        type: 'OfferGranted',
        data: {
          offerId: 'o-1',
          grantedOn: d('2024-04-24'),
          by: 'jobcenter',
          chapter: 13,
          startsOn: d('2024-05-01'),
        },
      };
      expect(
        obligationOf(
          base(doubt('2024-04-10'), interview('2024-04-12'), offer),
          '2024-04-30',
          'C24-CTRLOFFER',
          '2024-04-10',
        ),
      ).toMatchObject({
        dueOn: '2024-04-26',
        status: 'met',
        owner: 'jobcenter',
      });
    });

    describe('C24-CTRL after a stay abroad: "en jobsamtale hver 14. dag … indtil 3 måneder efter første jobsamtale" (002 §6)', () => {
      it('lets a late interview fulfil one 14-day slot only, the next counting from the day it was held', () => {
        // Given the first interview of the course on 12 April, and the second, due 26 April, held late on 1 May
        const late = base(doubtAbroad, interview('2024-04-12'), interview('2024-05-01'));
        // Then the 1 May interview meets the second slot, late
        expect(obligationOf(late, '2024-05-10', 'C24-CTRL', '2024-04-10#2')).toMatchObject({
          dueOn: '2024-04-26',
          status: 'missed',
          metBy: ['e6'],
        });
        // And the third is due 14 days after it was held, still open: the same interview does not meet it too
        expect(obligationOf(late, '2024-05-10', 'C24-CTRL', '2024-04-10#3')).toMatchObject({
          dueOn: '2024-05-15',
          status: 'open',
          fulfilledOn: null,
          metBy: [],
        });
        // When the next interview is held on 14 May, that one meets the third slot
        const next = base(
          doubtAbroad,
          interview('2024-04-12'),
          interview('2024-05-01'),
          interview('2024-05-14'),
        );
        expect(obligationOf(next, '2024-05-20', 'C24-CTRL', '2024-04-10#3')).toMatchObject({
          dueOn: '2024-05-15',
          status: 'met',
          metBy: ['e7'],
        });
      });
    });
  });

  describe('C24-REPAT: repatriation guidance at every job interview', () => {
    it('applies at each job interview for a person covered with a permit of up to 5 years', () => {
      const state = given(
        aPerson({ coveredByRepatriationAct: true, residencePermitYears: 4 }),
        placed(),
        registered('2024-03-04'),
        interview('2024-03-10', { interviewId: 'i-given', repatriationGuidanceGiven: true }),
        interview('2024-04-10', { interviewId: 'i-not' }),
      );
      expect(obligationOf(state, '2024-04-20', 'C24-REPAT', 'i-given').status).toBe('met');
      expect(obligationOf(state, '2024-04-20', 'C24-REPAT', 'i-not').status).toBe('missed');
    });

    it('does not apply after more than 5 years of permit, nor at availability interviews', () => {
      const state = given(
        aPerson({ coveredByRepatriationAct: true, residencePermitYears: 6 }),
        placed(),
        registered('2024-03-04'),
        interview('2024-03-10'),
      );
      expect(() => obligationOf(state, '2024-04-20', 'C24-REPAT')).toThrow(/found 0/);
      const availabilityOnly = given(
        aPerson({ coveredByRepatriationAct: true, residencePermitYears: 2 }),
        placed(),
        registered('2024-03-04'),
        { type: 'AvailabilityInterviewHeld', data: { heldOn: d('2024-03-10') } },
      );
      expect(() => obligationOf(availabilityOnly, '2024-04-20', 'C24-REPAT')).toThrow(/found 0/);
    });
  });

  describe('C24-FORM: the first interview in person; the owner may change the form only to in person', () => {
    const change = (form: 'in-person' | 'phone', by: 'akasse' | 'jobcenter'): ContactProcessCommand => ({
      type: 'ChangeInterviewForm',
      recordedBy: by,
      today: d('2024-04-30'),
      data: { form, changedOn: d('2024-04-20'), by },
    });

    it('refuses a change by the owner to anything but in person', () => {
      expect(refusal(change('phone', 'akasse'), base())).toMatchObject({ ruleId: 'C24-FORM', field: 'form' });
    });

    it('accepts a change to in person by the owner at the time', () => {
      expect(decide(change('in-person', 'akasse'), base())).toEqual([
        { type: 'InterviewFormChangedByOwner', data: expect.objectContaining({ form: 'in-person' }) },
      ]);
    });

    it('refuses it from the party that does not own the contact process at the time', () => {
      expect(refusal(change('in-person', 'jobcenter'), base())).toMatchObject({
        ruleId: 'C24-FORM',
        field: 'by',
      });
    });

    const formDuties = (state: ContactProcessState, asOf: string) =>
      evaluateObligations(state, d(asOf)).filter((o) => o.ruleId === 'C24-FORM');

    it('is met by a later interview held in the form the person chose', () => {
      // Given the person chose phone, and a first interview in person
      const state = base(
        formChosen('2024-03-05', 'phone'),
        interview('2024-03-10'),
        // When the next interview is held by phone
        interview('2024-04-10', { interviewId: 'i-phone', form: 'phone' }),
      );
      // Then it is met by that interview; the first is not judged by the choice
      expect(obligationOf(state, '2024-04-20', 'C24-FORM', 'i-phone')).toMatchObject({
        status: 'met',
        owner: 'akasse',
        dueOn: '2024-04-10',
        metBy: ['e6'],
      });
      expect(formDuties(state, '2024-04-20')).toHaveLength(1);
    });

    it('is missed by an interview held in another form, naming the form in force and since when', () => {
      // Given the person chose video
      const state = base(
        formChosen('2024-03-05', 'video'),
        interview('2024-03-10'),
        // When a later interview is held by phone
        interview('2024-04-10', { interviewId: 'i-phone', form: 'phone' }),
      );
      // Then it is missed, and the note says which form was in force, since when and by whom
      expect(obligationOf(state, '2024-04-20', 'C24-FORM', 'i-phone')).toMatchObject({
        status: 'missed',
        metBy: [],
        note: 'the interview of 2024-04-10 was held by phone, but video was in force since 2024-03-05 by the person’s choice',
      });
    });

    it('judges the interviews after the owner’s change to in person by that change', () => {
      // Given the person chose phone, and the a-kasse later changed it to in person
      const state = base(
        formChosen('2024-03-05', 'phone'),
        interview('2024-03-10'),
        interview('2024-04-02', { interviewId: 'i-before-change', form: 'phone' }),
        formChangedToInPerson('2024-04-05', 'akasse'),
        // When interviews are held after the change, by phone and in person
        interview('2024-04-10', { interviewId: 'i-phone', form: 'phone' }),
        interview('2024-04-20', { interviewId: 'i-in-person', form: 'in-person' }),
      );
      // Then the one before the change was judged by the choice, those after by the change
      expect(obligationOf(state, '2024-04-30', 'C24-FORM', 'i-before-change').status).toBe('met');
      expect(obligationOf(state, '2024-04-30', 'C24-FORM', 'i-phone')).toMatchObject({
        status: 'missed',
        note: 'the interview of 2024-04-10 was held by phone, but in-person was in force since 2024-04-05 by the a-kasse’s change to in person (LAB §33(2))',
      });
      expect(obligationOf(state, '2024-04-30', 'C24-FORM', 'i-in-person').status).toBe('met');
    });

    it('does not judge an interview by a choice made after it', () => {
      // Given the person chose phone, was interviewed by video, and only then chose video
      const state = base(
        formChosen('2024-03-05', 'phone'),
        interview('2024-03-10'),
        interview('2024-04-10', { interviewId: 'i-before', form: 'video' }),
        formChosen('2024-04-15', 'video'),
        interview('2024-04-20', { interviewId: 'i-after', form: 'video' }),
      );
      // Then the interview before the new choice was held in the wrong form; the one after it in the right one
      expect(obligationOf(state, '2024-04-30', 'C24-FORM', 'i-before')).toMatchObject({
        status: 'missed',
        note: expect.stringContaining('phone was in force since 2024-03-05'),
      });
      expect(obligationOf(state, '2024-04-30', 'C24-FORM', 'i-after').status).toBe('met');
      // And a first choice made after an interview leaves that interview unjudged
      const late = base(
        interview('2024-03-10'),
        interview('2024-04-10', { interviewId: 'i-unjudged', form: 'phone' }),
        formChosen('2024-04-15', 'video'),
        interview('2024-04-20', { interviewId: 'i-judged', form: 'video' }),
      );
      expect(formDuties(late, '2024-04-30').map((o) => [o.key, o.status])).toEqual([
        ['C24-FORM:bp-1:i-judged', 'met'],
      ]);
    });

    it('sets no duty when the person never chose a form, even after an owner’s change', () => {
      const interviews = [interview('2024-03-10'), interview('2024-04-10', { form: 'phone' })];
      // Given no choice at all, or only the owner's change to in person
      expect(formDuties(base(...interviews), '2024-04-30')).toEqual([]);
      expect(formDuties(base(formChangedToInPerson('2024-03-20'), ...interviews), '2024-04-30')).toEqual([]);
      // While the same interviews after a choice have one
      expect(formDuties(base(formChosen('2024-03-20', 'video'), ...interviews), '2024-04-30')).toHaveLength(
        1,
      );
    });

    it('does not count an availability interview as the first job interview', () => {
      const state = base(
        formChosen('2024-03-05', 'phone'),
        { type: 'AvailabilityInterviewHeld', data: { heldOn: d('2024-03-08') } },
        interview('2024-03-10', { interviewId: 'i-first' }),
        interview('2024-04-10', { interviewId: 'i-second', form: 'phone' }),
      );
      expect(formDuties(state, '2024-04-30').map((o) => [o.key, o.status])).toEqual([
        ['C24-FORM:bp-1:i-second', 'met'],
      ]);
    });

    it('leaves the jobcentre’s interviews after the handover to the person’s choice, not the a-kasse’s change', () => {
      // Given the person chose phone and the a-kasse changed it to in person during its months (handover 30 June)
      const state = base(
        ...handoverJune,
        formChosen('2024-03-05', 'phone'),
        interview('2024-03-10'),
        formChangedToInPerson('2024-04-05', 'akasse'),
        // When the jobcentre holds an interview by phone after the handover
        jobcentreInterview('2024-07-10', { interviewId: 'i-jc', form: 'phone' }),
      );
      // Then the person's choice governs it: the a-kasse changed only the interviews it was responsible for
      expect(obligationOf(state, '2024-07-20', 'C24-FORM', 'i-jc')).toMatchObject({
        status: 'met',
        owner: 'jobcenter',
      });
    });
  });

  describe('C24-SELFBOOK and C24-COMPLAINT: revoking self-booking, and the 4-week complaint window', () => {
    const revoke = (
      by: 'akasse' | 'jobcenter',
      overrides: Partial<SelfBookingRevoked> = {},
    ): ContactProcessCommand => ({
      type: 'RevokeSelfBooking',
      recordedBy: by,
      today: d('2024-04-30'),
      data: {
        decidedOn: d('2024-04-10'),
        notifiedOn: d('2024-04-11'),
        by,
        ground: 'frequent-rebooking',
        complaintGuidanceGiven: true,
        ...overrides,
      },
    });

    it('is decided by the owner at the time only', () => {
      expect(decide(revoke('akasse'), base())).toHaveLength(1);
      expect(refusal(revoke('jobcenter'), base())).toMatchObject({ ruleId: 'C24-SELFBOOK' });
    });

    it('given each ground 002 §4.2 lists, when the owner revokes self-booking on it with complaint guidance, then it is recorded with the ground', () => {
      for (const ground of [
        'booked-other-than-agreed',
        'too-many-bookings',
        'bookings-too-close-together',
        'frequent-rebooking',
        'otherwise-prevents-contact-process',
      ] as const) {
        expect(decide(revoke('akasse', { ground }), base())).toEqual([
          {
            type: 'SelfBookingRevoked',
            data: expect.objectContaining({ ground, complaintGuidanceGiven: true }),
          },
        ]);
      }
    });

    it('given no ground, or one not in the list of LAB § 35 (002 §4.2), when self-booking is revoked, then it is refused naming the ground', () => {
      expect(refusal(revoke('akasse', { ground: undefined }), base())).toMatchObject({
        ruleId: 'C24-SELFBOOK',
        field: 'ground',
        message: expect.stringContaining('none was given'),
      });
      const unlisted = revoke('akasse', { ground: 'missed-an-interview' as SelfBookingRevoked['ground'] });
      expect(refusal(unlisted, base())).toMatchObject({ ruleId: 'C24-SELFBOOK', field: 'ground' });
    });

    it('given a decision without complaint guidance (002 §11 "herunder indeholde klagevejledning"), when self-booking is revoked, then it is refused', () => {
      for (const complaintGuidanceGiven of [false, undefined]) {
        expect(refusal(revoke('akasse', { complaintGuidanceGiven }), base())).toMatchObject({
          ruleId: 'C24-COMPLAINT',
          field: 'complaintGuidanceGiven',
        });
      }
    });

    it('given a revocation stored before the ground and guidance were recorded, then it still folds and opens the complaint window', () => {
      const state = base({
        type: 'SelfBookingRevoked',
        data: { decidedOn: d('2024-04-10'), notifiedOn: d('2024-04-11'), by: 'akasse' },
      });
      expect(state.periods[0].selfBookingRevocations).toHaveLength(1);
      expect(obligationOf(state, '2024-04-20', 'C24-COMPLAINT').status).toBe('open');
    });

    it('gives the person 4 weeks from notification to complain', () => {
      const state = base({
        type: 'SelfBookingRevoked',
        data: { decidedOn: d('2024-04-10'), notifiedOn: d('2024-04-11'), by: 'akasse' },
      });
      expect(obligationOf(state, '2024-05-09', 'C24-COMPLAINT')).toMatchObject({
        owner: 'person',
        dueOn: '2024-05-09',
        status: 'open',
      });
      expect(obligationOf(state, '2024-05-10', 'C24-COMPLAINT').status).toBe('lapsed');
    });

    it('given the 4 weeks passed without a complaint, then the right has lapsed — its own status, not "does not apply" (#18 item 7; LAB §204, 002 §11)', () => {
      const state = base({
        type: 'SelfBookingRevoked',
        data: { decidedOn: d('2024-04-10'), notifiedOn: d('2024-04-11'), by: 'akasse' },
      });
      const lapsed = obligationOf(state, '2024-06-01', 'C24-COMPLAINT');
      expect(lapsed).toMatchObject({ owner: 'person', dueOn: '2024-05-09', status: 'lapsed' });
      expect(lapsed.status).not.toBe('not-applicable');
    });
  });

  describe('C24-LESS: less intensive effort while a documented ground holds', () => {
    const ground: ContactProcessEvent = {
      type: 'LessIntensiveEffortGroundDocumented',
      data: { groundId: 'g-1', ground: 'maternity-or-parental-leave', from: d('2024-03-05') },
    };

    it('waives the job-interview obligations while the ground holds', () => {
      expect(obligationOf(base(ground), '2024-03-25', 'C24-FIRST')).toMatchObject({
        status: 'waived',
        waivedBy: ['e4'],
      });
    });

    it('does not waive them once the owner decided the person is not exempt', () => {
      const overruled: ContactProcessEvent = {
        type: 'LessIntensiveEffortOverruled',
        data: {
          groundId: 'g-1',
          decidedOn: d('2024-03-08'),
          notifiedOn: d('2024-03-08'),
          by: 'akasse',
          reason: 'abuse-or-speculation',
        },
      };
      const state = base(ground, overruled);
      expect(obligationOf(state, '2024-03-25', 'C24-FIRST').status).toBe('overdue');
      expect(obligationOf(state, '2024-03-25', 'C24-COMPLAINT', 'less-intensive/g-1')).toMatchObject({
        dueOn: '2024-04-05',
        status: 'open',
      });
    });

    it('takes a ground of starting work, leave, retirement or study only within the next 6 weeks (LAB § 106(1))', () => {
      const document = (data: object) =>
        ({
          type: 'DocumentLessIntensiveGround',
          recordedBy: 'akasse',
          today: d('2024-03-20'),
          data: {
            groundId: 'g-9',
            ground: 'ordinary-work-or-flex-job-within-6-weeks',
            from: d('2024-03-05'),
            ...data,
          },
        }) as ContactProcessCommand;
      expect(decide(document({ startsOn: d('2024-04-16') }), base())).toHaveLength(1); // 42 days after
      expect(refusal(document({ startsOn: d('2024-04-17') }), base())).toMatchObject({
        ruleId: 'C24-LESS',
        field: 'startsOn',
      });
      expect(refusal(document({}), base())).toMatchObject({ ruleId: 'C24-LESS', field: 'startsOn' });
      expect(refusal(document({ ground: 'work-sharing', startsOn: d('2024-03-10') }), base())).toMatchObject({
        ruleId: 'C24-LESS',
        field: 'startsOn',
      });
      expect(decide(document({ ground: 'work-sharing' }), base())).toHaveLength(1);
    });

    it('does not waive after the ground ended', () => {
      const ended: ContactProcessEvent = {
        type: 'LessIntensiveEffortGroundEnded',
        data: { groundId: 'g-1', endedOn: d('2024-03-10') },
      };
      expect(obligationOf(base(ground, ended), '2024-03-25', 'C24-FIRST').status).toBe('overdue');
    });

    it('keeps what a less-intensive ground waived before the owner overruled it (LAB § 106(3))', () => {
      const ground: ContactProcessEvent = {
        type: 'LessIntensiveEffortGroundDocumented',
        data: { groundId: 'g-1', ground: 'maternity-or-parental-leave', from: d('2024-03-05') },
      };
      const overruled: ContactProcessEvent = {
        type: 'LessIntensiveEffortOverruled',
        data: {
          groundId: 'g-1',
          decidedOn: d('2024-04-02'),
          notifiedOn: d('2024-04-02'),
          by: 'akasse',
          reason: 'to-the-persons-benefit',
        },
      };
      const state = base(ground, overruled);
      // The first interview fell due on 18 March, while the ground held: still waived after the decision.
      expect(obligationOf(state, '2024-04-10', 'C24-FIRST').status).toBe('waived');
      // As it stood before the decision, the same.
      expect(obligationOf(state, '2024-03-25', 'C24-FIRST').status).toBe('waived');
    });

    describe('C24-LESS: a documented start "inden for de næste 6 uger" (LAB § 106(1) nos. 1 and 4; 002 §7.1)', () => {
      it('exempts up to and including the day of the start, and not after it', () => {
        // Given a documented start of work on 15 March: the first interview, due 18 March, is owed again
        expect(obligationOf(base(startingWork('2024-03-15')), '2024-03-25', 'C24-FIRST')).toMatchObject({
          status: 'overdue',
          waivedBy: [],
        });
        // Given the start on 18 March, the day the first interview falls due: still exempt on that day
        expect(obligationOf(base(startingWork('2024-03-18')), '2024-03-25', 'C24-FIRST')).toMatchObject({
          status: 'waived',
          waivedBy: ['e4'],
        });
        // A ground without a start runs until it is ended
        const sentHome = groundDocumented({ ground: 'sent-home-weather-or-materials' });
        expect(obligationOf(base(sentHome), '2024-05-25', 'C24-FIRST').status).toBe('waived');
      });
    });

    describe('C24-LESS: deciding that the person is not exempt (LAB § 106(3); 002 §7.2)', () => {
      const overrule = (
        overrides: Partial<EventOf<'LessIntensiveEffortOverruled'>['data']> = {},
        on = '2024-04-30',
      ): ContactProcessCommand => ({
        type: 'OverruleLessIntensiveEffort',
        recordedBy: 'akasse',
        today: d(on),
        data: {
          groundId: 'g-1',
          decidedOn: d('2024-03-20'),
          notifiedOn: d('2024-03-21'),
          by: 'akasse',
          reason: 'abuse-or-speculation',
          complaintGuidanceGiven: true,
          ...overrides,
        },
      });

      it('is accepted for a ground that holds on the day of the decision', () => {
        expect(decide(overrule(), base(groundDocumented()))).toEqual([
          { type: 'LessIntensiveEffortOverruled', data: expect.objectContaining({ groundId: 'g-1' }) },
        ]);
      });

      it('given a decision without complaint guidance (002 §11), when the owner overrules the ground, then it is refused', () => {
        for (const complaintGuidanceGiven of [false, undefined]) {
          expect(refusal(overrule({ complaintGuidanceGiven }), base(groundDocumented()))).toMatchObject({
            ruleId: 'C24-COMPLAINT',
            field: 'complaintGuidanceGiven',
          });
        }
      });

      it('refuses a notification before the decision', () => {
        expect(refusal(overrule({ notifiedOn: d('2024-03-19') }), base(groundDocumented()))).toMatchObject({
          ruleId: 'C24-LESS',
          field: 'notifiedOn',
        });
      });

      it('refuses a decision dated after today', () => {
        const command = overrule({ decidedOn: d('2024-05-02'), notifiedOn: d('2024-05-02') }, '2024-04-30');
        expect(refusal(command, base(groundDocumented()))).toMatchObject({
          ruleId: 'C24-LESS',
          field: 'decidedOn',
        });
      });

      it('refuses a ground that does not hold on the day of the decision', () => {
        const ended: ContactProcessEvent = {
          type: 'LessIntensiveEffortGroundEnded',
          data: { groundId: 'g-1', endedOn: d('2024-03-10') },
        };
        for (const state of [
          base(groundDocumented(), ended), // ended before
          base(groundDocumented({ from: d('2024-03-25') })), // documented from a later day
          base(startingWork('2024-03-15')), // the work began before
        ])
          expect(refusal(overrule(), state)).toMatchObject({ ruleId: 'C24-LESS', field: 'decidedOn' });
        // The day of the start itself still holds
        expect(decide(overrule(), base(startingWork('2024-03-20')))).toHaveLength(1);
      });

      it('refuses a ground already overruled', () => {
        const overruled: ContactProcessEvent = {
          type: 'LessIntensiveEffortOverruled',
          data: {
            groundId: 'g-1',
            decidedOn: d('2024-03-12'),
            notifiedOn: d('2024-03-12'),
            by: 'akasse',
            reason: 'to-the-persons-benefit',
          },
        };
        expect(refusal(overrule(), base(groundDocumented(), overruled))).toMatchObject({
          ruleId: 'C24-LESS',
          field: 'groundId',
        });
      });
    });
  });

  describe('C24-REC: joint recommendation — the a-kasse sends, the jobcentre decides', () => {
    const sent = (overrides: Partial<JointRecommendationSent> = {}): EventOf<'JointRecommendationSent'> => ({
      type: 'JointRecommendationSent',
      data: {
        recommendationId: 'r-1',
        sentOn: d('2024-04-02'),
        personAgreed: true,
        subject: 'offer',
        chapter: 11,
        description: 'company internship at a warehouse the person found',
        ...overrides,
      },
    });
    const answered = (
      overrides: Partial<JointRecommendationAnswered> = {},
    ): EventOf<'JointRecommendationAnswered'> => ({
      type: 'JointRecommendationAnswered',
      data: {
        recommendationId: 'r-1',
        answeredOn: d('2024-04-09'),
        decision: 'refused',
        offerId: null,
        reason: 'the internship does not lead towards the job goal',
        personNotifiedOn: d('2024-04-09'),
        akasseToldOn: d('2024-04-09'),
        ...overrides,
      },
    });
    const answer = (data: JointRecommendationAnswered, recordedBy: 'akasse' | 'jobcenter' = 'jobcenter') =>
      ({
        type: 'AnswerJointRecommendation',
        recordedBy,
        today: d('2024-05-01'),
        data,
      }) as ContactProcessCommand;

    it('has the jobcentre enter a granted supporting effort as an activity in Min Plan (002 §10)', () => {
      const effort = sent({ subject: 'supporting-effort', chapter: 26, description: 'mentor support' });
      const granted = answered({ decision: 'granted', reason: null });
      const revision = (by: 'akasse' | 'jobcenter'): ContactProcessEvent => ({
        type: 'MinPlanRevised',
        data: {
          revisedOn: d('2024-04-12'),
          by,
          reason: 'mentor support granted on the joint recommendation',
          otherAgreedEfforts: ['mentor support'],
        },
      });
      expect(
        obligationOf(base(effort, granted), '2024-04-15', 'C24-REC', 'r-1/min-plan-activity'),
      ).toMatchObject({
        owner: 'jobcenter',
        status: 'open',
        note: expect.stringContaining('not yet entered as an activity'),
      });
      expect(
        obligationOf(
          base(effort, granted, revision('akasse')),
          '2024-04-15',
          'C24-REC',
          'r-1/min-plan-activity',
        ).status,
      ).toBe('open');
      expect(
        obligationOf(
          base(effort, granted, revision('jobcenter')),
          '2024-04-15',
          'C24-REC',
          'r-1/min-plan-activity',
        ).status,
      ).toBe('met');
    });

    it('puts the decision on the jobcentre’s list, with no due date: the law sets no time limit', () => {
      expect(obligationOf(base(sent()), '2024-06-01', 'C24-REC', 'r-1')).toMatchObject({
        owner: 'jobcenter',
        dueOn: null,
        status: 'open',
        legalReference: '002 §10',
      });
    });

    it('is met by the decision', () => {
      expect(obligationOf(base(sent(), answered()), '2024-06-01', 'C24-REC', 'r-1')).toMatchObject({
        status: 'met',
        metBy: ['e5'],
      });
    });

    it('asks a refusal to reach the person and, reasoned, the a-kasse at the same time', () => {
      expect(obligationOf(base(sent(), answered()), '2024-06-01', 'C24-REC', 'r-1/refusal').status).toBe(
        'met',
      );
      const late = obligationOf(
        base(sent(), answered({ akasseToldOn: null })),
        '2024-04-10',
        'C24-REC',
        'r-1/refusal',
      );
      expect(late).toMatchObject({ status: 'overdue', dueOn: '2024-04-09' });
      expect(late.note).toMatch(/reasoned reply to the a-kasse/);
    });

    it('asks the jobcentre to enter a granted offer in Min Plan', () => {
      const granted = answered({ decision: 'granted', offerId: 'o-7', reason: null });
      const entered: EventOf<'MinPlanRevised'> = {
        type: 'MinPlanRevised',
        data: {
          revisedOn: d('2024-04-12'),
          by: 'jobcenter',
          reason: 'internship granted',
          offerIds: ['o-7'],
        },
      };
      expect(obligationOf(base(sent(), granted), '2024-04-10', 'C24-REC', 'r-1/min-plan')).toMatchObject({
        owner: 'jobcenter',
        status: 'open',
        note: 'the granted offer o-7 is not yet in Min Plan',
      });
      expect(
        obligationOf(base(sent(), granted, entered), '2024-04-20', 'C24-REC', 'r-1/min-plan'),
      ).toMatchObject({
        status: 'met',
        fulfilledOn: '2024-04-12',
        metBy: ['e6'],
      });
    });

    it('refuses a recommendation the person does not agree with', () => {
      const command: ContactProcessCommand = {
        type: 'SendJointRecommendation',
        recordedBy: 'akasse',
        today: d('2024-05-01'),
        data: sent({ personAgreed: false }).data,
      };
      expect(refusal(command, base())).toMatchObject({ ruleId: 'C24-REC', field: 'personAgreed' });
    });

    it('refuses a recommendation sent by the jobcentre, or for a chapter that is not an offer', () => {
      const command = (recordedBy: 'akasse' | 'jobcenter', chapter: number): ContactProcessCommand => ({
        type: 'SendJointRecommendation',
        recordedBy,
        today: d('2024-05-01'),
        data: sent({ chapter }).data,
      });
      expect(refusal(command('jobcenter', 11), base())).toMatchObject({
        ruleId: 'C24-REC',
        field: 'recordedBy',
      });
      expect(refusal(command('akasse', 26), base())).toMatchObject({ ruleId: 'C24-REC', field: 'chapter' });
    });

    it('refuses an unreasoned refusal, a decision by the a-kasse, and a second decision', () => {
      expect(refusal(answer(answered({ reason: ' ' }).data), base(sent()))).toMatchObject({
        ruleId: 'C24-REC',
        field: 'reason',
      });
      expect(refusal(answer(answered().data, 'akasse'), base(sent()))).toMatchObject({
        ruleId: 'C24-REC',
        field: 'recordedBy',
      });
      expect(refusal(answer(answered().data), base(sent(), answered()))).toMatchObject({
        ruleId: 'C24-REC',
        field: 'recommendationId',
      });
    });

    it('has a granted offer name the offer the jobcentre granted', () => {
      const granted = answered({ decision: 'granted', reason: null, offerId: 'o-1' }).data;
      expect(refusal(answer(granted), base(sent()))).toMatchObject({
        code: 'unknown-reference',
        field: 'offerId',
      });
      const offer: ContactProcessEvent = {
        type: 'OfferGranted',
        data: {
          offerId: 'o-1',
          grantedOn: d('2024-04-09'),
          by: 'jobcenter',
          chapter: 11,
          startsOn: d('2024-04-15'),
        },
      };
      expect(decide(answer(granted), base(sent(), offer))).toHaveLength(1);
    });

    it('takes a joint recommendation only while the a-kasse holds the contact process (002 §10)', () => {
      const send = (sentOn: string) =>
        ({
          type: 'SendJointRecommendation',
          recordedBy: 'akasse',
          today: d('2024-08-01'),
          data: {
            recommendationId: 'r-1',
            sentOn: d(sentOn),
            personAgreed: true,
            subject: 'offer',
            chapter: 11,
            description: 'company internship',
          },
        }) as ContactProcessCommand;
      // Handed over at the end of June: in July the jobcentre holds the process.
      expect(refusal(send('2024-07-10'), base(...fullMonths('2024-03', 3)))).toMatchObject({
        ruleId: 'C24-REC',
        field: 'sentOn',
      });
      expect(decide(send('2024-04-02'), base(...fullMonths('2024-03', 3)))).toHaveLength(1);
    });

    describe('C24-REC: the granted offer and the granted supporting effort in Min Plan (002 §10)', () => {
      it('keeps the two duties under distinct keys when one answer carries both', () => {
        const offer: ContactProcessEvent = {
          type: 'OfferGranted',
          data: {
            offerId: 'o-1',
            grantedOn: d('2024-04-09'),
            by: 'jobcenter',
            chapter: 14,
            startsOn: d('2024-04-15'),
          },
        };
        const effort: ContactProcessEvent = {
          type: 'JointRecommendationSent',
          data: {
            recommendationId: 'r-1',
            sentOn: d('2024-04-02'),
            personAgreed: true,
            subject: 'supporting-effort',
            chapter: 26,
            description: 'mentor support',
          },
        };
        const granted: ContactProcessEvent = {
          type: 'JointRecommendationAnswered',
          data: {
            recommendationId: 'r-1',
            answeredOn: d('2024-04-09'),
            decision: 'granted',
            offerId: 'o-1',
            reason: null,
            personNotifiedOn: d('2024-04-09'),
            akasseToldOn: d('2024-04-09'),
          },
        };
        const state = base(offer, effort, granted);
        const keys = evaluateObligations(state, d('2024-04-20')).map((o) => o.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(obligationOf(state, '2024-04-20', 'C24-REC', 'r-1/min-plan').note).toBe(
          'the granted offer o-1 is not yet in Min Plan',
        );
        expect(obligationOf(state, '2024-04-20', 'C24-REC', 'r-1/min-plan-activity').note).toMatch(
          /supporting effort is not yet entered as an activity/,
        );
      });
    });
  });

  describe('offers requested and refused', () => {
    const requested = (reason: OfferRequested['reason']): ContactProcessEvent => ({
      type: 'OfferRequested',
      data: { requestId: 'q-1', requestedOn: d('2024-04-02'), by: 'akasse', reason },
    });
    const refuse = (recordedBy: 'akasse' | 'jobcenter' = 'jobcenter'): ContactProcessCommand => ({
      type: 'RefuseOffer',
      recordedBy,
      today: d('2024-05-01'),
      data: {
        requestId: 'q-1',
        refusedOn: d('2024-04-10'),
        by: recordedBy,
        reason: 'no suitable internship',
        personNotifiedOn: d('2024-04-10'),
      },
    });

    it('lets the jobcentre refuse an ordinary request', () => {
      expect(decide(refuse(), base(requested('other')))).toEqual([
        expect.objectContaining({ type: 'OfferRefused' }),
      ]);
    });

    it('refuses a refusal by the a-kasse, and of a request never made', () => {
      expect(refusal(refuse('akasse'), base(requested('other')))).toMatchObject({ ruleId: 'C24-MINPLAN' });
      expect(refusal(refuse(), base())).toMatchObject({ code: 'unknown-reference', field: 'requestId' });
    });

    it('does not let the jobcentre refuse the offer after a control action (C24-CTRLOFFER)', () => {
      expect(refusal(refuse(), base(requested('control-action')))).toMatchObject({
        ruleId: 'C24-CTRLOFFER',
        field: 'requestId',
      });
    });
  });

  describe('C24-NUPH: the person notified at the same time; the member told the result', () => {
    const sent = (personNotifiedOn: string | null): ContactProcessEvent => ({
      type: 'NuphSent',
      data: {
        nuphId: 'n-1',
        sentOn: d('2024-04-10'),
        personNotifiedOn: personNotifiedOn === null ? null : d(personNotifiedOn),
      },
    });

    it('is met when the person is notified the same day', () => {
      expect(obligationOf(base(sent('2024-04-10')), '2024-04-20', 'C24-NUPH', 'n-1')).toMatchObject({
        status: 'met',
        owner: 'jobcenter',
      });
    });

    it('shows a missing notice as a breach', () => {
      const o = obligationOf(base(sent(null)), '2024-04-11', 'C24-NUPH', 'n-1');
      expect(o.status).toBe('overdue');
      expect(o.note).toMatch(/no notice to the person/);
    });

    it('owes the notice only for BAB §146(1), §§147–150 and §§152–154 (BAB §156)', () => {
      const under = (babSection: string): ContactProcessEvent => ({
        type: 'NuphSent',
        data: { nuphId: 'n-1', sentOn: d('2024-04-10'), personNotifiedOn: null, babSection },
      });
      expect(obligationOf(base(under('§151')), '2024-04-11', 'C24-NUPH', 'n-1')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('BAB §151'),
      });
      for (const section of ['§146(1)', '§147', '§154'])
        expect(obligationOf(base(under(section)), '2024-04-11', 'C24-NUPH', 'n-1').status).toBe('overdue');
    });

    it('misses a notice not given by the time the a-kasse answered, instead of keeping it overdue (C24-NUPH-NOTICE-ENDS, #18 item 1)', () => {
      // Given a notification of 10 April without the person's notice ("samtidig give personen besked", 002 §14.2)
      const answered: ContactProcessEvent = {
        type: 'NuphAnswered',
        data: { nuphId: 'n-1', answeredOn: d('2024-04-15'), memberNotifiedOn: d('2024-04-15') },
      };
      // When the a-kasse has finished with it and told the member the result on 15 April
      const state = base(sent(null), answered);
      expect(obligationOf(state, '2024-04-15', 'C24-NUPH', 'n-1').status).toBe('overdue');
      // Then the initial notice can no longer serve: missed from the day after
      expect(obligationOf(state, '2024-04-16', 'C24-NUPH', 'n-1')).toMatchObject({
        status: 'missed',
        windowClosesOn: '2024-04-15',
      });
      expect(C24.parameters.nuphNoticeEnds).toMatchObject({ value: 'answer', verified: false });
    });

    it('asks the a-kasse to tell the member the result when it answers', () => {
      const answered: ContactProcessEvent = {
        type: 'NuphAnswered',
        data: { nuphId: 'n-1', answeredOn: d('2024-04-15'), memberNotifiedOn: null },
      };
      expect(
        obligationOf(base(sent('2024-04-10'), answered), '2024-04-16', 'C24-NUPH', 'n-1/answer'),
      ).toMatchObject({ owner: 'akasse', status: 'overdue' });
    });

    it('refuses an answer to a notice that was never sent', () => {
      const command: ContactProcessCommand = {
        type: 'AnswerNuph',
        recordedBy: 'akasse',
        today: d('2024-05-01'),
        data: { nuphId: 'nope', answeredOn: d('2024-04-15'), memberNotifiedOn: null },
      };
      expect(refusal(command, base())).toMatchObject({ ruleId: 'C24-NUPH', code: 'unknown-reference' });
    });

    describe('C24-NUPH: the notice and its answer (BAB § 156; 002 §14.2)', () => {
      const nuphSent: ContactProcessEvent = {
        type: 'NuphSent',
        data: { nuphId: 'n-1', sentOn: d('2024-04-10'), personNotifiedOn: d('2024-04-10') },
      };
      const answer = (answeredOn: string, memberNotifiedOn: string | null): ContactProcessCommand => ({
        type: 'AnswerNuph',
        recordedBy: 'akasse',
        today: d('2024-05-01'),
        data: {
          nuphId: 'n-1',
          answeredOn: d(answeredOn),
          memberNotifiedOn: memberNotifiedOn === null ? null : d(memberNotifiedOn),
        },
      });
      const send = (babSection?: string | null): ContactProcessCommand => ({
        type: 'SendNuph',
        recordedBy: 'jobcenter',
        today: d('2024-05-01'),
        data: {
          nuphId: 'n-1',
          sentOn: d('2024-04-10'),
          personNotifiedOn: d('2024-04-10'),
          ...(babSection === undefined ? {} : { babSection }),
        },
      });

      it('accepts an answer on or after the notice, the member told on or after the answer', () => {
        expect(decide(answer('2024-04-10', '2024-04-10'), base(nuphSent))).toHaveLength(1);
      });

      it('refuses an answer dated before the notice was sent', () => {
        expect(refusal(answer('2024-04-09', null), base(nuphSent))).toMatchObject({
          ruleId: 'C24-NUPH',
          field: 'answeredOn',
        });
      });

      it('refuses a second answer to the same notice', () => {
        const answered: ContactProcessEvent = {
          type: 'NuphAnswered',
          data: { nuphId: 'n-1', answeredOn: d('2024-04-15'), memberNotifiedOn: d('2024-04-15') },
        };
        expect(refusal(answer('2024-04-20', null), base(nuphSent, answered))).toMatchObject({
          ruleId: 'C24-NUPH',
          field: 'nuphId',
        });
      });

      it('refuses the member told of the result before the answer', () => {
        expect(refusal(answer('2024-04-15', '2024-04-14'), base(nuphSent))).toMatchObject({
          ruleId: 'C24-NUPH',
          field: 'memberNotifiedOn',
        });
      });

      it('accepts the BAB sections the seed names, § 151, and none; refuses any other', () => {
        for (const section of [
          '§146(1)',
          '§147',
          '§148',
          '§149',
          '§150',
          '§151',
          '§152',
          '§153',
          '§154',
          null,
          undefined,
        ])
          expect(decide(send(section), base())).toHaveLength(1);
        for (const typo of ['§1477', '§146', '§ 147', '147', ''])
          expect(refusal(send(typo), base())).toMatchObject({
            ruleId: 'C24-NUPH',
            field: 'babSection',
            message: expect.stringContaining('§146(1)'),
          });
      });
    });
  });

  describe('C24-AVAIL: availability interviews are the a-kasse’s and never job interviews', () => {
    it('refuses an availability interview recorded by the jobcentre', () => {
      const command: ContactProcessCommand = {
        type: 'RecordAvailabilityInterview',
        recordedBy: 'jobcenter',
        today: d('2024-05-01'),
        data: { heldOn: d('2024-04-01') },
      };
      expect(refusal(command, base())).toMatchObject({ ruleId: 'C24-AVAIL' });
    });
  });

  describe('C24-JOBORDER: another a-kasse sees a member’s data only for a job order under an agreement', () => {
    const look = (overrides: Partial<MemberDataRequest> = {}): MemberDataRequest => ({
      viewerAkasseId: 'akasse-hk',
      memberAkasseId: 'akasse-3f',
      data: 'cv',
      jobOrderId: 'job-77',
      agreementBetweenAkasser: true,
      memberAttachedToJobOrder: true,
      ...overrides,
    });

    it('allows CV, CPR and health limitations for a concrete recruitment under an agreement', () => {
      for (const data of ['cv', 'cpr', 'health-limitations'] as const) {
        expect(memberDataAccess(look({ data }))).toMatchObject({ allowed: true, ruleId: 'C24-JOBORDER' });
      }
    });

    it('refuses without a job order, without an agreement, or for other data', () => {
      expect(memberDataAccess(look({ jobOrderId: null })).allowed).toBe(false);
      expect(memberDataAccess(look({ agreementBetweenAkasser: false })).reason).toMatch(
        /no job-order agreement/,
      );
      expect(memberDataAccess(look({ data: 'other' })).allowed).toBe(false);
    });

    it('refuses a member the own a-kasse has not attached to that job order ("tilknytter … til jobordren")', () => {
      expect(memberDataAccess(look({ memberAttachedToJobOrder: false }))).toMatchObject({
        allowed: false,
        ruleId: 'C24-JOBORDER',
        reason: expect.stringContaining('has not attached this member to job order job-77'),
      });
    });

    it('always allows the member’s own a-kasse', () => {
      expect(
        memberDataAccess(
          look({ viewerAkasseId: 'akasse-3f', jobOrderId: null, agreementBetweenAkasser: false }),
        ),
      ).toMatchObject({ allowed: true });
    });

    it('keeps the availability assessment with the own a-kasse, also under a job order (C24-AVAIL)', () => {
      expect(memberDataAccess(look({ data: 'availability-assessment' }))).toMatchObject({
        allowed: false,
        ruleId: 'C24-AVAIL',
      });
      expect(
        memberDataAccess(look({ data: 'availability-assessment', viewerAkasseId: 'akasse-3f' })).allowed,
      ).toBe(true);
    });
  });

  describe('preconditions of the facts themselves', () => {
    it('refuses a job interview dated before the registration, naming C24-FIRST', () => {
      const command: ContactProcessCommand = {
        type: 'RecordJobInterview',
        recordedBy: 'akasse',
        today: d('2024-05-01'),
        data: (interview('2024-03-01') as Extract<ContactProcessEvent, { type: 'JobInterviewHeld' }>).data,
      };
      expect(refusal(command, base())).toMatchObject({ ruleId: 'C24-FIRST', field: 'heldOn' });
    });

    it('refuses a registration before the person facts the visitation rule needs', () => {
      const command: ContactProcessCommand = {
        type: 'RegisterAsJobseeker',
        recordedBy: 'akasse',
        today: d('2024-05-01'),
        data: { registeredOn: d('2024-03-04'), jobcenterId: 'jc' },
      };
      expect(refusal(command, given(placed()))).toMatchObject({ ruleId: 'C24-VISIT', field: 'personFacts' });
    });

    it('refuses a fact dated after today', () => {
      const command: ContactProcessCommand = {
        type: 'MarkCvComplete',
        recordedBy: 'akasse',
        today: d('2024-03-10'),
        data: { markedOn: d('2024-03-11'), by: 'akasse' },
      };
      expect(refusal(command, base())).toMatchObject({ field: 'markedOn' });
    });
  });

  describe("the a-kasse's duties end when it hands the contact process over (#18 item 1)", () => {
    // Given registered 4 March 2024, no job interview, the 410 hours registered on 5 June: handover 30 June
    const control = (receivedOn: string): ContactProcessEvent => ({
      type: 'ControlActionDoubtReceived',
      data: { receivedOn: d(receivedOn), abroad: false },
    });
    const state = () => base(control('2024-04-10'), control('2024-07-10'), ...handoverJune);

    it('C24-MINPLAN: no first interview, so no Min Plan at it — missed after the handover (002 §9.1: job goals "i de første 3 måneder")', () => {
      expect(obligationOf(state(), '2024-06-30', 'C24-MINPLAN', 'bp-1').status).toBe('overdue');
      expect(obligationOf(state(), '2024-07-01', 'C24-MINPLAN', 'bp-1')).toMatchObject({
        status: 'missed',
        windowClosesOn: '2024-06-30',
      });
    });

    it('C24-CV: the a-kasse\'s CV duty is missed after the handover, when "herefter skal jobcentret løbende påse" it (002 §8.1)', () => {
      expect(obligationOf(state(), '2024-06-30', 'C24-CV', '2024-03-04').status).toBe('overdue');
      expect(obligationOf(state(), '2024-07-01', 'C24-CV', '2024-03-04')).toMatchObject({
        owner: 'akasse',
        status: 'missed',
        windowClosesOn: '2024-06-30',
      });
    });

    it("C24-CTRL: the a-kasse's interview after a control action is missed after the handover, the jobcentre's stays owed (002 §6)", () => {
      // "Jobcentret eller a-kassen er således ansvarlig … i den periode, hvor de hver især er ansvarlig for at
      // varetage personens kontaktforløb"
      expect(obligationOf(state(), '2024-06-30', 'C24-CTRL', '2024-04-10').status).toBe('overdue');
      expect(obligationOf(state(), '2024-07-20', 'C24-CTRL', '2024-04-10')).toMatchObject({
        owner: 'akasse',
        status: 'missed',
        windowClosesOn: '2024-06-30',
      });
      expect(obligationOf(state(), '2024-07-20', 'C24-CTRL', '2024-07-10')).toMatchObject({
        owner: 'jobcenter',
        status: 'overdue',
        windowClosesOn: null,
      });
    });

    it("C24-CTRL: for the education-injunction group the a-kasse's duty ends the day before the visitation", () => {
      const visitated: ContactProcessEvent = {
        type: 'VisitatedToJobcenter',
        data: { visitatedOn: d('2024-04-30') },
      };
      const youngState = young(control('2024-04-10'), visitated);
      expect(obligationOf(youngState, '2024-05-10', 'C24-CTRL', '2024-04-10')).toMatchObject({
        owner: 'akasse',
        status: 'missed',
        windowClosesOn: '2024-04-29',
      });
    });
  });

  describe('a deadline passing unmet', () => {
    it('is appended by the system once, naming the rule and due date', () => {
      const state = base();
      const events = decide({ type: 'EvaluateDeadlines', asOf: d('2024-03-19') }, state);
      expect(events).toEqual(
        expect.arrayContaining([
          {
            type: 'DeadlineMissed',
            data: {
              obligationKey: 'C24-FIRST:bp-1',
              ruleId: 'C24-FIRST',
              dueOn: '2024-03-18',
              detectedOn: '2024-03-19',
            },
          },
        ]),
      );
      const after = given(aPerson(), placed(), registered('2024-03-04'), ...events);
      expect(
        decide({ type: 'EvaluateDeadlines', asOf: d('2024-03-20') }, after).filter(
          (e) => e.type === 'DeadlineMissed' && e.data.ruleId === 'C24-FIRST',
        ),
      ).toEqual([]);
    });
  });

  describe('regime', () => {
    it('evaluates no C24 obligations for a placement before 2024-01-01', () => {
      const state = given(aPerson(), placed({ placedOn: d('2023-11-01') }), registered('2023-11-02'));
      expect(() => obligationOf(state, '2024-02-01', 'C24-FIRST')).toThrow(/found 0/);
    });
  });
});
