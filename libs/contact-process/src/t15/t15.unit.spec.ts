import { decide } from '../process/decide';
import { ContactProcessError } from '../contact-process.errors';
import type { ContactProcessEvent } from '../contact-process.events';
import { derivedHandover, evaluateObligations, explainRegime, ownerOfContactProcess } from '../obligations';
import {
  aPerson,
  d,
  deregistered,
  fullMonths,
  given,
  hours,
  interview,
  jobcentreInterview,
  obligationOf,
  placed,
  registered,
} from '../testing/scenario';
import { earlierRulesObligations } from './t15.obligations';

const jointInterview = (heldOn: string) =>
  jobcentreInterview(heldOn, { registeredAs: 'joint', akasseAttended: true });

const ruleIds = (state: ReturnType<typeof given>, asOf: string) =>
  evaluateObligations(state, d(asOf)).map((o) => o.ruleId);

describe('T15 — the transition to the 2024 rules (002 §15)', () => {
  describe('§15.3: placed before 2024 and registered as jobseeker on 2023-12-31', () => {
    // Placed 1 November 2023, registered 6 November, still registered on 31 December: full months from
    // November reach 6 months of cumulative unemployment (961.98 h) on 30 April 2024.
    const transitionPerson = (...more: ContactProcessEvent[]) =>
      given(
        aPerson(),
        placed({ placedOn: d('2023-11-01') }),
        registered('2023-11-06'),
        ...fullMonths('2023-11', 6),
        ...more,
      );

    it('stays with the jobcentre under the earlier rules: a CV interview, 4 individual and 2 joint interviews by 6 months', () => {
      const state = transitionPerson();
      for (const ruleId of ['T15-CV', 'T15-JC4', 'T15-JOINT2']) {
        expect(obligationOf(state, '2024-05-10', ruleId)).toMatchObject({
          ruleSetId: 'T15',
          dueOn: '2024-04-30',
          hourThreshold: { hours: 961.98, counter: 'jobcentre' },
          status: 'missed',
          legalReference: 'Law 727/2023 § 5; 002 §15.3',
        });
      }
      expect(obligationOf(state, '2024-05-10', 'T15-CV').owner).toBe('akasse');
      expect(obligationOf(state, '2024-05-10', 'T15-JC4')).toMatchObject({ owner: 'jobcenter', required: 4 });
      expect(obligationOf(state, '2024-05-10', 'T15-JOINT2')).toMatchObject({
        owner: 'jobcenter',
        required: 2,
      });
      expect(ownerOfContactProcess(state, state.periods[0], d('2024-01-10'))).toBe('jobcenter');
    });

    it('has none of the a-kasse’s C24 duties, no obligatory availability interviews, but the 16-month interview', () => {
      const ids = ruleIds(transitionPerson(), '2024-05-10');
      for (const c24Only of ['C24-FIRST', 'C24-AK3', 'C24-JC3', 'C24-VISIT', 'C24-CV', 'C24-MINPLAN'])
        expect(ids).not.toContain(c24Only);
      expect(ids).toContain('C24-M16');
      expect(derivedHandover(transitionPerson(), transitionPerson().periods[0])).toBeUndefined();
    });

    it('is met by the interviews held within the first 6 months', () => {
      const state = transitionPerson(
        interview('2023-11-15'),
        jobcentreInterview('2023-12-01'),
        jobcentreInterview('2024-01-10'),
        jointInterview('2024-02-01'),
        jobcentreInterview('2024-02-20'),
        jobcentreInterview('2024-03-15'),
        jointInterview('2024-04-10'),
      );
      expect(obligationOf(state, '2024-05-10', 'T15-CV')).toMatchObject({ status: 'met', metBy: ['e10'] });
      expect(obligationOf(state, '2024-05-10', 'T15-JC4')).toMatchObject({
        status: 'met',
        fulfilledCount: 4,
        fulfilledOn: '2024-03-15',
      });
      expect(obligationOf(state, '2024-05-10', 'T15-JOINT2')).toMatchObject({
        status: 'met',
        metBy: ['e13', 'e16'],
      });
    });

    it('explains the regime with the facts that chose it', () => {
      const state = transitionPerson();
      expect(explainRegime(state, state.periods[0], d('2024-02-01'))).toEqual({
        ruleSetId: 'T15',
        group: '002 §15.3 (registered on 2023-12-31)',
        reason: expect.stringContaining('registered as jobseeker on 2023-11-06 and still on 2023-12-31'),
      });
    });
  });

  describe('§15.3: registered on 2023-12-31 with 3 months or more of unemployment by 2024-01-01', () => {
    // Placed 1 March 2023, registered that day, full months since: 3 months of cumulative unemployment (480.99 h)
    // on 31 May 2023, 6 months on 31 August 2023 — long before the new rules.
    const pastThreeMonths = (...more: ContactProcessEvent[]) =>
      given(
        aPerson(),
        placed({ placedOn: d('2023-03-01') }),
        registered('2023-03-01'),
        ...fullMonths('2023-03', 10),
        ...more,
      );

    it('is not a transition person: no T15 duties (nor C24 ones) and no missed deadlines appended', () => {
      // Given a person unemployed for 3 months or more on 2024-01-01 ("mindre end 3 måneder", 002 §15.3)
      const state = pastThreeMonths();
      // When the obligations are evaluated, and the daily evaluation of deadlines runs, in 2024
      const obligations = evaluateObligations(state, d('2024-02-01'));
      const appended = decide({ type: 'EvaluateDeadlines', asOf: d('2024-02-01') }, state);
      // Then the earlier rules govern the contact process, which this system does not evaluate
      expect(obligations).toEqual([]);
      expect(appended.filter((e) => e.type === 'DeadlineMissed')).toEqual([]);
      expect(ownerOfContactProcess(state, state.periods[0], d('2024-01-10'))).toBe('jobcenter');
    });

    it('explains why: 3 months were reached before 2024, so the earlier rules govern, not evaluated here', () => {
      const state = pastThreeMonths();
      expect(explainRegime(state, state.periods[0], d('2024-02-01'))).toEqual({
        ruleSetId: 'T15',
        group: '002 §15.3 (3 months or more on 2024-01-01: not a transition person)',
        reason: expect.stringMatching(
          /3 months \(480\.99 h\) of cumulative unemployment reached on 2023-05-31, before 2024-01-01: not a transition person.*earlier rules.*which this system does not evaluate/,
        ),
      });
    });

    it('still is a transition person with less than 3 months by 2023-12-31; 3 months reached on 2023-12-31 is not', () => {
      // Given placed 1 October 2023 and registered on 2 October: 160.33 h in October and November, and in December
      // either 150 h (470.66 h in all, under 480.99 h) or a full month (480.99 h, reached on 31 December)
      const person = (december: number) =>
        given(
          aPerson(),
          placed({ placedOn: d('2023-10-01') }),
          registered('2023-10-02'),
          ...fullMonths('2023-10', 2),
          hours('2023-12', december, '2024-01-05'),
          ...fullMonths('2024-01', 4),
        );
      // Then under 3 months: the earlier rules' set, by 6 months of cumulative unemployment
      const under = person(150);
      // (470.66 h, then 160.33 h a month: 961.98 h on 2 April 2024)
      expect(obligationOf(under, '2024-05-10', 'T15-JC4')).toMatchObject({
        ruleSetId: 'T15',
        dueOn: '2024-04-02',
        status: 'missed',
      });
      expect(explainRegime(under, under.periods[0]).group).toBe('002 §15.3 (registered on 2023-12-31)');
      // And 3 months on 1 January 2024: none of it
      const reached = person(160.33);
      expect(ruleIds(reached, '2024-05-10')).toEqual([]);
      expect(explainRegime(reached, reached.periods[0]).reason).toContain(
        'reached on 2023-12-31, before 2024-01-01: not a transition person',
      );
    });

    it('registered again after 2024-01-01, has C24 from that registration with the jobcentre', () => {
      const state = pastThreeMonths(deregistered('2024-01-10'), registered('2024-03-01'));
      expect(ruleIds(state, '2024-03-20')).not.toContain('T15-JC4');
      expect(obligationOf(state, '2024-03-20', 'C24-AK3')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('before C24 applied to this period'),
      });
      expect(ownerOfContactProcess(state, state.periods[0], d('2024-03-05'))).toBe('jobcenter');
      expect(explainRegime(state, state.periods[0], d('2024-03-20')).reason).toContain(
        'C24 applies from the registration on 2024-03-01, with the jobcentre',
      );
    });

    it('owes no T15 duty that fell due before the law took effect on 2024-01-01', () => {
      // Given the earlier rules' set evaluated for a spell whose 6 months ended in 2023 (as it was before this fix)
      const state = pastThreeMonths();
      const [period] = state.periods;
      // When it becomes obligations in 2024
      const obligations = earlierRulesObligations(
        { person: state.person!, period, asOf: d('2024-02-01') },
        { kind: 'earlier-rules', spell: period.registrations[0], c24From: null },
      );
      // Then each duty, due on 31 August 2023, is not applicable, with a note — never missed
      expect(obligations.map((o) => o.ruleId)).toEqual(['T15-CV', 'T15-JC4', 'T15-JOINT2']);
      for (const o of obligations)
        expect(o).toMatchObject({
          dueOn: '2023-08-31',
          status: 'not-applicable',
          note: expect.stringContaining('before the 2024 rules took effect on 2024-01-01'),
        });
    });
  });

  describe('§15.3: a transition person deregistered and registered again after 2024-01-01', () => {
    // Placed 1 December 2023; 160.33 h for December and 80 h for January registered; deregistered 15 January,
    // registered again 1 March. March's and April's hours bring the a-kasse's count to 410 h on 5 May.
    const backAgain = (...more: ContactProcessEvent[]) =>
      given(
        aPerson(),
        placed({ placedOn: d('2023-12-01') }),
        registered('2023-12-04'),
        jobcentreInterview('2023-12-20'),
        hours('2023-12', 160.33, '2024-01-05'),
        deregistered('2024-01-15'),
        hours('2024-01', 80, '2024-02-05'),
        registered('2024-03-01'),
        hours('2024-03', 160.33, '2024-04-05'),
        hours('2024-04', 160.33, '2024-05-05'),
        ...more,
      );

    it('is no longer a transition person: the earlier rules’ set lapses, C24 applies from the new registration', () => {
      const state = backAgain();
      expect(obligationOf(state, '2024-03-20', 'T15-JC4')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('registered again on 2024-03-01'),
      });
      expect(obligationOf(state, '2024-03-20', 'C24-FIRST')).toMatchObject({
        dueOn: '2024-03-15',
        owner: 'akasse',
        status: 'overdue',
      });
      expect(explainRegime(state, state.periods[0], d('2024-03-20')).reason).toContain(
        'C24 applies from the registration on 2024-03-01',
      );
    });

    it('has the a-kasse for the rest of the first 3 months only, and jobcentre interviews count towards its 3 (§15.4)', () => {
      const state = backAgain(interview('2024-03-12'), interview('2024-04-20'));
      expect(derivedHandover(state, state.periods[0])).toMatchObject({
        handoverOn: '2024-05-31',
        reachedOn: '2024-05-05',
      });
      expect(ownerOfContactProcess(state, state.periods[0], d('2024-04-01'))).toBe('akasse');
      expect(obligationOf(state, '2024-06-10', 'C24-AK3')).toMatchObject({
        dueOn: '2024-05-31',
        status: 'met',
        fulfilledCount: 3,
        metBy: ['e4', 'e11', 'e12'],
      });
    });

    it('before it registered again, it was still under the earlier rules', () => {
      const state = backAgain();
      expect(obligationOf(state, '2024-02-10', 'T15-JC4').status).toBe('open');
      expect(ruleIds(state, '2024-02-10')).not.toContain('C24-FIRST');
    });
  });

  describe('§15.3: placed before 2024, not unemployed on 2024-01-01', () => {
    // Placed 2 October 2023, in a job from 15 November; 240 h registered in 2023; registers again 1 February.
    const returning = (...more: ContactProcessEvent[]) =>
      given(
        aPerson(),
        placed({ placedOn: d('2023-10-02') }),
        registered('2023-10-02'),
        hours('2023-10', 160.33, '2023-11-05'),
        deregistered('2023-11-15'),
        hours('2023-11', 80, '2023-12-05'),
        ...more,
      );

    it('has no contact process until they register again', () => {
      const state = returning();
      // Until then the period ended in 2023, under the rules of its time (the guidance duties of 2003).
      expect(new Set(evaluateObligations(state, d('2024-01-20')).map((o) => o.ruleSetId))).toEqual(
        new Set(['G03']),
      );
    });

    it('then has C24 with the a-kasse for the remaining part of the first 3 months — no fresh 3 months', () => {
      const state = returning(
        registered('2024-02-01'),
        hours('2024-02', 160.33, '2024-03-05'),
        hours('2024-03', 160.33, '2024-04-05'),
      );
      expect(explainRegime(state, state.periods[0], d('2024-02-10'))).toMatchObject({
        ruleSetId: 'T15',
        group: '002 §15.3 (not unemployed on 2024-01-01)',
      });
      expect(obligationOf(state, '2024-02-10', 'C24-FIRST')).toMatchObject({ dueOn: '2024-02-15' });
      // 240 h from 2023 + February's 160.33 h reach 410 h when registered on 5 April: handover 30 April.
      expect(obligationOf(state, '2024-04-10', 'C24-AK3')).toMatchObject({ dueOn: '2024-04-30' });
      expect(ruleIds(state, '2024-04-10')).not.toContain('T15-JC4');
    });

    it('with 3 months already behind them, goes straight to the jobcentre: no a-kasse months, no handover event', () => {
      const state = given(
        aPerson(),
        placed({ placedOn: d('2023-06-01') }),
        registered('2023-06-01'),
        ...fullMonths('2023-06', 3),
        deregistered('2023-09-01'),
        registered('2024-02-01'),
      );
      expect(ownerOfContactProcess(state, state.periods[0], d('2024-02-05'))).toBe('jobcenter');
      expect(obligationOf(state, '2024-02-20', 'C24-AK3')).toMatchObject({
        status: 'not-applicable',
        note: expect.stringContaining('before C24 applied to this period'),
      });
      expect(obligationOf(state, '2024-02-20', 'C24-FIRST').status).toBe('not-applicable');
      expect(derivedHandover(state, state.periods[0])).toBeUndefined();
      expect(explainRegime(state, state.periods[0], d('2024-02-20')).reason).toContain(
        '3 months (480.99 h) of cumulative unemployment reached on 2023-08-31, before 2024-01-01: C24 applies from the registration on 2024-02-01, with the jobcentre',
      );
    });
  });

  describe('§15.2: a person in the a-kasse trial', () => {
    const trial = (...more: ContactProcessEvent[]) =>
      given(
        aPerson(),
        placed({ placedOn: d('2023-11-01'), akasseTrial: true }),
        registered('2023-11-01'),
        ...fullMonths('2023-11', 3),
        ...more,
      );

    it('continues with the a-kasse until 3 months of unemployment, then the jobcentre', () => {
      const state = trial();
      // 410 h registered on 5 February 2024: handover at the end of February.
      expect(derivedHandover(state, state.periods[0])).toMatchObject({ handoverOn: '2024-02-29' });
      expect(ownerOfContactProcess(state, state.periods[0], d('2024-01-15'))).toBe('akasse');
      expect(ownerOfContactProcess(state, state.periods[0], d('2024-03-01'))).toBe('jobcenter');
      expect(explainRegime(state, state.periods[0])).toMatchObject({ ruleSetId: 'T15', group: '002 §15.2' });
    });

    it('owes no C24 duty that fell due before the law took effect on 2024-01-01 (§15.1)', () => {
      // The first interview and the CV fell due in November 2023, under the trial's own rules.
      for (const ruleId of ['C24-FIRST', 'C24-CV', 'C24-JSR'])
        expect(obligationOf(trial(), '2024-01-15', ruleId)).toMatchObject({
          status: 'not-applicable',
          note: expect.stringContaining('due before the 2024 rules took effect'),
        });
      // What falls due from 2024 is C24's: the a-kasse's 3 interviews by the handover.
      expect(obligationOf(trial(), '2024-03-10', 'C24-AK3').status).not.toBe('not-applicable');
    });

    it('counts the trial’s interviews, joint ones included, towards the a-kasse’s 3 (§15.4)', () => {
      const state = trial(
        interview('2023-11-10'),
        interview('2023-12-10', { registeredAs: 'joint' }),
        jobcentreInterview('2024-01-10', { allPartiesAgreed: true }),
      );
      expect(obligationOf(state, '2024-03-10', 'C24-AK3')).toMatchObject({
        status: 'met',
        fulfilledCount: 3,
        dueOn: '2024-02-29',
      });
    });

    it('cannot be claimed for a placement under the new rules', () => {
      try {
        decide(
          {
            type: 'PlaceInBenefitPeriod',
            recordedBy: 'akasse',
            today: d('2024-03-01'),
            data: {
              benefitPeriodId: 'bp-new',
              akasseId: 'akasse-3f',
              insurance: 'full-time',
              placedOn: d('2024-02-01'),
              continuingPlacement: false,
              akasseTrial: true,
            },
          },
          given(aPerson()),
        );
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(ContactProcessError);
        expect(error).toMatchObject({ field: 'akasseTrial' });
      }
    });
  });

  it('does not govern a period that ended before 2024: the 2003 guidance rules do', () => {
    const state = given(
      aPerson(),
      placed({ placedOn: d('2022-03-01') }),
      registered('2022-03-01'),
      deregistered('2022-09-01'),
    );
    expect(explainRegime(state, state.periods[0]).ruleSetId).toBe('G03');
    expect(evaluateObligations(state, d('2024-02-01')).map((o) => o.ruleSetId)).not.toContain('T15');
  });
});
