import { performance } from 'node:perf_hooks';
import { Clock } from '@app/core';
import { AuthService, Organization } from '@app/identity';
import {
  DEFAULT_MATCHES,
  needMatchesOf,
  NeedMatchesService,
  needMatchQueries,
  type NeedMatchDocument,
  productFactsOf,
  productMatchesOf,
  ProductMatchesService,
  productMatchQueries,
  type ProductMatchDocument,
  needFactsOf,
  toNeedMatchesView,
  toProductMatchesView,
} from '@app/matching';
import { NeedsService } from '@app/needs';
import { Product } from '@app/products';
import { SearchIndexes } from '@app/search';
import { chinaDate, WhitelistService } from '@app/whitelist';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { median } from '../shared/stats';
import type { Direction } from './targets';

/** The median milliseconds of each piece of one request, in the order a request runs them. */
export interface Breakdown {
  direction: Direction;
  ids: number;
  pieces: [string, number][];
  /** The service's whole call (criteria, engine, view) and its JSON, for comparison. */
  service: number;
}

/**
 * Where the time of one request goes: the same steps the services take, each timed on its own
 * in the bench process (one request at a time, no load), over the given ids.
 */
export async function breakdown(
  context: INestApplicationContext,
  token: string,
  ids: { needs: string[]; products: string[] },
): Promise<Breakdown[]> {
  const auth = context.get(AuthService);
  const admin = await auth.authenticate(token);
  const pieces = new Pieces();
  const service = new Pieces();

  const needs = context.get(NeedsService);
  const orgs = context.get(DataSource).getRepository(Organization);
  const whitelist = context.get(WhitelistService);
  const search = context.get(SearchIndexes);
  const clock = context.get(Clock);
  const needMatches = context.get(NeedMatchesService);
  for (const id of ids.needs) {
    await pieces.time('auth: token, user + organization (2 SQL)', () => auth.authenticate(token));
    const need = (await pieces.time('SQL: need', () => needs.findById(id)))!;
    const org = (await pieces.time('SQL: enterprise', () => orgs.findOneBy({ id: need.orgId })))!;
    const today = chinaDate(clock.now());
    const status = await pieces.time('SQL: whitelist status', () =>
      whitelist.statusFor([org.id], today),
    );
    const facts = needFactsOf(need, org, status.get(org.id)!);
    const matchContext = { thisYear: Number(today.slice(0, 4)) };
    const queries = await pieces.time('filters and queries', () =>
      productMatchQueries(facts, need.title, matchContext, DEFAULT_MATCHES),
    );
    const answers = await pieces.time('Meilisearch multi-search (3 queries)', () =>
      search.multiSearch<ProductMatchDocument>(queries),
    );
    const result = await pieces.time('scoring, ranking, near misses', () =>
      productMatchesOf(facts, matchContext, DEFAULT_MATCHES, answers),
    );
    await pieces.time('view and JSON', () => JSON.stringify(toNeedMatchesView(need.id, result)));
    await service.time('service', async () =>
      JSON.stringify(await needMatches.matches(admin, id, { limit: DEFAULT_MATCHES })),
    );
  }
  const needBreakdown: Breakdown = {
    direction: 'need → products',
    ids: ids.needs.length,
    pieces: pieces.medians(),
    service: service.medians()[0][1],
  };

  const products = context.get(DataSource).getRepository(Product);
  const productMatches = context.get(ProductMatchesService);
  const productPieces = new Pieces();
  const productService = new Pieces();
  for (const id of ids.products) {
    await productPieces.time('auth: token, user + organization (2 SQL)', () =>
      auth.authenticate(token),
    );
    const product = (await productPieces.time('SQL: product', () => products.findOneBy({ id })))!;
    const facts = productFactsOf(product);
    const matchContext = { thisYear: Number(chinaDate(clock.now()).slice(0, 4)) };
    const queries = await productPieces.time('filters and queries', () =>
      needMatchQueries(facts, product.name, matchContext, DEFAULT_MATCHES),
    );
    const answers = await productPieces.time('Meilisearch multi-search (2 queries)', () =>
      search.multiSearch<NeedMatchDocument>(queries),
    );
    const result = await productPieces.time('scoring and ranking', () =>
      needMatchesOf(facts, DEFAULT_MATCHES, answers),
    );
    await productPieces.time('view and JSON', () =>
      JSON.stringify(toProductMatchesView(product.id, result)),
    );
    await productService.time('service', async () =>
      JSON.stringify(await productMatches.matches(admin, id, { limit: DEFAULT_MATCHES })),
    );
  }
  return [
    needBreakdown,
    {
      direction: 'product → needs',
      ids: ids.products.length,
      pieces: productPieces.medians(),
      service: productService.medians()[0][1],
    },
  ];
}

/** Durations by name, kept in the order the names first came. */
class Pieces {
  private readonly samples = new Map<string, number[]>();

  async time<T>(name: string, work: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    const elapsed = performance.now() - started;
    const list = this.samples.get(name) ?? [];
    list.push(elapsed);
    this.samples.set(name, list);
    return result;
  }

  medians(): [string, number][] {
    return [...this.samples].map(([name, values]) => [name, median(values)]);
  }
}
