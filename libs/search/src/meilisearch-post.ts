import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';

/**
 * JSON requests to Meilisearch over node:http with kept-alive connections, for what every match
 * request runs: the client's fetch spent about 1 ms more CPU per multi-search of a few kB each
 * way (measured). Failures are the client's own errors (MeilisearchRequestError when
 * Meilisearch cannot be reached, MeilisearchApiError for an error answer), so callers treat both
 * alike.
 */
export class MeilisearchPoster {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(
    host: string,
    private readonly apiKey: string | undefined,
  ) {
    this.base = new URL(host.endsWith('/') ? host : `${host}/`);
    const https = this.base.protocol === 'https:';
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.send = https ? httpsRequest : httpRequest;
  }

  /** `path` is relative to the host, e.g. `multi-search`. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, Buffer.from(JSON.stringify(body), 'utf8'));
  }

  /** `path` is relative to the host, e.g. `indexes/products`. */
  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path, null);
  }

  close(): void {
    this.agent.destroy();
  }

  private request<T>(method: 'GET' | 'POST', path: string, payload: Buffer | null): Promise<T> {
    const url = new URL(path, this.base);
    return new Promise<T>((resolve, reject) => {
      const request = this.send(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
          },
        },
        (response) => {
          readAll(response).then(
            (text) => {
              try {
                const parsed: unknown = text === '' ? undefined : JSON.parse(text);
                const status = response.statusCode ?? 0;
                if (status >= 200 && status < 300) return resolve(parsed as T);
                reject(
                  new MeilisearchApiError(
                    new Response(text, { status, statusText: response.statusMessage }),
                    parsed as ConstructorParameters<typeof MeilisearchApiError>[1],
                  ),
                );
              } catch (error) {
                reject(new MeilisearchRequestError(url.toString(), error));
              }
            },
            (error: unknown) => reject(new MeilisearchRequestError(url.toString(), error)),
          );
        },
      );
      request.once('error', (error) => reject(new MeilisearchRequestError(url.toString(), error)));
      if (payload) request.end(payload);
      else request.end();
    });
  }
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.once('error', reject);
    response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
