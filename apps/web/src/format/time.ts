import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Every time on the platform is shown as the city keeps it, whatever the device's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export function shanghai(iso: string): dayjs.Dayjs {
  return dayjs(iso).tz(TIME_ZONE);
}

/** 2026年5月20日 */
export function formatDate(iso: string): string {
  return shanghai(iso).format('YYYY年M月D日');
}

/** 2026年5月20日 14:00 */
export function formatDateTime(iso: string): string {
  return shanghai(iso).format('YYYY年M月D日 HH:mm');
}

/** 14:05 today (in Shanghai), else with its date: for times a few minutes or hours away. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const time = shanghai(iso);
  return time.isSame(dayjs(now).tz(TIME_ZONE), 'day')
    ? time.format('HH:mm')
    : time.format('M月D日 HH:mm');
}
