import { performance } from 'node:perf_hooks';
import { AuthService } from '@app/identity';
import {
  type CardHit,
  DEFAULT_MATCHES,
  MatchEngine,
  needMatchesOf,
  NeedMatchesService,
  needMatchQueries,
  productMatchesOf,
  ProductMatchesService,
  productMatchQueries,
  toNeedMatchesView,
  toProductMatchesView,
} from '@app/matching';
import { SearchIndexes } from '@app/search';
import type { INestApplicationContext } from '@nestjs/common';
import { median } from '../shared/stats';
import type { Direction } from './targets';

export const AUTH_PIECE = 'auth: token, user and organization';
const VERSION = "Meilisearch: the index's version (beside the SQL)";

/** One piece of a request: its median wall time and the bench process's mean CPU time. */
export interface Piece {
  name: string;
  wallMs: number;
  cpuMs: number;
}

/** Each piece of one request, in the order a request runs them. */
export interface Breakdown {
  direction: Direction;
  ids: number;
  pieces: Piece[];
  /** The service's whole call (criteria, engine, view) and its JSON, for comparison. */
  service: Piece;
  /** The same call again for the same id: answered from memory unless MATCH_MEMO_SIZE=0. */
  again: Piece;
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

  const search = context.get(SearchIndexes);
  const engine = context.get(MatchEngine);
  const needMatches = context.get(NeedMatchesService);
  for (const id of ids.needs) {
    await pieces.time(AUTH_PIECE, () => auth.authenticate(token));
    const need = await pieces.time('SQL: need with its enterprise, whitelist status', () =>
      needMatches.criteria(admin, id),
    );
    await pieces.time(VERSION, () => engine.productsVersion());
    const queries = await pieces.time('filters and queries', () =>
      productMatchQueries(need.facts, need.text, need.context, DEFAULT_MATCHES),
    );
    const answers = await pieces.time('Meilisearch multi-search (3 queries)', () =>
      search.multiSearch<CardHit>(queries),
    );
    const result = await pieces.time('scoring, ranking, near misses', () =>
      productMatchesOf(need.facts, need.context, DEFAULT_MATCHES, answers),
    );
    await pieces.time('view and JSON', () => JSON.stringify(toNeedMatchesView(need.id, result)));
    for (const name of ['service', 'again']) {
      await service.time(name, async () =>
        JSON.stringify(await needMatches.matches(admin, id, { limit: DEFAULT_MATCHES })),
      );
    }
  }
  const needBreakdown: Breakdown = {
    direction: 'need → products',
    ids: ids.needs.length,
    pieces: pieces.medians(),
    service: service.medians()[0],
    again: service.medians()[1],
  };

  const productMatches = context.get(ProductMatchesService);
  const productPieces = new Pieces();
  const productService = new Pieces();
  for (const id of ids.products) {
    await productPieces.time(AUTH_PIECE, () => auth.authenticate(token));
    const product = await productPieces.time('SQL: product', () =>
      productMatches.criteria(admin, id),
    );
    await productPieces.time(VERSION, () => engine.needsVersion());
    const queries = await productPieces.time('filters and queries', () =>
      needMatchQueries(product.facts, product.text, product.context, DEFAULT_MATCHES),
    );
    const answers = await productPieces.time('Meilisearch multi-search (2 queries)', () =>
      search.multiSearch<CardHit>(queries),
    );
    const result = await productPieces.time('scoring and ranking', () =>
      needMatchesOf(product.facts, DEFAULT_MATCHES, answers),
    );
    await productPieces.time('view and JSON', () =>
      JSON.stringify(toProductMatchesView(product.id, result)),
    );
    for (const name of ['service', 'again']) {
      await productService.time(name, async () =>
        JSON.stringify(await productMatches.matches(admin, id, { limit: DEFAULT_MATCHES })),
      );
    }
  }
  return [
    needBreakdown,
    {
      direction: 'product → needs',
      ids: ids.products.length,
      pieces: productPieces.medians(),
      service: productService.medians()[0],
      again: productService.medians()[1],
    },
  ];
}

/** Wall and CPU times by name, kept in the order the names first came. */
class Pieces {
  private readonly samples = new Map<string, { wall: number[]; cpu: number[] }>();

  async time<T>(name: string, work: () => T | Promise<T>): Promise<T> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await work();
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const entry = this.samples.get(name) ?? { wall: [], cpu: [] };
    entry.wall.push(wall);
    entry.cpu.push((used.user + used.system) / 1000);
    this.samples.set(name, entry);
    return result;
  }

  medians(): Piece[] {
    return [...this.samples].map(([name, { wall, cpu }]) => ({
      name,
      wallMs: median(wall),
      cpuMs: cpu.reduce((a, b) => a + b, 0) / cpu.length,
    }));
  }
}
