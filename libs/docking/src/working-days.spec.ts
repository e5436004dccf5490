import { addWorkingDays, WorkCalendar } from './working-days';

const plain: WorkCalendar = { holidays: new Set(), workdays: new Set() };
/** An instant given in China time. */
const china = (local: string): Date => new Date(`${local}+08:00`);

describe(addWorkingDays.name, () => {
  it('should skip the weekend and end at midnight China time after the last working day', () => {
    // 2026-11-27 is a Friday.
    expect(addWorkingDays(china('2026-11-27T15:00:00'), 3, plain)).toEqual(
      china('2026-12-03T00:00:00'),
    );
  });

  it('should count from the China day, not the UTC one', () => {
    // 01:00 on Monday in China is still Sunday in UTC.
    expect(addWorkingDays(china('2026-11-30T01:00:00'), 1, plain)).toEqual(
      china('2026-12-02T00:00:00'),
    );
  });

  it('should skip holidays and count make-up workdays', () => {
    const calendar: WorkCalendar = {
      holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05']),
      workdays: new Set(['2026-10-10']),
    };
    // Wednesday 30 September: Oct 1, 2 and 5 are off, Oct 3–4 a weekend; Oct 6 is the first.
    expect(addWorkingDays(china('2026-09-30T10:00:00'), 1, calendar)).toEqual(
      china('2026-10-07T00:00:00'),
    );
    // Friday 9 October with one day: Saturday 10 October is worked.
    expect(addWorkingDays(china('2026-10-09T10:00:00'), 1, calendar)).toEqual(
      china('2026-10-11T00:00:00'),
    );
  });

  it('should give the end of today for zero days', () => {
    expect(addWorkingDays(china('2026-11-27T15:00:00'), 0, plain)).toEqual(
      china('2026-11-28T00:00:00'),
    );
  });
});
