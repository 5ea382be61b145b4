import { availabilityOn, sanctionTiming } from './av.availability';
import type {
  AvailabilitySituationBegan,
  AvailabilitySituationKind,
  ContactProcessEvent,
  MediatedWorkRefused,
} from '../contact-process.events';
import { AV } from './av.rules';
import type { ContactProcessCommand } from '../process/decide';
import { decide } from '../process/decide';
import { aPerson, d, given, obligationOf, placed, refusal, registered } from '../testing/scenario';

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
const on = (state: ReturnType<typeof person>, day: string) => {
  const answer = availabilityOn(state, d(day));
  if (!answer.applies) throw new Error(answer.reason);
  return answer;
};
const waiver = (situationId = 's-1', decidedOn = '1996-05-10'): ContactProcessEvent => ({
  type: 'MediatedWorkWaived',
  data: { situationId, decidedOn: d(decidedOn), reason: 'final exams in June' },
});
const waive = (situationId = 's-1', decidedOn = '1996-05-10'): ContactProcessCommand => ({
  type: 'WaiveMediatedWork',
  data: { situationId, decidedOn: d(decidedOn), reason: 'final exams in June' },
  recordedBy: 'jobcenter',
  today: d('1996-06-01'),
});

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

  it('in an education offer (uddannelsesgodtgørelse) abroad without residence in Denmark: not available for mediated work (004 §2)', () => {
    const abroad = { studyAbroadNotResident: true };
    expect(on(person(plan, situation('plan-offer-education', abroad)), '1996-05-01')).toMatchObject({
      mustAcceptMediatedWork: false,
      reason: expect.stringContaining('abroad'),
    });
    // §62a education (dagpenge) and AMU (AMU-godtgørelse) are not among the abroad exemption's benefits.
    expect(on(person(plan, situation('education-62a', abroad)), '1996-05-01').mustAcceptMediatedWork).toBe(
      true,
    );
    expect(on(person(plan, situation('amu-retraining', abroad)), '1996-05-01').mustAcceptMediatedWork).toBe(
      true,
    );
  });

  it('is judged in the benefit period that contains the day, not the latest one', () => {
    const state = person(
      plan,
      situation('plan-offer-education'),
      refused(),
      placed({ benefitPeriodId: 'bp-2', placedOn: d('1996-10-07') }),
    );
    expect(on(state, '1996-05-01')).toMatchObject({
      benefitPeriodId: 'bp-1',
      situation: 'plan-offer-education',
    });
    expect(on(state, '1996-11-01')).toMatchObject({ benefitPeriodId: 'bp-2', situation: 'no-plan' });
    expect(sanctionTiming(state, 'w-1')).toMatchObject({ mayFollow: true, from: '1996-05-15' });
    expect(availabilityOn(state, d('1995-09-01'))).toMatchObject({
      applies: false,
      benefitPeriodId: null,
      reason: expect.stringContaining('no benefit period'),
    });
  });

  it('AV-WAIVE: AF may exempt from accepting mediated work, with a reason, from its decision', () => {
    const state = person(plan, situation('plan-offer-education'), waiver());
    expect(on(state, '1996-05-01').mustAcceptMediatedWork).toBe(true);
    expect(on(state, '1996-05-20')).toMatchObject({
      mustAcceptMediatedWork: false,
      waived: { decidedOn: '1996-05-10', reason: 'final exams in June' },
    });
  });

  it.each([
    ['§62a education', 'education-62a', {}, '§62a'],
    ['establishment allowance', 'establishment-allowance', {}, 'no duty to waive'],
    ['an education-plan offer under 25', 'under-25-education-plan-offer', {}, 'no duty to waive'],
    ['educational leave abroad', 'educational-leave', { studyAbroadNotResident: true }, 'abroad'],
  ] as const)('AV-WAIVE: AF cannot waive in %s — refused, nothing recorded', (_, kind, overrides, why) => {
    expect(refusal(waive(), person(plan, situation(kind, overrides)))).toMatchObject({
      ruleId: 'AV-WAIVE',
      field: 'situationId',
      message: expect.stringContaining(why),
    });
  });

  it.each(['plan-offer-job-training', 'plan-offer-other', 'amu-retraining', 'educational-leave'] as const)(
    'AV-WAIVE: AF may waive in %s',
    (kind) => {
      expect(decide(waive(), person(plan, situation(kind)))).toEqual([waiver()]);
    },
  );

  it('AV-WAIVE: AF’s assessment on the leave application holds from when the leave begins, not before', () => {
    const granted = situation('educational-leave-granted', { from: d('1996-04-01'), to: d('1996-05-31') });
    const leave = situation('educational-leave', { situationId: 's-2', from: d('1996-06-01'), to: null });
    expect(decide(waive('s-1', '1996-04-15'), person(plan, granted))).toEqual([waiver('s-1', '1996-04-15')]);
    const state = person(plan, granted, waiver('s-1', '1996-04-15'), leave);
    expect(on(state, '1996-05-01')).toMatchObject({
      situation: 'educational-leave-granted',
      mustAcceptMediatedWork: true,
      waived: null,
      reason: expect.stringContaining('from when the leave begins'),
    });
    expect(on(state, '1996-06-10')).toMatchObject({
      situation: 'educational-leave',
      mustAcceptMediatedWork: false,
      waived: { decidedOn: '1996-04-15' },
    });
  });

  describe('AV-SANCTION: when a sanction for a refused mediated job takes effect', () => {
    it('in job training or a pool job: from the day after the offer ended, its last day being still in the offer', () => {
      const state = person(plan, situation('plan-offer-pool-job'), refused());
      expect(on(state, '1996-09-30').situation).toBe('plan-offer-pool-job');
      expect(sanctionTiming(state, 'w-1')).toMatchObject({ mayFollow: true, from: '1996-10-01' });
      const ended = person(plan, situation('plan-offer-job-training'), refused(), {
        type: 'AvailabilitySituationEnded',
        data: { situationId: 's-1', endedOn: d('1996-08-15') },
      });
      expect(on(ended, '1996-08-15').situation).toBe('plan-offer-job-training');
      expect(sanctionTiming(ended, 'w-1')?.from).toBe('1996-08-16');
    });

    it('in education: at once', () => {
      expect(sanctionTiming(person(plan, situation('plan-offer-education'), refused()), 'w-1')?.from).toBe(
        '1996-05-15',
      );
    });

    it.each([
      ['establishment-allowance', [situation('establishment-allowance')]],
      ['under-25-education-plan-offer', [situation('under-25-education-plan-offer')]],
      ['a waiver', [situation('plan-offer-education'), waiver()]],
      ['study abroad', [situation('educational-leave', { studyAbroadNotResident: true })]],
    ] as const)('none without a duty to accept mediated work on the day of the refusal: %s', (_, facts) => {
      expect(sanctionTiming(person(plan, ...facts, refused()), 'w-1')).toMatchObject({
        mayFollow: false,
        from: null,
        reason: expect.stringContaining('no duty to accept mediated work on 1996-05-15'),
      });
    });

    it('outside an offer the ordinary rules apply: at once, whether or not AF weighed §6', () => {
      const between = person(
        plan,
        situation('plan-offer-education'),
        refused({ refusedOn: d('1996-03-15'), considerationsWeighed: false }),
      );
      expect(sanctionTiming(between, 'w-1')).toMatchObject({ mayFollow: true, from: '1996-03-15' });
      const in62a = person(plan, situation('education-62a'), refused({ considerationsWeighed: false }));
      expect(sanctionTiming(in62a, 'w-1')).toMatchObject({ mayFollow: true, from: '1996-05-15' });
    });

    it('none where AF did not weigh the considerations of §6', () => {
      const state = person(
        plan,
        situation('plan-offer-education'),
        refused({ considerationsWeighed: false }),
      );
      expect(sanctionTiming(state, 'w-1')).toMatchObject({
        mayFollow: false,
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
    ).toMatchObject({ status: 'open', note: expect.stringContaining('elevstøtte') });
    expect(Object.keys(AV.rules)).toEqual(
      expect.arrayContaining(['AV-SEARCH', 'AV-ACCEPT', 'AV-WAIVE', 'AV-SANCTION', 'AV-NOTIFY']),
    );
  });

  it('AV-NOTIFY sets no time limit: open, never overdue, until the a-kasse is notified', () => {
    const untold = person(refused({ akasseNotifiedOn: null }));
    expect(obligationOf(untold, '1996-12-01', 'AV-NOTIFY', 'w-1')).toMatchObject({
      dueOn: null,
      status: 'open',
      note: expect.stringContaining('a-kasse has not been notified'),
    });
    const late = person(refused({ akasseNotifiedOn: d('1996-06-20') }));
    expect(obligationOf(late, '1996-07-01', 'AV-NOTIFY', 'w-1')).toMatchObject({
      status: 'met',
      fulfilledOn: '1996-06-20',
    });
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
    ).toMatchObject({ applies: false, benefitPeriodId: 'bp-1' });
  });
});
