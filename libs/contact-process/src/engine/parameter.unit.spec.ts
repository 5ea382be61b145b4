import { localDate } from '@app/legal-time';
import { AV } from '../av/av.rules';
import { C24 } from '../c24/c24.rules';
import { G03 } from '../g03/g03.rules';
import { HP } from '../hp/hp.rules';
import { R26 } from '../r26/r26.rules';
import { T15 } from '../t15/t15.rules';
import {
  after,
  before,
  dueWithoutStatedLimit,
  type NoStatedLimitParameter,
  type PeriodParameter,
} from './parameter';

const period = (value: number, unit: PeriodParameter['unit']): PeriodParameter => ({
  id: 'TEST',
  value,
  unit,
  legalReference: 'test',
  verified: true,
  source: 'test',
  reading: 'test',
});

describe('rule parameters', () => {
  describe('every regime', () => {
    it.each([C24, R26, T15, G03, HP, AV].map((ruleSet) => [ruleSet.id, ruleSet] as const))(
      '%s keeps its numbers as parameters with a unit, a legal reference, a source and a reading',
      (_id, ruleSet) => {
        for (const [name, parameter] of Object.entries(ruleSet.parameters))
          expect({ name, ...parameter }).toMatchObject({
            name,
            id: expect.stringMatching(/^[A-Z0-9]+-\S+$/),
            unit: expect.stringMatching(/\S/),
            legalReference: expect.stringMatching(/\S/),
            source: expect.stringMatching(/\S/),
            reading: expect.stringMatching(/\S/),
            verified: expect.any(Boolean),
          });
      },
    );

    it('gives each parameter its own id', () => {
      const ids = [C24, T15, G03, HP].flatMap((r) => Object.values(r.parameters).map((p) => p.id));
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  describe('a due day no source states (#18 item 2)', () => {
    const limit = (value: number | null): NoStatedLimitParameter => ({
      id: 'TEST-DUE',
      value,
      unit: 'days',
      legalReference: 'test',
      verified: false,
      source: 'test',
      reading: 'no stated time limit: test',
    });

    it('is the day the duty arises (0), some days after it, or none (owed from that day, due on none)', () => {
      expect(dueWithoutStatedLimit(localDate('2024-04-12'), limit(0))).toBe('2024-04-12');
      expect(dueWithoutStatedLimit(localDate('2024-04-12'), limit(7))).toBe('2024-04-19');
      expect(dueWithoutStatedLimit(localDate('2024-04-12'), limit(null))).toBeNull();
    });

    it.each([C24, R26, T15, G03, HP, AV].map((ruleSet) => [ruleSet.id, ruleSet] as const))(
      '%s keeps each such day as a named parameter, unverified, in days, saying it is a reading',
      (_id, ruleSet) => {
        for (const parameter of Object.values(ruleSet.parameters).filter((p) => p.id.endsWith('-DUE')))
          expect(parameter).toMatchObject({
            unit: 'days',
            verified: false,
            value: parameter.value === null ? null : expect.any(Number),
            reading: expect.stringMatching(/^no stated time limit: /),
          });
      },
    );

    it('names the readings of C24-CTRLREQ, HP-REVISE and HP-NOTIFY', () => {
      expect(C24.parameters.controlRequestDue).toMatchObject({ id: 'C24-CTRLREQ-DUE', value: 0 });
      expect(HP.parameters.reviseDue).toMatchObject({ id: 'HP-REVISE-DUE', value: 0 });
      expect(HP.parameters.notifyDue).toMatchObject({ id: 'HP-NOTIFY-DUE', value: null });
    });
  });

  describe('R26', () => {
    it('replaces C24’s interview counts with its own and keeps C24’s other numbers', () => {
      expect(R26.parameters).not.toHaveProperty('akasseInterviews.id', 'C24-AK3-COUNT');
      expect(R26.parameters.akasseInterviews).toMatchObject({ id: 'R26-AK-COUNT', value: 2 });
      expect(R26.parameters.intensifiedEffortMonths).toBe(C24.parameters.intensifiedEffortMonths);
    });
  });

  describe('a period after a day', () => {
    it('counts days, weeks and calendar months (clamped to the month’s end)', () => {
      expect(after(localDate('2024-03-04'), period(14, 'days'))).toBe('2024-03-18');
      expect(after(localDate('2024-03-04'), period(4, 'weeks'))).toBe('2024-04-01');
      expect(after(localDate('2024-01-31'), period(1, 'months'))).toBe('2024-02-29');
      expect(before(localDate('2024-05-31'), period(3, 'months'))).toBe('2024-02-29');
    });
  });
});
