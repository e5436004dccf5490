import { chinaDate } from './china-date';

describe(chinaDate.name, () => {
  it('should move to the next day at 16:00 UTC', () => {
    expect(chinaDate(new Date('2026-12-30T15:59:59.999Z'))).toBe('2026-12-30');
    expect(chinaDate(new Date('2026-12-30T16:00:00.000Z'))).toBe('2026-12-31');
  });
});
