import { Clock } from '@app/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loginAdmin, PASSWORD, register, SessionBody, uniqueEmail } from './helpers/factories';
import { E2E_ADMIN, startApp, TestApp } from './helpers/test-app';

const MINUTE_MS = 60_000;
const WRONG = 'Wrong-Pass-2026';

function codeOf(response: request.Response): string | undefined {
  return (response.body as { error?: { code?: string } }).error?.code;
}

function expectError(response: request.Response, status: number, code: string): void {
  expect({ status: response.status, code: codeOf(response) }).toEqual({ status, code });
}

/** A documentation address (RFC 5737) of its own for each caller, so tests never share one. */
let lastOctet = 0;
function newAddress(): string {
  lastOctet += 1;
  return `198.51.100.${lastOctet}`;
}

describe('sign-in protection', () => {
  describe('lockout per account and client address', () => {
    let t: TestApp;
    let clock: Clock;
    let db: DataSource;
    let admin: SessionBody;

    beforeAll(async () => {
      // One proxy hop in front: X-Forwarded-For names the client, as behind a load balancer.
      t = await startApp({ TRUST_PROXY: '1' });
      clock = t.app.get(Clock);
      db = t.app.get(DataSource);
      admin = await loginAdmin(t.http);
    });
    afterEach(() => clock.reset());
    afterAll(() => t.close());

    function loginFrom(address: string, email: string, password: string): request.Test {
      return request(t.http)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email, password });
    }

    async function failureRows(accountKey: string): Promise<Record<string, unknown>[]> {
      return db.query('SELECT * FROM login_failures WHERE account_key = ?', [accountKey]);
    }

    async function failWrongly(address: string, email: string, times: number): Promise<void> {
      for (let attempt = 1; attempt <= times; attempt++) {
        expectError(await loginFrom(address, email, WRONG), 401, 'INVALID_CREDENTIALS');
      }
    }

    it('should lock an address out on its fifth wrong password, refuse even the right one from it, and let it back after the lockout', async () => {
      const { user } = await register(t.http);
      const address = newAddress();
      expect(t.config.LOGIN_MAX_FAILURES).toBe(5);
      expect(t.config.LOGIN_LOCKOUT_MINUTES).toBe(15);

      await failWrongly(address, user.email, 4);
      const fifth = await loginFrom(address, user.email, WRONG);
      expectError(fifth, 423, 'ACCOUNT_LOCKED');
      const retryAfter = Number(fifth.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(fifth.body.error.details.lockedUntil).toEqual(expect.any(String));

      const right = await loginFrom(address, user.email, PASSWORD);
      expectError(right, 423, 'ACCOUNT_LOCKED');
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);

      clock.advance(14 * MINUTE_MS);
      expectError(await loginFrom(address, user.email, PASSWORD), 423, 'ACCOUNT_LOCKED');

      clock.advance(2 * MINUTE_MS);
      expect((await loginFrom(address, user.email, PASSWORD)).status).toBe(200);
      expect(await failureRows(user.id)).toEqual([]);
    });

    it('should let the owner sign in from another address while one address is locked out', async () => {
      const { user } = await register(t.http);
      const attacker = newAddress();
      const owner = newAddress();

      await failWrongly(attacker, user.email, 4);
      expectError(await loginFrom(attacker, user.email, WRONG), 423, 'ACCOUNT_LOCKED');

      const signedIn = await loginFrom(owner, user.email, PASSWORD);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.id).toBe(user.id);
      // The owner's own mistakes count on their own address only.
      expectError(await loginFrom(owner, user.email, WRONG), 401, 'INVALID_CREDENTIALS');
      expect((await loginFrom(owner, user.email, PASSWORD)).status).toBe(200);
      // The owner signing in did not lift the attacker's lockout.
      expectError(await loginFrom(attacker, user.email, PASSWORD), 423, 'ACCOUNT_LOCKED');
    });

    it("should forget an address's failures once it signs in, and only that address's", async () => {
      const { user } = await register(t.http);
      const first = newAddress();
      const second = newAddress();

      await failWrongly(second, user.email, 2);
      await failWrongly(first, user.email, 4);
      expect((await failureRows(user.id)).map((row) => Number(row.failures)).sort()).toEqual([
        2, 4,
      ]);

      expect((await loginFrom(first, user.email, PASSWORD)).status).toBe(200);
      expect((await failureRows(user.id)).map((row) => Number(row.failures))).toEqual([2]);
      // A fresh count: four more wrong passwords do not lock the first address.
      await failWrongly(first, user.email, 4);
      // The second address goes on from where it was.
      await failWrongly(second, user.email, 2);
      expectError(await loginFrom(second, user.email, WRONG), 423, 'ACCOUNT_LOCKED');
    });

    it('should count concurrent wrong passwords from one address without losing any', async () => {
      const { user } = await register(t.http);
      const address = newAddress();

      const responses = await Promise.all(
        Array.from({ length: 5 }, () => loginFrom(address, user.email, WRONG)),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 423)).toHaveLength(1);
      expect(statuses.filter((status) => status === 401)).toHaveLength(4);
      expectError(await loginFrom(address, user.email, PASSWORD), 423, 'ACCOUNT_LOCKED');
      expect((await loginFrom(newAddress(), user.email, PASSWORD)).status).toBe(200);
    });

    it('should start counting anew when the failures are further apart than the lockout', async () => {
      const { user } = await register(t.http);
      const address = newAddress();

      await failWrongly(address, user.email, 4);
      clock.advance(16 * MINUTE_MS);
      await failWrongly(address, user.email, 4);
      expectError(await loginFrom(address, user.email, WRONG), 423, 'ACCOUNT_LOCKED');
    });

    it('should answer an unknown email as it answers an account, locking after as many failures', async () => {
      const ghost = uniqueEmail('ghost');
      const { user } = await register(t.http);
      const address = newAddress();

      for (let attempt = 1; attempt < 5; attempt++) {
        const unknown = await loginFrom(address, ghost, WRONG);
        const known = await loginFrom(address, user.email, WRONG);
        expectError(unknown, 401, 'INVALID_CREDENTIALS');
        expect(unknown.body).toEqual(known.body);
      }
      const unknown = await loginFrom(address, ghost, WRONG);
      const known = await loginFrom(address, user.email, WRONG);
      for (const response of [unknown, known]) {
        expectError(response, 423, 'ACCOUNT_LOCKED');
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(14 * 60);
      }
      expect(Object.keys(unknown.body.error.details as object)).toEqual(
        Object.keys(known.body.error.details as object),
      );
      expectError(await loginFrom(newAddress(), ghost, WRONG), 401, 'INVALID_CREDENTIALS');
    });

    it('should keep neither the client address nor an unknown email', async () => {
      const { user } = await register(t.http);
      const ghost = uniqueEmail('ghost');
      const address = newAddress();
      await failWrongly(address, user.email, 1);
      await failWrongly(address, ghost, 1);

      const rows: Record<string, unknown>[] = await db.query(
        'SELECT * FROM login_failures WHERE account_key = ? OR address_hash IN ' +
          '(SELECT address_hash FROM login_failures WHERE account_key = ?)',
        [user.id, user.id],
      );
      expect(rows).toHaveLength(2);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(address);
      expect(stored).not.toContain(ghost);
      for (const row of rows) expect(row.address_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('should count an IPv6 client by its /64', async () => {
      const { user } = await register(t.http);
      for (let host = 1; host <= 4; host++) {
        const response = await loginFrom(`2001:db8:7:1::${host}`, user.email, WRONG);
        expectError(response, 401, 'INVALID_CREDENTIALS');
      }
      expectError(await loginFrom('2001:db8:7:1:ab::ff', user.email, WRONG), 423, 'ACCOUNT_LOCKED');
      expect((await loginFrom('2001:db8:7:2::1', user.email, PASSWORD)).status).toBe(200);
    });

    it("should lift a user's lockouts when an admin sets the user's status", async () => {
      const { user } = await register(t.http);
      const address = newAddress();
      await failWrongly(address, user.email, 4);
      expectError(await loginFrom(address, user.email, WRONG), 423, 'ACCOUNT_LOCKED');

      const patched = await request(t.http)
        .patch(`/api/v1/users/${user.id}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ status: 'active' });
      expect(patched.status).toBe(200);
      expect((await loginFrom(address, user.email, PASSWORD)).status).toBe(200);
    });
  });

  describe('rate limits per client address', () => {
    it('should share one sign-in budget across login, register and refresh, per address', async () => {
      const limited = await startApp({
        AUTH_RATE_LIMIT: '3',
        AUTH_RATE_WINDOW_SECONDS: '60',
        TRUST_PROXY: '1',
      });
      try {
        const client = newAddress();
        const post = (path: string, body: object, from = client): request.Test =>
          request(limited.http)
            .post(`/api/v1/auth/${path}`)
            .set('X-Forwarded-For', from)
            .send(body);
        const loginBody = { email: uniqueEmail('flood'), password: PASSWORD };

        expectError(await post('login', loginBody), 401, 'INVALID_CREDENTIALS');
        expectError(await post('register', {}), 400, 'VALIDATION_FAILED');
        expectError(await post('refresh', { refreshToken: 'x.y' }), 401, 'REFRESH_TOKEN_INVALID');

        for (const [path, body] of [
          ['login', loginBody],
          ['register', {}],
          ['refresh', { refreshToken: 'x.y' }],
        ] as const) {
          const refused = await post(path, body);
          expectError(refused, 429, 'RATE_LIMITED');
          const retryAfter = Number(refused.headers['retry-after']);
          expect(retryAfter).toBeGreaterThan(0);
          expect(retryAfter).toBeLessThanOrEqual(60);
        }
        expectError(
          await post('login', { email: E2E_ADMIN.email, password: E2E_ADMIN.password }),
          429,
          'RATE_LIMITED',
        );

        // The rest of the API keeps its own budget, and other addresses theirs.
        const vocabulary = await request(limited.http)
          .get('/api/v1/vocabulary')
          .set('X-Forwarded-For', client);
        expect(vocabulary.status).toBe(200);
        expectError(await post('login', loginBody, newAddress()), 401, 'INVALID_CREDENTIALS');
      } finally {
        await limited.close();
      }
    });

    it('should share one API budget across routes, and ignore X-Forwarded-For without TRUST_PROXY', async () => {
      const limited = await startApp({ API_RATE_LIMIT: '4', API_RATE_WINDOW_SECONDS: '60' });
      try {
        expect(limited.config.TRUST_PROXY).toBe(0);
        expect((await request(limited.http).get('/api/v1/vocabulary')).status).toBe(200);
        expectError(await request(limited.http).get('/api/v1/me'), 401, 'UNAUTHENTICATED');
        expect((await request(limited.http).get('/api/v1/vocabulary')).status).toBe(200);
        expectError(await request(limited.http).get('/api/v1/me'), 401, 'UNAUTHENTICATED');

        for (const path of ['/api/v1/me', '/api/v1/vocabulary']) {
          const refused = await request(limited.http).get(path);
          expectError(refused, 429, 'RATE_LIMITED');
          expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        }
        expectError(
          await request(limited.http)
            .get('/api/v1/vocabulary')
            .set('X-Forwarded-For', newAddress()),
          429,
          'RATE_LIMITED',
        );
      } finally {
        await limited.close();
      }
    });
  });
});
