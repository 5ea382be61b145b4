import { nuphViews, recommendationViews } from './c24.notices';
import { aPerson, d, given, placed, registered } from '../testing/scenario';

const base = given(
  aPerson(),
  placed(),
  registered('2024-03-04'),
  {
    type: 'JointRecommendationSent',
    data: {
      recommendationId: 'r-1',
      sentOn: d('2024-04-02'),
      personAgreed: true,
      subject: 'offer',
      chapter: 11,
      description: 'company internship',
    },
  },
  {
    type: 'JointRecommendationAnswered',
    data: {
      recommendationId: 'r-1',
      answeredOn: d('2024-04-09'),
      decision: 'granted',
      offerId: 'o-1',
      reason: null,
      personNotifiedOn: d('2024-04-09'),
      akasseToldOn: d('2024-04-09'),
    },
  },
  { type: 'NuphSent', data: { nuphId: 'n-1', sentOn: d('2024-05-02'), personNotifiedOn: null } },
);

describe('joint recommendations and NUPH as small processes', () => {
  it('shows a granted recommendation, and that its offer is not yet in Min Plan', () => {
    const [view] = recommendationViews(base, d('2024-04-20'));
    expect(view).toMatchObject({ recommendationId: 'r-1', decision: 'granted', offerId: 'o-1' });
    expect(view.obligations.map((o) => [o.obligationKey.split(':').pop(), o.status])).toEqual([
      ['r-1', 'met'],
      ['r-1/min-plan', 'open'],
    ]);
    expect(recommendationViews(base, d('2024-04-05'))[0].decision).toBe('awaiting');
  });

  it('makes a missing notice to the person a visible breach', () => {
    const [view] = nuphViews(base, d('2024-05-03'));
    expect(view).toMatchObject({ nuphId: 'n-1', personNotifiedOn: null, answeredOn: null });
    expect(view.obligations).toEqual([
      expect.objectContaining({ status: 'overdue', note: 'no notice to the person has been recorded' }),
    ]);
  });
});
