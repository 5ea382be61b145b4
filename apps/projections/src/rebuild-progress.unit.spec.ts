import { progressLine } from './rebuild-progress';

describe('rebuild progress line', () => {
  const first = { atMs: 0, checkpoint: 1000n, head: 11000n, eventsApplied: 400 };

  describe('half-way through $all after 10 seconds', () => {
    it('shows the share of $all, events per second and the time left at the rate positions pass', () => {
      expect(
        progressLine('deadlines', 2, first, {
          atMs: 10_000,
          checkpoint: 5500n,
          head: 11000n,
          eventsApplied: 2400,
        }),
      ).toBe(
        'deadlines generation 2: 50.0% of $all (position 5500 of 11000), 2400 events applied, 200 events/s, ETA 13s',
      );
    });
  });

  describe('at the end of $all', () => {
    it('is done', () => {
      expect(
        progressLine('deadlines', 2, first, {
          atMs: 4_000,
          checkpoint: 11000n,
          head: 11000n,
          eventsApplied: 900,
        }),
      ).toMatch(/100\.0% of \$all .* ETA done$/);
    });
  });

  describe('before anything moved', () => {
    it('does not guess the time left', () => {
      expect(progressLine('deadlines', 3, first, first)).toMatch(/0 events\/s, ETA unknown$/);
    });
  });
});
