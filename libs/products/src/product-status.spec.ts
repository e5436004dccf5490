import { PRODUCT_STATUS_CODES } from '@app/core';
import type { ProductStatus } from '@app/core';
import { AppError } from '@app/core';
import { assertEditable, assertMove, canMove, PRODUCT_MOVES } from './product-status';

describe('product status machine', () => {
  const allowed: [ProductStatus, ProductStatus][] = [
    ['draft', 'published'],
    ['published', 'suspended'],
    ['published', 'retired'],
    ['suspended', 'published'],
    ['suspended', 'retired'],
  ];

  it('should allow exactly the documented moves', () => {
    const moves = PRODUCT_STATUS_CODES.flatMap((from) =>
      PRODUCT_STATUS_CODES.filter((to) => canMove(from, to)).map((to) => [from, to]),
    );
    expect(moves).toEqual(allowed);
  });

  it('should keep retired final', () => {
    expect(PRODUCT_MOVES.retired).toEqual([]);
  });

  it('should refuse an illegal move with 409 PRODUCT_STATUS_CONFLICT naming from and to', () => {
    let caught: unknown;
    try {
      assertMove('draft', 'suspended');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('PRODUCT_STATUS_CONFLICT');
    expect((caught as AppError).getStatus()).toBe(409);
    expect((caught as AppError).details).toEqual({ from: 'draft', to: 'suspended' });
  });

  it('should not move a product onto its own status', () => {
    for (const status of PRODUCT_STATUS_CODES) expect(canMove(status, status)).toBe(false);
  });

  it('should let content change in every status but retired', () => {
    for (const status of ['draft', 'published', 'suspended'] as const) {
      expect(() => assertEditable(status)).not.toThrow();
    }
    expect(() => assertEditable('retired')).toThrow(AppError);
  });
});
