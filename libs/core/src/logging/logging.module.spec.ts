import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { httpLoggerOptions } from './logging.module';

describe(httpLoggerOptions.name, () => {
  let lines: string[];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pinoHttp(httpLoggerOptions('info'), sink);
    server = createServer((req, res) => {
      logger(req, res);
      // What services log about a person goes through the same redaction.
      req.log.info({ user: { phone: '13912345678', password: 'Secret-Pass-2026' } }, 'signed up');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    lines.length = 0;
  });

  it('should keep tokens, passwords and phone numbers out of the log', async () => {
    await fetch(`${base}/api/v1/calendar/secret-feed-token/ics?token=abc123`, {
      headers: { authorization: 'Bearer eyJ.secret.token', cookie: 'sid=s3cr3t' },
    });
    const log = lines.join('\n');
    expect(log).toContain('signed up');
    for (const secret of [
      'eyJ.secret.token',
      's3cr3t',
      'abc123',
      '13912345678',
      'Secret-Pass-2026',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('should tag each line with the request id it echoes back', async () => {
    const response = await fetch(`${base}/x`, { headers: { 'x-request-id': 'req-42' } });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const parsed = lines.map((l) => JSON.parse(l) as { req?: { id: string } });
    expect(parsed.every((l) => l.req?.id === 'req-42')).toBe(true);
  });

  it('should replace an absurd request id with a fresh one', async () => {
    const response = await fetch(`${base}/x`, {
      headers: { 'x-request-id': 'bad id; drop table' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
