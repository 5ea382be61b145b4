import { correctedToCrossing, retractedCrossing } from '@app/contact-process/testing';
import { supervisedCases } from './supervision.measure';

const akasseCases = (state: Parameters<typeof supervisedCases>[0]) =>
  supervisedCases(state).filter((c) => c.measure === 'akasse');

describe('STAR’s a-kasse measure after a correction (issue #21)', () => {
  it('case 1: the retracted crossing leaves May without the member; June counts 3 interviews, in no numerator', () => {
    const cases = akasseCases(retractedCrossing().state);
    expect(cases.filter((c) => c.month === '2025-05')).toEqual([]);
    expect(cases).toEqual([
      expect.objectContaining({ month: '2025-06', interviewsHeld: 3, required: 3, belowRequired: false }),
    ]);
  });

  it('case 2: the correction to 420 hours puts the member in May’s population and numerator', () => {
    expect(akasseCases(correctedToCrossing().state)).toEqual([
      expect.objectContaining({
        organisationId: 'akasse-3f',
        month: '2025-05',
        interviewsHeld: 2,
        required: 3,
        belowRequired: true,
      }),
    ]);
  });
});
