import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '@app/core';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { MeilisearchPoster } from './meilisearch-post';
import { toSearchError } from './search-errors';

describe(MeilisearchPoster.name, () => {
  let server: Server;
  let host: string;
  let seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[];
  let answer: { status: number; body: string };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    seen = [];
    answer = { status: 200, body: '{"results":[{"hits":[{"id":"甲"}]}]}' };
  });

  it('should post JSON with the key and read the JSON answer', async () => {
    const poster = new MeilisearchPoster(host, 'secret-key');
    const result = await poster.post('multi-search', { queries: [{ indexUid: 'p', q: '科技' }] });
    poster.close();
    expect(result).toEqual({ results: [{ hits: [{ id: '甲' }] }] });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/multi-search' });
    expect(seen[0].headers).toMatchObject({
      authorization: 'Bearer secret-key',
      'content-type': 'application/json',
    });
    expect(seen[0].headers['accept-encoding']).toBeUndefined();
    expect(JSON.parse(seen[0].body)).toEqual({ queries: [{ indexUid: 'p', q: '科技' }] });
  });

  it('should get JSON with the key and no body', async () => {
    answer = { status: 200, body: '{"uid":"products","updatedAt":"2026-11-28T16:14:12.2Z"}' };
    const poster = new MeilisearchPoster(host, 'secret-key');
    const result = await poster.get('indexes/products');
    poster.close();
    expect(result).toEqual({ uid: 'products', updatedAt: '2026-11-28T16:14:12.2Z' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/indexes/products', body: '' });
    expect(seen[0].headers.authorization).toBe('Bearer secret-key');
    expect(seen[0].headers['content-type']).toBeUndefined();
  });

  it('should keep a path under the host', async () => {
    const poster = new MeilisearchPoster(`${host}/meili`, undefined);
    await poster.post('multi-search', {});
    poster.close();
    expect(seen[0].url).toBe('/meili/multi-search');
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('should throw the API error Meilisearch answers, which stays a bug, not a 503', async () => {
    answer = {
      status: 400,
      body: '{"message":"bad filter","code":"invalid_search_filter","type":"invalid_request","link":""}',
    };
    const poster = new MeilisearchPoster(host, 'secret-key');
    const error = await poster.post('multi-search', {}).catch((e: unknown) => e);
    poster.close();
    expect(error).toBeInstanceOf(MeilisearchApiError);
    expect((error as MeilisearchApiError).cause?.code).toBe('invalid_search_filter');
    expect((error as MeilisearchApiError).response.status).toBe(400);
    expect(toSearchError(error)).toBe(error);
  });

  it('should turn a server error into SEARCH_UNAVAILABLE', async () => {
    answer = { status: 503, body: '' };
    const poster = new MeilisearchPoster(host, 'secret-key');
    const error = await poster.post('multi-search', {}).catch((e: unknown) => e);
    poster.close();
    expect(error).toBeInstanceOf(MeilisearchApiError);
    expect(toSearchError(error)).toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
  });

  it('should throw a request error when Meilisearch cannot be reached, a 503 for callers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const poster = new MeilisearchPoster(`http://127.0.0.1:${port}`, 'secret-key');
    const error = await poster.post('multi-search', {}).catch((e: unknown) => e);
    poster.close();
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    const mapped = toSearchError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
  });
});
