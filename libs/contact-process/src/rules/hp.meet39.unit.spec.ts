import { decideCorrection } from '../corrections';
import { decide, type ContactProcessCommand } from '../contact-process.decider';
import type { CumulativeUnemploymentMeetingHeld } from '../contact-process.events';
import { foldFacts, type RecordedContactProcessEvent } from '../contact-process.state';
import { evaluateObligations } from '../obligations';
import {
  aPerson,
  d,
  fullMonths,
  given,
  obligationOf,
  placed,
  refusal,
  registered,
  type ContactProcessEvent,
} from '../testing/scenario';
import { MEETING_HELD_WITHIN, MEETING_THRESHOLDS, RECENT_GUIDANCE } from './hp.rules';

/**
 * Placed 3 April 1995, under order no. 190/1995, with full-time months of 160.33 h from April: 39 weeks
 * (1,443 h) are completed on 1 January 1996, 78 weeks on 1 October 1996.
 */
const member = (...more: ContactProcessEvent[]) =>
  given(
    aPerson({ birthDate: d('1960-05-05') }),
    placed({ placedOn: d('1995-04-03') }),
    registered('1995-04-03'),
    ...more,
  );
const months = (count: number) => fullMonths('1995-04', count);

const meetingData = (
  heldOn: string,
  overrides: Partial<CumulativeUnemploymentMeetingHeld> = {},
): CumulativeUnemploymentMeetingHeld => ({
  meetingId: `m-${heldOn}`,
  heldOn: d(heldOn),
  sections: ['§8(1)'],
  toldMember: 'wishes to drive cranes; told of rights and duties in the period',
  applicationsWithinTrade: 6,
  applicationsOutsideTrade: 2,
  applicationsPeriodMonths: 6,
  coursesTaken: [],
  followedPlan: null,
  memberSignedOn: d(heldOn),
  reportedToAfOn: d(heldOn),
  ...overrides,
});
const meeting = (heldOn: string, overrides: Partial<CumulativeUnemploymentMeetingHeld> = {}) =>
  ({ type: 'CumulativeUnemploymentMeetingHeld', data: meetingData(heldOn, overrides) }) as const;

const requested = (planId: string, requestedOn: string): ContactProcessEvent => ({
  type: 'ActionPlanRequested',
  data: { planId, requestedOn: d(requestedOn), transitionalOrder: false },
});
const completed = (
  planId: string,
  completedOn: string,
  offerStartsOn: string | null,
): ContactProcessEvent => ({
  type: 'ActionPlanCompleted',
  data: {
    planId,
    completedOn: d(completedOn),
    employmentGoal: 'crane operator',
    activities: offerStartsOn ? ['job training'] : ['job search'],
    followUpContactOn: d('1996-06-01'),
    offerStartsOn: offerStartsOn === null ? null : d(offerStartsOn),
    copyToAkasseOn: d(completedOn),
    preparationSkipped: null,
  },
});
const inOffer = (from: string, to: string): ContactProcessEvent => ({
  type: 'AvailabilitySituationBegan',
  data: {
    situationId: `s-${from}`,
    kind: 'plan-offer-job-training',
    from: d(from),
    to: d(to),
    planRequiresSearch: false,
    studyAbroadNotResident: false,
  },
});
/** The keys of the §8(1) meetings owed as of a day. */
const periodsOf = (state: ReturnType<typeof member>, asOf: string) =>
  evaluateObligations(state, d(asOf))
    .filter((o) => o.ruleId === 'HP-MEET39' && o.key.includes(':8(1)/'))
    .map((o) => o.key);

