/**
 * Person facts with a day of their own (#18 item 5): a change of education, custody or the repatriation facts is
 * in force from its `effectiveFrom`, and each rule reads the facts in force on the day it judges.
 */
import type { ContactProcessCommand } from './decide';
import { decide } from './decide';
import { decideCorrection } from './corrections';
import { foldFacts } from './evolve';
import { personFactsOn, type RecordedContactProcessEvent } from './state';
import type { ContactProcessEvent, PersonFactsRecorded } from '../contact-process.events';
import { C24 } from '../c24/c24.rules';
import {
  aPerson,
  aYoungPerson,
  d,
  given,
  interview,
  obligationOf,
  placed,
  refusal,
  registered,
} from '../testing/scenario';

/** A person fact recorded as in force from `effectiveFrom`. */
const changed = (
  effectiveFrom: string,
  overrides: Partial<PersonFactsRecorded>,
  base = aYoungPerson().data,
): ContactProcessEvent => ({
  type: 'PersonFactsRecorded',
  data: { ...base, ...overrides, effectiveFrom: d(effectiveFrom) },
});

const record = (data: Partial<PersonFactsRecorded>, today = '2025-10-01'): ContactProcessCommand => ({
  type: 'RecordPersonFacts',
  recordedBy: 'akasse',
  today: d(today),
  data: { ...aYoungPerson().data, ...data },
});

const placedAndRegistered = (on: string) => [placed({ placedOn: d(on) }), registered(on)];

