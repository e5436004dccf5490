import { AppError, NEED_STATUS_CODES } from '@app/core';
import type { NeedStatus } from '@app/core';
import { assertNeedEditable, assertNeedMove, canMoveNeed } from './need-status';

function errorOf(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('need status machine', () => {
  const legal: [NeedStatus, NeedStatus][] = [
    ['draft', 'published'],
    ['draft', 'withdrawn'],
    ['published', 'docking'],
    ['published', 'withdrawn'],
    ['published', 'expired'],
    ['docking', 'satisfied'],
    ['docking', 'withdrawn'],
    ['docking', 'published'],
  ];

  it.each(legal)('should allow %s -> %s', (from, to) => {
    expect(canMoveNeed(from, to)).toBe(true);
    expect(() => assertNeedMove(from, to)).not.toThrow();
  });

  it('should refuse every other move, naming from and to in a 409', () => {
    const pairs = NEED_STATUS_CODES.flatMap((from) =>
      NEED_STATUS_CODES.map((to) => [from, to] as [NeedStatus, NeedStatus]),
    ).filter(([from, to]) => !legal.some(([f, t]) => f === from && t === to));
    expect(pairs).toHaveLength(36 - legal.length);
    for (const [from, to] of pairs) {
      expect(canMoveNeed(from, to)).toBe(false);
      const error = errorOf(() => assertNeedMove(from, to));
      expect(error.code).toBe('NEED_STATUS_CONFLICT');
      expect(error.getStatus()).toBe(409);
      expect(error.details).toEqual({ from, to });
    }
  });

  it('should treat satisfied, withdrawn and expired as final', () => {
    for (const from of ['satisfied', 'withdrawn', 'expired'] as const) {
      for (const to of NEED_STATUS_CODES) expect(canMoveNeed(from, to)).toBe(false);
    }
  });

  it('should allow edits only in draft and published', () => {
    expect(() => assertNeedEditable('draft')).not.toThrow();
    expect(() => assertNeedEditable('published')).not.toThrow();
    for (const status of ['docking', 'satisfied', 'withdrawn', 'expired'] as const) {
      const error = errorOf(() => assertNeedEditable(status));
      expect(error.code).toBe('NEED_STATUS_CONFLICT');
      expect(error.details).toEqual({ from: status, to: 'edited' });
    }
  });
});
