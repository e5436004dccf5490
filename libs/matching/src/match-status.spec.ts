import { MATCH_STATUS_CODES } from '@app/core';
import { assertMatchMove, canMoveMatch, CLIENT_MATCH_STATUSES } from './match-status';

describe(canMoveMatch.name, () => {
  it.each([
    ['new', 'viewed'],
    ['new', 'dismissed'],
    ['viewed', 'dismissed'],
    ['dismissed', 'viewed'],
    ['viewed', 'applied'],
    ['dismissed', 'applied'],
  ] as const)('should let a match go from %s to %s', (from, to) => {
    expect(canMoveMatch(from, to)).toBe(true);
  });

  it.each(MATCH_STATUS_CODES)('should let a %s match stay as it is', (status) => {
    expect(canMoveMatch(status, status)).toBe(true);
  });

  it.each(CLIENT_MATCH_STATUSES)('should keep an applied match from becoming %s', (to) => {
    expect(canMoveMatch('applied', to)).toBe(false);
  });

  it('should never send a match back to new', () => {
    for (const from of MATCH_STATUS_CODES.filter((status) => status !== 'new')) {
      expect(canMoveMatch(from, 'new')).toBe(false);
    }
  });
});

describe(assertMatchMove.name, () => {
  it('should throw MATCH_STATUS_CONFLICT naming both statuses', () => {
    expect(() => assertMatchMove('applied', 'dismissed')).toThrow(
      expect.objectContaining({
        code: 'MATCH_STATUS_CONFLICT',
        details: { from: 'applied', to: 'dismissed' },
      }),
    );
  });
});
