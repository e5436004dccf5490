import { DateTime } from 'luxon';

/** Events are shown in China Standard Time and stored in UTC. */
export const EVENT_TIME_ZONE = 'Asia/Shanghai';

/** A date and a time, optionally seconds and milliseconds, optionally an offset. */
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** No event runs longer than a month: a longer one is a typo in a date. */
export const MAX_EVENT_DAYS = 31;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/**
 * An ISO 8601 time as a client sends it. Without an offset it is a time in Asia/Shanghai, which
 * is what a person in Qingdao types; with one (or Z) it is exactly that instant. Null when it
 * is not a real time.
 */
export function parseEventTime(value: string): Date | null {
  if (!EVENT_TIME.test(value)) return null;
  const time = DateTime.fromISO(value, { zone: EVENT_TIME_ZONE });
  if (!time.isValid || time.year < MIN_YEAR || time.year > MAX_YEAR) return null;
  return time.toJSDate();
}

/** The start of a day (YYYY-MM-DD) in Asia/Shanghai, or an event time; null when neither. */
export function parseDayOrTime(value: string): Date | null {
  if (!DAY.test(value)) return parseEventTime(value);
  const day = DateTime.fromISO(value, { zone: EVENT_TIME_ZONE });
  return day.isValid && day.year >= MIN_YEAR && day.year <= MAX_YEAR ? day.toJSDate() : null;
}

/** Whether `value` is a bare day: a range ending on it includes the whole day. */
export function isDay(value: string): boolean {
  return DAY.test(value);
}

/** The instant one day after `date`, in Asia/Shanghai (no daylight saving: 24 hours). */
export function nextDay(date: Date): Date {
  return DateTime.fromJSDate(date, { zone: EVENT_TIME_ZONE }).plus({ days: 1 }).toJSDate();
}

/** 2026-05-01T14:00:00+08:00: the time as shown to people. */
export function localTime(date: Date): string {
  return DateTime.fromJSDate(date, { zone: EVENT_TIME_ZONE }).toISO({
    suppressMilliseconds: true,
  })!;
}

/** 5月1日 14:00, for notifications. */
export function localLabel(date: Date): string {
  return DateTime.fromJSDate(date, { zone: EVENT_TIME_ZONE }).toFormat('M月d日 HH:mm');
}

/** A luxon time in Asia/Shanghai, the form the iCalendar writer converts correctly. */
export function zoned(date: Date): DateTime {
  return DateTime.fromJSDate(date, { zone: EVENT_TIME_ZONE });
}

export interface EventTimes {
  startsAt: Date;
  endsAt: Date;
  registrationDeadline: Date;
}

export interface TimeProblem {
  field: 'startsAt' | 'endsAt' | 'registrationDeadline';
  code: string;
  message: string;
}

/**
 * What is wrong with an event's times. Publishing also needs a start in the future; a draft may
 * be planned with any times that make sense together.
 */
export function eventTimeProblems(
  times: EventTimes,
  now: Date,
  publishing: boolean,
): TimeProblem[] {
  const problems: TimeProblem[] = [];
  const start = times.startsAt.getTime();
  const end = times.endsAt.getTime();
  if (end <= start) {
    problems.push({ field: 'endsAt', code: 'beforeStart', message: '结束时间必须晚于开始时间' });
  } else if (end - start > MAX_EVENT_DAYS * 86_400_000) {
    problems.push({
      field: 'endsAt',
      code: 'tooLong',
      message: `活动最长 ${MAX_EVENT_DAYS} 天`,
    });
  }
  if (times.registrationDeadline.getTime() > start) {
    problems.push({
      field: 'registrationDeadline',
      code: 'afterStart',
      message: '报名截止时间不能晚于开始时间',
    });
  }
  if (publishing && start <= now.getTime()) {
    problems.push({ field: 'startsAt', code: 'inPast', message: '开始时间已过，不能发布' });
  }
  return problems;
}

/** Whether [a) and [b) share a moment; touching ends (one ends as the next starts) do not. */
export function overlaps(
  a: { startsAt: Date; endsAt: Date },
  b: { startsAt: Date; endsAt: Date },
): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}
