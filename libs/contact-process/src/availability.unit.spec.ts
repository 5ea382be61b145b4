import { availabilityOn, sanctionTiming } from './availability';
import type {
  AvailabilitySituationBegan,
  AvailabilitySituationKind,
  ContactProcessEvent,
  MediatedWorkRefused,
} from './contact-process.events';
import { AV } from './rules/av.rules';
import { aPerson, d, given, obligationOf, placed, registered } from './testing/scenario';

const plan: ContactProcessEvent = {
  type: 'ActionPlanCompleted',
  data: {
    planId: 'p-1',
    completedOn: d('1996-03-01'),
    employmentGoal: 'warehouse worker',
    activities: ['job training'],
    followUpContactOn: d('1996-06-01'),
    offerStartsOn: d('1996-04-01'),
    copyToAkasseOn: d('1996-03-01'),
    preparationSkipped: null,
  },
};
const situation = (
  kind: AvailabilitySituationKind,
  overrides: Partial<AvailabilitySituationBegan> = {},
): ContactProcessEvent => ({
  type: 'AvailabilitySituationBegan',
  data: {
    situationId: 's-1',
    kind,
    from: d('1996-04-01'),
    to: d('1996-09-30'),
    planRequiresSearch: false,
    studyAbroadNotResident: false,
    ...overrides,
  },
});
const refused = (overrides: Partial<MediatedWorkRefused> = {}): ContactProcessEvent => ({
  type: 'MediatedWorkRefused',
  data: {
    refusalId: 'w-1',
    refusedOn: d('1996-05-15'),
    considerationsWeighed: true,
    akasseNotifiedOn: d('1996-05-15'),
    receivesElevstoette: false,
    institutionNotifiedOn: null,
    ...overrides,
  },
});
const person = (...more: ContactProcessEvent[]) =>
  given(aPerson(), placed({ placedOn: d('1995-10-02') }), registered('1995-10-02'), ...more);
const on = (state: ReturnType<typeof person>, day: string) => availabilityOn(state, d(day))!;

describe('AV — availability during action plans (seed 004)', () => {
  it.each([
    ['plan-offer-job-training', false, true],
    ['education-62a', true, true],
    ['amu-retraining', false, true],
    ['educational-leave-granted', true, true],
    ['educational-leave', false, true],
    ['establishment-allowance', false, false],
    ['under-25-education-plan-offer', false, false],
  ] as const)('in %s: must search %s, must accept mediated work %s', (kind, search, accept) => {
    expect(on(person(plan, situation(kind)), '1996-05-01')).toMatchObject({
      situation: kind,
      mustSearch: search,
      mustAcceptMediatedWork: accept,
    });
  });

  it('before the first offer and between offers: search and accept', () => {
    const state = person(plan, situation('plan-offer-other'));
    expect(on(state, '1996-03-15')).toMatchObject({
      situation: 'before-first-offer-or-between-offers',
      mustSearch: true,
      mustAcceptMediatedWork: true,
    });
    expect(on(state, '1996-10-05').situation).toBe('before-first-offer-or-between-offers');
    expect(on(person(), '1996-03-15').situation).toBe('no-plan');
  });

  it('in an offer under a plan the person searches only when the plan says so', () => {
    const state = person(plan, situation('plan-offer-job-training', { planRequiresSearch: true }));
    expect(on(state, '1996-05-01')).toMatchObject({
      mustSearch: true,
      reason: expect.stringContaining('the plan requires'),
    });
  });

  it('on educational leave abroad without residence in Denmark: not available for mediated work', () => {
    const state = person(plan, situation('educational-leave', { studyAbroadNotResident: true }));
    expect(on(state, '1996-05-01').mustAcceptMediatedWork).toBe(false);
  });

  it('AV-WAIVE: AF may exempt from accepting mediated work, with a reason, from its decision', () => {
    const state = person(plan, situation('plan-offer-education'), {
      type: 'MediatedWorkWaived',
      data: { situationId: 's-1', decidedOn: d('1996-05-10'), reason: 'final exams in June' },
    });
    expect(on(state, '1996-05-01').mustAcceptMediatedWork).toBe(true);
    expect(on(state, '1996-05-20')).toMatchObject({
      mustAcceptMediatedWork: false,
      waived: { decidedOn: '1996-05-10', reason: 'final exams in June' },
    });
  });

  describe('AV-SANCTION: when a sanction for a refused mediated job takes effect', () => {
    it('in job training or a pool job: from when the offer ends', () => {
      const state = person(plan, situation('plan-offer-pool-job'), refused());
      expect(sanctionTiming(state, 'w-1')).toMatchObject({ from: '1996-09-30' });
      const ended = person(plan, situation('plan-offer-pool-job'), refused(), {
        type: 'AvailabilitySituationEnded',
        data: { situationId: 's-1', endedOn: d('1996-08-15') },
      });
      expect(sanctionTiming(ended, 'w-1')?.from).toBe('1996-08-15');
    });

    it('in education: at once', () => {
      expect(sanctionTiming(person(plan, situation('plan-offer-education'), refused()), 'w-1')?.from).toBe(
        '1996-05-15',
      );
    });

    it('none where AF did not weigh the considerations of §6', () => {
      const state = person(
        plan,
        situation('plan-offer-education'),
        refused({ considerationsWeighed: false }),
      );
      expect(sanctionTiming(state, 'w-1')).toMatchObject({
        from: null,
        reason: expect.stringContaining('§6'),
      });
    });
  });

  it('AV-NOTIFY: AF always notifies the a-kasse, and the institution for elevstøtte', () => {
    expect(obligationOf(person(refused()), '1996-05-20', 'AV-NOTIFY', 'w-1')).toMatchObject({
      ruleSetId: 'AV',
      status: 'met',
    });
    expect(
      obligationOf(person(refused({ receivesElevstoette: true })), '1996-05-20', 'AV-NOTIFY', 'w-1'),
    ).toMatchObject({ status: 'overdue', note: expect.stringContaining('elevstøtte') });
    expect(Object.keys(AV.rules)).toEqual(
      expect.arrayContaining(['AV-SEARCH', 'AV-ACCEPT', 'AV-WAIVE', 'AV-SANCTION', 'AV-NOTIFY']),
    );
  });

  it('AV-EXPLAIN: once a plan is made, the a-kasse explains what refusing mediated work during an offer leads to', () => {
    expect(obligationOf(person(plan), '1996-03-10', 'AV-EXPLAIN', 'p-1')).toMatchObject({
      owner: 'akasse',
      status: 'open',
      ruleSetId: 'AV',
      legalReference: '004 §5',
    });
    const explained = person(plan, {
      type: 'GuidanceGiven',
      data: {
        duty: 'AV-EXPLAIN',
        givenOn: d('1996-03-05'),
        relatesTo: 'p-1',
        form: 'written',
        toldMember: 'refusing mediated work during an offer can cost benefit (004 §8)',
      },
    });
    expect(obligationOf(explained, '1996-03-10', 'AV-EXPLAIN', 'p-1').status).toBe('met');
  });

  it('is not evaluated for periods under later rules', () => {
    expect(
      availabilityOn(given(aPerson(), placed(), registered('2024-03-04')), d('2024-04-01')),
    ).toBeUndefined();
  });
});
