import {
  eventTimeProblems,
  localLabel,
  localTime,
  nextDay,
  overlaps,
  parseDayOrTime,
  parseEventTime,
} from './event-times';

const at = (iso: string) => new Date(iso);

describe('parseEventTime', () => {
  it('should read a time without an offset as Asia/Shanghai', () => {
    expect(parseEventTime('2026-05-20T14:00')?.toISOString()).toBe('2026-05-20T06:00:00.000Z');
    expect(parseEventTime('2026-05-20T14:00:30.5')?.toISOString()).toBe('2026-05-20T06:00:30.500Z');
  });

  it('should keep an explicit offset or Z as given', () => {
    expect(parseEventTime('2026-05-20T06:00:00Z')?.toISOString()).toBe('2026-05-20T06:00:00.000Z');
    expect(parseEventTime('2026-05-20T14:00:00+09:00')?.toISOString()).toBe(
      '2026-05-20T05:00:00.000Z',
    );
  });

  it.each(['2026-02-30T10:00', '2026-05-20', '2026-05-20 14:00', '14:00', '1999-06-01T10:00Z', ''])(
    'should refuse %p',
    (value) => {
      expect(parseEventTime(value)).toBeNull();
    },
  );
});

describe('parseDayOrTime', () => {
  it('should read a bare day as its midnight in Asia/Shanghai', () => {
    expect(parseDayOrTime('2026-05-01')?.toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(nextDay(parseDayOrTime('2026-05-01')!).toISOString()).toBe('2026-05-01T16:00:00.000Z');
  });

  it('should read a time like parseEventTime', () => {
    expect(parseDayOrTime('2026-05-01T08:00')?.toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });
});

describe('localTime and localLabel', () => {
  it('should show a UTC instant in China Standard Time', () => {
    expect(localTime(at('2026-05-20T06:00:00Z'))).toBe('2026-05-20T14:00:00+08:00');
    expect(localLabel(at('2026-05-20T06:05:00Z'))).toBe('5月20日 14:05');
  });
});

describe('eventTimeProblems', () => {
  const now = at('2026-05-01T00:00:00Z');
  const times = {
    startsAt: at('2026-05-20T06:00:00Z'),
    endsAt: at('2026-05-20T09:00:00Z'),
    registrationDeadline: at('2026-05-19T06:00:00Z'),
  };

  it('should find nothing wrong with sound times', () => {
    expect(eventTimeProblems(times, now, true)).toEqual([]);
  });

  it('should refuse an end at or before the start', () => {
    expect(eventTimeProblems({ ...times, endsAt: times.startsAt }, now, false)).toEqual([
      expect.objectContaining({ field: 'endsAt', code: 'beforeStart' }),
    ]);
  });

  it('should refuse an event longer than a month', () => {
    const endsAt = new Date(times.startsAt.getTime() + 32 * 86_400_000);
    expect(eventTimeProblems({ ...times, endsAt }, now, false)).toEqual([
      expect.objectContaining({ field: 'endsAt', code: 'tooLong' }),
    ]);
  });

  it('should refuse a registration deadline after the start', () => {
    expect(eventTimeProblems({ ...times, registrationDeadline: times.endsAt }, now, false)).toEqual(
      [expect.objectContaining({ field: 'registrationDeadline', code: 'afterStart' })],
    );
  });

  it('should refuse a start in the past only when publishing', () => {
    const late = at('2026-05-20T07:00:00Z');
    expect(eventTimeProblems(times, late, false)).toEqual([]);
    expect(eventTimeProblems(times, late, true)).toEqual([
      expect.objectContaining({ field: 'startsAt', code: 'inPast' }),
    ]);
  });
});

describe('overlaps', () => {
  const slot = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });

  it('should see a shared moment as an overlap', () => {
    expect(
      overlaps(
        slot('2026-05-20T06:00:00Z', '2026-05-20T08:00:00Z'),
        slot('2026-05-20T07:59:00Z', '2026-05-20T09:00:00Z'),
      ),
    ).toBe(true);
  });

  it('should let one event start as the other ends', () => {
    expect(
      overlaps(
        slot('2026-05-20T06:00:00Z', '2026-05-20T08:00:00Z'),
        slot('2026-05-20T08:00:00Z', '2026-05-20T09:00:00Z'),
      ),
    ).toBe(false);
  });
});
