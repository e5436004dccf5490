import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CardHit,
  DEFAULT_MATCHES,
  loadNeedWithEnterprise,
  loadProductTerms,
  type MatchQuery,
  needFactsOf,
  needMatchesOf,
  needMatchQueries,
  productFactsOf,
  productMatchesOf,
  productMatchQueries,
  toNeedMatchesView,
  toProductMatchesView,
} from '@app/matching';
import { MeilisearchPoster } from '@app/search';
import { chinaDate } from '@app/whitelist';
import { createPool } from 'mysql2/promise';
import type { SearchResponse } from 'meilisearch';
import type { DataSource } from 'typeorm';

/**
 * The floor under the api, for bench/match: a plain node:http server that does only the work a
 * match request cannot do without — the same SQL over the same driver and session settings, the
 * same multi-search over the api's own Meilisearch client, the engine's pure ranking and views,
 * the same JSON — with no framework, authentication, access check, validation or logging. It
 * answers the api's two paths as the admin would be answered.
 *
 * Started by the bench as a child process with DB_URL, MEILI_URL, MEILI_MASTER_KEY and
 * MEILI_INDEX_PREFIX; prints `listening <port>` once it answers.
 */
const NEED_PATH = /^\/api\/v1\/needs\/([0-9a-f-]{36})\/matches$/;
const PRODUCT_PATH = /^\/api\/v1\/products\/([0-9a-f-]{36})\/matches$/;
const POOL_SIZE = 10;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const url = new URL(required('DB_URL'));
url.protocol = 'mysql:';
// The session settings of the api's data source (dataSourceOptions).
const pool = createPool({
  uri: url.toString(),
  connectionLimit: POOL_SIZE,
  charset: 'utf8mb4_unicode_ci',
  timezone: 'Z',
  supportBigNumbers: true,
  bigNumberStrings: false,
});
/** What the engine's SQL helpers use of a TypeORM data source. */
const database = {
  query: async (sql: string, parameters: unknown[]) => (await pool.query(sql, parameters))[0],
} as unknown as DataSource;
const meilisearch = new MeilisearchPoster(required('MEILI_URL'), required('MEILI_MASTER_KEY'));
const prefix = process.env.MEILI_INDEX_PREFIX ?? '';

async function multiSearch(queries: MatchQuery[]): Promise<SearchResponse<CardHit>[]> {
  const { results } = await meilisearch.post<{ results: SearchResponse<CardHit>[] }>(
    'multi-search',
    { queries: queries.map(({ index, ...params }) => ({ ...params, indexUid: prefix + index })) },
  );
  return results;
}

async function needMatches(id: string): Promise<unknown> {
  const today = chinaDate(new Date());
  const found = await loadNeedWithEnterprise(database, id, today);
  if (!found) return null;
  const facts = needFactsOf(found.need, found.org, found.whitelist);
  const context = { thisYear: Number(today.slice(0, 4)) };
  const answers = await multiSearch(
    productMatchQueries(facts, found.need.title, context, DEFAULT_MATCHES),
  );
  return toNeedMatchesView(id, productMatchesOf(facts, context, DEFAULT_MATCHES, answers));
}

async function productMatches(id: string): Promise<unknown> {
  const product = await loadProductTerms(database, id);
  if (!product) return null;
  const facts = productFactsOf(product);
  const context = { thisYear: Number(chinaDate(new Date()).slice(0, 4)) };
  const answers = await multiSearch(
    needMatchQueries(facts, product.name, context, DEFAULT_MATCHES),
  );
  return toProductMatchesView(id, needMatchesOf(facts, DEFAULT_MATCHES, answers));
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url ?? '';
  const need = NEED_PATH.exec(path);
  const product = need ? null : PRODUCT_PATH.exec(path);
  if (request.method !== 'GET' || (!need && !product)) return answer(response, 404, null);
  const view = need ? await needMatches(need[1]) : await productMatches(product![1]);
  answer(response, view ? 200 : 404, view);
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    answer(response, 500, null);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  meilisearch.close();
  void pool.end().finally(() => process.exit(0));
});
