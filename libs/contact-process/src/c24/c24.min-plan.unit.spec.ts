import type { ContactProcessEvent } from '../contact-process.events';
import type { RecordedContactProcessEvent } from '../process/state';
import { foldFacts } from '../process/evolve';
import { minPlanViews } from './c24.min-plan';
import { aPerson, d, fullMonths, placed, registered } from '../testing/scenario';

const facts = (...events: ContactProcessEvent[]): RecordedContactProcessEvent[] =>
  events.map((event, i) => ({ ...event, eventId: `e${i + 1}` }));

// Registered 4 March 2024; hours of March–May registered by 5 June: handover to the jobcentre on 30 June.
const story = [
  aPerson(),
  placed(),
  registered('2024-03-04'),
  ...fullMonths('2024-03', 3), // e4–e6
  {
    type: 'MinPlanPrepared',
    data: {
      preparedOn: d('2024-03-12'),
      by: 'akasse',
      jobGoals: ['warehouse worker'],
      jobSearchRequirements: ['2 a week'],
    },
  }, // e7
  {
    type: 'MinPlanRevised',
    data: {
      revisedOn: d('2024-04-10'),
      by: 'akasse',
      reason: 'a second goal agreed',
      jobGoals: ['warehouse worker', 'truck driver'],
    },
  }, // e8
  {
    type: 'MinPlanRevised',
    data: { revisedOn: d('2024-07-10'), by: 'jobcenter', reason: 'wage subsidy granted', offerIds: ['o-1'] },
  }, // e9
] as ContactProcessEvent[];

describe('the Min Plan view (C24-MINPLAN)', () => {
  it('folds the facts of an erased person, whose texts read as null, without failing', () => {
    // After erasure every personal field of a stored fact is null (libs/personal-data): the person is still
    // folded to answer 410 and to purge the read models.
    const erased = [
      ...story.slice(0, 3),
      {
        type: 'MinPlanRevised',
        data: { revisedOn: d('2024-07-10'), by: 'jobcenter', reason: null, otherAgreedEfforts: null },
      },
    ] as unknown as ContactProcessEvent[];
    expect(() => foldFacts(facts(...erased))).not.toThrow();
  });

  it('shows each part with who entered it, when and why', () => {
    const [view] = minPlanViews(facts(...story), d('2024-08-01'));
    expect(view.preparedOn).toBe('2024-03-12');
    expect(view.parts.jobGoals).toEqual({
      value: ['warehouse worker', 'truck driver'],
      enteredBy: 'akasse',
      enteredOn: '2024-04-10',
      reason: 'a second goal agreed',
      eventId: 'e8',
    });
    expect(view.parts.offerIds).toMatchObject({ value: ['o-1'], enteredBy: 'jobcenter', eventId: 'e9' });
    expect(view.parts.otherAgreedEfforts).toMatchObject({ value: [], enteredBy: null });
  });

  it('keeps the full revision history: earlier agreements stay visible', () => {
    const [view] = minPlanViews(facts(...story), d('2024-08-01'));
    expect(view.revisions.map((r) => [r.kind, r.on, r.by])).toEqual([
      ['prepared', '2024-03-12', 'akasse'],
      ['revised', '2024-04-10', 'akasse'],
      ['revised', '2024-07-10', 'jobcenter'],
    ]);
    expect(view.revisions[1].changed).toEqual([
      { part: 'jobGoals', from: ['warehouse worker'], to: ['warehouse worker', 'truck driver'] },
    ]);
  });

  it('says who may write each part on the day: the a-kasse in the first months, the jobcentre after', () => {
    expect(minPlanViews(facts(...story), d('2024-03-20'))[0].writtenBy).toMatchObject({
      jobGoals: 'akasse',
      jobSearchRequirements: 'akasse',
      offerIds: 'jobcenter',
    });
    expect(minPlanViews(facts(...story), d('2024-07-20'))[0].writtenBy).toMatchObject({
      jobGoals: 'jobcenter',
      jobSearchRequirements: 'akasse',
    });
  });

  it('as of a day shows the plan as it stood then', () => {
    const [view] = minPlanViews(facts(...story), d('2024-04-01'));
    expect(view.parts.jobGoals.value).toEqual(['warehouse worker']);
    expect(view.revisions).toHaveLength(1);
  });

  it('honours a retracted revision: the history and the parts leave it out', () => {
    const retraction: ContactProcessEvent = {
      type: 'FactRetracted',
      data: {
        retractedEventId: 'e8',
        factType: 'MinPlanRevised',
        reason: 'wrong person',
        retractedOn: d('2024-04-12'),
      },
    };
    const [view] = minPlanViews(facts(...story, retraction), d('2024-08-01'));
    expect(view.parts.jobGoals.value).toEqual(['warehouse worker']);
    expect(view.revisions.map((r) => r.eventId)).toEqual(['e7', 'e9']);
  });
});
