import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { basename } from 'node:path';

const REQUEST_TIMEOUT_MS = 30_000;

export class HttpError extends Error {}

/** JSON over fetch with a bearer token; a status other than `expect` throws. */
export async function call<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; expect?: number; timeoutMs?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  const expected = options.expect ?? (method === 'POST' ? 201 : 200);
  if (response.status !== expected) {
    throw new HttpError(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Uploads a file as the multipart field `file`, streamed from disk: the client shares the
 * process with the api, so it must not hold the file in memory and blur the server's figures.
 */
export async function uploadFile<T>(
  url: string,
  token: string,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; body: T }> {
  const boundary = `----techfin-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(path)}"\r\n` +
      'Content-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const { size } = await stat(path);
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + size + tail.length,
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as T });
        } catch {
          reject(new HttpError(`upload answered ${response.statusCode}: ${text.slice(0, 500)}`));
        }
      });
    });
    const file = createReadStream(path);
    file.once('error', (error) => request.destroy(error));
    file.once('end', () => request.end(tail));
    request.write(head);
    file.pipe(request, { end: false });
  });
}
