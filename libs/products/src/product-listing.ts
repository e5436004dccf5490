import type { OrganizationStatus, ProductStatus } from '@app/core';

/**
 * On the public shelf: published, by an institution that is not suspended. A suspended
 * organization cannot sign in to answer anyone, so its offers leave the catalog with it and
 * come back when an admin reinstates it.
 */
export function isListed(
  product: { status: ProductStatus },
  org: { status: OrganizationStatus },
): boolean {
  return product.status === 'published' && org.status !== 'suspended';
}
