import type { Caller } from '../access/caller';
import { FACT_TYPES } from './fact-requests';
import {
  actorOfRequest,
  commandOf,
  effectiveFact,
  parseExpectedRevision,
  validFactData,
} from './record-fact';

const caller: Caller = {
  role: 'integration',
  organisationKind: 'akasse',
  organisation: 'akasse-3f',
  user: 'caseworker-system-1',
  purpose: null,
  jobOrderId: null,
  endpoint: 'POST /persons/:personId/facts',
};

describe('recording a fact (RecordFact)', () => {
  describe('the fact’s data', () => {
    it('is validated by its declaration, and refused with 400 naming the field', () => {
      const data = { heldOn: '2024-02-30' };
      expect(() => validFactData({ factType: 'AvailabilityInterviewHeld', data })).toThrow(
        expect.objectContaining({
          body: expect.objectContaining({
            statusCode: 400,
            code: 'invalid-input',
            field: 'data.heldOn',
            message: ['data.heldOn must be a calendar date as YYYY-MM-DD'],
          }),
        }),
      );
      expect(
        validFactData({ factType: 'AvailabilityInterviewHeld', data: { heldOn: '2024-02-29' } }),
      ).toEqual({
        heldOn: '2024-02-29',
      });
    });
  });

  describe('the actor', () => {
    it('is the token’s, whether the body leaves it out or names the same one', () => {
      const token = { organisation: 'akasse-3f', role: 'integration', user: 'caseworker-system-1' };
      expect(actorOfRequest({}, caller)).toEqual(token);
      expect(actorOfRequest({ actor: token }, caller)).toEqual(token);
    });

    it('is refused with 403 when the body names another', () => {
      const other = { organisation: 'akasse-3f', role: 'integration', user: 'someone-else' };
      expect(() => actorOfRequest({ actor: other }, caller)).toThrow(
        expect.objectContaining({ body: expect.objectContaining({ statusCode: 403 }) }),
      );
    });
  });

  describe('a correction', () => {
    it('is judged, for access, as the fact it corrects', () => {
      const corrected = { benefitPeriodId: 'bp-1', akasseId: 'akasse-krifa' };
      expect(
        effectiveFact('FactCorrected', {
          factType: 'PlacedInBenefitPeriod',
          data: corrected,
          reason: 'typo',
        }),
      ).toEqual({ factType: 'PlacedInBenefitPeriod', data: corrected });
      expect(effectiveFact('PlacedInBenefitPeriod', corrected)).toEqual({
        factType: 'PlacedInBenefitPeriod',
        data: corrected,
      });
    });
  });

  it('becomes the command its declaration names', () => {
    const data = FACT_TYPES.JobInterviewHeld.example as Record<string, unknown>;
    expect(commandOf({ factType: 'JobInterviewHeld', recordedBy: 'akasse' }, data)).toEqual({
      type: 'RecordJobInterview',
      recordedBy: 'akasse',
      data,
    });
  });

  it('reads the expected revision as a number, "no_stream", or none', () => {
    expect(parseExpectedRevision(undefined)).toBeUndefined();
    expect(parseExpectedRevision('no_stream')).toBe('no_stream');
    expect(parseExpectedRevision('4')).toBe(4n);
    expect(parseExpectedRevision('900719925474099312')).toBe(900719925474099312n);
  });
});
