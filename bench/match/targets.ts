import { isDeepStrictEqual } from 'node:util';
import type { AuthUser } from '@app/identity';
import {
  type CardHit,
  DEFAULT_MATCHES,
  type MatchCriteria,
  type MatchQuery,
  needMatchesOf,
  NeedMatchesService,
  needMatchQueries,
  type NeedFacts,
  type ProductFacts,
  productMatchesOf,
  ProductMatchesService,
  productMatchQueries,
  toNeedMatchesView,
  toProductMatchesView,
} from '@app/matching';
import { SearchIndexes } from '@app/search';
import type { INestApplicationContext } from '@nestjs/common';
import type { SearchResponse } from 'meilisearch';
import { call } from '../shared/http-client';
import type { RawMeilisearch } from '../shared/meili-raw';
import type { LoadRequest } from './load';

export type Direction = 'need → products' | 'product → needs';

/** One direction of matching, for the same ids: through the api, and straight to Meilisearch. */
export interface Target {
  direction: Direction;
  /** `GET /api/v1/needs/:id/matches` or `GET /api/v1/products/:id/matches`, default limit. */
  ours: LoadRequest[];
  /** `POST /multi-search` with exactly the queries the engine sends for the same id. */
  raw: LoadRequest[];
  /** The view the api should answer for each id, from the raw answer and the pure engine. */
  expected: (index: number, answers: SearchResponse[]) => unknown;
}

/**
 * For each id, what the engine matches on (read through the services, as a request would) and
 * the multi-search it sends: the raw baseline is the same Meilisearch work without the api.
 */
export async function buildTargets(
  context: INestApplicationContext,
  admin: AuthUser,
  ids: { needs: string[]; products: string[] },
): Promise<Target[]> {
  const indexes = context.get(SearchIndexes);
  const rawBody = (queries: MatchQuery[]) =>
    JSON.stringify({
      queries: queries.map(({ index, ...params }) => ({ ...params, indexUid: indexes.uid(index) })),
    });
  const raw = (queries: MatchQuery[]): LoadRequest => ({
    method: 'POST',
    path: '/multi-search',
    body: rawBody(queries),
  });

  const needs: MatchCriteria<NeedFacts>[] = [];
  for (const id of ids.needs) needs.push(await context.get(NeedMatchesService).criteria(admin, id));
  const products: MatchCriteria<ProductFacts>[] = [];
  for (const id of ids.products) {
    products.push(await context.get(ProductMatchesService).criteria(admin, id));
  }
  return [
    {
      direction: 'need → products',
      ours: needs.map((need) => ({ method: 'GET', path: `/api/v1/needs/${need.id}/matches` })),
      raw: needs.map((need) =>
        raw(productMatchQueries(need.facts, need.text, need.context, DEFAULT_MATCHES)),
      ),
      expected: (index, answers) => {
        const need = needs[index];
        return toNeedMatchesView(
          need.id,
          productMatchesOf(
            need.facts,
            need.context,
            DEFAULT_MATCHES,
            answers as SearchResponse<CardHit>[],
          ),
        );
      },
    },
    {
      direction: 'product → needs',
      ours: products.map((product) => ({
        method: 'GET',
        path: `/api/v1/products/${product.id}/matches`,
      })),
      raw: products.map((product) =>
        raw(needMatchQueries(product.facts, product.text, product.context, DEFAULT_MATCHES)),
      ),
      expected: (index, answers) => {
        const product = products[index];
        return toProductMatchesView(
          product.id,
          needMatchesOf(product.facts, DEFAULT_MATCHES, answers as SearchResponse<CardHit>[]),
        );
      },
    },
  ];
}

/**
 * Asks the api, the bare server and raw Meilisearch for every id once, and counts the ids where
 * the api's or the bare server's answer is not what the engine makes of the raw answer: the
 * three sides must do the same work.
 */
export async function checkSameAnswers(
  target: Target,
  api: { base: string; token: string },
  bare: { base: string },
  meili: RawMeilisearch,
): Promise<{ ids: number; different: number; hits: number }> {
  let different = 0;
  let hits = 0;
  for (const [index, request] of target.ours.entries()) {
    const ours = await call<{ items: unknown[] }>(api.base, 'GET', request.path, {
      token: api.token,
    });
    const floor = await call<unknown>(bare.base, 'GET', request.path);
    const { results } = await meili.request<{ results: SearchResponse[] }>(
      'POST',
      target.raw[index].path,
      JSON.parse(target.raw[index].body!),
    );
    hits += ours.items.length;
    const expected = JSON.parse(JSON.stringify(target.expected(index, results))) as unknown;
    if (!isDeepStrictEqual(ours, expected) || !isDeepStrictEqual(floor, expected)) different += 1;
  }
  return { ids: target.ours.length, different, hits };
}
