import { Clock } from '@app/core';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  login,
  loginAdmin,
  PASSWORD,
  register,
  SessionBody,
  uniqueEmail,
} from './helpers/factories';
import { E2E_ADMIN, startApp, TestApp } from './helpers/test-app';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const ISSUER = 'techfin-bridge';
const AUDIENCE = 'techfin-bridge-api';

function codeOf(response: request.Response): string | undefined {
  return (response.body as { error?: { code?: string } }).error?.code;
}

function expectError(response: request.Response, status: number, code: string): void {
  expect({ status: response.status, code: codeOf(response) }).toEqual({ status, code });
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('auth sessions', () => {
  let t: TestApp;
  let clock: Clock;
  let jwt: JwtService;
  let db: DataSource;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    clock = t.app.get(Clock);
    jwt = t.app.get(JwtService);
    db = t.app.get(DataSource);
    admin = await loginAdmin(t.http);
  });
  afterEach(() => clock.reset());
  afterAll(() => t.close());

  function postLogin(body: unknown): request.Test {
    return request(t.http)
      .post('/api/v1/auth/login')
      .send(body as object);
  }

  function refresh(refreshToken: unknown): request.Test {
    return request(t.http).post('/api/v1/auth/refresh').send({ refreshToken });
  }

  function logout(refreshToken: unknown): request.Test {
    return request(t.http).post('/api/v1/auth/logout').send({ refreshToken });
  }

  function me(token: string): request.Test {
    return request(t.http).get('/api/v1/me').auth(token, { type: 'bearer' });
  }

  describe('POST /api/v1/auth/login', () => {
    it('should answer tokens, the user and the organization for the right password', async () => {
      const registered = await register(t.http, 'enterprise');
      const response = await postLogin({ email: registered.user.email, password: PASSWORD });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        user: { id: registered.user.id, role: 'enterprise', email: registered.user.email },
        organization: { id: registered.organization.id, status: 'pending' },
      });
      expect(response.body.refreshToken).not.toBe(registered.refreshToken);
      expect(JSON.stringify(response.body)).not.toMatch(/password/i);

      const whoami = await me(response.body.accessToken as string);
      expect(whoami.status).toBe(200);
      expect(whoami.body.user.id).toBe(registered.user.id);
      expect(whoami.body.user.lastLoginAt).toEqual(expect.any(String));
    });

    it('should sign in with the email in another case and with surrounding spaces', async () => {
      const registered = await register(t.http, 'bank');
      const response = await postLogin({
        email: `  ${registered.user.email.toUpperCase()} `,
        password: PASSWORD,
      });
      expect(response.status).toBe(200);
      expect(response.body.user.id).toBe(registered.user.id);
    });

    it('should sign the bootstrap admin in as an admin', async () => {
      const session = await login(t.http, E2E_ADMIN.email, E2E_ADMIN.password);
      expect(session.user.role).toBe('admin');
      expect(session.organization.kind).toBe('service_center');
    });

    it('should refuse a wrong password and an unknown email with the same answer', async () => {
      const registered = await register(t.http);
      const wrong = await postLogin({ email: registered.user.email, password: `${PASSWORD}x` });
      const unknown = await postLogin({ email: uniqueEmail('nobody'), password: PASSWORD });

      expectError(wrong, 401, 'INVALID_CREDENTIALS');
      expectError(unknown, 401, 'INVALID_CREDENTIALS');
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.body.accessToken).toBeUndefined();
    });

    it('should refuse a password that differs only in case', async () => {
      const registered = await register(t.http);
      const response = await postLogin({
        email: registered.user.email,
        password: PASSWORD.toUpperCase(),
      });
      expectError(response, 401, 'INVALID_CREDENTIALS');
    });

    it.each([
      ['a missing password', { email: 'someone@e2e.kejinqiao.example' }, 'password'],
      ['an empty password', { email: 'someone@e2e.kejinqiao.example', password: '' }, 'password'],
      [
        'a password that is not a string',
        { email: 'someone@e2e.kejinqiao.example', password: 1234567890 },
        'password',
      ],
      ['an email that is not an email', { email: 'someone', password: PASSWORD }, 'email'],
      ['a missing email', { password: PASSWORD }, 'email'],
      ['an email that is not a string', { email: ['a@b.cn'], password: PASSWORD }, 'email'],
    ])('should answer VALIDATION_FAILED for %s', async (_name, body, field) => {
      const response = await postLogin(body);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field }));
    });

    it('should refuse unknown fields in the login body', async () => {
      const registered = await register(t.http);
      const response = await postLogin({
        email: registered.user.email,
        password: PASSWORD,
        role: 'admin',
      });
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(
        expect.objectContaining({ field: 'role', code: 'unknown_field' }),
      );
    });

    it('should answer MALFORMED_JSON for a login body that is not JSON', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expectError(response, 400, 'MALFORMED_JSON');
    });

    it('should sign in even when a stale bearer token is sent along', async () => {
      const registered = await register(t.http);
      const stale = await jwt.signAsync(
        { sub: registered.user.id, org: registered.organization.id, role: 'enterprise', gen: 0 },
        { expiresIn: -10 },
      );
      const response = await postLogin({ email: registered.user.email, password: PASSWORD }).auth(
        stale,
        { type: 'bearer' },
      );
      expect(response.status).toBe(200);
    });
  });

  describe('POST /api/v1/auth/refresh', () => {
    it('should rotate the pair: the old access token stays valid and the new refresh token works', async () => {
      const session = await register(t.http);
      const first = await refresh(session.refreshToken);

      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        tokenType: 'Bearer',
        user: { id: session.user.id },
        organization: { id: session.organization.id },
      });
      expect(first.body.refreshToken).not.toBe(session.refreshToken);
      expect((await me(session.accessToken)).status).toBe(200);
      expect((await me(first.body.accessToken as string)).status).toBe(200);

      const second = await refresh(first.body.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('should revoke the whole family when a spent token is reused, and spare other sign-ins', async () => {
      const session = await register(t.http);
      const other = await login(t.http, session.user.email);
      const rotated = await refresh(session.refreshToken);
      expect(rotated.status).toBe(200);

      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
      expectError(await refresh(rotated.body.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');

      const untouched = await refresh(other.refreshToken);
      expect(untouched.status).toBe(200);
      expect((await refresh(untouched.body.refreshToken)).status).toBe(200);
    });

    it('should never let two concurrent refreshes of one token both succeed', async () => {
      const session = await register(t.http);
      const responses = await Promise.all([
        refresh(session.refreshToken),
        refresh(session.refreshToken),
      ]);

      expect(responses.map((r) => r.status).sort()).toEqual([200, 401]);
      const loser = responses.find((r) => r.status === 401)!;
      expect(codeOf(loser)).toBe('REFRESH_TOKEN_REUSED');
      const winner = responses.find((r) => r.status === 200)!;
      // The reuse ended the family, the winner's successor included.
      expectError(await refresh(winner.body.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    });

    it.each([
      ['garbage', 'garbage'],
      ['an unknown id', '00000000-0000-4000-8000-000000000000.c2VjcmV0'],
      ['too many parts', 'a.b.c'],
      ['a dot alone', '.'],
    ])('should refuse %s as a refresh token', async (_name, token) => {
      expectError(await refresh(token), 401, 'REFRESH_TOKEN_INVALID');
    });

    it('should refuse a known token id with a wrong secret and leave the real token usable', async () => {
      const session = await register(t.http);
      const [id] = session.refreshToken.split('.');
      expectError(await refresh(`${id}.not-the-secret`), 401, 'REFRESH_TOKEN_INVALID');
      expect((await refresh(session.refreshToken)).status).toBe(200);
    });

    it('should refuse an access token offered as a refresh token', async () => {
      const session = await register(t.http);
      const response = await refresh(session.accessToken);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(
        expect.objectContaining({ field: 'refreshToken', code: 'maxLength' }),
      );
      expectError(await refresh(session.accessToken.slice(0, 200)), 401, 'REFRESH_TOKEN_INVALID');
    });

    it.each([
      ['a missing token', {}],
      ['a token that is not a string', { refreshToken: 42 }],
      ['an empty token', { refreshToken: '' }],
      ['an overlong token', { refreshToken: 'x'.repeat(201) }],
    ])('should answer VALIDATION_FAILED for %s', async (_name, body) => {
      const response = await request(t.http).post('/api/v1/auth/refresh').send(body);
      expectError(response, 400, 'VALIDATION_FAILED');
    });

    it('should still refresh a day before the token expires', async () => {
      const session = await register(t.http);
      clock.advance((t.config.REFRESH_TOKEN_TTL_DAYS - 1) * DAY_MS);
      expect((await refresh(session.refreshToken)).status).toBe(200);
    });

    it('should refuse a refresh token past its lifetime', async () => {
      const session = await register(t.http);
      expect(t.config.REFRESH_TOKEN_TTL_DAYS).toBe(30);
      clock.advance(30 * DAY_MS + MINUTE_MS);
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
      clock.reset();
      // An expired token is not spent: refusing it must not count as reuse.
      expect((await refresh(session.refreshToken)).status).toBe(200);
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('should end the sign-in so that its refresh token is refused, and spare other sign-ins', async () => {
      const session = await register(t.http);
      const other = await login(t.http, session.user.email);
      const rotated = await refresh(session.refreshToken);
      expect(rotated.status).toBe(200);

      const response = await logout(rotated.body.refreshToken);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expectError(await refresh(rotated.body.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
      expect((await refresh(other.refreshToken)).status).toBe(200);
    });

    it('should answer 204 for a logout that was already done', async () => {
      const session = await register(t.http);
      expect((await logout(session.refreshToken)).status).toBe(204);
      expect((await logout(session.refreshToken)).status).toBe(204);
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    });

    it.each([
      ['an unknown token', '00000000-0000-4000-8000-000000000000.c2VjcmV0'],
      ['garbage', 'garbage'],
    ])('should answer 204 for %s', async (_name, token) => {
      expect((await logout(token)).status).toBe(204);
    });

    it('should not end a sign-in for a token with the right id but a wrong secret', async () => {
      const session = await register(t.http);
      const [id] = session.refreshToken.split('.');
      expect((await logout(`${id}.not-the-secret`)).status).toBe(204);
      expect((await refresh(session.refreshToken)).status).toBe(200);
    });

    it('should answer VALIDATION_FAILED for a logout without a token', async () => {
      const response = await request(t.http).post('/api/v1/auth/logout').send({});
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(
        expect.objectContaining({ field: 'refreshToken' }),
      );
    });
  });

  describe('GET /api/v1/me', () => {
    let session: SessionBody;
    beforeAll(async () => {
      session = await register(t.http, 'enterprise');
    });

    function claims(): { sub: string; org: string; role: string; gen: number } {
      return { sub: session.user.id, org: session.organization.id, role: 'enterprise', gen: 0 };
    }

    it('should answer the user and organization of a valid token', async () => {
      const response = await me(session.accessToken);
      expect(response.status).toBe(200);
      expect(response.body.user).toMatchObject({
        id: session.user.id,
        email: session.user.email,
        role: 'enterprise',
      });
      expect(response.body.organization).toMatchObject({
        id: session.organization.id,
        contactName: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password/i);
    });

    it('should answer UNAUTHENTICATED without a token', async () => {
      const response = await request(t.http).get('/api/v1/me');
      expectError(response, 401, 'UNAUTHENTICATED');
      expect(response.body.error.message).toEqual(expect.any(String));
    });

    it('should answer UNAUTHENTICATED for a non-bearer authorization', async () => {
      const response = await request(t.http)
        .get('/api/v1/me')
        .set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`);
      expectError(response, 401, 'UNAUTHENTICATED');
    });

    it('should answer TOKEN_EXPIRED for an expired token', async () => {
      const expired = await jwt.signAsync(claims(), { expiresIn: -10 });
      expectError(await me(expired), 401, 'TOKEN_EXPIRED');
    });

    it('should answer TOKEN_INVALID for a token signed with another secret', async () => {
      const forged = await jwt.signAsync(claims(), { secret: 'not-the-server-secret-at-all' });
      expectError(await me(forged), 401, 'TOKEN_INVALID');
    });

    it('should answer TOKEN_INVALID for an unsigned alg:none token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
        ...claims(),
        iss: ISSUER,
        aud: AUDIENCE,
        iat: now,
        exp: now + 600,
      })}.`;
      expectError(await me(unsigned), 401, 'TOKEN_INVALID');
    });

    it('should answer TOKEN_INVALID for a real token whose payload was altered', async () => {
      const [header, , signature] = session.accessToken.split('.');
      const now = Math.floor(Date.now() / 1000);
      const payload = base64url({
        sub: session.user.id,
        org: session.organization.id,
        role: 'admin',
        gen: 0,
        iss: ISSUER,
        aud: AUDIENCE,
        iat: now,
        exp: now + 600,
      });
      expectError(await me(`${header}.${payload}.${signature}`), 401, 'TOKEN_INVALID');
    });

    it.each([
      ['another audience', { audience: 'someone-else' }],
      ['another issuer', { issuer: 'someone-else' }],
      ['another algorithm', { algorithm: 'HS512' as const }],
    ])('should answer TOKEN_INVALID for a token of %s', async (_name, options) => {
      const token = await jwt.signAsync(claims(), options);
      expectError(await me(token), 401, 'TOKEN_INVALID');
    });

    it.each([
      ['garbage', 'garbage'],
      ['a refresh token', () => session.refreshToken],
    ])('should answer TOKEN_INVALID for %s as a bearer token', async (_name, token) => {
      const value = typeof token === 'function' ? token() : token;
      expectError(await me(value), 401, 'TOKEN_INVALID');
    });

    it('should answer TOKEN_INVALID for a token of a user that does not exist', async () => {
      const token = await jwt.signAsync({
        sub: '00000000-0000-4000-8000-000000000000',
        org: session.organization.id,
        role: 'enterprise',
        gen: 0,
      });
      expectError(await me(token), 401, 'TOKEN_INVALID');
    });

    it('should answer TOKEN_INVALID for a token naming another organization', async () => {
      const other = await register(t.http);
      // Even while this instance keeps the user, read a moment ago.
      expect((await me(session.accessToken)).status).toBe(200);
      const token = await jwt.signAsync({ ...claims(), org: other.organization.id });
      expectError(await me(token), 401, 'TOKEN_INVALID');
    });

    it('should answer TOKEN_INVALID for a token without its claims', async () => {
      const token = await jwt.signAsync({ role: 'admin' });
      expectError(await me(token), 401, 'TOKEN_INVALID');
    });

    it('should take the role from the database, not from the token', async () => {
      const token = await jwt.signAsync({ ...claims(), role: 'admin' });
      const response = await me(token);
      expect(response.status).toBe(200);
      expect(response.body.user.role).toBe('enterprise');
      const adminOnly = await request(t.http).get('/api/v1/users').auth(token, { type: 'bearer' });
      expectError(adminOnly, 403, 'FORBIDDEN');
    });

    it('should answer TOKEN_INVALID once the user behind a token was deleted by hand and the kept caller ran out', async () => {
      const doomed = await register(t.http);
      expect((await me(doomed.accessToken)).status).toBe(200);
      await db.query('DELETE FROM users WHERE id = ?', [doomed.user.id]);
      // Refresh always reads the database.
      expectError(await refresh(doomed.refreshToken), 403, 'ACCOUNT_SUSPENDED');
      // A change outside the api is seen once this instance's copy of the caller runs out.
      clock.advance(t.config.PRINCIPAL_CACHE_MS);
      expectError(await me(doomed.accessToken), 401, 'TOKEN_INVALID');
    });
  });

  describe('suspension', () => {
    function setUserStatus(userId: string, status: string): request.Test {
      return request(t.http)
        .patch(`/api/v1/users/${userId}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ status });
    }

    function orgAction(orgId: string, action: 'suspend' | 'verify'): request.Test {
      return request(t.http)
        .post(`/api/v1/orgs/${orgId}/${action}`)
        .auth(admin.accessToken, { type: 'bearer' });
    }

    it('should lock a suspended user out of sign-in, tokens and refresh until reactivated', async () => {
      const session = await register(t.http);
      // Signed in and recently seen: the suspension still counts from the next request.
      expect((await me(session.accessToken)).status).toBe(200);
      expect((await setUserStatus(session.user.id, 'suspended')).status).toBe(200);

      expectError(await me(session.accessToken), 403, 'ACCOUNT_SUSPENDED');
      expectError(
        await postLogin({ email: session.user.email, password: PASSWORD }),
        403,
        'ACCOUNT_SUSPENDED',
      );
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');

      expect((await setUserStatus(session.user.id, 'active')).status).toBe(200);
      const back = await login(t.http, session.user.email);
      expect((await me(back.accessToken)).status).toBe(200);
      // The suspension ended every earlier sign-in for good, access tokens included.
      expectError(await me(session.accessToken), 401, 'TOKEN_REVOKED');
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    });

    it('should not tell a suspended user with a wrong password that the account exists', async () => {
      const session = await register(t.http);
      expect((await setUserStatus(session.user.id, 'suspended')).status).toBe(200);
      expectError(
        await postLogin({ email: session.user.email, password: 'Wrong-Pass-2026' }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('should refuse sign-in, tokens and refresh to users of a suspended organization', async () => {
      const session = await register(t.http, 'investor');
      expect((await me(session.accessToken)).status).toBe(200);
      const suspended = await orgAction(session.organization.id, 'suspend');
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');

      expectError(
        await postLogin({ email: session.user.email, password: PASSWORD }),
        403,
        'ACCOUNT_SUSPENDED',
      );
      expectError(await me(session.accessToken), 403, 'ACCOUNT_SUSPENDED');
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');

      expect((await orgAction(session.organization.id, 'verify')).status).toBe(200);
      const back = await login(t.http, session.user.email);
      expect(back.organization.status).toBe('verified');
      expect((await me(back.accessToken)).status).toBe(200);
      // The suspension ended every earlier sign-in for good, access tokens included.
      expectError(await me(session.accessToken), 401, 'TOKEN_REVOKED');
      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
    });
  });
});
