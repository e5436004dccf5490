const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * Today's calendar date in China (UTC+8, no daylight saving), YYYY-MM-DD. Whitelist validity
 * dates are dates in Qingdao: an entry valid to 31 December still counts at 07:00 on that day
 * there, when UTC is still at 30 December 23:00.
 */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
