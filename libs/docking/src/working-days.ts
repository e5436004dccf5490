const DAY_MS = 86_400_000;
/** China keeps one time zone, UTC+8, without daylight saving. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar the SLA counts on: public holidays, and weekend days worked instead (调休). */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/**
 * The moment `days` working days after `from`, in China: weekends and holidays (YYYY-MM-DD)
 * are skipped unless listed as make-up workdays, and the deadline is the end of the last working
 * day (24:00 China time): a request made on Friday afternoon with 3 days is due at the end of
 * Wednesday.
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkCalendar): Date {
  let day = chinaMidnight(from);
  let left = days;
  while (left > 0) {
    day = new Date(day.getTime() + DAY_MS);
    if (isWorkingDay(day, calendar)) left--;
  }
  return new Date(day.getTime() + DAY_MS);
}

/** Whether this China calendar day (given as its China midnight) is a working day. */
function isWorkingDay(chinaDay: Date, calendar: WorkCalendar): boolean {
  const local = new Date(chinaDay.getTime() + CHINA_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  if (calendar.workdays.has(date)) return true;
  const weekday = local.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(date);
}

/** 00:00 China time of the China day `at` falls on, as an instant. */
function chinaMidnight(at: Date): Date {
  const local = at.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - CHINA_OFFSET_MS);
}