describe('person facts in force from a day (#18 item 5)', () => {
  describe('the education-injunction group, judged on the registration day (LAB §27(3), 002 §2.1)', () => {
    // 23 years old, without vocational education and without children at home until 2025-09-01.
    const educated = changed('2025-09-01', { hasVocationalEducation: true });

    it('given vocational education from 2025-09-01, when registered on 2025-08-15, then the group is judged by the facts before it: C24-VISIT owed, C24-FIRST not', () => {
      const state = given(aYoungPerson(), educated, ...placedAndRegistered('2025-08-15'));
      expect(obligationOf(state, '2025-08-20', 'C24-VISIT')).toMatchObject({
        dueOn: '2025-08-29',
        status: 'open',
      });
      expect(obligationOf(state, '2025-08-20', 'C24-FIRST').status).toBe('not-applicable');
      // The group is decided on that day: the education from 2025-09-01 does not move the person out of it.
      expect(obligationOf(state, '2025-10-01', 'C24-EDU6').status).not.toBe('not-applicable');
    });

    it('given vocational education from 2025-09-01, when registered on 2025-09-15, then the new facts hold: C24-FIRST owed, C24-VISIT not', () => {
      const state = given(aYoungPerson(), educated, ...placedAndRegistered('2025-09-15'));
      expect(obligationOf(state, '2025-09-20', 'C24-VISIT').status).toBe('not-applicable');
      expect(obligationOf(state, '2025-09-20', 'C24-FIRST')).toMatchObject({
        dueOn: '2025-09-29',
        status: 'open',
      });
    });

    it('given a change recorded after the registration but in force before it, then it is the day in force that counts, not the day recorded', () => {
      const state = given(
        aYoungPerson(),
        ...placedAndRegistered('2025-08-15'),
        changed('2025-08-01', { hasVocationalEducation: true }),
      );
      expect(obligationOf(state, '2025-08-20', 'C24-VISIT').status).toBe('not-applicable');
    });

    it('given the facts changed within the visitation’s 2 weeks, then the group stands and the answer names the reading it follows', () => {
      const state = given(aYoungPerson(), ...placedAndRegistered('2025-08-25'), educated);
      expect(obligationOf(state, '2025-08-31', 'C24-VISIT').note).toBeNull();
      expect(obligationOf(state, '2025-09-05', 'C24-VISIT')).toMatchObject({
        status: 'open',
        note: expect.stringMatching(
          /registration \(2025-08-25\), not by those from 2025-09-01 \(LAB §27\(3\); 002 §2\.1; C24-VISIT-JUDGED-ON, unverified reading\)/,
        ),
      });
      expect(C24.parameters.educationInjunctionJudgedOn).toMatchObject({
        value: 'first-registration',
        verified: false,
      });
    });

    it('given custody of children at home until 2025-09-01 (the children moved out), then registered before it the person is outside the group, after it inside', () => {
      const withChildren = aYoungPerson({ hasCustodyOfChildrenAtHome: true });
      const moved = changed('2025-09-01', { hasCustodyOfChildrenAtHome: false }, withChildren.data);
      const before = given(withChildren, moved, ...placedAndRegistered('2025-08-15'));
      const after = given(withChildren, moved, ...placedAndRegistered('2025-09-15'));
      expect(obligationOf(before, '2025-08-20', 'C24-VISIT').status).toBe('not-applicable');
      expect(obligationOf(after, '2025-09-20', 'C24-VISIT')).toMatchObject({
        dueOn: '2025-09-29',
        status: 'open',
      });
    });
  });

  describe('C24-REPAT, judged on each interview’s day (BAB §43, 002 §3.1)', () => {
    it('given a residence permit of 5 years that reaches 6 on 2025-10-01, then guidance is owed at the interview before that day only', () => {
      const covered = aPerson({ coveredByRepatriationAct: true, residencePermitYears: 5 });
      const state = given(
        covered,
        changed('2025-10-01', { residencePermitYears: 6 }, covered.data),
        ...placedAndRegistered('2025-09-01'),
        interview('2025-09-10', { interviewId: 'i-sep' }),
        interview('2025-10-10', { interviewId: 'i-oct' }),
      );
      expect(obligationOf(state, '2025-10-20', 'C24-REPAT', 'i-sep').status).toBe('missed');
      expect(() => obligationOf(state, '2025-10-20', 'C24-REPAT', 'i-oct')).toThrow(/found 0/);
    });
  });

  describe('undated records (every record before the field existed), records of one day, the birth date', () => {
    it('given two undated records, then the later is in force on every day, as it always was read', () => {
      const state = given(aPerson(), aYoungPerson(), ...placedAndRegistered('2025-08-15'));
      expect(obligationOf(state, '2025-08-20', 'C24-VISIT').status).toBe('open');
      expect(state.person?.history).toHaveLength(1);
    });

    it('given an undated record after a dated one, then it replaces the facts from the start and the dated change still holds from its day', () => {
      const state = given(
        aYoungPerson(),
        changed('2025-09-01', { hasVocationalEducation: true }),
        aYoungPerson({ hasCustodyOfChildrenAtHome: true }),
      );
      expect(personFactsOn(state.person!, d('2025-08-31'))).toMatchObject({
        hasCustodyOfChildrenAtHome: true,
      });
      expect(personFactsOn(state.person!, d('2025-09-01'))).toMatchObject({
        hasVocationalEducation: true,
        hasCustodyOfChildrenAtHome: false,
      });
    });

    it('given effectiveFrom null, then the record is undated: in force from the start', () => {
      const state = given(aPerson(), {
        type: 'PersonFactsRecorded',
        data: { ...aYoungPerson().data, effectiveFrom: null },
      });
      expect(state.person?.history).toMatchObject([{ from: null, facts: { hasVocationalEducation: false } }]);
      expect(decide(record({ effectiveFrom: null }), given())).toHaveLength(1);
    });

    it('given two records of the same day, then the later replaces the earlier for that day', () => {
      const state = given(
        aYoungPerson(),
        changed('2025-09-01', { hasVocationalEducation: true }),
        changed('2025-09-01', { hasCustodyOfChildrenAtHome: true }),
      );
      expect(state.person?.history.map((e) => e.from)).toEqual([null, '2025-09-01']);
      expect(personFactsOn(state.person!, d('2025-09-01'))).toMatchObject({
        hasVocationalEducation: false,
        hasCustodyOfChildrenAtHome: true,
      });
    });

    it('the birth date has no day: the one recorded last stands for every day (a person’s birth date does not change)', () => {
      const state = given(aYoungPerson(), changed('2025-09-01', { birthDate: d('2001-06-30') }));
      expect(personFactsOn(state.person!, d('2025-01-01')).birthDate).toBe('2001-06-30');
    });
  });

  describe('refusals, naming effectiveFrom', () => {
    const known = given(aYoungPerson());

    it('refuses a day after today: facts are recorded once they have happened', () => {
      expect(refusal(record({ effectiveFrom: d('2025-10-02') }), known)).toMatchObject({
        code: 'precondition-failed',
        field: 'effectiveFrom',
      });
    });

    it('refuses a day before the birth date', () => {
      expect(refusal(record({ effectiveFrom: d('2001-12-31') }), known)).toMatchObject({
        field: 'effectiveFrom',
        message: expect.stringMatching(/before the birth date/),
      });
    });

    it('refuses a dated first record: the first facts are in force from the start', () => {
      expect(refusal(record({ effectiveFrom: d('2025-09-01') }), given())).toMatchObject({
        field: 'effectiveFrom',
        message: expect.stringMatching(/from the start/),
      });
    });

    it('accepts a dated change on or before today, recorded as given', () => {
      expect(decide(record({ effectiveFrom: d('2025-10-01') }), known)).toEqual([
        { type: 'PersonFactsRecorded', data: expect.objectContaining({ effectiveFrom: '2025-10-01' }) },
      ]);
    });
  });

  describe('corrections of a dated person fact (process/corrections)', () => {
    const stream: RecordedContactProcessEvent[] = [
      aYoungPerson(),
      changed('2025-09-01', { hasVocationalEducation: true }),
      ...placedAndRegistered('2025-08-15'),
    ].map((event, i) => ({ ...event, eventId: `e${i + 1}` }));

    it('given the change’s day corrected to 2025-08-01, then the registration on 2025-08-15 is judged by the education', () => {
      expect(obligationOf(foldFacts(stream), '2025-08-20', 'C24-VISIT').status).toBe('open');
      const [corrected] = decideCorrection(
        {
          type: 'CorrectFact',
          recordedBy: 'akasse',
          today: d('2025-10-01'),
          data: {
            correctedEventId: 'e2',
            factType: 'PersonFactsRecorded',
            reason: 'the education was completed in July',
            correctedOn: d('2025-10-01'),
            data: { ...aYoungPerson().data, hasVocationalEducation: true, effectiveFrom: d('2025-08-01') },
          },
        },
        stream,
      );
      const state = foldFacts([...stream, { ...corrected, eventId: 'e5' }]);
      expect(obligationOf(state, '2025-08-20', 'C24-VISIT').status).toBe('not-applicable');
    });

    it('refuses a correction giving the first record a day, naming data.effectiveFrom', () => {
      expect(() =>
        decideCorrection(
          {
            type: 'CorrectFact',
            recordedBy: 'akasse',
            today: d('2025-10-01'),
            data: {
              correctedEventId: 'e1',
              factType: 'PersonFactsRecorded',
              reason: 'dated',
              correctedOn: d('2025-10-01'),
              data: { ...aYoungPerson().data, effectiveFrom: d('2025-01-01') },
            },
          },
          stream,
        ),
      ).toThrow(expect.objectContaining({ field: 'data.effectiveFrom' }));
    });

    it('given the dated change retracted, then the facts from the start hold on every day again', () => {
      const [retracted] = decideCorrection(
        {
          type: 'RetractFact',
          recordedBy: 'akasse',
          today: d('2025-10-01'),
          data: { retractedEventId: 'e2', reason: 'wrong person', retractedOn: d('2025-10-01') },
        },
        stream,
      );
      const state = foldFacts([...stream, { ...retracted, eventId: 'e5' }]);
      expect(personFactsOn(state.person!, d('2025-12-01')).hasVocationalEducation).toBe(false);
    });
  });
});
