import { DEFAULT_REMINDER_WINDOW_DAYS, reminderWindowsFromEnv } from './reminder-windows';

describe('the organisations’ reminder windows from the environment', () => {
  it('gives every organisation the default window when nothing is set', () => {
    expect(reminderWindowsFromEnv({})).toEqual({ defaultDays: DEFAULT_REMINDER_WINDOW_DAYS, days: {} });
  });

  it('reads the default and each named organisation’s own window', () => {
    expect(
      reminderWindowsFromEnv({
        REMINDER_WINDOW_DAYS: '0',
        REMINDER_WINDOWS: 'akasse:akasse-3f=10, jobcenter:jc-101=3',
      }),
    ).toEqual({ defaultDays: 0, days: { 'akasse:akasse-3f': 10, 'jobcenter:jc-101': 3 } });
  });

  it.each([
    [
      { REMINDER_WINDOW_DAYS: 'a week' },
      /REMINDER_WINDOW_DAYS must be whole days from 0 to 365, got "a week"/,
    ],
    [{ REMINDER_WINDOW_DAYS: '2.5' }, /REMINDER_WINDOW_DAYS must be whole days from 0 to 365/],
    [{ REMINDER_WINDOWS: 'akasse-3f=10' }, /REMINDER_WINDOWS must be a comma list .*"akasse-3f=10"/],
    [{ REMINDER_WINDOWS: 'jobcenter:jc-101=400' }, /REMINDER_WINDOWS must be .*0 to 365 days/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => reminderWindowsFromEnv(env)).toThrow(message);
  });
});
