import { describe, expect, it } from 'vitest';
import { formatWan, formatWanRange } from './money';
import { formatRate, formatRateRange } from './rate';
import { formatDateTime, formatTime } from './time';

describe('figures as a Chinese finance manager reads them', () => {
  it('should show yuan in 万元 with separators', () => {
    expect(formatWan(5_000_000)).toBe('500 万元');
    expect(formatWan(123_456_789)).toBe('12,345.68 万元');
    expect(formatWanRange(500_000, 10_000_000)).toBe('50 – 1,000 万元');
    expect(formatWanRange(3_000_000, 3_000_000)).toBe('300 万元');
  });

  it('should show basis points as a yearly rate in %', () => {
    expect(formatRate(385)).toBe('3.85%');
    expect(formatRateRange(345, 520)).toBe('3.45% – 5.20%');
  });

  it("should show times in Shanghai's zone whatever the device's", () => {
    expect(formatDateTime('2026-05-20T06:00:00Z')).toBe('2026年5月20日 14:00');
    // Still the 20th in UTC, already the 21st in Shanghai.
    expect(formatTime('2026-05-20T16:30:00Z', new Date('2026-05-20T06:00:00Z'))).toBe(
      '5月21日 00:30',
    );
    expect(formatTime('2026-05-20T06:15:00Z', new Date('2026-05-20T06:00:00Z'))).toBe('14:15');
  });
});
