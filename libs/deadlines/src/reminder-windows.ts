import type { ReminderWindows } from '@app/contact-process';

/** Days before a due day an organisation hears that it comes due, when it has no window of its own. */
export const DEFAULT_REMINDER_WINDOW_DAYS = 7;

/** Whole days from 0 to 365: a window longer than a year would remind of every duty there is. */
const DAYS = /^(\d{1,3})$/;
const MAX_DAYS = 365;
/** An organisation's own window: `akasse:<id>=<days>` or `jobcenter:<id>=<days>`. */
const ENTRY = /^(akasse|jobcenter):([^=,\s]{1,64})=(\d{1,3})$/;

/**
 * The organisations' reminder windows (the feeds' `due-soon` entries) from the environment:
 * REMINDER_WINDOW_DAYS, every organisation's unless named (default 7; 0 = none), and REMINDER_WINDOWS, a comma
 * list naming organisations with windows of their own (`akasse:akasse-3f=10,jobcenter:jc-101=3`). Each
 * DeadlineDueSoon records the window it was noted under, so a changed setting changes only what comes after.
 */
export function reminderWindowsFromEnv(env: NodeJS.ProcessEnv): ReminderWindows {
  const raw = env.REMINDER_WINDOW_DAYS?.trim() ?? '';
  const match = DAYS.exec(raw);
  if (raw !== '' && (!match || Number(raw) > MAX_DAYS))
    throw new RangeError(
      `REMINDER_WINDOW_DAYS must be whole days from 0 to ${MAX_DAYS}, got "${raw.slice(0, 40)}"`,
    );
  const days: Record<string, number> = {};
  for (const entry of (env.REMINDER_WINDOWS ?? '').split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const named = ENTRY.exec(entry);
    if (!named || Number(named[3]) > MAX_DAYS)
      throw new RangeError(
        `REMINDER_WINDOWS must be a comma list of akasse:<id>=<days> or jobcenter:<id>=<days> (0 to ${MAX_DAYS} days), got "${entry.slice(0, 80)}"`,
      );
    days[`${named[1]}:${named[2]}`] = Number(named[3]);
  }
  return { defaultDays: raw === '' ? DEFAULT_REMINDER_WINDOW_DAYS : Number(raw), days };
}
