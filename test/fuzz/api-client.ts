/** What came back: the status, the body parsed when it is JSON, and how long it took. */
export interface Reply {
  status: number;
  contentType: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
  text: string;
  ms: number;
}

export interface Sent {
  method: string;
  /** Path and query, from the root (`/api/v1/...`). */
  path: string;
  token?: string;
  headers?: Record<string, string>;
  /** A value sent as JSON. */
  json?: unknown;
  /** A body sent as it is (its content type in headers). */
  raw?: string | Uint8Array | FormData;
}

const TIMEOUT_MS = 30_000;

/** A thin HTTP client over fetch (one keep-alive pool) for a listening app. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async send(request: Sent): Promise<Reply> {
    const headers: Record<string, string> = { ...request.headers };
    let body: string | Uint8Array | FormData | undefined = request.raw;
    if (request.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(request.json);
    }
    if (request.token !== undefined) headers.authorization ??= `Bearer ${request.token}`;
    const started = performance.now();
    const response = await fetch(`${this.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let json: unknown;
    if (contentType.includes('json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: response.status, contentType, json, text, ms: performance.now() - started };
  }

  /** Sends JSON (or nothing) under /api/v1. */
  call(method: string, path: string, token?: string, json?: unknown): Promise<Reply> {
    return this.send({ method, path: `/api/v1${path}`, token, json });
  }

  /** Like call, and insists on a 2xx: answers the parsed body. */
  async ok<T = Record<string, unknown>>(
    method: string,
    path: string,
    token?: string,
    json?: unknown,
  ): Promise<T> {
    const reply = await this.call(method, path, token, json);
    if (reply.status < 200 || reply.status > 299) {
      throw new Error(`${method} ${path} answered ${reply.status}: ${reply.text.slice(0, 500)}`);
    }
    return reply.json as T;
  }
}
