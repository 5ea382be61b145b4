import { decide, type ContactProcessCommand } from '../process/decide';
import type {
  ActionPlanCompleted,
  ActionPlanRevised,
  AfNoticeReceived,
  ContactProcessEvent,
  GuidanceGiven,
  PreparationMeetingHeld,
  UncalledTargetGroupMemberNoticed,
} from '../contact-process.events';
import { evaluateObligations, explainRegime } from '../obligations';
import {
  aPerson,
  d,
  fullMonths,
  given,
  hours,
  obligationOf,
  placed,
  registered,
  refusal,
} from '../testing/scenario';
import { rulesDigestIds } from '../testing/rules-digest';
import { HP } from './hp.rules';

/** Placed 3 January 1994 under the act on an active labour-market policy. */
const member = (...more: ContactProcessEvent[]) =>
  given(
    aPerson({ birthDate: d('1960-05-05') }),
    placed({ placedOn: d('1994-01-03') }),
    registered('1994-01-03'),
    ...more,
  );

const notice = (overrides: Partial<AfNoticeReceived> = {}): ContactProcessEvent => ({
  type: 'AfNoticeReceived',
  data: {
    noticeId: 'n-1',
    receivedOn: d('1994-04-05'),
    reason: 'called-for-plan',
    agreedPeriodWeeks: null,
    ...overrides,
  },
});
const requested = (
  planId = 'p-1',
  requestedOn = '1994-05-02',
  transitionalOrder = false,
): ContactProcessEvent => ({
  type: 'ActionPlanRequested',
  data: { planId, requestedOn: d(requestedOn), transitionalOrder },
});
const completed = (overrides: Partial<ActionPlanCompleted> = {}): ContactProcessEvent => ({
  type: 'ActionPlanCompleted',
  data: {
    planId: 'p-1',
    completedOn: d('1994-06-01'),
    employmentGoal: 'warehouse worker',
    activities: ['forklift course'],
    followUpContactOn: d('1994-09-01'),
    offerStartsOn: null,
    copyToAkasseOn: d('1994-06-01'),
    preparationSkipped: null,
    ...overrides,
  },
});
const revised = (overrides: Partial<ActionPlanRevised> = {}): ContactProcessEvent => ({
  type: 'ActionPlanRevised',
  data: {
    planId: 'p-1',
    revisedOn: d('1994-08-10'),
    reason: 'job training offered at a warehouse',
    cause: 'offer-outside-plan',
    offerId: 'o-1',
    changes: ['job training added'],
    offerStartsOn: d('1994-08-20'),
    copyToAkasseOn: d('1994-08-10'),
    ...overrides,
  },
});

const preparationData = (overrides: Partial<PreparationMeetingHeld> = {}): PreparationMeetingHeld => ({
  noticeId: 'n-1',
  heldOn: d('1994-04-20'),
  toldMember: 'availability until a plan exists',
  notesSentToAfOn: null,
  ...overrides,
});
const preparation = (overrides: Partial<PreparationMeetingHeld> = {}): ContactProcessEvent => ({
  type: 'PreparationMeetingHeld',
  data: preparationData(overrides),
});
const recordPreparation = (data: PreparationMeetingHeld, today = '1994-05-10') =>
  ({
    type: 'RecordPreparationMeeting',
    recordedBy: 'akasse',
    today: d(today),
    data,
  }) as ContactProcessCommand;
/** A member who came to the a-kasse unprompted on 18 April 1994, guided on the 20th. */
const unprompted = (overrides: Partial<PreparationMeetingHeld> = {}) =>
  preparationData({ noticeId: null, approachedOn: d('1994-04-18'), referredToAfOn: null, ...overrides });