describe('HP-MEET39 — guidance meetings on cumulative unemployment (001 §8)', () => {
  describe('§8(1): a meeting each time the member completes 39 weeks, in sub-period 1 and 2', () => {
    it('falls due when 39 weeks (1,443 h, an unverified parameter) are completed, to be held within 4 weeks', () => {
      expect(periodsOf(member(...months(9)), '1995-12-31')).toEqual([]);
      expect(obligationOf(member(...months(10)), '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject(
        {
          owner: 'akasse',
          ruleSetId: 'HP',
          dueOn: '1996-01-29',
          hourThreshold: { hours: 1443, counter: 'jobcentre' },
          status: 'overdue',
          legalReference: '001 §8',
          note: expect.stringContaining('HP-MEET39-8(1): 1443 h, unverified'),
        },
      );
      const met = member(...months(10), meeting('1996-01-15'));
      expect(obligationOf(met, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
        status: 'met',
        fulfilledOn: '1996-01-15',
        metBy: ['e14'],
      });
    });

    it('counts hours of part-time insurance at 30 a week (1,170 h)', () => {
      const partTime = given(
        aPerson({ birthDate: d('1960-05-05') }),
        placed({ placedOn: d('1995-04-03'), insurance: 'part-time' }),
        registered('1995-04-03'),
        ...months(8),
      );
      expect(
        evaluateObligations(partTime, d('1995-12-31')).find((o) => o.ruleId === 'HP-MEET39'),
      ).toMatchObject({ hourThreshold: { hours: 1170 }, key: 'HP-MEET39:bp-1:8(1)/1995-11-09' });
    });

    it('comes again with every further 39 weeks; a meeting counts for the period whose end it follows', () => {
      const state = member(...months(20), meeting('1996-01-15'));
      expect(periodsOf(state, '1996-11-15')).toEqual([
        'HP-MEET39:bp-1:8(1)/1996-01-01',
        'HP-MEET39:bp-1:8(1)/1996-10-01',
      ]);
      expect(obligationOf(state, '1996-11-15', 'HP-MEET39', '8(1)/1996-01-01').status).toBe('met');
      expect(obligationOf(state, '1996-11-15', 'HP-MEET39', '8(1)/1996-10-01')).toMatchObject({
        dueOn: '1996-10-29',
        status: 'overdue',
      });
    });

    it('a late meeting fulfils its period late; a meeting before the 39 weeks are completed does not count', () => {
      const late = member(...months(10), meeting('1996-03-10'));
      expect(obligationOf(late, '1996-03-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
        status: 'missed',
        fulfilledOn: '1996-03-10',
      });
      const early = member(...months(10), meeting('1995-12-20'));
      expect(obligationOf(early, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01').status).toBe('overdue');
    });

    it('can no longer be met once the next period’s meeting is owed', () => {
      const state = member(...months(20));
      expect(obligationOf(state, '1996-11-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
        windowClosesOn: '1996-09-30',
        status: 'missed',
        fulfilledOn: null,
      });
    });

    describe('when the member has an action plan with an offer', () => {
      it('is not called when the member took part in an offer under the plan in the 39-week period', () => {
        const state = member(
          ...months(22),
          completed('p-1', '1995-11-20', null),
          inOffer('1995-12-01', '1996-02-28'),
        );
        expect(obligationOf(state, '1996-12-31', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
          status: 'not-applicable',
          note: expect.stringContaining('took part in an offer under an action plan (from 1995-12-01)'),
        });
      });

      it('starts a new 39-week period after the offer ends', () => {
        const state = member(
          ...months(22),
          completed('p-1', '1995-11-20', null),
          inOffer('1995-12-01', '1996-02-28'),
        );
        // From 29 February 1996: its share of February, then 8 full months, then most of November.
        expect(periodsOf(state, '1996-12-31')).toEqual([
          'HP-MEET39:bp-1:8(1)/1996-01-01',
          'HP-MEET39:bp-1:8(1)/1996-11-29',
        ]);
        expect(obligationOf(state, '1996-12-31', 'HP-MEET39', '8(1)/1996-11-29')).toMatchObject({
          status: 'overdue',
          note: expect.stringContaining('counted from 1996-02-29'),
        });
      });

      it('is not called when the plan has the member start an offer after the period', () => {
        const state = member(...months(10), completed('p-1', '1995-11-20', '1996-03-04'));
        expect(obligationOf(state, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
          status: 'not-applicable',
          note: expect.stringContaining('start an offer on 1996-03-04'),
        });
      });
    });

    describe('while an action plan is being prepared', () => {
      it('is not called', () => {
        const state = member(...months(10), requested('p-1', '1995-12-10'));
        expect(obligationOf(state, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
          status: 'waived',
          waivedBy: ['e14'],
          note: expect.stringContaining('action plan p-1 is being prepared'),
        });
      });

      it('is called when the plan comes without an offer, and falls due from its completion', () => {
        const state = member(
          ...months(10),
          requested('p-1', '1995-12-10'),
          completed('p-1', '1996-02-05', null),
        );
        expect(obligationOf(state, '1996-02-10', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
          dueOn: '1996-03-04',
          status: 'open',
          note: expect.stringContaining('it has no offer'),
        });
      });

      it('is not called when the plan comes with an offer', () => {
        const state = member(
          ...months(10),
          requested('p-1', '1995-12-10'),
          completed('p-1', '1996-02-05', '1996-03-01'),
        );
        expect(obligationOf(state, '1996-02-10', 'HP-MEET39', '8(1)/1996-01-01').status).toBe(
          'not-applicable',
        );
      });
    });

    it('applies only while order no. 190/1995 did: before it, the 1993 guidance has no such meeting', () => {
      const in1994 = given(
        aPerson({ birthDate: d('1960-05-05') }),
        placed({ placedOn: d('1994-03-01') }),
        registered('1994-03-01'),
        ...fullMonths('1994-03', 10),
      );
      const [first] = evaluateObligations(in1994, d('1995-01-10')).filter((o) => o.ruleId === 'HP-MEET39');
      expect(first).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('before order no. 190 of 23/03/1995 (HP-ORDER-1995, unverified)'),
      });
    });
  });

  describe('§8(3) and §8(4): one meeting each, unless the a-kasse guided on the same within about 2 months', () => {
    it('§8(3), the right to a reasonable offer: its threshold is a parameter of its own (default 39 weeks)', () => {
      const both = member(...months(10), meeting('1996-01-15', { sections: ['§8(1)', '§8(3)'] }));
      expect(obligationOf(both, '1996-02-15', 'HP-MEET39', '8(3)')).toMatchObject({
        dueOn: '1996-01-29',
        status: 'met',
        note: expect.stringContaining('the right to a reasonable offer'),
      });
      expect(obligationOf(both, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01').status).toBe('met');
      expect(
        obligationOf(member(...months(10), meeting('1996-01-15')), '1996-02-15', 'HP-MEET39', '8(3)').status,
      ).toBe('overdue');
    });

    it('needs no new meeting when the member was guided on it within about 2 months before', () => {
      const recent = member(meeting('1995-11-15', { sections: ['§8(3)'] }), ...months(10));
      expect(obligationOf(recent, '1996-02-15', 'HP-MEET39', '8(3)')).toMatchObject({
        status: 'met',
        fulfilledOn: '1995-11-15',
        note: expect.stringContaining('within about 2 months before (HP-MEET39-RECENT)'),
      });
      const tooEarly = member(meeting('1995-10-15', { sections: ['§8(3)'] }), ...months(10));
      expect(obligationOf(tooEarly, '1996-02-15', 'HP-MEET39', '8(3)').status).toBe('overdue');
    });

    it('§8(4), moving to sub-period 2: 44 months counted in weeks', () => {
      const state = member(...months(45));
      expect(obligationOf(state, '1998-12-10', 'HP-MEET39', '8(4)')).toMatchObject({
        dueOn: '1998-12-29',
        hourThreshold: { hours: 7054.67 },
        status: 'open',
        note: expect.stringContaining('moving to sub-period 2'),
      });
    });

    it('keeps each threshold, the meeting’s time and "about 2 months" as named, unverified parameters', () => {
      for (const parameter of [...Object.values(MEETING_THRESHOLDS), MEETING_HELD_WITHIN, RECENT_GUIDANCE])
        expect(parameter).toMatchObject({ id: expect.stringMatching(/^HP-MEET39-/), verified: false });
      expect(MEETING_THRESHOLDS['§8(1)'].weeks).toBe(39);
    });
  });

  describe('recording a meeting', () => {
    const record = (data: CumulativeUnemploymentMeetingHeld, recordedBy: 'akasse' | 'jobcenter' = 'akasse') =>
      ({
        type: 'RecordCumulativeUnemploymentMeeting',
        recordedBy,
        today: d('1996-03-01'),
        data,
      }) as ContactProcessCommand;

    it('is the a-kasse’s, naming the subsections of §8 it answers', () => {
      expect(refusal(record(meetingData('1996-01-15'), 'jobcenter'), member())).toMatchObject({
        ruleId: 'HP-MEET39',
        field: 'recordedBy',
      });
      expect(refusal(record(meetingData('1996-01-15', { sections: [] })), member())).toMatchObject({
        ruleId: 'HP-MEET39',
        field: 'sections',
      });
    });

    it('is not the guidance meeting of the 2003 order, which points to it', () => {
      const g03Meeting = {
        type: 'RecordGuidanceMeeting',
        recordedBy: 'akasse',
        today: d('1996-03-01'),
        data: { meetingId: 'm-1', heldOn: d('1996-01-15'), toldMember: 'x', reportedToAfOn: null },
      } as ContactProcessCommand;
      expect(refusal(g03Meeting, member()).message).toMatch(/recorded as CumulativeUnemploymentMeetingHeld/);
    });
  });
});

describe('HP-NOTES — what the a-kasse notes at a guidance meeting (001 §10, §11)', () => {
  const record = (data: CumulativeUnemploymentMeetingHeld) =>
    ({
      type: 'RecordCumulativeUnemploymentMeeting',
      recordedBy: 'akasse',
      today: d('1996-03-01'),
      data,
    }) as ContactProcessCommand;

  it('is met when the member signs to confirm the meeting and its content, and the notes reach AF at once', () => {
    const state = member(meeting('1996-01-15', { memberSignedOn: null, reportedToAfOn: d('1996-01-18') }));
    expect(obligationOf(state, '1996-02-01', 'HP-NOTES', 'm-1996-01-15')).toMatchObject({
      owner: 'akasse',
      dueOn: '1996-01-15',
      status: 'overdue',
      note: expect.stringContaining('has not signed'),
    });
    expect(obligationOf(state, '1996-02-01', 'HP-NOTES', 'm-1996-01-15/af')).toMatchObject({
      status: 'missed',
      fulfilledOn: '1996-01-18',
    });
    expect(obligationOf(member(meeting('1996-01-15')), '1996-02-01', 'HP-NOTES', 'm-1996-01-15').status).toBe(
      'met',
    );
  });

  it('takes a signature given later as a correction of the meeting, which then counts as signed late', () => {
    const facts: RecordedContactProcessEvent[] = [
      aPerson({ birthDate: d('1960-05-05') }),
      placed({ placedOn: d('1995-04-03') }),
      registered('1995-04-03'),
      meeting('1996-01-15', { memberSignedOn: null }),
    ].map((event, i) => ({ ...event, eventId: `e${i + 1}` }));
    const correction = decideCorrection(
      {
        type: 'CorrectFact',
        recordedBy: 'akasse',
        today: d('1996-01-20'),
        data: {
          correctedEventId: 'e4',
          factType: 'CumulativeUnemploymentMeetingHeld',
          reason: 'the member signed the notes on 16 January',
          correctedOn: d('1996-01-20'),
          data: meetingData('1996-01-15', { memberSignedOn: d('1996-01-16') }),
        },
      },
      facts,
    );
    const state = foldFacts([...facts, ...correction.map((event) => ({ ...event, eventId: 'e5' }))]);
    expect(obligationOf(state, '1996-02-01', 'HP-NOTES', 'm-1996-01-15')).toMatchObject({
      status: 'missed',
      fulfilledOn: '1996-01-16',
      metBy: ['e4'],
    });
  });

  it('refuses a meeting that does not note what the member said and was told', () => {
    expect(refusal(record(meetingData('1996-01-15', { toldMember: ' ' })), member())).toMatchObject({
      ruleId: 'HP-NOTES',
      field: 'toldMember',
    });
  });

  it('notes the applications for a stated period of up to 6 months', () => {
    expect(
      refusal(record(meetingData('1996-01-15', { applicationsPeriodMonths: 7 })), member()),
    ).toMatchObject({
      ruleId: 'HP-NOTES',
      field: 'applicationsPeriodMonths',
    });
    expect(
      refusal(record(meetingData('1996-01-15', { applicationsWithinTrade: -1 })), member()),
    ).toMatchObject({
      ruleId: 'HP-NOTES',
      field: 'applicationsWithinTrade',
    });
  });

  it('covers at least 6 months when more than 39 weeks passed since the last meeting', () => {
    const earlier = member(meeting('1995-04-20'));
    const after40Weeks = meetingData('1996-01-25', { applicationsPeriodMonths: 3 });
    expect(refusal(record(after40Weeks), earlier)).toMatchObject({
      ruleId: 'HP-NOTES',
      field: 'applicationsPeriodMonths',
      message: expect.stringContaining('more than 39 weeks passed since the last meeting (1995-04-20)'),
    });
    const after38Weeks = meetingData('1996-01-10', { applicationsPeriodMonths: 3 });
    expect(decide(record(after38Weeks), earlier)).toEqual([
      { type: 'CumulativeUnemploymentMeetingHeld', data: after38Weeks },
    ]);
    expect(decide(record({ ...after40Weeks, applicationsPeriodMonths: 6 }), earlier)).toHaveLength(1);
  });

  it('notes whether the member followed an action plan, when there is one', () => {
    const withPlan = member(completed('p-1', '1995-11-20', null));
    expect(refusal(record(meetingData('1996-01-15')), withPlan)).toMatchObject({
      ruleId: 'HP-NOTES',
      field: 'followedPlan',
      message: expect.stringContaining('action plan p-1'),
    });
    expect(refusal(record(meetingData('1996-01-15', { followedPlan: true })), member())).toMatchObject({
      ruleId: 'HP-NOTES',
      field: 'followedPlan',
    });
  });

  it('refuses a signature or a report to AF dated before the meeting', () => {
    expect(
      refusal(record(meetingData('1996-01-15', { memberSignedOn: d('1996-01-14') })), member()),
    ).toMatchObject({ ruleId: 'HP-NOTES', field: 'memberSignedOn' });
  });
});
