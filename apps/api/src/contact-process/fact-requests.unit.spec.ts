import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FACT_TYPES, validateFactData } from './fact-requests';

const problems = (factType: string, data: object) =>
  validateSync(plainToInstance(FACT_TYPES[factType].data, data), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((e) => e.property);

describe('fact request shapes', () => {
  it.each(Object.keys(FACT_TYPES))('accepts the documented example of %s', (factType) => {
    expect(problems(factType, FACT_TYPES[factType].example)).toEqual([]);
  });

  it('asks for a date-or-null to be sent, never left out', () => {
    const { personNotifiedOn: _left, ...withoutNotice } = FACT_TYPES.NuphSent.example as Record<
      string,
      unknown
    >;
    expect(problems('NuphSent', withoutNotice)).toEqual(['personNotifiedOn']);
    expect(problems('NuphSent', { ...withoutNotice, personNotifiedOn: null })).toEqual([]);
  });

  it('lets a Min Plan revision leave parts out, but not send them as null', () => {
    const base = { revisedOn: '2024-07-10', by: 'jobcenter', reason: 'new goal' };
    expect(problems('MinPlanRevised', base)).toEqual([]);
    expect(problems('MinPlanRevised', { ...base, jobGoals: null })).toEqual(['jobGoals']);
    expect(problems('MinPlanRevised', { ...base, jobGoals: [''] })).toEqual(['jobGoals']);
  });

  it('prepares Min Plan only with job goals', () => {
    expect(problems('MinPlanPrepared', { preparedOn: '2024-03-15', by: 'akasse', jobGoals: [] })).toEqual([
      'jobGoals',
    ]);
  });

  it('takes guidance on an action plan (HP-AFTER, AV-EXPLAIN) as well as under G03, with the conversation offered', () => {
    const hpAfter = {
      ...FACT_TYPES.GuidanceGiven.example,
      duty: 'HP-AFTER',
      givenOn: '1994-06-03',
      relatesTo: 'hp-0001',
      personalConversationOffered: true,
    };
    expect(problems('GuidanceGiven', hpAfter)).toEqual([]);
    expect(problems('GuidanceGiven', { ...hpAfter, duty: 'AV-EXPLAIN' })).toEqual([]);
    expect(problems('GuidanceGiven', { ...hpAfter, duty: 'C24-FIRST2' })).toEqual(['duty']);
    expect(problems('GuidanceGiven', { ...hpAfter, personalConversationOffered: null })).toEqual([
      'personalConversationOffered',
    ]);
  });

  describe('a guidance meeting under 001 §8 (HP-MEET39, HP-NOTES)', () => {
    const example = FACT_TYPES.CumulativeUnemploymentMeetingHeld.example as Record<string, unknown>;

    it('has no place for the date, workplace, hours or way of an application, which the a-kasse must not note', () => {
      expect(
        problems('CumulativeUnemploymentMeetingHeld', {
          ...example,
          applications: [{ appliedOn: '1996-01-03', workplace: 'Aarhus Havn', hours: 37, way: 'letter' }],
        }),
      ).toEqual(['applications']);
    });

    it('answers subsections of §8 only, and notes applications for up to 6 months', () => {
      expect(problems('CumulativeUnemploymentMeetingHeld', { ...example, sections: ['§6'] })).toEqual([
        'sections',
      ]);
      expect(problems('CumulativeUnemploymentMeetingHeld', { ...example, sections: [] })).toEqual([
        'sections',
      ]);
      expect(
        problems('CumulativeUnemploymentMeetingHeld', { ...example, applicationsPeriodMonths: 12 }),
      ).toEqual(['applicationsPeriodMonths']);
    });
  });

  it('names a backstop’s target group by its code, not in free text (HP-TARGET)', () => {
    const example = FACT_TYPES.UncalledTargetGroupMemberNoticed.example as Record<string, unknown>;
    expect(
      problems('UncalledTargetGroupMemberNoticed', { ...example, targetGroup: 'young, no education' }),
    ).toEqual(['targetGroup']);
    expect(problems('UncalledTargetGroupMemberNoticed', { ...example, reportedToAfOn: null })).toEqual([]);
  });

  it('validates a correction’s data as a fact of the type it corrects', () => {
    const correction = FACT_TYPES.FactCorrected.example as Record<string, unknown>;
    expect(validateFactData('FactCorrected', correction)).toEqual({ data: correction });
    expect(validateFactData('FactCorrected', { ...correction, data: { heldOn: '2024-02-30' } })).toEqual({
      errors: ['data.data.heldOn must be a calendar date as YYYY-MM-DD'],
    });
    expect(validateFactData('FactCorrected', { ...correction, factType: 'FactRetracted' })).toMatchObject({
      errors: [expect.stringMatching(/^data\.factType must be one of: PersonFactsRecorded, /)],
    });
  });

  describe('CPR numbers', () => {
    const refusal = 'must not contain a CPR number (identify persons with POST /persons/identify)';
    const interview = FACT_TYPES.JobInterviewHeld.example as Record<string, unknown>;
    const plan = FACT_TYPES.MinPlanPrepared.example as Record<string, unknown>;

    it('holds ids to the id policy: an ordinary scheme passes, an embedded CPR number does not', () => {
      expect(
        validateFactData('JobInterviewHeld', { ...interview, interviewId: 'i-100123-2024-0001' }),
      ).toEqual({
        data: { ...interview, interviewId: 'i-100123-2024-0001' },
      });
      expect(validateFactData('JobInterviewHeld', { ...interview, interviewId: 'x0101901234' })).toEqual({
        errors: [`data.interviewId ${refusal}`],
      });
    });

    it('holds every other string to the text policy, in arrays and in a correction’s data too', () => {
      expect(
        validateFactData('MinPlanPrepared', { ...plan, jobGoals: ['lager', 'cpr 01 01 90-1234'] }),
      ).toEqual({
        errors: [`data.jobGoals[1] ${refusal}`],
      });
      const correction = FACT_TYPES.FactCorrected.example as Record<string, unknown>;
      expect(
        validateFactData('FactCorrected', {
          ...correction,
          factType: 'JobInterviewHeld',
          data: { ...interview, interviewId: 'cpr-010190-1234' },
        }),
      ).toEqual({ errors: [`data.data.interviewId ${refusal}`] });
      expect(
        validateFactData('FactCorrected', { ...correction, reason: 'typo in 010190\u20131234' }),
      ).toEqual({
        errors: [`data.reason ${refusal}`],
      });
    });
  });
});
