import { AppError, Clock } from '@app/core';
import type { AuthUser } from '@app/identity';
import { Product } from '@app/products';
import { filterValue } from '@app/search';
import { chinaDate } from '@app/whitelist';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { mayReadProductMatches } from './match-access';
import { loadProductTerms } from './match-criteria.sql';
import { MatchEngine } from './match-engine.service';
import { settledLater } from './settled-later';
import type { MatchCriteria, ProductFacts } from './match-facts';
import { productFactsOf } from './match-facts.sources';
import { ProductMatchesView, toProductMatchesView } from './match.view';
import type { ProductMatchesQuery } from './matches.query';

/** GET /products/:id/matches: published needs for a product, explained, without contacts. */
@Injectable()
export class ProductMatchesService {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: MatchEngine,
    private readonly clock: Clock,
  ) {}

  /** The product if the caller may read its matches (what-if changes it); otherwise not found. */
  async readable(user: AuthUser, productId: string): Promise<Product> {
    const product = await this.products.findOneBy({ id: productId });
    if (!product || !mayReadProductMatches(user, product.orgId)) {
      throw new AppError('PRODUCT_NOT_FOUND');
    }
    return product;
  }

  async matches(
    user: AuthUser,
    productId: string,
    query: ProductMatchesQuery,
  ): Promise<ProductMatchesView> {
    if (
      query.amountMin !== undefined &&
      query.amountMax !== undefined &&
      query.amountMin > query.amountMax
    ) {
      throw new AppError('VALIDATION_FAILED', {
        details: [
          { field: 'amountMin', code: 'range', message: 'amountMin must not exceed amountMax' },
        ],
      });
    }
    // As for a need's matches: the version beside the SQL, a product not found 404 first.
    const version = settledLater(this.engine.needsVersion());
    const { id, facts, text, context } = await this.criteria(user, productId);
    const result = await this.engine.rememberedNeedsFor(
      await version,
      facts,
      text,
      context,
      query.limit,
      narrowing(query),
    );
    return toProductMatchesView(id, result);
  }

  /** What the engine matches a product on, if the caller may read its matches; else not found. */
  async criteria(user: AuthUser, productId: string): Promise<MatchCriteria<ProductFacts>> {
    const product = await loadProductTerms(this.dataSource, productId);
    if (!product || !mayReadProductMatches(user, product.orgId)) {
      throw new AppError('PRODUCT_NOT_FOUND');
    }
    return {
      id: product.id,
      facts: productFactsOf(product),
      text: product.name,
      context: { thisYear: Number(chinaDate(this.clock.now()).slice(0, 4)) },
    };
  }
}

function narrowing(query: ProductMatchesQuery): string[] {
  const filters: string[] = [];
  if (query.district) filters.push(`district = ${filterValue(query.district)}`);
  if (query.industry) filters.push(`industry = ${filterValue(query.industry)}`);
  if (query.whitelisted !== undefined)
    filters.push(`whitelisted = ${filterValue(query.whitelisted)}`);
  if (query.amountMin !== undefined) filters.push(`amount >= ${filterValue(query.amountMin)}`);
  if (query.amountMax !== undefined) filters.push(`amount <= ${filterValue(query.amountMax)}`);
  return filters;
}
