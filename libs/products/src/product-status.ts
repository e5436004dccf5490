import { AppError } from '@app/core';
import type { ProductStatus } from '@app/core';

/** The owner's moves on a product. Retired is final: a retired offer is history, not stock. */
export const PRODUCT_MOVES: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['published'],
  published: ['suspended', 'retired'],
  suspended: ['published', 'retired'],
  retired: [],
};

export function canMove(from: ProductStatus, to: ProductStatus): boolean {
  return PRODUCT_MOVES[from].includes(to);
}

/** Throws 409 PRODUCT_STATUS_CONFLICT naming both ends when the move is not allowed. */
export function assertMove(from: ProductStatus, to: ProductStatus): void {
  if (!canMove(from, to)) {
    throw new AppError('PRODUCT_STATUS_CONFLICT', {
      message: `A product that is ${from} cannot become ${to}.`,
      details: { from, to },
    });
  }
}

/** Content can change in every status but the final one. */
export function assertEditable(status: ProductStatus): void {
  if (status === 'retired') {
    throw new AppError('PRODUCT_STATUS_CONFLICT', {
      message: 'A retired product can no longer be changed.',
      details: { from: status },
    });
  }
}
