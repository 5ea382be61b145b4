import {
  addMonthsClamped,
  ageOn,
  akasseHandoverDate,
  copenhagenDateOf,
  endOfDay,
  endOfMonth,
  addDays,
  daysBetween,
  isLocalDate,
  isSupportedDate,
  SUPPORTED_DATES,
  fourWeeksAfter,
  sixWeeksAfter,
  jobcentreCounterReachedOn,
  localDate,
  monthsOfUnemploymentInHours,
  oneWeekAfter,
  startOfDay,
  twoWeeksAfter,
  weeksOfUnemploymentInHours,
  type ConsumptionRegistration,
} from './index';

const d = localDate;
const registration = (overrides: Partial<ConsumptionRegistration>): ConsumptionRegistration => ({
  month: '2024-01',
  benefitHours: 0,
  wageSubsidyHours: 0,
  registeredOn: d('2024-02-05'),
  ...overrides,
});

describe('counting conventions', () => {
  describe('14 days, 7 days, 4 weeks (DAY-LIMIT)', () => {
    it('"senest 2 uger efter" registration on 2024-01-10 is due by the end of 2024-01-24', () => {
      expect(twoWeeksAfter(d('2024-01-10'))).toBe('2024-01-24');
    });
    it('rolls over month and year ends, with no roll-forward over weekends', () => {
      expect(twoWeeksAfter(d('2024-12-25'))).toBe('2025-01-08');
      expect(oneWeekAfter(d('2024-02-26'))).toBe('2024-03-04'); // 2024 is a leap year
      expect(fourWeeksAfter(d('2024-06-01'))).toBe('2024-06-29'); // a Saturday stays a Saturday
      expect(sixWeeksAfter(d('2024-03-05'))).toBe('2024-04-16'); // "inden for de næste 6 uger": 42 days
    });
  });

  describe('calendar months clamped to month end (MONTH-LIMIT)', () => {
    it.each([
      ['2024-01-31', 1, '2024-02-29'],
      ['2023-01-31', 1, '2023-02-28'],
      ['2024-03-31', 3, '2024-06-30'],
      ['2024-11-15', 3, '2025-02-15'],
      ['2024-05-31', -3, '2024-02-29'],
    ])('%s + %i months = %s', (from, months, expected) => {
      expect(addMonthsClamped(d(from), months)).toBe(expected);
    });
    it('end of the calendar month', () => {
      expect(endOfMonth(d('2024-02-10'))).toBe('2024-02-29');
      expect(endOfMonth(d('2024-12-01'))).toBe('2024-12-31');
    });
  });

  describe('Europe/Copenhagen day boundaries', () => {
    it('a winter day begins at 23:00 UTC the day before', () => {
      expect(startOfDay(d('2024-01-15')).toISOString()).toBe('2024-01-14T23:00:00.000Z');
    });
    it('a summer day begins at 22:00 UTC the day before', () => {
      expect(startOfDay(d('2024-07-01')).toISOString()).toBe('2024-06-30T22:00:00.000Z');
    });
    it('answers a day asked again with its own Date: one a caller changed does not change the next answer', () => {
      const first = startOfDay(d('2024-07-02'));
      first.setUTCFullYear(1999);
      expect(startOfDay(d('2024-07-02')).toISOString()).toBe('2024-07-01T22:00:00.000Z');
      expect(startOfDay(d('2024-07-02'))).not.toBe(startOfDay(d('2024-07-02')));
    });
    it('the day summer time starts (31 March 2024) is 23 hours long', () => {
      expect(endOfDay(d('2024-03-31')).getTime() - startOfDay(d('2024-03-31')).getTime()).toBe(
        23 * 3_600_000,
      );
    });
    it('the day summer time ends (27 October 2024) is 25 hours long', () => {
      expect(endOfDay(d('2024-10-27')).getTime() - startOfDay(d('2024-10-27')).getTime()).toBe(
        25 * 3_600_000,
      );
    });
    it('an instant late in the UTC evening is already the next Danish day', () => {
      expect(copenhagenDateOf(new Date('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
      expect(copenhagenDateOf(new Date('2024-06-30T21:59:59Z'))).toBe('2024-06-30');
    });
    it('gives every instant the day Copenhagen’s calendar gives it, asked in order or at random, across both changes of 2024 and 1945’s double summer time', () => {
      const calendar = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/Copenhagen',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      const instants: Date[] = [];
      for (const [from, hours] of [
        ['2024-03-29T00:00:00Z', 96],
        ['2024-10-25T00:00:00Z', 96],
        ['1945-04-01T00:00:00Z', 48],
        ['1945-05-23T00:00:00Z', 48],
      ] as const)
        for (let minute = 0; minute < hours * 60; minute += 7)
          instants.push(new Date(Date.parse(from) + minute * 60_000));
      // A fixed shuffle (a linear congruential generator): neighbours in time are not neighbours in the calls.
      let seed = 16;
      const shuffled = [...instants].sort(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 3) - 1);
      const wrong = [...instants, ...shuffled].filter(
        (instant) => copenhagenDateOf(instant) !== calendar.format(instant),
      );
      expect(wrong).toEqual([]);
    });
  });

  describe('age', () => {
    it('turns 25 on the birthday itself', () => {
      expect(ageOn(d('1999-05-10'), d('2024-05-09'))).toBe(24);
      expect(ageOn(d('1999-05-10'), d('2024-05-10'))).toBe(25);
    });
  });

  describe('hour thresholds', () => {
    it('6 and 16 months of cumulative unemployment in hours', () => {
      expect(monthsOfUnemploymentInHours(6, 'full-time')).toBe(961.98);
      expect(monthsOfUnemploymentInHours(6, 'part-time')).toBe(780);
      expect(monthsOfUnemploymentInHours(16, 'full-time')).toBe(2565.28);
      expect(monthsOfUnemploymentInHours(16, 'part-time')).toBe(2080);
    });

    it('39 weeks of cumulative unemployment: 39 × 37 h = 1,443 h full-time, 39 × 30 h = 1,170 h part-time', () => {
      expect(weeksOfUnemploymentInHours(39, 'full-time')).toBe(1443);
      expect(weeksOfUnemploymentInHours(39, 'part-time')).toBe(1170);
    });
  });

  describe('the a-kasse counter and the handover (C24-HANDOVER)', () => {
    it('hands over at the end of the month in which the a-kasse registered the 410th hour', () => {
      const result = akasseHandoverDate(
        [
          registration({ month: '2024-01', benefitHours: 148, registeredOn: d('2024-02-06') }),
          registration({ month: '2024-02', benefitHours: 160, registeredOn: d('2024-03-05') }),
          registration({ month: '2024-03', benefitHours: 110, registeredOn: d('2024-04-08') }),
        ],
        'full-time',
      );
      expect(result).toEqual({ handoverOn: '2024-04-30', reachedOn: '2024-04-08', hours: 418 });
    });

    it('keys on the registration date, not on the month the hours cover', () => {
      // March's hours registered late, in May: the handover follows May.
      const result = akasseHandoverDate(
        [
          registration({ month: '2024-01', benefitHours: 160, registeredOn: d('2024-02-02') }),
          registration({ month: '2024-02', benefitHours: 160, registeredOn: d('2024-03-02') }),
          registration({ month: '2024-03', benefitHours: 160, registeredOn: d('2024-05-20') }),
        ],
        'full-time',
      );
      expect(result?.handoverOn).toBe('2024-05-31');
    });

    it('counts 410 hours as reached (at least), and uses 333 for part-time', () => {
      const exact = [registration({ benefitHours: 410, registeredOn: d('2024-03-01') })];
      expect(akasseHandoverDate(exact, 'full-time')?.handoverOn).toBe('2024-03-31');
      expect(akasseHandoverDate([registration({ benefitHours: 409.5 })], 'full-time')).toBeUndefined();
      expect(akasseHandoverDate([registration({ benefitHours: 333 })], 'part-time')?.handoverOn).toBe(
        '2024-02-29',
      );
    });

    it('ignores wage-subsidy hours, which count for the jobcentre only', () => {
      expect(
        akasseHandoverDate([registration({ benefitHours: 300, wageSubsidyHours: 200 })], 'full-time'),
      ).toBeUndefined();
    });
  });

  describe('the jobcentre counter', () => {
    it('reaches 6 months (961.98 h) inside the crossing month, hours accruing evenly over its days', () => {
      const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07'];
      const reports = months.map((month) => registration({ month, benefitHours: 160.33 }));
      // after 6 full months 961.98 h are reached on the last day of June
      expect(jobcentreCounterReachedOn(reports, 961.98)).toBe('2024-06-30');
      const halfJune = reports.map((r) => (r.month === '2024-06' ? { ...r, benefitHours: 320.66 } : r));
      // 801.65 h after May; June holds 320.66 h, so 160.33 more are reached halfway through its 30 days
      expect(jobcentreCounterReachedOn(halfJune, 961.98)).toBe('2024-06-15');
    });

    it('counts wage-subsidy hours', () => {
      const reports = [registration({ month: '2024-01', benefitHours: 500, wageSubsidyHours: 500 })];
      expect(jobcentreCounterReachedOn(reports, 961.98)).toBe('2024-01-30');
    });

    it('does not count hours in the COVID freeze (2020-03..2020-08, 2021-01..2021-06)', () => {
      const reports = [
        registration({ month: '2020-02', benefitHours: 160 }),
        registration({ month: '2020-05', benefitHours: 160 }),
        registration({ month: '2020-09', benefitHours: 160 }),
      ];
      expect(jobcentreCounterReachedOn(reports, 320)).toBe('2020-09-30');
    });

    it('counts again from a day: earlier months left out, that day’s month only from that day on', () => {
      // 155 h in January 2024 (31 days) is 5 h a day: from the 17th, 15 days count, 75 h.
      const reports = [
        registration({ month: '2023-12', benefitHours: 155 }),
        registration({ month: '2024-01', benefitHours: 155 }),
        registration({ month: '2024-02', benefitHours: 155 }),
      ];
      expect(jobcentreCounterReachedOn(reports, 50, d('2024-01-17'))).toBe('2024-01-26');
      // 25 h more in February's 29 days (155 h): reached on its 5th day
      expect(jobcentreCounterReachedOn(reports, 100, d('2024-01-17'))).toBe('2024-02-05');
      expect(jobcentreCounterReachedOn(reports, 100, d('2024-01-01'))).toBe(
        jobcentreCounterReachedOn(reports.slice(1), 100),
      );
    });

    it('is undefined until the reports reach the threshold', () => {
      expect(jobcentreCounterReachedOn([registration({ benefitHours: 100 })], 961.98)).toBeUndefined();
    });

    it('sums a month reported twice, and counts months in their order whatever the order of the reports', () => {
      const inOrder = ['2024-01', '2024-02', '2024-03'].map((month) =>
        registration({ month, benefitHours: 155 }),
      );
      const shuffled = [inOrder[2], inOrder[0], inOrder[1]];
      expect(jobcentreCounterReachedOn(shuffled, 320)).toBe(jobcentreCounterReachedOn(inOrder, 320));
      expect(jobcentreCounterReachedOn(inOrder, 320)).toBe('2024-03-02');
      // February reported in two parts (100 h + 55 h) counts as its 155 h.
      const split = [inOrder[0], { ...inOrder[1], benefitHours: 100 }, { ...inOrder[1], benefitHours: 55 }];
      expect(jobcentreCounterReachedOn(split, 300)).toBe(jobcentreCounterReachedOn(inOrder, 300));
    });
  });
});

/** The calendar as Date counts it (proleptic Gregorian, years from 100 on): what the fast paths must agree with. */
function byDate(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

describe('the fast paths of the calendar', () => {
  it('add days as Date does, for every day around the century years 1900, 2000, 2100 and 2200', () => {
    const shifts = [-400, -60, -31, -29, -28, -27, -1, 0, 1, 13, 14, 27, 28, 29, 31, 366];
    const mismatches: string[] = [];
    for (const century of [1900, 2000, 2100, 2200])
      for (
        let day = new Date(`${century - 4}-01-01T00:00:00Z`);
        day.getUTCFullYear() <= century + 4;
        day = new Date(day.getTime() + 86_400_000)
      ) {
        const date = day.toISOString().slice(0, 10);
        for (const shift of shifts)
          if (addDays(d(date), shift) !== byDate(date, shift)) mismatches.push(`${date} ${shift}`);
      }
    expect(mismatches).toEqual([]);
  });

  it('count the days of every month as Date does, century years included (1900 no leap year, 2000 one)', () => {
    const mismatches: string[] = [];
    for (let year = 0; year <= 2400; year += 1)
      for (let month = 1; month <= 12; month += 1) {
        const last = new Date(0);
        last.setUTCFullYear(year, month, 0);
        if (
          endOfMonth(d(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`)) !==
          `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(last.getUTCDate()).padStart(2, '0')}`
        )
          mismatches.push(`${year}-${month}`);
      }
    expect(mismatches).toEqual([]);
  });
});

describe('dates far from today', () => {
  it('counts the years 0–99 as themselves, not as 1900–1999', () => {
    expect(addDays(d('0099-12-31'), 1)).toBe('0100-01-01');
    expect(addDays(d('0001-01-01'), -1)).toBe('0000-12-31');
    expect(isLocalDate('0000-02-29')).toBe(true); // year 0 is a leap year (1900 is not)
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(daysBetween(d('0099-12-31'), d('0100-01-01'))).toBe(1);
    expect(endOfMonth(d('0004-02-01'))).toBe('0004-02-29');
  });

  it('throws a RangeError where no date can be written, instead of a wrong one', () => {
    expect(() => addDays(d('0000-01-01'), -1)).toThrow(RangeError);
    expect(() => addMonthsClamped(d('9999-12-31'), 1)).toThrow(RangeError);
  });

  it('has no Copenhagen midnight to give before Danish standard time (1894): a RangeError, not a wrong instant', () => {
    for (const date of ['1890-01-01', '1000-06-15', '0099-12-31', '0000-01-01'])
      expect(() => startOfDay(d(date))).toThrow(RangeError);
  });

  it('gives one Copenhagen midnight for every supported day, the first and the last included', () => {
    expect(startOfDay(SUPPORTED_DATES.first).toISOString()).toBe('1899-12-31T23:00:00.000Z');
    expect(endOfDay(SUPPORTED_DATES.last).toISOString()).toBe('2199-12-31T23:00:00.000Z');
  });

  it('finds the first midnight of every day of 1916 and the 1940s, double summer time included', () => {
    const days = (from: string, to: string) => {
      const all = [];
      for (let day = d(from); day < to; day = addDays(day, 1)) all.push(day);
      return all;
    };
    const wrong: string[] = [];
    for (const day of [...days('1916-01-01', '1917-01-01'), ...days('1940-01-01', '1950-01-01')]) {
      const start = startOfDay(day);
      const minuteBefore = new Date(start.getTime() - 60_000);
      if (copenhagenDateOf(start) !== day || copenhagenDateOf(minuteBefore) !== addDays(day, -1))
        wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it('supports 1900-01-01 to 2199-12-31 and nothing outside', () => {
    expect(isSupportedDate('1900-01-01')).toBe(true);
    expect(isSupportedDate('2199-12-31')).toBe(true);
    for (const date of ['1899-12-31', '2200-01-01', '0000-01-01', '0099-12-31', '1000-06-15', '9999-12-31'])
      expect(isSupportedDate(date)).toBe(false);
  });
});
