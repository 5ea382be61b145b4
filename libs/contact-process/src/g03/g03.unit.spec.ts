import { decide, type ContactProcessCommand } from '../process/decide';
import type { ContactProcessEvent, GuidanceGiven } from '../contact-process.events';
import type { RecordedContactProcessEvent } from '../process/state';
import { foldFacts } from '../process/evolve';
import { decideCorrection } from '../process/corrections';
import { evaluateObligations, explainRegime } from '../obligations';
import {
  aPerson,
  d,
  deregistered,
  fullMonths,
  given,
  obligationOf,
  placed,
  registered,
  refusal,
} from '../testing/scenario';
import { rulesDigestIds } from '../testing/rules-digest';
import { G03 } from './g03.rules';

/** A member born 2 June 1950, placed 3 March 2003: turns 59 on 2 June 2009. */
const member = (...more: ContactProcessEvent[]) =>
  given(
    aPerson({ birthDate: d('1950-06-02') }),
    placed({ placedOn: d('2003-03-03') }),
    registered('2003-03-03'),
    ...more,
  );

const guidance = (duty: string, givenOn: string, relatesTo: string | null = null): ContactProcessEvent => ({
  type: 'GuidanceGiven',
  data: { duty, givenOn: d(givenOn), relatesTo, form: 'written', toldMember: 'the availability obligation' },
});
const trigger = (
  triggerId: string,
  section: string,
  knownOn: string,
  eventOn: string | null = null,
): ContactProcessEvent => ({
  type: 'GuidanceTriggerKnown',
  data: { triggerId, section, knownOn: d(knownOn), eventOn: eventOn === null ? null : d(eventOn) },
});
/** Placed 1 October 2002, before the order came into force, and still registered on 1 January 2003. */
const placedIn2002 = (birthDate: string, ...more: ContactProcessEvent[]) =>
  given(
    aPerson({ birthDate: d(birthDate) }),
    placed({ placedOn: d('2002-10-01') }),
    registered('2002-10-01'),
    ...more,
  );
const meeting = (heldOn: string, reportedToAfOn: string | null = null): ContactProcessEvent => ({
  type: 'GuidanceMeetingHeld',
  data: {
    meetingId: `m-${heldOn}`,
    heldOn: d(heldOn),
    toldMember: 'availability, the contact process, offers, self-chosen education (§ 6)',
    reportedToAfOn: reportedToAfOn === null ? null : d(reportedToAfOn),
  },
});