describe('HP — individual action plans (1994–2002)', () => {
  it('governs a benefit period placed under the act on an active labour-market policy, before 2003', () => {
    const state = member();
    expect(explainRegime(state, state.periods[0]).ruleSetId).toBe('HP');
    const before = given(aPerson(), placed({ placedOn: d('1990-02-01') }), registered('1990-02-01'), {
      type: 'DeregisteredAsJobseeker',
      data: { deregisteredOn: d('1991-01-01') },
    });
    expect(explainRegime(before, before.periods[0]).ruleSetId).toBeNull();
  });

  describe('HP-PREP: the a-kasse’s preparation meeting after AF’s notice', () => {
    it('is due within 4 weeks of the a-kasse receiving the notice (1993 guidance)', () => {
      expect(obligationOf(member(notice()), '1994-05-10', 'HP-PREP', 'n-1')).toMatchObject({
        owner: 'akasse',
        dueOn: '1994-05-03',
        status: 'overdue',
        ruleSetId: 'HP',
      });
    });

    it('is missed, not overdue for ever, once a new placement ends the benefit period (HP-PERIOD-ENDS, #18 item 1)', () => {
      // Given AF's notice received 5 April 1994 and no preparation meeting held by its due day (3 May)
      // When the member is placed in a new benefit period on 1 September 1994, with no plan made in the first
      const state = member(notice(), placed({ benefitPeriodId: 'bp-2', placedOn: d('1994-09-01') }));
      expect(obligationOf(member(notice()), '1994-09-10', 'HP-PREP', 'n-1').status).toBe('overdue');
      // Then the first period's meeting is missed from the day after that period ended
      expect(obligationOf(state, '1994-09-10', 'HP-PREP', 'n-1')).toMatchObject({
        status: 'missed',
        windowClosesOn: '1994-08-31',
        note: expect.stringContaining('HP-PERIOD-ENDS, unverified reading'),
      });
      expect(HP.parameters.periodEnds).toMatchObject({ value: 'next-placement', verified: false });
    });

    it('from the 1995 order: within the regionally agreed period, and with none agreed no fixed period', () => {
      const agreed = notice({ receivedOn: d('1995-06-01'), agreedPeriodWeeks: 3 });
      expect(obligationOf(member(agreed), '1995-06-05', 'HP-PREP', 'n-1').dueOn).toBe('1995-06-22');
      const none = notice({ receivedOn: d('1995-06-01') });
      expect(obligationOf(member(none), '1995-08-01', 'HP-PREP', 'n-1')).toMatchObject({
        dueOn: null,
        status: 'open',
        note: expect.stringContaining('no fixed time limit'),
      });
    });

    it('is met by the meeting; before the 1995 order its notes go to AF with no time set (000 bilag 1)', () => {
      // Seed 000 asks for the notes to be exchanged "Efter samtale i arbejdsløshedskassen" and names no time.
      const state = member(notice(), preparation({ notesSentToAfOn: d('1994-04-22') }));
      expect(obligationOf(state, '1994-05-10', 'HP-PREP', 'n-1').status).toBe('met');
      expect(obligationOf(state, '1994-05-10', 'HP-PREP', 'n-1/notes')).toMatchObject({
        dueOn: null,
        status: 'met',
        fulfilledOn: '1994-04-22',
        note: expect.stringContaining('sets no time'),
      });
      expect(obligationOf(member(notice(), preparation()), '1994-05-10', 'HP-PREP', 'n-1/notes').status).toBe(
        'open',
      );
    });

    it('from the 1995 order the notes go to AF in immediate continuation of the meeting (001 §10)', () => {
      const state = member(
        notice({ receivedOn: d('1995-06-01') }),
        preparation({ heldOn: d('1995-06-10'), notesSentToAfOn: d('1995-06-12') }),
      );
      expect(obligationOf(state, '1995-07-01', 'HP-PREP', 'n-1/notes')).toMatchObject({
        dueOn: '1995-06-10',
        status: 'missed',
        fulfilledOn: '1995-06-12',
        note: expect.stringContaining('umiddelbar forlængelse'),
      });
    });

    describe('the member’s copy of the a-kasse’s notes (000 phase 2; 001 §10)', () => {
      it('is due at the meeting, and overdue while not recorded as handed over', () => {
        expect(
          obligationOf(member(notice(), preparation()), '1994-05-10', 'HP-PREP', 'n-1/copy'),
        ).toMatchObject({
          owner: 'akasse',
          dueOn: '1994-04-20',
          status: 'overdue',
          note: expect.stringContaining('not recorded as handed over'),
        });
        const handed = member(notice(), preparation({ copyGivenToMemberOn: d('1994-04-20') }));
        expect(obligationOf(handed, '1994-05-10', 'HP-PREP', 'n-1/copy')).toMatchObject({
          status: 'met',
          fulfilledOn: '1994-04-20',
          metBy: ['e5'],
        });
        const late = member(notice(), preparation({ copyGivenToMemberOn: d('1994-04-25') }));
        expect(obligationOf(late, '1994-05-10', 'HP-PREP', 'n-1/copy').status).toBe('missed');
      });

      it('is missed with the notes to AF, no longer overdue, once the plan is completed (HP-PREP-FOLLOW-UPS-END, #18 item 1)', () => {
        // Given a meeting on 20 April 1994 with no copy handed over and no notes sent to AF
        const state = member(
          notice(),
          preparation(),
          requested(),
          completed({ completedOn: d('1994-06-01') }),
        );
        // When AF and the member complete the plan on 1 June, which both were to serve, then both are missed
        for (const key of ['n-1/copy', 'n-1/notes'])
          expect(obligationOf(state, '1994-06-02', 'HP-PREP', key)).toMatchObject({
            windowClosesOn: '1994-06-01',
          });
        expect(obligationOf(state, '1994-06-02', 'HP-PREP', 'n-1/copy').status).toBe('missed');
        expect(HP.parameters.preparationFollowUpsEnd).toMatchObject({
          value: 'plan-completed',
          verified: false,
        });
      });

      it('is recorded with the meeting, and refused when dated before it', () => {
        const data = { ...preparationData(), copyGivenToMemberOn: d('1994-04-20') };
        expect(decide(recordPreparation(data), member(notice()))).toEqual([
          { type: 'PreparationMeetingHeld', data },
        ]);
        expect(
          refusal(
            recordPreparation({ ...preparationData(), copyGivenToMemberOn: d('1994-04-19') }),
            member(notice()),
          ),
        ).toMatchObject({ ruleId: 'HP-PREP', field: 'copyGivenToMemberOn' });
      });
    });

    it('is missed, no longer overdue, once AF and the member completed the plan (000 phase 2: "hvorefter … udarbejder handlingsplanen")', () => {
      // Given AF's notice of 5 April 1994 (meeting due 3 May) and no preparation meeting held
      const state = member(notice(), requested(), completed({ completedOn: d('1994-06-01') }));
      // When the plan is completed on 1 June, the meeting it was to prepare can no longer be held for it
      expect(obligationOf(state, '1994-06-01', 'HP-PREP', 'n-1')).toMatchObject({
        status: 'overdue',
        windowClosesOn: '1994-06-01',
      });
      // Then from the next day it is missed
      expect(obligationOf(state, '1994-06-02', 'HP-PREP', 'n-1').status).toBe('missed');
      // and without a plan it stays overdue
      expect(obligationOf(member(notice()), '1994-06-02', 'HP-PREP', 'n-1')).toMatchObject({
        status: 'overdue',
        windowClosesOn: null,
      });
    });

    it('lapses when AF made the plan without it, at the person’s wish (§37(2))', () => {
      const state = member(
        notice(),
        requested(),
        completed({ completedOn: d('1994-04-15'), preparationSkipped: 'person-wished' }),
      );
      expect(obligationOf(state, '1994-05-10', 'HP-PREP', 'n-1')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('§37(2)'),
      });
    });
  });

  describe('HP-PREP: a member who approaches the a-kasse unprompted is guided and referred to AF', () => {
    it('is recorded without AF’s notice, with the day of the approach', () => {
      const data = unprompted({ referredToAfOn: d('1994-04-20') });
      expect(decide(recordPreparation(data), member())).toEqual([{ type: 'PreparationMeetingHeld', data }]);
    });

    it('is owed from the approach with no time limit, and met when guided and referred to AF', () => {
      const guided = member({ type: 'PreparationMeetingHeld', data: unprompted() });
      // Before the guidance: owed, open.
      expect(obligationOf(guided, '1994-04-19', 'HP-PREP', 'unprompted/1994-04-18')).toMatchObject({
        owner: 'akasse',
        dueOn: null,
        status: 'open',
        note: expect.stringContaining('no guidance recorded yet'),
      });
      // Guided, not referred: still open.
      expect(obligationOf(guided, '1994-06-01', 'HP-PREP', 'unprompted/1994-04-18')).toMatchObject({
        status: 'open',
        note: expect.stringContaining('no referral to AF recorded'),
      });
      const referred = member({
        type: 'PreparationMeetingHeld',
        data: unprompted({ referredToAfOn: d('1994-04-21') }),
      });
      expect(obligationOf(referred, '1994-06-01', 'HP-PREP', 'unprompted/1994-04-18')).toMatchObject({
        status: 'met',
        fulfilledOn: '1994-04-21',
        metBy: ['e4'],
      });
      // The guidance is as at a preparation meeting: the member's copy and the notes to AF follow it.
      expect(obligationOf(referred, '1994-06-01', 'HP-PREP', 'unprompted/1994-04-18/copy')).toMatchObject({
        dueOn: '1994-04-20',
        status: 'overdue',
      });
      expect(obligationOf(referred, '1994-06-01', 'HP-PREP', 'unprompted/1994-04-18/notes').status).toBe(
        'open',
      );
    });

    it('refuses a meeting with neither AF’s notice nor the member’s approach', () => {
      expect(refusal(recordPreparation(unprompted({ approachedOn: null })), member())).toMatchObject({
        ruleId: 'HP-PREP',
        field: 'approachedOn',
        message: expect.stringContaining('unprompted'),
      });
    });

    it('refuses an approach or a referral on a meeting that answers AF’s notice', () => {
      expect(
        refusal(recordPreparation(preparationData({ approachedOn: d('1994-04-18') })), member(notice())),
      ).toMatchObject({ ruleId: 'HP-PREP', field: 'approachedOn' });
      expect(
        refusal(recordPreparation(preparationData({ referredToAfOn: d('1994-04-20') })), member(notice())),
      ).toMatchObject({ ruleId: 'HP-PREP', field: 'referredToAfOn' });
    });

    it('refuses guidance before the approach, a referral before the guidance, and the same approach twice', () => {
      expect(refusal(recordPreparation(unprompted({ heldOn: d('1994-04-17') })), member())).toMatchObject({
        ruleId: 'HP-PREP',
        field: 'heldOn',
      });
      expect(
        refusal(recordPreparation(unprompted({ referredToAfOn: d('1994-04-19') })), member()),
      ).toMatchObject({ ruleId: 'HP-PREP', field: 'referredToAfOn' });
      expect(
        refusal(recordPreparation(unprompted({ referredToAfOn: d('1994-05-11') })), member()),
      ).toMatchObject({ field: 'referredToAfOn', message: expect.stringContaining('after today') });
      expect(
        refusal(
          recordPreparation(unprompted({ heldOn: d('1994-04-25') })),
          member({ type: 'PreparationMeetingHeld', data: unprompted() }),
        ),
      ).toMatchObject({
        ruleId: 'HP-PREP',
        field: 'approachedOn',
        message: expect.stringContaining('already'),
      });
    });
  });

  describe('HP-PREP: AF tells the person of the option of an a-kasse meeting (order §37(2))', () => {
    const key = 'p-1/told-of-akasse-meeting';
    it('before a plan made without the meeting at the person’s wish: AF’s duty, by the completion at the latest', () => {
      const untold = member(completed({ preparationSkipped: 'person-wished' }));
      expect(obligationOf(untold, '1994-06-01', 'HP-PREP', key).status).toBe('open');
      // #18 item 1: "før udarbejdelsen af en handlingsplan påbegyndes" (000 phase 2) — once the plan is made the
      // person can no longer be told before it: missed from the day after, not overdue for ever
      expect(obligationOf(untold, '1994-06-10', 'HP-PREP', key)).toMatchObject({
        owner: 'jobcenter',
        dueOn: '1994-06-01',
        windowClosesOn: '1994-06-01',
        status: 'missed',
        note: expect.stringContaining('not recorded'),
      });
      const told = member(
        completed({ preparationSkipped: 'person-wished', personToldOfAkasseMeetingOn: d('1994-05-03') }),
      );
      expect(obligationOf(told, '1994-06-10', 'HP-PREP', key)).toMatchObject({
        status: 'met',
        fulfilledOn: '1994-05-03',
      });
      const afterwards = member(
        completed({ preparationSkipped: 'person-wished', personToldOfAkasseMeetingOn: d('1994-06-05') }),
      );
      expect(obligationOf(afterwards, '1994-06-10', 'HP-PREP', key).status).toBe('missed');
    });

    it('not for a plan made for a current offer (§37(3)), nor for one prepared at the a-kasse', () => {
      expect(
        obligationOf(
          member(completed({ preparationSkipped: 'current-offer' })),
          '1994-06-10',
          'HP-PREP',
          key,
        ),
      ).toMatchObject({ status: 'not-applicable', note: expect.stringContaining('§37(3)') });
      expect(
        evaluateObligations(member(completed()), d('1994-06-10')).some((o) =>
          o.key.endsWith('told-of-akasse-meeting'),
        ),
      ).toBe(false);
    });

    it('before each revision, by the revision day — except a revision with a current offer', () => {
      const byRequest = (personToldOfAkasseMeetingOn: string | null) =>
        member(
          completed(),
          revised({
            cause: 'person-request',
            offerId: null,
            offerStartsOn: null,
            personToldOfAkasseMeetingOn:
              personToldOfAkasseMeetingOn === null ? null : d(personToldOfAkasseMeetingOn),
          }),
        );
      const revisionKey = 'p-1/1994-08-10/told-of-akasse-meeting';
      // #18 item 1: "inden den endelige revision foretages" (000 phase 3) — not told by then, missed after it
      expect(obligationOf(byRequest(null), '1994-08-15', 'HP-PREP', revisionKey)).toMatchObject({
        owner: 'jobcenter',
        dueOn: '1994-08-10',
        windowClosesOn: '1994-08-10',
        status: 'missed',
      });
      expect(obligationOf(byRequest('1994-08-01'), '1994-08-15', 'HP-PREP', revisionKey)).toMatchObject({
        status: 'met',
        metBy: ['e5'],
      });
      expect(
        obligationOf(member(completed(), revised()), '1994-08-15', 'HP-PREP', revisionKey),
      ).toMatchObject({ status: 'not-applicable', note: expect.stringContaining('current offer') });
    });

    it('refuses the day told when after today, or for a revision before the plan was made', () => {
      const jobcentre = (type: string, data: object) =>
        ({ type, recordedBy: 'jobcenter', today: d('1994-09-01'), data }) as ContactProcessCommand;
      const plan = (completed({ personToldOfAkasseMeetingOn: d('1994-09-02') }) as { data: object }).data;
      expect(refusal(jobcentre('CompleteActionPlan', plan), member())).toMatchObject({
        field: 'personToldOfAkasseMeetingOn',
        message: expect.stringContaining('after today'),
      });
      const revision = (revised({ personToldOfAkasseMeetingOn: d('1994-05-20') }) as { data: object }).data;
      expect(refusal(jobcentre('ReviseActionPlan', revision), member(completed()))).toMatchObject({
        ruleId: 'HP-PREP',
        field: 'personToldOfAkasseMeetingOn',
        message: expect.stringContaining('plan p-1 was made'),
      });
      const told = (revised({ personToldOfAkasseMeetingOn: d('1994-08-01') }) as { data: object }).data;
      expect(decide(jobcentre('ReviseActionPlan', told), member(completed()))).toHaveLength(1);
    });
  });

  describe('HP-PLAN: the plan completed within 3 months of the request', () => {
    it('is due 3 calendar months after the request and met by the completion', () => {
      expect(obligationOf(member(requested()), '1994-08-05', 'HP-PLAN', 'p-1')).toMatchObject({
        owner: 'jobcenter',
        dueOn: '1994-08-02',
        status: 'overdue',
      });
      expect(obligationOf(member(requested(), completed()), '1994-08-05', 'HP-PLAN', 'p-1').status).toBe(
        'met',
      );
    });

    it('does not apply under the transitional order', () => {
      expect(
        obligationOf(member(requested('p-1', '1994-05-02', true)), '1994-09-01', 'HP-PLAN', 'p-1').status,
      ).toBe('not-applicable');
    });
  });

  it('HP-COPY: a copy of the plan and of each revision reaches the a-kasse when the person gets it', () => {
    const state = member(requested(), completed({ copyToAkasseOn: null }), revised());
    expect(obligationOf(state, '1994-09-01', 'HP-COPY', 'p-1')).toMatchObject({
      status: 'overdue',
      dueOn: '1994-06-01',
    });
    expect(obligationOf(state, '1994-09-01', 'HP-COPY', 'p-1/1994-08-10').status).toBe('met');
  });

  it('HP-OBJECT: 4 weeks to object, ended early by an offer that starts before them', () => {
    const state = member(requested(), completed(), revised());
    expect(obligationOf(state, '1994-06-10', 'HP-OBJECT', 'p-1')).toMatchObject({
      owner: 'person',
      dueOn: '1994-06-29',
      status: 'open',
    });
    expect(obligationOf(state, '1994-08-15', 'HP-OBJECT', 'p-1/1994-08-10')).toMatchObject({
      dueOn: '1994-08-20',
      note: expect.stringContaining('ended early by the offer'),
    });
  });

  describe('HP-OBJECT after its period (order §39; 000 phase 3)', () => {
    it('given no objection within the 4 weeks, when asked the day after, then the right has lapsed — not "does not apply" (#18 item 7)', () => {
      const state = member(requested(), completed(), revised());
      expect(obligationOf(state, '1994-06-30', 'HP-OBJECT', 'p-1')).toMatchObject({
        owner: 'person',
        dueOn: '1994-06-29',
        status: 'lapsed',
      });
    });

    it('given the period ended early by an offer, when asked after the offer starts, then it has lapsed from then', () => {
      const state = member(requested(), completed(), revised());
      expect(obligationOf(state, '1994-08-20', 'HP-OBJECT', 'p-1/1994-08-10').status).toBe('open');
      expect(obligationOf(state, '1994-08-21', 'HP-OBJECT', 'p-1/1994-08-10').status).toBe('lapsed');
    });
  });

  it('HP-FOLLOWUP: every plan contains a follow-up contact', () => {
    expect(obligationOf(member(completed()), '1994-06-02', 'HP-FOLLOWUP', 'p-1').status).toBe('met');
    // #18 item 1: "Handlingsplanen skal indeholde en opfølgningskontakt" (000 phase 2) — what the plan held when
    // completed; no later fact adds one, so a plan made without it is missed, not overdue for ever
    expect(
      obligationOf(member(completed({ followUpContactOn: null })), '1994-06-02', 'HP-FOLLOWUP', 'p-1'),
    ).toMatchObject({
      status: 'missed',
      windowClosesOn: '1994-06-01',
      note: 'the plan contains no follow-up contact',
    });
  });

  it('HP-REVISE: an offer not in the plan must be added to it by a revision, with its reason kept', () => {
    const offer: ContactProcessEvent = {
      type: 'OfferOutsidePlanGiven',
      data: { planId: 'p-1', offerId: 'o-1', givenOn: d('1994-08-08') },
    };
    expect(obligationOf(member(completed(), offer), '1994-08-09', 'HP-REVISE', 'p-1/o-1').status).toBe(
      'overdue',
    );
    const state = member(completed(), offer, revised());
    expect(obligationOf(state, '1994-08-12', 'HP-REVISE', 'p-1/o-1')).toMatchObject({
      status: 'missed',
      fulfilledOn: '1994-08-10',
    });
    expect(state.periods[0].actionPlans.plans[0].revisions[0]).toMatchObject({
      reason: 'job training offered at a warehouse',
    });
  });

  it('HP-REFUSE: AF notifies the a-kasse and tells the person at the same time', () => {
    const refused = (akasseNotifiedOn: string | null, personToldOn: string | null): ContactProcessEvent => ({
      type: 'PlanParticipationRefused',
      data: {
        refusalId: 'f-1',
        refusedOn: d('1994-05-10'),
        akasseNotifiedOn: akasseNotifiedOn === null ? null : d(akasseNotifiedOn),
        personToldOn: personToldOn === null ? null : d(personToldOn),
      },
    });
    const both = member(refused('1994-05-10', '1994-05-10'));
    expect(obligationOf(both, '1994-05-20', 'HP-REFUSE', 'f-1').status).toBe('met');
    expect(obligationOf(both, '1994-05-20', 'HP-REFUSE', 'f-1/person-told').status).toBe('met');
    // The person not told: the notice to the a-kasse stands met, telling the person is overdue from that day.
    const untold = member(refused('1994-05-10', null));
    expect(obligationOf(untold, '1994-05-20', 'HP-REFUSE', 'f-1').status).toBe('met');
    expect(obligationOf(untold, '1994-05-20', 'HP-REFUSE', 'f-1/person-told')).toMatchObject({
      dueOn: '1994-05-10',
      status: 'overdue',
      note: expect.stringContaining('telling the person'),
    });
    // Told two days after the a-kasse: not at the same time.
    expect(
      obligationOf(member(refused('1994-05-10', '1994-05-12')), '1994-05-20', 'HP-REFUSE', 'f-1/person-told'),
    ).toMatchObject({ status: 'missed', note: 'the person was not told at the same time as the a-kasse' });
    // Nothing recorded: the notice is overdue; telling the person waits for it.
    const neither = member(refused(null, null));
    expect(obligationOf(neither, '1994-05-20', 'HP-REFUSE', 'f-1').status).toBe('overdue');
    expect(obligationOf(neither, '1994-05-20', 'HP-REFUSE', 'f-1/person-told')).toMatchObject({
      dueOn: null,
      status: 'open',
    });
  });

  it('HP-REVISE and HP-NOTIFY: their due days are named readings, since the guidance states no time limit (#18 item 2)', () => {
    // Given an offer outside the plan given on 8 August 1994: "i forbindelse med afgivelse af et tilbud" (000 phase 3)
    const offer: ContactProcessEvent = {
      type: 'OfferOutsidePlanGiven',
      data: { planId: 'p-1', offerId: 'o-1', givenOn: d('1994-08-08') },
    };
    expect(obligationOf(member(completed(), offer), '1994-08-08', 'HP-REVISE', 'p-1/o-1')).toMatchObject({
      dueOn: '1994-08-08',
      status: 'open',
    });
    // and 3 months within 5 reached on 31 March 1994 ("efter 3 måneders ledighed", 000 phase 1): owed, due on none
    expect(obligationOf(member(...fullMonths('1994-01', 4)), '1994-09-01', 'HP-NOTIFY')).toMatchObject({
      dueOn: null,
      status: 'open',
    });
    // Then both readings are parameters of the rule set, unverified
    expect([HP.parameters.reviseDue, HP.parameters.notifyDue]).toEqual([
      expect.objectContaining({ id: 'HP-REVISE-DUE', value: 0, verified: false }),
      expect.objectContaining({ id: 'HP-NOTIFY-DUE', value: null, verified: false }),
    ]);
  });

  it('HP-NOTIFY: after 3 months of unemployment within 5 months, AF tells the a-kasse what it registered', () => {
    // Full months from January 1994: 3 × 160.33 h within January–May are reached on 31 March.
    const months = fullMonths('1994-01', 4);
    const state = member(...months);
    // Owed from the day 3 months within 5 are reached; the guidance sets no time limit for it.
    expect(obligationOf(state, '1994-04-10', 'HP-NOTIFY')).toMatchObject({
      owner: 'jobcenter',
      dueOn: null,
      status: 'open',
      note: expect.stringContaining('reached on 1994-03-31; no time limit is set'),
    });
    const told = member(
      ...months,
      notice({ noticeId: 'n-0', reason: 'mediation-relevant-information', receivedOn: d('1994-04-02') }),
    );
    expect(obligationOf(told, '1994-04-10', 'HP-NOTIFY')).toMatchObject({
      status: 'met',
      fulfilledOn: '1994-04-02',
    });
    // Such a notice asks for no preparation meeting.
    expect(evaluateObligations(told, d('1994-04-10')).map((o) => o.ruleId)).not.toContain('HP-PREP');
    // Scattered months never make 3 within any 5.
    const scattered = member(
      hours('1994-01', 160.33, '1994-02-05'),
      hours('1994-07', 160.33, '1994-08-05'),
      hours('1994-12', 160.33, '1995-01-05'),
    );
    expect(evaluateObligations(scattered, d('1995-02-01')).map((o) => o.ruleId)).not.toContain('HP-NOTIFY');
  });

  it('HP-AFTER: with the plan’s copy, the a-kasse guides on what it means for benefits and availability', () => {
    const after: ContactProcessEvent = {
      type: 'GuidanceGiven',
      data: {
        duty: 'HP-AFTER',
        givenOn: d('1994-06-03'),
        relatesTo: 'p-1',
        form: 'conversation',
        toldMember: 'availability during the plan',
      },
    };
    expect(obligationOf(member(completed()), '1994-06-02', 'HP-AFTER', 'p-1')).toMatchObject({
      owner: 'akasse',
      status: 'open',
      dueOn: null,
    });
    expect(obligationOf(member(completed(), after), '1994-06-10', 'HP-AFTER', 'p-1').status).toBe('met');
    const command = {
      type: 'RecordGuidance',
      recordedBy: 'akasse',
      today: d('1994-06-10'),
      data: (after as { data: object }).data,
    } as ContactProcessCommand;
    expect(decide(command, member(completed()))).toEqual([after]);
  });

  describe('HP-AFTER from the 1995 order: only when the plan changes the availability obligation (001 §7)', () => {
    const in1995 = (overrides: Partial<ActionPlanCompleted> = {}) =>
      completed({ completedOn: d('1995-06-01'), copyToAkasseOn: d('1995-06-01'), ...overrides });
    const guidanceOn = (givenOn: string): ContactProcessEvent => ({
      type: 'GuidanceGiven',
      data: {
        duty: 'HP-AFTER',
        givenOn: d(givenOn),
        relatesTo: 'p-1',
        form: 'conversation',
        toldMember: 'what the revised plan means for availability',
      },
    });

    it('is not owed for a plan that leaves the availability obligation as it was', () => {
      const state = member(in1995({ changesAvailability: false }));
      expect(obligationOf(state, '1995-06-10', 'HP-AFTER', 'p-1')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('001 §7'),
      });
      expect(
        evaluateObligations(state, d('1995-06-10')).some((o) => o.key.endsWith('p-1/conversation')),
      ).toBe(false);
    });

    it('is owed when it changes it, and stays open with the question named when that is not recorded', () => {
      expect(
        obligationOf(member(in1995({ changesAvailability: true })), '1995-06-10', 'HP-AFTER', 'p-1'),
      ).toMatchObject({ status: 'open', note: expect.not.stringContaining('not recorded') });
      expect(obligationOf(member(in1995()), '1995-06-10', 'HP-AFTER', 'p-1')).toMatchObject({
        status: 'open',
        note: expect.stringContaining(
          "Whether the plan changes the member's availability obligation is not recorded",
        ),
      });
    });

    it('is owed again for a revision that changes it, met only by guidance after the revision', () => {
      const revision = revised({
        revisedOn: d('1995-08-10'),
        offerStartsOn: d('1995-08-20'),
        copyToAkasseOn: d('1995-08-11'),
        changesAvailability: true,
      });
      const before = member(in1995({ changesAvailability: true }), guidanceOn('1995-06-05'), revision);
      expect(obligationOf(before, '1995-08-15', 'HP-AFTER', 'p-1').status).toBe('met');
      expect(obligationOf(before, '1995-08-15', 'HP-AFTER', 'p-1/revised-1995-08-10')).toMatchObject({
        status: 'open',
        note: expect.stringContaining('1995-08-11'),
      });
      const after = member(
        in1995({ changesAvailability: true }),
        guidanceOn('1995-06-05'),
        revision,
        guidanceOn('1995-08-14'),
      );
      expect(obligationOf(after, '1995-08-15', 'HP-AFTER', 'p-1/revised-1995-08-10').status).toBe('met');
      const unchanged = member(in1995(), revised({ revisedOn: d('1995-08-10'), changesAvailability: false }));
      expect(evaluateObligations(unchanged, d('1995-08-15')).some((o) => o.key.includes('revised-'))).toBe(
        false,
      );
    });

    it('before the 1995 order too, a revision is guided on only when it changes the obligation (000)', () => {
      const in1994 = (changesAvailability: boolean | null) =>
        member(
          completed(),
          revised({ revisedOn: d('1994-08-10'), copyToAkasseOn: d('1994-08-11'), changesAvailability }),
        );
      expect(obligationOf(in1994(true), '1994-08-15', 'HP-AFTER', 'p-1/revised-1994-08-10')).toMatchObject({
        status: 'open',
        note: expect.stringContaining('1994-08-11'),
      });
      expect(obligationOf(in1994(null), '1994-08-15', 'HP-AFTER', 'p-1/revised-1994-08-10')).toMatchObject({
        status: 'open',
        note: expect.stringContaining('Whether the revision changes the member'),
      });
      expect(
        evaluateObligations(in1994(false), d('1994-08-15')).some((o) => o.key.includes('revised-')),
      ).toBe(false);
    });

    it('before the 1995 order it is owed for every plan, whatever it changes (000)', () => {
      expect(
        obligationOf(member(completed({ changesAvailability: false })), '1994-06-10', 'HP-AFTER', 'p-1')
          .status,
      ).toBe('open');
    });
  });

  describe('HP-AFTER: a personal conversation offered', () => {
    const guidance = (overrides: Partial<GuidanceGiven> = {}): ContactProcessEvent => ({
      type: 'GuidanceGiven',
      data: {
        duty: 'HP-AFTER',
        givenOn: d('1994-06-03'),
        relatesTo: 'p-1',
        form: 'written',
        toldMember: 'what the plan means for benefits and availability',
        ...overrides,
      },
    });

    it('is owed with written guidance, and met when the conversation was offered or held', () => {
      expect(
        obligationOf(member(completed(), guidance()), '1994-06-10', 'HP-AFTER', 'p-1/conversation'),
      ).toMatchObject({
        owner: 'akasse',
        status: 'open',
        note: expect.stringContaining('must offer the member a personal conversation'),
      });
      expect(obligationOf(member(completed(), guidance()), '1994-06-10', 'HP-AFTER', 'p-1').status).toBe(
        'met',
      );
      const offered = member(completed(), guidance({ personalConversationOffered: true }));
      expect(obligationOf(offered, '1994-06-10', 'HP-AFTER', 'p-1/conversation')).toMatchObject({
        status: 'met',
        note: 'a personal conversation was offered with the written guidance',
      });
      const held = member(completed(), guidance({ form: 'conversation' }));
      expect(obligationOf(held, '1994-06-10', 'HP-AFTER', 'p-1/conversation').status).toBe('met');
    });

    it('follows the copy the a-kasse recorded receiving, also when AF recorded none', () => {
      const copy: ContactProcessEvent = {
        type: 'ActionPlanCopyReceived',
        data: { planId: 'p-1', receivedOn: d('1994-06-03') },
      };
      const state = member(completed({ copyToAkasseOn: null }), copy);
      expect(obligationOf(state, '1994-06-10', 'HP-AFTER', 'p-1')).toMatchObject({
        status: 'open',
        note: expect.stringContaining('reached the a-kasse on 1994-06-03'),
      });
      expect(
        evaluateObligations(member(completed({ copyToAkasseOn: null })), d('1994-06-10')).map(
          (o) => o.ruleId,
        ),
      ).not.toContain('HP-AFTER');
    });
  });

  describe('HP-TARGET: AF’s list of those called, and the a-kasse’s backstop', () => {
    const backstop = (overrides: Partial<UncalledTargetGroupMemberNoticed> = {}): ContactProcessEvent => ({
      type: 'UncalledTargetGroupMemberNoticed',
      data: {
        backstopId: 'tg-1',
        noticedOn: d('1994-09-01'),
        targetGroup: 'amr-1994-young-unskilled',
        reportedToAfOn: null,
        ...overrides,
      },
    });
    const noticeCommand = (overrides: Partial<UncalledTargetGroupMemberNoticed>, recordedBy = 'akasse') =>
      ({
        type: 'NoticeUncalledTargetGroupMember',
        recordedBy,
        today: d('1994-10-01'),
        data: (backstop(overrides) as { data: object }).data,
      }) as ContactProcessCommand;

    it('a target-group member the a-kasse noticed AF had not called is reported to AF (no time limit set)', () => {
      expect(obligationOf(member(backstop()), '1994-09-20', 'HP-TARGET', 'tg-1')).toMatchObject({
        owner: 'akasse',
        ruleSetId: 'HP',
        dueOn: null,
        status: 'open',
        legalReference: '000 phase 2; 001 §7',
        note: expect.stringContaining(
          'target group amr-1994-young-unskilled, noticed on 1994-09-01; not yet reported',
        ),
      });
      const reported = member(backstop({ reportedToAfOn: d('1994-09-02') }));
      expect(obligationOf(reported, '1994-09-20', 'HP-TARGET', 'tg-1')).toMatchObject({
        status: 'met',
        fulfilledOn: '1994-09-02',
        metBy: ['e4'],
      });
    });

    it('leaves nothing to report once AF’s notice says the member is called after all', () => {
      const called = member(backstop(), notice({ receivedOn: d('1994-09-10') }));
      expect(obligationOf(called, '1994-09-20', 'HP-TARGET', 'tg-1')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('notice n-1 of 1994-09-10'),
      });
      // AF's notice of a call is its side of HP-TARGET, and starts the a-kasse's preparation (HP-PREP).
      expect(obligationOf(called, '1994-09-20', 'HP-PREP', 'n-1').dueOn).toBe('1994-10-08');
    });

    it('is recorded by the a-kasse, only for members AF has not said are called, and reported after noticing', () => {
      expect(decide(noticeCommand({}), member())).toEqual([backstop()]);
      expect(refusal(noticeCommand({}, 'jobcenter'), member())).toMatchObject({
        ruleId: 'HP-TARGET',
        field: 'recordedBy',
      });
      expect(refusal(noticeCommand({}), member(notice({ receivedOn: d('1994-08-15') })))).toMatchObject({
        ruleId: 'HP-TARGET',
        field: 'noticedOn',
        message: expect.stringContaining('already told the a-kasse that the member is called'),
      });
      expect(refusal(noticeCommand({}), member(completed()))).toMatchObject({
        ruleId: 'HP-TARGET',
        field: 'noticedOn',
      });
      expect(refusal(noticeCommand({ reportedToAfOn: d('1994-08-30') }), member())).toMatchObject({
        ruleId: 'HP-TARGET',
        field: 'reportedToAfOn',
      });
    });
  });

  it('HP-NOTES: the preparation meeting records what the member said and was told', () => {
    const command = {
      type: 'RecordPreparationMeeting',
      recordedBy: 'akasse',
      today: d('1994-05-01'),
      data: { noticeId: 'n-1', heldOn: d('1994-04-20'), toldMember: '', notesSentToAfOn: null },
    } as ContactProcessCommand;
    expect(refusal(command, member(notice()))).toMatchObject({ ruleId: 'HP-NOTES', field: 'toldMember' });
  });

  describe('HP-NOTES: applications are noted over a stated period of up to 6 months (001 §10)', () => {
    /** A guidance meeting under 001 §8, in 1995, noting applications over `months`. */
    const meetingUnder8 = (heldOn: string, months: number): ContactProcessCommand =>
      ({
        type: 'RecordCumulativeUnemploymentMeeting',
        recordedBy: 'akasse',
        today: d('1996-12-31'),
        data: {
          meetingId: `m-${heldOn}`,
          heldOn: d(heldOn),
          sections: ['§8(1)'],
          toldMember: 'rights and duties; wishes to train as a welder',
          applicationsWithinTrade: 4,
          applicationsOutsideTrade: 1,
          applicationsPeriodMonths: months,
          coursesTaken: [],
          followedPlan: null,
          memberSignedOn: null,
          reportedToAfOn: null,
        },
      }) as ContactProcessCommand;

    it('accepts any period up to 6 months, a part of a month too ("indtil 6 måneder")', () => {
      expect(decide(meetingUnder8('1995-10-02', 2.5), member())).toHaveLength(1);
      expect(decide(meetingUnder8('1995-10-02', 0.5), member())).toHaveLength(1);
      for (const months of [0, -1, 6.5, Number.NaN])
        expect(refusal(meetingUnder8('1995-10-02', months), member())).toMatchObject({
          ruleId: 'HP-NOTES',
          field: 'applicationsPeriodMonths',
        });
    });

    it('still covers at least 6 months when more than 39 weeks passed since the last meeting', () => {
      const earlier = member(notice(), preparation());
      expect(refusal(meetingUnder8('1995-02-01', 5.5), earlier)).toMatchObject({
        ruleId: 'HP-NOTES',
        field: 'applicationsPeriodMonths',
        message: expect.stringContaining('more than 39 weeks'),
      });
      expect(decide(meetingUnder8('1995-01-10', 5.5), earlier)).toHaveLength(1);
    });
  });

  describe('recording the process', () => {
    const command = (type: string, data: object, recordedBy: 'akasse' | 'jobcenter' = 'jobcenter') =>
      ({ type, recordedBy, today: d('1994-12-01'), data }) as ContactProcessCommand;

    it('refuses a plan recorded by the a-kasse: AF makes plans', () => {
      expect(
        refusal(command('CompleteActionPlan', (completed() as { data: object }).data, 'akasse'), member()),
      ).toMatchObject({
        ruleId: 'HP-PLAN',
        field: 'recordedBy',
      });
    });

    it('refuses a revision without a reason, and one for an unknown plan', () => {
      expect(
        refusal(
          command('ReviseActionPlan', { ...(revised() as { data: object }).data, reason: ' ' }),
          member(completed()),
        ),
      ).toMatchObject({
        ruleId: 'HP-REVISE',
        field: 'reason',
      });
      expect(
        refusal(command('ReviseActionPlan', (revised() as { data: object }).data), member()),
      ).toMatchObject({
        code: 'unknown-reference',
        field: 'planId',
      });
    });

    it('refuses action-plan facts for a period under other rules', () => {
      const c24 = given(aPerson(), placed(), registered('2024-03-04'));
      const error = refusal(
        {
          // Requested in the 2024 period (a day before its placement falls in no period, refused as such).
          ...command('RequestActionPlan', {
            ...(requested() as { data: object }).data,
            requestedOn: d('2024-03-10'),
          }),
          today: d('2024-04-01'),
        } as ContactProcessCommand,
        c24,
      );
      expect(error.message).toMatch(/governed by C24/);
    });
  });

  it('every HP rule of RULES.md is in the catalogue with a legal reference', () => {
    const ids = [
      'NOTIFY',
      'TARGET',
      'PREP',
      'PLAN',
      'COPY',
      'OBJECT',
      'FOLLOWUP',
      'AFTER',
      'REVISE',
      'REFUSE',
      'NOTES',
      'MEET39',
    ].map((id) => `HP-${id}`);
    expect(Object.keys(HP.rules).sort()).toEqual([...ids].sort());
    expect(
      evaluateObligations(member(notice(), requested()), d('1994-05-10')).every((o) => o.ruleSetId === 'HP'),
    ).toBe(true);
  });

  it('lists the same HP ids as RULES.md', () => {
    expect(rulesDigestIds('HP').sort()).toEqual(Object.keys(HP.rules).sort());
  });
});
