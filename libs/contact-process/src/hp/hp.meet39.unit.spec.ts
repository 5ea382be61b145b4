import { decideCorrection } from '../process/corrections';
import { decide, type ContactProcessCommand } from '../process/decide';
import type { CumulativeUnemploymentMeetingHeld } from '../contact-process.events';
import type { RecordedContactProcessEvent } from '../process/state';
import { foldFacts } from '../process/evolve';
import { evaluateObligations } from '../obligations';
import {
  aPerson,
  d,
  deregistered,
  fullMonths,
  given,
  leaveBegan,
  leaveEnded,
  obligationOf,
  placed,
  refusal,
  registered,
  subPeriodOneEnd,
  type ContactProcessEvent,
} from '../testing/scenario';
import { MEETING_HELD_WITHIN, MEETING_THRESHOLDS, ORDER_1995_DUTIES_END, RECENT_GUIDANCE } from './hp.rules';

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

/** The keys of every HP-MEET39 obligation as of a day. */
const meetingKeys = (state: ReturnType<typeof member>, asOf: string) =>
  evaluateObligations(state, d(asOf))
    .filter((o) => o.ruleId === 'HP-MEET39')
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
      expect(MEETING_THRESHOLDS['§8(1)']).toMatchObject({ value: 39, unit: 'weeks' });
    });
  });

  describe('sabbatical leave (AFL §55(7)) and activity benefit (AFL §97 g)', () => {
    describe('while the member is on leave', () => {
      it('the a-kasse may skip the §8(1) and §8(3) meetings whose duty arises then ("kan undlade")', () => {
        const state = member(...months(10), leaveBegan('lv-1', '1995-12-15', '1996-03-31'));
        for (const suffix of ['8(1)/1996-01-01', '8(3)'])
          expect(obligationOf(state, '1996-02-15', 'HP-MEET39', suffix)).toMatchObject({
            status: 'not-applicable',
            note: expect.stringContaining(
              'during sabbatical leave (AFL §55(7)) lv-1 (1995-12-15 to 1996-03-31): the a-kasse may skip calling the member to a guidance meeting then ("kan undlade',
            ),
          });
        // A meeting whose duty arose before the leave is not spared.
        const later = member(...months(10), leaveBegan('lv-1', '1996-01-02', '1996-03-31'));
        expect(obligationOf(later, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01').status).toBe('overdue');
      });

      it('also during activity benefit, with the period’s actual end', () => {
        const state = member(
          ...months(10),
          leaveBegan('lv-1', '1995-12-15', null, 'activity-benefit-97g'),
          leaveEnded('lv-1', '1996-01-10'),
        );
        expect(obligationOf(state, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
          status: 'not-applicable',
          note: expect.stringContaining(
            'activity benefit (aktivitetsydelse, AFL §97 g) lv-1 (1995-12-15 to 1996-01-10)',
          ),
        });
      });

      it('a meeting held on time anyway counts as met', () => {
        const state = member(
          ...months(10),
          leaveBegan('lv-1', '1995-12-15', '1996-03-31'),
          meeting('1996-01-15', { sections: ['§8(1)', '§8(3)'] }),
        );
        expect(obligationOf(state, '1996-02-15', 'HP-MEET39', '8(1)/1996-01-01')).toMatchObject({
          status: 'met',
          note: expect.stringContaining('when the meeting could have been skipped'),
        });
        expect(obligationOf(state, '1996-02-15', 'HP-MEET39', '8(3)').status).toBe('met');
      });

      it('may skip §8(4) too, when its duty arises during the leave', () => {
        const state = member(
          ...months(12),
          subPeriodOneEnd('1996-03-01', '1996-06-30'),
          leaveBegan('lv-1', '1996-03-01', '1996-04-30'),
        );
        expect(obligationOf(state, '1996-04-10', 'HP-MEET39', '8(4)')).toMatchObject({
          status: 'not-applicable',
          note: expect.stringContaining('arose on 1996-03-30, during sabbatical leave (AFL §55(7)) lv-1'),
        });
      });
    });

    describe('when the member reports unemployed after the leave', () => {
      const afterLeave = (...more: ContactProcessEvent[]) =>
        member(
          ...months(8),
          deregistered('1995-11-30'),
          leaveBegan('lv-1', '1995-12-01', '1996-02-29'),
          registered('1996-03-04'),
          ...more,
        );

      it('the a-kasse calls a meeting, held within 4 weeks of the new registration', () => {
        expect(obligationOf(afterLeave(), '1996-03-10', 'HP-MEET39', 'after-leave/lv-1')).toMatchObject({
          owner: 'akasse',
          dueOn: '1996-04-01',
          status: 'open',
          legalReference: '001 §8',
          note: expect.stringContaining('reported unemployed (registered as a jobseeker) on 1996-03-04'),
        });
        expect(obligationOf(afterLeave(), '1996-04-10', 'HP-MEET39', 'after-leave/lv-1').status).toBe(
          'overdue',
        );
      });

      it('is met by any guidance meeting from the registration on, not by one before it', () => {
        const met = afterLeave(meeting('1996-03-20', { sections: ['§8(3)'] }));
        expect(obligationOf(met, '1996-04-10', 'HP-MEET39', 'after-leave/lv-1')).toMatchObject({
          status: 'met',
          fulfilledOn: '1996-03-20',
          metBy: ['e15'],
        });
        const before = member(
          ...months(8),
          deregistered('1995-11-30'),
          leaveBegan('lv-1', '1995-12-01', '1996-02-29'),
          meeting('1996-03-01'),
          registered('1996-03-04'),
        );
        expect(obligationOf(before, '1996-04-10', 'HP-MEET39', 'after-leave/lv-1').status).toBe('overdue');
      });

      it('is not owed yet while the leave lasts, nor before the member registers again', () => {
        const state = afterLeave();
        expect(meetingKeys(state, '1996-02-15')).not.toContain('HP-MEET39:bp-1:after-leave/lv-1');
        expect(obligationOf(state, '1996-03-02', 'HP-MEET39', 'after-leave/lv-1')).toMatchObject({
          dueOn: null,
          status: 'not-applicable',
          note: expect.stringContaining('not yet owed'),
        });
      });

      it('follows the leave’s recorded end, when it ended before the planned one', () => {
        const state = member(
          ...months(8),
          deregistered('1995-11-30'),
          leaveBegan('lv-1', '1995-12-01', null),
          leaveEnded('lv-1', '1996-01-31'),
          registered('1996-02-05'),
        );
        expect(obligationOf(state, '1996-02-10', 'HP-MEET39', 'after-leave/lv-1').dueOn).toBe('1996-03-04');
      });
    });

    it('counts the leave’s weeks towards §8(4)’s 44 months, at the weekly norm (26 weeks × 37 h)', () => {
      const around = (...leave: ContactProcessEvent[]) =>
        member(...fullMonths('1995-04', 10), ...leave, ...fullMonths('1996-08', 40));
      const withLeave = around(leaveBegan('lv-1', '1996-02-01', '1996-07-31'));
      expect(obligationOf(withLeave, '1998-12-10', 'HP-MEET39', '8(4)')).toMatchObject({
        dueOn: '1998-12-29',
        status: 'open',
        note: expect.stringContaining('reached on 1998-12-01, counting 26 weeks of sabbatical leave'),
      });
      expect(meetingKeys(around(), '1998-12-10')).not.toContain('HP-MEET39:bp-1:8(4)');
    });

    describe('recording a leave period', () => {
      const begin = (data: Partial<ReturnType<typeof leaveBegan>['data']> = {}, recordedBy = 'akasse') =>
        ({
          type: 'BeginLeavePeriod',
          recordedBy,
          today: d('1996-03-01'),
          data: { ...leaveBegan('lv-1', '1996-01-01', '1996-06-30').data, ...data },
        }) as ContactProcessCommand;
      const end = (leaveId: string, endedOn: string) =>
        ({
          type: 'EndLeavePeriod',
          recordedBy: 'akasse',
          today: d('1996-03-01'),
          data: { leaveId, endedOn: d(endedOn) },
        }) as ContactProcessCommand;

      it('is the a-kasse’s, in a benefit period under the action plans of 1994–2002', () => {
        expect(decide(begin(), member())).toEqual([
          { type: 'LeavePeriodBegan', data: leaveBegan('lv-1', '1996-01-01', '1996-06-30').data },
        ]);
        expect(refusal(begin({}, 'jobcenter'), member())).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'recordedBy',
        });
        const c24 = given(aPerson(), placed(), registered('2024-03-04'));
        const error = refusal(
          { ...begin({ from: d('2024-03-10'), to: null }), today: d('2024-04-01') } as ContactProcessCommand,
          c24,
        );
        expect(error).toMatchObject({ ruleId: 'HP-MEET39', field: 'benefitPeriodId' });
        expect(error.message).toMatch(/governed by C24/);
      });

      it('refuses days in the future or before the placement, and an end before the start', () => {
        expect(refusal(begin({ from: d('1996-03-02') }), member())).toMatchObject({ field: 'from' });
        expect(refusal(begin({ from: d('1995-04-01') }), member())).toMatchObject({ field: 'from' });
        expect(refusal(begin({ to: d('1995-12-31') }), member())).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'to',
        });
        const onLeave = member(leaveBegan('lv-1', '1996-01-01', null));
        expect(refusal(end('lv-1', '1996-03-02'), onLeave)).toMatchObject({ field: 'endedOn' });
        expect(refusal(end('lv-1', '1995-12-31'), onLeave)).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'endedOn',
        });
        expect(decide(end('lv-1', '1996-02-15'), onLeave)).toHaveLength(1);
      });

      it('refuses an unknown leave, one already ended, and a leave id recorded before', () => {
        expect(refusal(end('lv-9', '1996-02-15'), member())).toMatchObject({
          code: 'unknown-reference',
          ruleId: 'HP-MEET39',
          field: 'leaveId',
        });
        const ended = member(leaveBegan('lv-1', '1996-01-01', null), leaveEnded('lv-1', '1996-01-31'));
        expect(refusal(end('lv-1', '1996-02-15'), ended)).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'leaveId',
        });
        expect(refusal(begin({ from: d('1996-02-01'), to: null }), ended)).toMatchObject({
          field: 'leaveId',
        });
      });

      it('refuses leave periods that overlap', () => {
        const open = member(leaveBegan('lv-1', '1996-01-01', null));
        expect(refusal(begin({ leaveId: 'lv-2', from: d('1996-02-01') }), open)).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'from',
          message: expect.stringContaining('leave period lv-1'),
        });
        const planned = member(leaveBegan('lv-1', '1996-01-01', '1996-01-31'));
        expect(
          refusal(begin({ leaveId: 'lv-2', from: d('1995-12-01'), to: d('1996-01-01') }), planned),
        ).toMatchObject({ field: 'from' });
        expect(decide(begin({ leaveId: 'lv-2', from: d('1996-02-01'), to: null }), planned)).toHaveLength(1);
        // Ending a leave later than planned may not run it into the next one.
        const two = member(
          leaveBegan('lv-1', '1996-01-01', '1996-01-31'),
          leaveBegan('lv-2', '1996-02-10', null),
        );
        expect(refusal(end('lv-1', '1996-02-15'), two)).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'endedOn',
        });
      });
    });
  });

  describe('the meeting on moving to sub-period 2 (with §8(4))', () => {
    /** The reference period of sub-period 1 ends on 31 December 1997; 44 months are reached only in December 1998. */
    const ending = (...more: ContactProcessEvent[]) =>
      member(...months(30), subPeriodOneEnd('1997-06-02', '1997-12-31'), ...more);

    it('is owed from 3 months before the reference period of sub-period 1 ends, though 44 months are not reached', () => {
      expect(obligationOf(ending(), '1997-10-10', 'HP-MEET39', '8(4)')).toMatchObject({
        owner: 'akasse',
        dueOn: '1997-10-28',
        status: 'open',
        note: expect.stringContaining(
          'the reference period of sub-period 1 ends on 1997-12-31 (recorded on 1997-06-02): the meeting on moving to sub-period 2 is owed from 3 months before, 1997-09-30, though 44 months are not reached',
        ),
      });
      expect(meetingKeys(ending(), '1997-09-29')).not.toContain('HP-MEET39:bp-1:8(4)');
    });

    it('is met by a meeting on §8(4), not by one on §8(1) only', () => {
      expect(
        obligationOf(
          ending(meeting('1997-10-06', { sections: ['§8(4)'] })),
          '1997-10-10',
          'HP-MEET39',
          '8(4)',
        ),
      ).toMatchObject({ status: 'met', fulfilledOn: '1997-10-06' });
      expect(obligationOf(ending(meeting('1997-10-06')), '1997-11-10', 'HP-MEET39', '8(4)').status).toBe(
        'overdue',
      );
    });

    it('needs no new meeting when the member was guided on it within about the last 2 months', () => {
      const recent = ending(meeting('1997-08-15', { sections: ['§8(4)'] }));
      expect(obligationOf(recent, '1997-10-10', 'HP-MEET39', '8(4)')).toMatchObject({
        status: 'met',
        note: expect.stringContaining('within about 2 months before (HP-MEET39-RECENT)'),
      });
      const tooEarly = ending(meeting('1997-07-15', { sections: ['§8(4)'] }));
      expect(obligationOf(tooEarly, '1997-11-10', 'HP-MEET39', '8(4)').status).toBe('overdue');
    });

    it('follows the latest end recorded', () => {
      const moved = ending(subPeriodOneEnd('1997-09-15', '1998-06-30'));
      expect(meetingKeys(moved, '1997-10-10')).not.toContain('HP-MEET39:bp-1:8(4)');
      expect(obligationOf(moved, '1998-04-10', 'HP-MEET39', '8(4)').dueOn).toBe('1998-04-27');
    });

    it('keeps one §8(4) duty, arising on whichever comes first: the end ahead or the 44 months', () => {
      const endFirst = member(...months(45), subPeriodOneEnd('1998-06-01', '1998-09-30'));
      expect(obligationOf(endFirst, '1998-12-10', 'HP-MEET39', '8(4)')).toMatchObject({
        dueOn: '1998-07-28',
        note: expect.stringContaining('though 44 months are reached only on 1998-12-01'),
      });
      const monthsFirst = member(...months(45), subPeriodOneEnd('1998-06-01', '1999-06-30'));
      expect(obligationOf(monthsFirst, '1998-12-10', 'HP-MEET39', '8(4)')).toMatchObject({
        dueOn: '1998-12-29',
        note: expect.stringContaining(
          'reached on 1998-12-01, before the reference period of sub-period 1 ends within 3 months (it ends on 1999-06-30)',
        ),
      });
    });

    describe('recording the end of the reference period', () => {
      const record = (knownOn: string, endsOn: string, recordedBy = 'akasse') =>
        ({
          type: 'RecordSubPeriodOneEnd',
          recordedBy,
          today: d('1997-06-02'),
          data: { knownOn: d(knownOn), endsOn: d(endsOn) },
        }) as ContactProcessCommand;

      it('is the a-kasse’s, in a benefit period under the action plans of 1994–2002; the end may lie ahead', () => {
        expect(decide(record('1997-06-02', '1997-12-31'), member())).toEqual([
          subPeriodOneEnd('1997-06-02', '1997-12-31'),
        ]);
        expect(refusal(record('1997-06-02', '1997-12-31', 'jobcenter'), member())).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'recordedBy',
        });
        const c24 = given(aPerson(), placed(), registered('2024-03-04'));
        expect(
          refusal(
            { ...record('2024-03-10', '2025-03-01'), today: d('2024-04-01') } as ContactProcessCommand,
            c24,
          ).message,
        ).toMatch(/governed by C24/);
      });

      it('refuses a day known in the future, and an end before the placement', () => {
        expect(refusal(record('1997-06-03', '1997-12-31'), member())).toMatchObject({ field: 'knownOn' });
        expect(refusal(record('1997-06-02', '1995-03-31'), member())).toMatchObject({
          ruleId: 'HP-MEET39',
          field: 'endsOn',
        });
      });
    });
  });

  it('ends with the 1995 order: a meeting not held when it gave way to order 310/1999 is missed, not overdue for ever (HP-ORDER-1995-ENDS, #18 item 1)', () => {
    // Given 50 full-time months from April 1995 and no guidance meeting held
    const state = member(...months(50));
    const unmet = ['8(1)/1999-01-01', '8(3)', '8(4)'];
    // When asked on the order's last day, and after it gave way (003 §32(2): order no. 310 of 19/05/1999)
    for (const suffix of unmet)
      expect(obligationOf(state, '1999-05-18', 'HP-MEET39', suffix).status).toBe('overdue');
    // Then they can no longer be met under it: missed from then
    for (const suffix of unmet)
      expect(obligationOf(state, '1999-06-01', 'HP-MEET39', suffix)).toMatchObject({
        status: 'missed',
        windowClosesOn: '1999-05-18',
      });
    expect(ORDER_1995_DUTIES_END).toMatchObject({ value: 'order-ends', verified: false });
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
