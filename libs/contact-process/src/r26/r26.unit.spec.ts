import { decide, type ContactProcessCommand } from '../process/decide';
import type { ContactProcessEvent, InterviewDutyExempted } from '../contact-process.events';
import { evaluateObligations, explainRegime } from '../obligations';
import {
  aPerson,
  d,
  fullMonths,
  given,
  interview,
  jobcentreInterview,
  obligationOf,
  placed,
  registered,
  refusal,
} from '../testing/scenario';
import { R26 } from './r26.rules';

/** Placed 1 July 2026, registered 6 July; full months from July: 410 h registered on 5 October → handover 31 October. */
const r26Case = (...more: ContactProcessEvent[]) =>
  given(aPerson(), placed({ placedOn: d('2026-07-01') }), registered('2026-07-06'), ...more);
const handedOver = fullMonths('2026-07', 3);

const exemption = (overrides: Partial<InterviewDutyExempted> = {}): ContactProcessEvent => ({
  type: 'InterviewDutyExempted',
  data: {
    ruleId: 'R26-AK2',
    exemptedOn: d('2026-07-20'),
    by: 'akasse',
    reason: 'starts a full-time job on 3 August',
    ...overrides,
  },
});

const exempt = (data: InterviewDutyExempted, recordedBy: 'akasse' | 'jobcenter' = data.by) =>
  ({ type: 'ExemptFromInterviewDuty', recordedBy, today: d('2026-08-01'), data }) as ContactProcessCommand;

describe('R26 — the contact process from 2026-07-01', () => {
  it('governs placements from 2026-07-01 and says so, naming the unverified choice for running cases', () => {
    const state = r26Case();
    expect(explainRegime(state, state.periods[0])).toMatchObject({
      ruleSetId: 'R26',
      reason: expect.stringContaining('R26-RUNNING-CASES, unverified'),
    });
    const earlier = given(aPerson(), placed({ placedOn: d('2026-06-30') }), registered('2026-06-30'));
    expect(explainRegime(earlier, earlier.periods[0]).ruleSetId).toBe('C24');
  });

  describe('R26-AK2: at least 2 interviews held by the a-kasse in the first 3 months', () => {
    it('is due at the handover and met by 2 interviews', () => {
      const state = r26Case(...handedOver, interview('2026-07-15'), interview('2026-09-10'));
      expect(obligationOf(state, '2026-11-05', 'R26-AK2')).toMatchObject({
        ruleSetId: 'R26',
        owner: 'akasse',
        dueOn: '2026-10-31',
        required: 2,
        status: 'met',
        metBy: ['e7', 'e8'],
      });
    });

    it('is missed with only one', () => {
      const state = r26Case(...handedOver, interview('2026-07-15'));
      expect(obligationOf(state, '2026-11-05', 'R26-AK2')).toMatchObject({
        status: 'missed',
        fulfilledCount: 1,
      });
    });

    it('is waived by an exemption after a concrete assessment, recorded with its reason', () => {
      const state = r26Case(...handedOver, exemption());
      expect(obligationOf(state, '2026-11-05', 'R26-AK2')).toMatchObject({
        status: 'waived',
        waivedBy: ['e7'],
      });
    });
  });

  it('R26-MUN2: the a-kasse attends the first municipality interview when the person wants it (LAB §31(2))', () => {
    const state = r26Case(
      ...handedOver,
      jobcentreInterview('2026-11-10', { akasseAttendanceWanted: true, akasseAttended: false }),
    );
    expect(
      obligationOf(state, '2026-11-20', 'R26-MUN2', 'first-after-handover/akasse-attends'),
    ).toMatchObject({ owner: 'akasse', status: 'missed', ruleSetId: 'R26' });
  });

  it('R26-MUN2: at least 2 municipality interviews from the handover until 6 months', () => {
    const state = r26Case(
      ...fullMonths('2026-07', 6),
      jobcentreInterview('2026-11-10'),
      jobcentreInterview('2026-12-15'),
    );
    expect(obligationOf(state, '2027-01-10', 'R26-MUN2')).toMatchObject({
      owner: 'jobcenter',
      required: 2,
      dueOn: '2026-12-31',
      status: 'met',
    });
  });

  it('keeps the 16-month interview and the other C24 duties under their ids, within the R26 rule set', () => {
    const ids = evaluateObligations(r26Case(...handedOver), d('2026-11-05')).map((o) => o.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['C24-FIRST', 'C24-M16', 'C24-CV', 'C24-JSR']));
    expect(ids).not.toContain('C24-AK3');
    expect(ids).not.toContain('C24-JC3');
    expect(new Set(evaluateObligations(r26Case(), d('2026-07-10')).map((o) => o.ruleSetId))).toEqual(
      new Set(['R26']),
    );
    expect(R26.rules['C24-M16'].legalReference).toBe('LAB §32(2), §33(4), §34(1); BAB §47; 002 §3.3, §4.2');
  });

  describe('recording an exemption', () => {
    it('is accepted from the party that owes the interviews', () => {
      expect(decide(exempt(exemption().data as InterviewDutyExempted), r26Case())).toEqual([exemption()]);
    });

    it('is refused under C24, which allows no exemption', () => {
      const c24 = given(aPerson(), placed({ placedOn: d('2026-03-02') }), registered('2026-03-02'));
      const error = refusal(exempt(exemption().data as InterviewDutyExempted), c24);
      expect(error).toMatchObject({ ruleId: 'R26-AK2', field: 'ruleId' });
      expect(error.message).toMatch(/\(C24\) allow no exemption/);
    });

    it('is refused from the other party, and a second time', () => {
      const wrongParty = refusal(
        exempt({ ...(exemption().data as InterviewDutyExempted), by: 'jobcenter' }),
        r26Case(),
      );
      expect(wrongParty).toMatchObject({ ruleId: 'R26-AK2', field: 'by' });
      const twice = refusal(exempt(exemption().data as InterviewDutyExempted), r26Case(exemption()));
      expect(twice.message).toMatch(/already exempted/);
    });
  });
});
