import { parseDateCell } from './date-cell';

describe(parseDateCell.name, () => {
  it.each([
    ['2026-01-31', '2026-01-31'],
    ['2026/1/5', '2026-01-05'],
    ['2026/12/31', '2026-12-31'],
    ['2026.3.9', '2026-03-09'],
    ['2026年3月9日', '2026-03-09'],
    ['20260309', '2026-03-09'],
    [' 2026-02-28 ', '2026-02-28'],
    ['2024-02-29', '2024-02-29'],
  ])('should read the text %p as %p', (text, expected) => {
    expect(parseDateCell(text)).toBe(expected);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-1-1', 'tomorrow', ''])(
    'should reject %p',
    (text) => {
      expect(parseDateCell(text)).toBeNull();
    },
  );

  it('should read an Excel date cell (a UTC-midnight Date)', () => {
    expect(parseDateCell(new Date(Date.UTC(2026, 5, 30)))).toBe('2026-06-30');
  });

  it('should read a bare Excel serial number', () => {
    expect(parseDateCell(46022)).toBe('2025-12-31');
    expect(parseDateCell(45292.75)).toBe('2024-01-01');
  });

  it('should read a YYYYMMDD number', () => {
    expect(parseDateCell(20261231)).toBe('2026-12-31');
  });

  it('should reject numbers that are no date', () => {
    expect(parseDateCell(12)).toBeNull();
    expect(parseDateCell(-5)).toBeNull();
    expect(parseDateCell(Number.NaN)).toBeNull();
  });

  it('should reject an invalid Date, booleans and empty cells', () => {
    expect(parseDateCell(new Date(Number.NaN))).toBeNull();
    expect(parseDateCell(true)).toBeNull();
    expect(parseDateCell(null)).toBeNull();
  });
});
