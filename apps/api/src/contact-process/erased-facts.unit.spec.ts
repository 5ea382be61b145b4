/**
 * Once a person is erased, every personal field of their stored facts reads as null (libs/personal-data). Their
 * stream is still folded — to answer 410, and for the projections to purge them — so no fact may fail to fold
 * then. Each documented fact type is folded after a placement, once as recorded and once as read after erasure.
 */
import { foldFacts, PERSONAL_FIELDS, type RecordedContactProcessEvent } from '@app/contact-process';
import { FACT_TYPES } from './fact-requests';

const fact = (type: string, data: object, i: number) =>
  ({ type, data, eventId: `e${i}` }) as unknown as RecordedContactProcessEvent;

const erased = (type: string, data: object): object => {
  const personal = (PERSONAL_FIELDS as Record<string, readonly string[] | undefined>)[type] ?? [];
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, personal.includes(k) ? null : v]));
};

const story = (read: (type: string, data: object) => object) =>
  (['PersonFactsRecorded', 'PlacedInBenefitPeriod', 'RegisteredAsJobseeker'] as const).map((type, i) =>
    fact(type, read(type, FACT_TYPES[type].example), i + 1),
  );

const withPersonalFields = Object.keys(FACT_TYPES).filter(
  (type) => ((PERSONAL_FIELDS as Record<string, readonly string[] | undefined>)[type] ?? []).length > 0,
);

describe('the facts of an erased person', () => {
  it('cover every fact type with personal fields', () => {
    expect(Object.keys(PERSONAL_FIELDS).filter((type) => !withPersonalFields.includes(type))).toEqual([]);
  });

  it.each(withPersonalFields)('%s folds with its personal fields null, as it does as recorded', (type) => {
    const example = FACT_TYPES[type].example as Record<string, unknown>;
    // A fact written by either party (Min Plan) is folded as written by each.
    const variants =
      'by' in example ? (['akasse', 'jobcenter'] as const).map((by) => ({ ...example, by })) : [example];
    for (const data of variants) {
      expect(() => foldFacts([...story((_t, d) => d), fact(type, data, 4)])).not.toThrow();
      expect(() => foldFacts([...story(erased), fact(type, erased(type, data), 4)])).not.toThrow();
    }
  });
});