describe('G03 — the a-kasse’s duty to guide (seed 003, 2003)', () => {
  it('governs a benefit period placed from 2003 until the 2024 rules, and says why', () => {
    const state = member();
    expect(explainRegime(state, state.periods[0])).toMatchObject({
      ruleSetId: 'G03',
      reason: expect.stringContaining('on or after 2003-01-01'),
    });
    expect(new Set(evaluateObligations(state, d('2003-04-01')).map((o) => o.ruleSetId))).toEqual(
      new Set(['G03']),
    );
  });

  it('G03-INFO: the written information is due at placement', () => {
    expect(obligationOf(member(), '2003-03-10', 'G03-INFO')).toMatchObject({
      dueOn: '2003-03-03',
      owner: 'akasse',
      status: 'overdue',
      legalReference: '003 §2, §3',
    });
    expect(obligationOf(member(guidance('G03-INFO', '2003-03-03')), '2003-03-10', 'G03-INFO')).toMatchObject({
      status: 'met',
      metBy: ['e4'],
    });
  });

  describe('G03-MEET: the guidance meeting', () => {
    it('is due at 6 months of cumulative unemployment after placement (hours), and met by a meeting by then', () => {
      const state = member(...fullMonths('2003-03', 6), meeting('2003-07-15'));
      expect(obligationOf(state, '2003-10-01', 'G03-MEET')).toMatchObject({
        dueOn: '2003-08-31',
        hourThreshold: { hours: 961.98, counter: 'akasse' },
        status: 'met',
      });
      expect(obligationOf(member(...fullMonths('2003-03', 6)), '2003-10-01', 'G03-MEET').status).toBe(
        'overdue',
      );
    });

    it('is missed, not overdue for ever, once a new placement ends the benefit period (G03-PERIOD-ENDS, #18 item 1)', () => {
      // Given 6 months of cumulative unemployment by 31 August 2003 and no meeting (§ 8: "senest efter 6
      // måneders sammenlagt ledighed efter indplaceringstidspunktet")
      const unmet = [...fullMonths('2003-03', 6), deregistered('2003-10-01')];
      // When the member is placed in a new benefit period on 1 March 2004
      const state = member(...unmet, placed({ benefitPeriodId: 'bp-2', placedOn: d('2004-03-01') }));
      expect(obligationOf(member(...unmet), '2004-03-10', 'G03-MEET').status).toBe('overdue');
      // Then the earlier period's meeting is missed from the day after it ended
      expect(obligationOf(state, '2004-03-10', 'G03-MEET', 'bp-1')).toMatchObject({
        status: 'missed',
        windowClosesOn: '2004-02-29',
        note: expect.stringContaining('G03-PERIOD-ENDS, unverified reading'),
      });
      expect(G03.parameters.periodEnds).toMatchObject({ value: 'next-placement', verified: false });
    });

    it('is due by 9 months for members placed before 2003 and aged 25–59 (§ 33), met by any meeting by then', () => {
      const before2003 = placedIn2002('1960-01-10', ...fullMonths('2002-10', 9), meeting('2003-03-10'));
      expect(obligationOf(before2003, '2003-08-01', 'G03-MEET')).toMatchObject({
        dueOn: '2003-06-30',
        status: 'met', // "ske efter 9 måneders" read with § 8's "senest efter": at the latest by 9 months
        fulfilledOn: '2003-03-10',
        note: expect.stringContaining('§ 33'),
      });
      const late = placedIn2002('1960-01-10', ...fullMonths('2002-10', 9), meeting('2003-07-01'));
      expect(obligationOf(late, '2003-08-01', 'G03-MEET')).toMatchObject({
        dueOn: '2003-06-30',
        status: 'missed',
        fulfilledOn: '2003-07-01',
      });
      const sixtyYearOld = given(
        aPerson({ birthDate: d('1942-01-10') }),
        placed({ placedOn: d('2002-10-01') }),
        registered('2002-10-01'),
        ...fullMonths('2002-10', 9),
      );
      expect(obligationOf(sixtyYearOld, '2003-08-01', 'G03-MEET').dueOn).toBe('2003-03-31');
    });

    it('is never due before the order came into force: past the months on 2003-01-01, due that day (§ 32)', () => {
      // Aged 62 on 2003-01-01: 6 months, reached on 2002-11-30 by the hours from January 2002.
      const past = given(
        aPerson({ birthDate: d('1940-05-10') }),
        placed({ placedOn: d('2002-01-07') }),
        registered('2002-01-07'),
        ...fullMonths('2002-01', 11),
        meeting('2002-12-20'),
      );
      expect(obligationOf(past, '2003-01-02', 'G03-MEET')).toMatchObject({
        dueOn: '2003-01-01',
        status: 'overdue', // December's meeting was held before the order governed the period
        note: expect.stringContaining('before the order came into force'),
      });
    });

    it('takes the meetings in the order they were held, not recorded: an earlier one on time is met', () => {
      const state = member(...fullMonths('2003-03', 6), meeting('2003-09-10'), meeting('2003-07-15'));
      expect(obligationOf(state, '2003-10-01', 'G03-MEET')).toMatchObject({
        dueOn: '2003-08-31',
        status: 'met',
        fulfilledOn: '2003-07-15',
        metBy: ['e11'],
      });
    });
  });

  it('G03-EXCH: the meeting’s date is told to AF', () => {
    const state = member(meeting('2003-07-15'), meeting('2003-08-20', '2003-08-21'));
    expect(obligationOf(state, '2003-09-01', 'G03-EXCH', 'm-2003-07-15')).toMatchObject({
      status: 'open',
      note: 'the meeting’s date has not been reported to AF',
    });
    expect(obligationOf(state, '2003-09-01', 'G03-EXCH', 'm-2003-08-20').status).toBe('met');
  });

  describe('G03-EXCH: the member’s contact person at the a-kasse, to AF (§ 29(3) no. 3)', () => {
    const exchange = (
      exchangeId: string,
      exchangedOn: string,
      more: Partial<{
        direction: 'to-af' | 'from-af';
        subject: 'contact-person' | 'relevant-information';
        meetingId: string | null;
      }> = {},
    ) =>
      ({
        type: 'RecordAfExchange',
        recordedBy: 'akasse',
        today: d('2003-09-01'),
        data: {
          exchangeId,
          exchangedOn: d(exchangedOn),
          direction: 'to-af',
          subject: 'contact-person',
          meetingId: null,
          content: 'the caseworker on team 2',
          ...more,
        },
      }) as ContactProcessCommand;

    it('is owed once in the period, with no time limit, and met by telling AF — not by what AF told the a-kasse', () => {
      expect(obligationOf(member(), '2003-09-01', 'G03-EXCH', 'contact-person')).toMatchObject({
        dueOn: null,
        status: 'open',
        legalReference: '003 §29',
      });
      const fromAf = decide(exchange('x-1', '2003-05-01', { direction: 'from-af' }), member());
      expect(obligationOf(member(...fromAf), '2003-09-01', 'G03-EXCH', 'contact-person').status).toBe('open');
      const toAf = decide(exchange('x-2', '2003-05-02'), member());
      expect(toAf).toEqual([
        { type: 'AfInformationExchanged', data: expect.objectContaining({ exchangeId: 'x-2' }) },
      ]);
      expect(
        obligationOf(member(...fromAf, ...toAf), '2003-09-01', 'G03-EXCH', 'contact-person'),
      ).toMatchObject({
        status: 'met',
        fulfilledOn: '2003-05-02',
        metBy: ['e5'],
      });
    });

    it('records information that came up at a meeting (no. 2) only for a recorded meeting, not before it', () => {
      const relevant = { subject: 'relevant-information' as const, meetingId: 'm-2003-07-15' };
      expect(refusal(exchange('x-1', '2003-07-16', relevant), member())).toMatchObject({
        code: 'unknown-reference',
        ruleId: 'G03-EXCH',
        field: 'meetingId',
      });
      const held = member(meeting('2003-07-15'));
      expect(refusal(exchange('x-1', '2003-07-14', relevant), held)).toMatchObject({ field: 'exchangedOn' });
      expect(decide(exchange('x-1', '2003-07-16', relevant), held)).toHaveLength(1);
      const twice = member(meeting('2003-07-15'), ...decide(exchange('x-1', '2003-07-16', relevant), held));
      expect(refusal(exchange('x-1', '2003-07-17'), twice)).toMatchObject({ field: 'exchangeId' });
    });
  });

  describe('the age-driven duties', () => {
    // Born 2 June 1950, still registered: 59 on 2009-06-02, 60 on 2010-06-02.
    it('G03-59: written guidance on the early-retirement certificate at 59', () => {
      expect(obligationOf(member(), '2009-06-10', 'G03-59')).toMatchObject({
        dueOn: '2009-06-02',
        status: 'overdue',
      });
    });

    it('G03-60CERT and G03-60LIMIT: 2 and 3 months before 60', () => {
      const state = member(guidance('G03-60LIMIT', '2010-03-01'));
      expect(obligationOf(state, '2010-04-10', 'G03-60CERT')).toMatchObject({
        dueOn: '2010-04-02',
        status: 'overdue',
      });
      expect(obligationOf(state, '2010-04-10', 'G03-60LIMIT')).toMatchObject({
        dueOn: '2010-03-02',
        status: 'met',
      });
    });

    it('G03-60LIMIT only for a member unemployed then', () => {
      const state = member(deregistered('2005-01-10'));
      expect(evaluateObligations(state, d('2010-04-10')).map((o) => o.ruleId)).not.toContain('G03-60LIMIT');
    });

    it('G03-60OFFER: at 60, the right and duty to offers after 6 months — § 22(3) names no time (not under § 33(2))', () => {
      expect(obligationOf(member(), '2010-06-10', 'G03-60OFFER')).toMatchObject({
        dueOn: null,
        status: 'open',
      });
      const old = given(
        aPerson({ birthDate: d('1939-03-01') }),
        placed({ placedOn: d('1999-02-01') }),
        registered('1999-02-01'),
      );
      expect(obligationOf(old, '2003-02-01', 'G03-60OFFER').status).toBe('not-applicable');
    });

    it('G03-60RIGHT: how to regain the right, at the latest 3 months before it expires', () => {
      const state = member({
        type: 'GuidanceTriggerKnown',
        data: { triggerId: 't-exp', section: '§22', knownOn: d('2010-07-01'), eventOn: d('2011-01-15') },
      });
      expect(obligationOf(state, '2010-10-20', 'G03-60RIGHT', 't-exp')).toMatchObject({
        dueOn: '2010-10-15',
        status: 'overdue',
      });
      expect(evaluateObligations(state, d('2010-10-20')).map((o) => o.ruleId)).not.toContain('G03-EVENT');
    });

    it('a duty owed before a day is missed once the day has passed without it (G03-BEFORE-ENDS, #18 item 1)', () => {
      // Given a member born 2 June 1950, still registered: 60 on 2010-06-02, no guidance given
      const state = member({
        type: 'GuidanceTriggerKnown',
        data: { triggerId: 't-exp', section: '§22', knownOn: d('2010-07-01'), eventOn: d('2011-01-15') },
      });
      // When the day the guidance was to come before has passed ("senest 3 måneder før", 003 §21–22)
      for (const ruleId of ['G03-60CERT', 'G03-60LIMIT'])
        expect(obligationOf(state, '2010-06-02', ruleId)).toMatchObject({
          status: 'overdue',
          windowClosesOn: '2010-06-02',
        });
      // Then it can no longer be given before it: missed, not overdue
      expect(obligationOf(state, '2010-06-03', 'G03-60LIMIT').status).toBe('missed');
      expect(obligationOf(state, '2011-01-16', 'G03-60RIGHT', 't-exp')).toMatchObject({
        status: 'missed',
        windowClosesOn: '2011-01-15',
      });
      // while a duty with no such day (G03-59) stays overdue until given
      expect(obligationOf(state, '2011-01-16', 'G03-59').status).toBe('overdue');
    });

    it('G03-30: "in good time" before 30 is a parameter (3 months, unverified)', () => {
      const young = given(
        aPerson({ birthDate: d('1975-09-15') }),
        placed({ placedOn: d('2004-01-05') }),
        registered('2004-01-05'),
      );
      expect(obligationOf(young, '2005-07-01', 'G03-30')).toMatchObject({
        dueOn: '2005-06-15',
        note: expect.stringContaining('G03-IN-GOOD-TIME, unverified'),
      });
    });
  });

  it('G03-PLAN: guidance on a plan when AF’s copy is received', () => {
    const state = member(
      { type: 'ActionPlanCopyReceived', data: { planId: 'plan-1', receivedOn: d('2003-05-02') } },
      guidance('G03-PLAN', '2003-05-06', 'plan-1'),
    );
    expect(obligationOf(state, '2003-05-10', 'G03-PLAN', 'plan-1')).toMatchObject({
      dueOn: '2003-05-02',
      status: 'missed',
      fulfilledOn: '2003-05-06',
    });
  });

  it('G03-EVENT: at once when the a-kasse learns of the event; in good time before it for §§ 17–20', () => {
    const state = member(
      {
        type: 'GuidanceTriggerKnown',
        data: { triggerId: 't-abroad', section: '§16', knownOn: d('2003-06-02'), eventOn: null },
      },
      {
        type: 'GuidanceTriggerKnown',
        data: { triggerId: 't-expiry', section: '§20', knownOn: d('2003-06-02'), eventOn: d('2004-03-03') },
      },
    );
    expect(obligationOf(state, '2003-06-03', 'G03-EVENT', 't-abroad')).toMatchObject({
      dueOn: '2003-06-02',
      status: 'overdue',
      note: '§16: a stay abroad',
    });
    expect(obligationOf(state, '2003-06-03', 'G03-EVENT', 't-expiry')).toMatchObject({
      dueOn: '2003-12-03',
      status: 'open',
    });
  });

  it('G03-EVENT § 20: owed only to a member receiving benefits when the guidance is due (stk. 2)', () => {
    const expiry = trigger('t-expiry', '§20', '2003-06-02', '2004-03-03');
    // Registered as unemployed on 3 December 2003, 3 months before the expiry: owed.
    expect(obligationOf(member(expiry), '2003-12-04', 'G03-EVENT', 't-expiry')).toMatchObject({
      dueOn: '2003-12-03',
      status: 'overdue',
    });
    // Back in work from 1 November 2003: no longer receiving benefits when it falls due.
    const inWork = member(expiry, deregistered('2003-11-01'));
    expect(obligationOf(inWork, '2003-12-04', 'G03-EVENT', 't-expiry')).toMatchObject({
      dueOn: '2003-12-03',
      status: 'not-applicable',
      note: expect.stringContaining(
        '§ 20(2): owed only to a member receiving benefits from the a-kasse; not registered as unemployed on 2003-12-03',
      ),
    });
  });

  it('G03-EVENT § 20(3)–(4): the rights and duties on § 55(2) benefits at once, and in good time before that right expires', () => {
    const state = member(
      trigger('t-55-2', '§20(3)', '2004-03-04'),
      trigger('t-55-2-end', '§20(4)', '2004-03-04', '2005-06-01'),
    );
    expect(obligationOf(state, '2004-03-05', 'G03-EVENT', 't-55-2')).toMatchObject({
      dueOn: '2004-03-04',
      status: 'overdue',
      note: expect.stringContaining('§20(3): benefits under AFL § 55(2)'),
    });
    expect(obligationOf(state, '2004-03-05', 'G03-EVENT', 't-55-2-end')).toMatchObject({
      dueOn: '2005-03-01',
      status: 'open',
      note: expect.stringContaining('written application'),
    });
    const command = {
      type: 'RecordGuidanceTrigger',
      recordedBy: 'akasse',
      today: d('2004-03-05'),
      data: { triggerId: 't-x', section: '§20(3)', knownOn: d('2004-03-04'), eventOn: null },
    } as ContactProcessCommand;
    expect(decide(command, member())).toHaveLength(1);
  });

  it('G03-EVENT §§ 17–19: at once when known (stk. 1) and, separately, in good time before the limited period expires (stk. 2)', () => {
    const state = member(
      trigger('t-pension', '§17', '2003-06-02', '2004-03-03'),
      guidance('G03-EVENT', '2003-06-02', 't-pension'),
    );
    expect(obligationOf(state, '2003-06-03', 'G03-EVENT', 't-pension')).toMatchObject({
      dueOn: '2003-06-02',
      status: 'met',
      note: expect.stringContaining('stk. 1'),
    });
    // The guidance at once does not also inform in good time before the expiry: a second guidance does.
    expect(obligationOf(state, '2003-12-04', 'G03-EVENT', 't-pension:before-expiry')).toMatchObject({
      dueOn: '2003-12-03',
      status: 'overdue',
      note: expect.stringContaining('G03-IN-GOOD-TIME, unverified'),
    });
    const informed = member(
      trigger('t-pension', '§17', '2003-06-02', '2004-03-03'),
      guidance('G03-EVENT', '2003-11-20', 't-pension'),
      guidance('G03-EVENT', '2003-06-02', 't-pension'),
    );
    expect(obligationOf(informed, '2003-12-04', 'G03-EVENT', 't-pension')).toMatchObject({
      status: 'met',
      metBy: ['e6'],
    });
    expect(obligationOf(informed, '2003-12-04', 'G03-EVENT', 't-pension:before-expiry')).toMatchObject({
      status: 'met',
      fulfilledOn: '2003-11-20',
      metBy: ['e5'],
    });
  });

  it('G03-EVENT § 21: transition benefit, at the latest 3 months before the member turns 60, not when known', () => {
    // Born 2 June 1950: 60 on 2010-06-02.
    const state = member(trigger('t-transition', '§21', '2008-01-10'));
    expect(obligationOf(state, '2008-01-20', 'G03-EVENT', 't-transition')).toMatchObject({
      dueOn: '2010-03-02',
      status: 'open',
    });
  });

  it('G03-EVENT § 23(2)–(5): the early-retirement contribution guidance can be recorded, due at once when known', () => {
    const optedOut = { triggerId: 't-optout', section: '§23', knownOn: d('2003-06-02'), eventOn: null };
    const command = {
      type: 'RecordGuidanceTrigger',
      recordedBy: 'akasse',
      today: d('2003-06-05'),
      data: optedOut,
    } as ContactProcessCommand;
    const events = decide(command, member());
    expect(events).toEqual([{ type: 'GuidanceTriggerKnown', data: optedOut }]);
    expect(obligationOf(member(...events), '2003-06-05', 'G03-EVENT', 't-optout')).toMatchObject({
      dueOn: '2003-06-02',
      status: 'overdue',
      note: expect.stringContaining('§23: the early-retirement contribution'),
    });
  });

  describe('G03-PLAN on a revision: only when it changes the availability obligation (§ 14(2))', () => {
    const firstCopy: ContactProcessEvent = {
      type: 'ActionPlanCopyReceived',
      data: { planId: 'plan-1', receivedOn: d('2003-05-02') },
    };
    const revisionCopy = (changesAvailability: boolean | null) =>
      ({
        type: 'ReceiveActionPlanCopy',
        recordedBy: 'akasse',
        today: d('2003-09-01'),
        data: {
          planId: 'plan-1',
          receivedOn: d('2003-08-12'),
          revisedOn: d('2003-08-10'),
          changesAvailability,
        },
      }) as ContactProcessCommand;
    const key = 'plan-1/revised-2003-08-10';

    it('is owed on the revision’s receipt when it changes it, met only by guidance from then', () => {
      const before = member(firstCopy, guidance('G03-PLAN', '2003-05-02', 'plan-1'));
      const revised = member(
        firstCopy,
        guidance('G03-PLAN', '2003-05-02', 'plan-1'),
        ...decide(revisionCopy(true), before),
      );
      expect(obligationOf(revised, '2003-08-20', 'G03-PLAN', 'plan-1').status).toBe('met');
      expect(obligationOf(revised, '2003-08-20', 'G03-PLAN', key)).toMatchObject({
        dueOn: '2003-08-12',
        status: 'overdue',
      });
      const guided = member(
        firstCopy,
        guidance('G03-PLAN', '2003-05-02', 'plan-1'),
        ...decide(revisionCopy(true), before),
        guidance('G03-PLAN', '2003-08-12', 'plan-1'),
      );
      expect(obligationOf(guided, '2003-08-20', 'G03-PLAN', key)).toMatchObject({
        status: 'met',
        fulfilledOn: '2003-08-12',
      });
    });

    it('is not owed for a revision that leaves it as it was; owed, with the question named, when unrecorded', () => {
      const unchanged = member(firstCopy, ...decide(revisionCopy(false), member(firstCopy)));
      expect(evaluateObligations(unchanged, d('2003-08-20')).some((o) => o.key.includes('revised-'))).toBe(
        false,
      );
      const unknown = member(firstCopy, ...decide(revisionCopy(null), member(firstCopy)));
      expect(obligationOf(unknown, '2003-08-20', 'G03-PLAN', key)).toMatchObject({
        status: 'overdue',
        note: expect.stringContaining('not recorded'),
      });
    });

    it('refuses the same revision’s copy twice, a copy before the revision, and the question on a new plan', () => {
      const received = member(firstCopy, ...decide(revisionCopy(true), member(firstCopy)));
      expect(refusal(revisionCopy(true), received)).toMatchObject({ field: 'revisedOn' });
      const early = revisionCopy(true) as unknown as { data: Record<string, unknown> };
      expect(
        refusal(
          { ...early, data: { ...early.data, receivedOn: d('2003-08-09') } } as ContactProcessCommand,
          member(firstCopy),
        ),
      ).toMatchObject({ field: 'receivedOn' });
      expect(
        refusal(
          {
            type: 'ReceiveActionPlanCopy',
            recordedBy: 'akasse',
            today: d('2003-09-01'),
            data: { planId: 'plan-2', receivedOn: d('2003-08-12'), changesAvailability: true },
          } as ContactProcessCommand,
          member(),
        ),
      ).toMatchObject({ ruleId: 'G03-PLAN', field: 'changesAvailability' });
    });
  });

  it('G03-PLAN: the guidance given earliest counts, whatever order it was recorded in', () => {
    const state = member(
      { type: 'ActionPlanCopyReceived', data: { planId: 'plan-1', receivedOn: d('2003-05-02') } },
      guidance('G03-PLAN', '2003-05-06', 'plan-1'),
      guidance('G03-PLAN', '2003-05-02', 'plan-1'),
    );
    expect(obligationOf(state, '2003-05-10', 'G03-PLAN', 'plan-1')).toMatchObject({
      status: 'met',
      fulfilledOn: '2003-05-02',
      metBy: ['e6'],
    });
  });

  describe('a period placed before 2003 and still running: no duty falls due before 2003-01-01 (§ 32)', () => {
    it('G03-INFO is not owed: § 3 covers the members placed from 2003', () => {
      expect(obligationOf(placedIn2002('1960-01-10'), '2003-02-01', 'G03-INFO')).toMatchObject({
        status: 'not-applicable',
        dueOn: null,
        note: expect.stringContaining('§ 3'),
      });
    });

    it('the age-driven duties whose day fell before 2003 are not owed; later ones are', () => {
      // Born 10 November 1943: 59 on 2002-11-10, 60 on 2003-11-10 (3 and 2 months before: 2003-08-10, -09-10).
      const state = placedIn2002('1943-11-10');
      expect(obligationOf(state, '2003-02-01', 'G03-59')).toMatchObject({
        status: 'not-applicable',
        dueOn: null,
        note: expect.stringContaining('§ 32'),
      });
      expect(obligationOf(state, '2003-09-01', 'G03-60LIMIT')).toMatchObject({
        dueOn: '2003-08-10',
        status: 'overdue',
      });
      // Born 1 March 1973: "in good time" before 30 is 2002-12-01.
      expect(obligationOf(placedIn2002('1973-03-01'), '2003-02-01', 'G03-30').status).toBe('not-applicable');
    });

    it('a trigger known before 2003 is not owed at once; a duty it sets due from 2003 is', () => {
      const state = placedIn2002(
        '1960-01-10',
        trigger('t-abroad', '§16', '2002-11-04'),
        trigger('t-pension', '§17', '2002-11-04', '2003-09-01'),
        { type: 'ActionPlanCopyReceived', data: { planId: 'plan-1', receivedOn: d('2002-12-02') } },
      );
      const informed = (on: string) =>
        placedIn2002(
          '1960-01-10',
          trigger('t-pension', '§17', '2002-11-04', '2003-09-01'),
          guidance('G03-EVENT', on, 't-pension'),
        );
      expect(obligationOf(state, '2003-02-01', 'G03-EVENT', 't-abroad')).toMatchObject({
        status: 'not-applicable',
        dueOn: null,
        note: expect.stringContaining('2002-11-04'),
      });
      expect(obligationOf(state, '2003-02-01', 'G03-EVENT', 't-pension').status).toBe('not-applicable');
      expect(obligationOf(state, '2003-02-01', 'G03-PLAN', 'plan-1').status).toBe('not-applicable');
      // § 17(2): "i god tid, før den begrænsede periode … udløber" falls due under the order.
      expect(obligationOf(state, '2003-07-01', 'G03-EVENT', 't-pension:before-expiry')).toMatchObject({
        dueOn: '2003-06-01',
        status: 'overdue',
      });
      // With no duty at once under the order, the one guidance on the trigger informs in good time.
      expect(
        obligationOf(informed('2003-05-12'), '2003-07-01', 'G03-EVENT', 't-pension:before-expiry'),
      ).toMatchObject({ status: 'met', fulfilledOn: '2003-05-12' });
    });
  });

  it('G03-HELP and G03-PERSONAL: on request, with no time limit', () => {
    const state = member(
      {
        type: 'GuidanceRequested',
        data: { requestId: 'r-1', kind: 'cv-on-jobnet', requestedOn: d('2003-04-01') },
      },
      {
        type: 'GuidanceRequested',
        data: { requestId: 'r-2', kind: 'personal-need', requestedOn: d('2003-04-02') },
      },
      guidance('G03-HELP', '2003-04-03', 'r-1'),
    );
    expect(obligationOf(state, '2003-05-01', 'G03-HELP', 'r-1')).toMatchObject({
      status: 'met',
      dueOn: null,
    });
    expect(obligationOf(state, '2003-05-01', 'G03-PERSONAL', 'r-2')).toMatchObject({ status: 'open' });
  });

  describe('recording guidance (G03-NOTE: what the member was told is recorded with it)', () => {
    const record = (data: Partial<GuidanceGiven>) =>
      ({
        type: 'RecordGuidance',
        recordedBy: 'akasse',
        today: d('2003-06-01'),
        data: {
          duty: 'G03-INFO',
          givenOn: d('2003-03-03'),
          relatesTo: null,
          form: 'written',
          toldMember: 'x',
          ...data,
        },
      }) as ContactProcessCommand;

    it('refuses guidance without a record of what the member was told', () => {
      expect(refusal(record({ toldMember: '  ' }), member())).toMatchObject({
        ruleId: 'G03-NOTE',
        field: 'toldMember',
      });
    });

    it('refuses G03-INFO and G03-59 given as a conversation: the order requires them in writing (§ 2(5), § 9(1))', () => {
      for (const duty of ['G03-INFO', 'G03-59'])
        expect(refusal(record({ duty, form: 'conversation' }), member())).toMatchObject({
          code: 'precondition-failed',
          ruleId: duty,
          field: 'form',
        });
      expect(decide(record({ duty: 'G03-60CERT', form: 'conversation' }), member())).toHaveLength(1);
    });

    it('refuses guidance answering a trigger that was never recorded', () => {
      expect(refusal(record({ duty: 'G03-EVENT', relatesTo: 'nope' }), member())).toMatchObject({
        code: 'unknown-reference',
        field: 'relatesTo',
      });
    });

    it('refuses guidance facts for a period under the 2024 rules', () => {
      const c24 = given(aPerson(), placed(), registered('2024-03-04'));
      // Given in the 2024 period (a day before its placement falls in no period, and is refused as such).
      const inTheC24Period = record({ givenOn: d('2024-03-10') });
      expect(
        refusal({ ...inTheC24Period, today: d('2024-04-01') } as ContactProcessCommand, c24).message,
      ).toMatch(/governed by C24/);
    });
  });

  describe('G03-KEEP: the recorded and exchanged information is kept (§ 30)', () => {
    const recorded = (...events: ContactProcessEvent[]): RecordedContactProcessEvent[] =>
      events.map((event, i) => ({ ...event, eventId: `e${i + 1}` }));
    const facts = recorded(
      aPerson({ birthDate: d('1950-06-02') }),
      placed({ placedOn: d('2003-03-03') }),
      registered('2003-03-03'),
      meeting('2003-07-15', '2003-07-16'),
    );

    it('withdraws a meeting recorded in error by a new fact with its reason, never by deleting it', () => {
      const retraction = decideCorrection(
        {
          type: 'RetractFact',
          recordedBy: 'akasse',
          today: d('2003-09-01'),
          data: {
            retractedEventId: 'e4',
            reason: 'recorded on the wrong member',
            retractedOn: d('2003-09-01'),
          },
        },
        facts,
      );
      expect(retraction).toEqual([
        {
          type: 'FactRetracted',
          data: {
            retractedEventId: 'e4',
            factType: 'GuidanceMeetingHeld',
            reason: 'recorded on the wrong member',
            retractedOn: '2003-09-01',
          },
        },
      ]);
      const after = [...facts, { ...retraction[0], eventId: 'e5' }];
      // From the retraction on the meeting no longer counts…
      expect(evaluateObligations(foldFacts(after), d('2003-09-01')).map((o) => o.key)).not.toContain(
        'G03-EXCH:bp-1:m-2003-07-15',
      );
      // …while the facts as recorded before it still show the meeting and what was exchanged with AF.
      expect(
        obligationOf(foldFacts(after.slice(0, 4)), '2003-09-01', 'G03-EXCH', 'm-2003-07-15'),
      ).toMatchObject({
        status: 'met',
        fulfilledOn: '2003-07-16',
        metBy: ['e4'],
      });
    });

    it('refuses to withdraw what was already withdrawn: the first retraction stays the record', () => {
      const retracted = [
        ...facts,
        {
          type: 'FactRetracted',
          data: {
            retractedEventId: 'e4',
            factType: 'GuidanceMeetingHeld',
            reason: 'recorded on the wrong member',
            retractedOn: d('2003-09-01'),
          },
          eventId: 'e5',
        } as RecordedContactProcessEvent,
      ];
      expect(() =>
        decideCorrection(
          {
            type: 'RetractFact',
            recordedBy: 'akasse',
            today: d('2003-09-02'),
            data: { retractedEventId: 'e4', reason: 'again', retractedOn: d('2003-09-02') },
          },
          retracted,
        ),
      ).toThrow(/already been retracted/);
    });
  });

  it('G03-DOC: every met duty names the recorded facts that document it, each saying what the member was told', () => {
    const events: ContactProcessEvent[] = [
      aPerson({ birthDate: d('1950-06-02') }),
      placed({ placedOn: d('2003-03-03') }),
      registered('2003-03-03'),
      guidance('G03-INFO', '2003-03-03'),
      ...fullMonths('2003-03', 6),
      { type: 'ActionPlanCopyReceived', data: { planId: 'plan-1', receivedOn: d('2003-05-02') } },
      guidance('G03-PLAN', '2003-05-02', 'plan-1'),
      meeting('2003-07-15', '2003-07-15'),
    ];
    const byId = new Map(events.map((event, i) => [`e${i + 1}`, event]));
    const met = evaluateObligations(given(...events), d('2003-10-01')).filter((o) => o.status === 'met');
    expect(met.map((o) => o.ruleId).sort()).toEqual(['G03-EXCH', 'G03-INFO', 'G03-MEET', 'G03-PLAN']);
    for (const obligation of met) {
      expect(obligation.metBy.length).toBeGreaterThan(0);
      for (const id of obligation.metBy)
        expect(byId.get(id)?.data).toMatchObject({ toldMember: expect.stringMatching(/\S/) });
    }
    // Guidance that does not say what the member was told is never recorded (G03-NOTE).
    const untold = {
      type: 'RecordGuidanceMeeting',
      recordedBy: 'akasse',
      today: d('2003-08-01'),
      data: { meetingId: 'm-2', heldOn: d('2003-07-20'), toldMember: '', reportedToAfOn: null },
    } as ContactProcessCommand;
    expect(refusal(untold, member())).toMatchObject({ ruleId: 'G03-NOTE', field: 'toldMember' });
  });

  it('every G03 rule of RULES.md is in the catalogue with a legal reference', () => {
    const ids = ['INFO', 'MEET', '59', '60CERT', '60LIMIT', '60OFFER', '60RIGHT', '30', 'PLAN', 'HELP']
      .concat(['PERSONAL', 'EVENT', 'KEEP', 'NOTE', 'EXCH', 'DOC'])
      .map((id) => `G03-${id}`);
    expect(Object.keys(G03.rules).sort()).toEqual(ids.sort());
    for (const id of ids) expect(G03.rules[id].legalReference).toMatch(/^003 §/);
  });

  it('lists the same G03 ids as RULES.md', () => {
    expect(rulesDigestIds('G03').sort()).toEqual(Object.keys(G03.rules).sort());
  });
});
