import type { ContactProcessEvent } from '../contact-process.events';
import { contactProcessOwners, ownerOfContactProcess } from '../obligations';
import type { ContactProcessState } from './state';
import {
  aPerson,
  aYoungPerson,
  d,
  deregistered,
  fullMonths,
  given,
  hours,
  placed,
  registered,
} from '../testing/scenario';

const ownerOn = (state: ContactProcessState, asOf: string) => contactProcessOwners(state, d(asOf))[0];

/** Hours of March–May 2024, registered 5 April, 5 May and 5 June: 410 h reached on 5 June → handover 30 June. */
const placedInMarch = () => given(aPerson(), placed(), registered('2024-03-04'), ...fullMonths('2024-03', 3));

describe('the owner of the contact process on a day (#18 item 4)', () => {
  describe('C24: the a-kasse until the handover at 410 registered hours (BAB §7(2); 002 §2.2)', () => {
    it('given a placement on 1 March, when asked on the handover day, then the a-kasse holds it since the placement', () => {
      expect(ownerOn(placedInMarch(), '2024-06-30')).toMatchObject({
        benefitPeriodId: 'bp-1',
        owner: 'akasse',
        since: '2024-03-01',
        basis: 'placement',
        reason: expect.stringContaining('410 h'),
      });
    });

    it('given 410 h registered on 5 June, when asked on 1 July, then the jobcentre holds it since the day after the handover', () => {
      expect(ownerOn(placedInMarch(), '2024-07-01')).toMatchObject({
        owner: 'jobcenter',
        since: '2024-07-01',
        basis: 'handover',
        reason: expect.stringContaining('on 2024-06-30 (C24-HANDOVER, BAB §7(2); AFL §55; 002 §2.2)'),
      });
    });

    it('given hours registered only later, when asked as of a day before they were registered, then no handover yet', () => {
      // As of 4 June the third month's hours (registered 5 June) are not yet registered: still the a-kasse.
      expect(ownerOn(placedInMarch(), '2024-06-04')).toMatchObject({ owner: 'akasse', basis: 'placement' });
    });

    it('given a part-time member, then the reason names the 333 h', () => {
      const state = given(aPerson(), placed({ insurance: 'part-time' }), registered('2024-03-04'));
      expect(ownerOn(state, '2024-03-20').reason).toContain('333 h');
    });
  });

  describe('C24-VISIT: the education-injunction group (LAB §27(3); 002 §2.1)', () => {
    const young = (...more: ContactProcessEvent[]) =>
      given(aYoungPerson(), placed(), registered('2024-03-04'), ...more);

    it('given no visitation yet, then the a-kasse holds it, for the group and never at hours', () => {
      expect(ownerOn(young(...fullMonths('2024-03', 3)), '2024-07-10')).toMatchObject({
        owner: 'akasse',
        since: '2024-03-01',
        basis: 'education-injunction-group',
      });
    });

    it('given a visitation on 18 March, then the jobcentre holds it since that day', () => {
      const state = young({ type: 'VisitatedToJobcenter', data: { visitatedOn: d('2024-03-18') } });
      expect(ownerOn(state, '2024-03-20')).toMatchObject({
        owner: 'jobcenter',
        since: '2024-03-18',
        basis: 'education-injunction-group',
        reason: expect.stringContaining('visitation on 2024-03-18'),
      });
    });
  });

  describe('T15: the transition (002 §15)', () => {
    const transitionPerson = () =>
      given(
        aPerson(),
        placed({ placedOn: d('2023-11-01') }),
        registered('2023-11-06'),
        ...fullMonths('2023-11', 6),
      );

    it('given a placement before 2024 still registered on 31 December, then the jobcentre holds it under the earlier rules', () => {
      expect(ownerOn(transitionPerson(), '2024-01-10')).toMatchObject({
        owner: 'jobcenter',
        since: '2023-11-01',
        basis: 'transition',
        reason: expect.stringContaining('until C24 applies (002 §15)'),
      });
    });

    it('given a new registration after an interruption, then the a-kasse holds it under C24 from that registration', () => {
      const state = given(
        aPerson(),
        placed({ placedOn: d('2023-11-01') }),
        registered('2023-11-06'),
        hours('2023-11', 160.33, '2023-12-05'),
        hours('2023-12', 160.33, '2024-01-05'),
        deregistered('2024-01-15'),
        hours('2024-01', 80, '2024-02-05'),
        registered('2024-03-01'),
      );
      expect(ownerOn(state, '2024-02-20')).toMatchObject({ basis: 'transition', since: '2023-11-01' });
      expect(ownerOn(state, '2024-03-20')).toMatchObject({
        owner: 'akasse',
        since: '2024-03-01',
        basis: 'transition',
        reason: expect.stringContaining('under C24 from 2024-03-01'),
      });
    });
  });

  describe('before the reform (HP, 1994): the public employment service throughout', () => {
    it('given a placement in 1994, then the jobcentre (arbejdsformidlingen) holds it since the placement', () => {
      const state = given(aPerson(), placed({ placedOn: d('1994-01-03') }), registered('1994-01-03'));
      expect(ownerOn(state, '1994-03-01')).toMatchObject({
        owner: 'jobcenter',
        since: '1994-01-03',
        basis: 'placement',
      });
    });
  });

  it('is the owner the preconditions and obligations use, on every day around the handover', () => {
    const state = placedInMarch();
    for (const day of ['2024-03-01', '2024-06-04', '2024-06-05', '2024-06-30', '2024-07-01', '2024-09-01'])
      expect(ownerOn(state, day).owner).toBe(ownerOfContactProcess(state, state.periods[0], d(day)));
  });

  it('lists no period placed after the day asked about, and none before any person facts', () => {
    expect(contactProcessOwners(placedInMarch(), d('2024-02-28'))).toEqual([]);
    expect(contactProcessOwners(given(placed(), registered('2024-03-04')), d('2024-03-10'))).toEqual([]);
  });
});
