import type { Organization } from '@app/identity';
import type { Need } from '@app/needs';
import { isListed, type Product } from '@app/products';
import type { MatchContext, NeedFacts, ProductFacts } from './match-facts';
import { failedRules } from './match-rules';

/** A need as the database has it now, with its enterprise and today's whitelist answer. */
export interface NeedSide {
  need: Need;
  org: Organization;
  facts: NeedFacts;
}

/** A product as the database has it now, with its institution. */
export interface ProductSide {
  product: Product;
  org: Organization;
  facts: ProductFacts;
}

/** A need institutions can be matched with: published by an enterprise in good standing. */
export function needIsOpen(side: NeedSide): boolean {
  return side.need.status === 'published' && side.org.status !== 'suspended';
}

/**
 * Whether a stored pair still holds, by the database and the reference predicates of the hard
 * rules: both sides open and no rule failing. The index may lag behind; this does not.
 */
export function pairStillMatches(
  need: NeedSide,
  product: ProductSide,
  context: MatchContext,
): boolean {
  return (
    needIsOpen(need) &&
    isListed(product.product, product.org) &&
    failedRules(need.facts, product.facts, context).length === 0
  );
}
