import { createHmac, randomInt } from 'node:crypto';
import { Clock } from '@app/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { io } from 'socket.io-client';
import { ChatClient, listen } from './helpers/chat-client';
import {
  login,
  loginAdmin,
  PASSWORD,
  openDockingSession,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

const ISSUER = 'techfin-bridge';
const AUDIENCE = 'techfin-bridge-api';
/** The development key older builds fell back to: public, so it must open nothing. */
const PUBLIC_KEY = 'techfin-bridge-development-secret-do-not-use';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An HS256 token over exactly these claims, as anyone holding the key could make one. */
function hs256(claims: Record<string, unknown>, key: string): string {
  const signed = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  const signature = createHmac('sha256', key).update(signed).digest('base64url');
  return `${signed}.${signature}`;
}

function codeOf(response: request.Response): string | undefined {
  return (response.body as { error?: { code?: string } }).error?.code;
}

function expectError(response: request.Response, status: number, code: string): void {
  expect({ status: response.status, code: codeOf(response) }).toEqual({ status, code });
}

/**
 * Access tokens: the claims every reader requires, and sign-outs and suspensions that end the
 * tokens already issued, over HTTP and on open sockets.
 */
describe('access tokens', () => {
  let t: TestApp;
  let url: string;
  let clock: Clock;
  let db: DataSource;
  let admin: SessionBody;
  let bank: SessionBody;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    t = await startApp();
    url = await listen(t);
    clock = t.app.get(Clock);
    db = t.app.get(DataSource);
    admin = await loginAdmin(t.http);
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
  });
  afterEach(() => {
    clock.reset();
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => t.close());

  const me = (token: string) => request(t.http).get('/api/v1/me').auth(token, { type: 'bearer' });

  const connect = async (token: string): Promise<ChatClient> => {
    const client = await ChatClient.connect(url, token);
    clients.push(client);
    return client;
  };

  /** A docking session between a fresh verified enterprise and the bank, in a band of its own. */
  const openSession = (enterprise: SessionBody): Promise<string> =>
    openDockingSession(t.http, bank, enterprise, 80_000_000_000 + randomInt(9_000) * 1_000_000);

  describe('claims', () => {
    let session: SessionBody;
    let complete: Record<string, unknown>;

    beforeAll(async () => {
      session = await register(t.http);
      const now = Math.floor(Date.now() / 1000);
      complete = {
        sub: session.user.id,
        org: session.organization.id,
        role: 'enterprise',
        gen: 0,
        iss: ISSUER,
        aud: AUDIENCE,
        iat: now,
        exp: now + 600,
      };
    });

    it('should accept a token with every claim, signed with the deployment key', async () => {
      const token = hs256(complete, t.config.JWT_SECRET!);

      expect((await me(token)).status).toBe(200);
      expect((await connect(token)).socket.connected).toBe(true);
    });

    it.each(['exp', 'iat', 'iss', 'aud', 'sub', 'org', 'gen'])(
      'should refuse a token without %s over HTTP and on the socket',
      async (claim) => {
        const { [claim]: _dropped, ...rest } = complete;
        const token = hs256(rest, t.config.JWT_SECRET!);

        expectError(await me(token), 401, 'TOKEN_INVALID');
        expect((await ChatClient.refusal(url, token)).data?.code).toBe('TOKEN_INVALID');
      },
    );

    it.each([
      ['a role the platform does not have', { role: 'root' }],
      ['a generation that was never issued', { gen: 7 }],
      ['a fractional expiry', { exp: Math.floor(Date.now() / 1000) + 600.5 }],
      ['an expiry before its issue', { iat: Math.floor(Date.now() / 1000) + 700 }],
      ['an audience list', { aud: [AUDIENCE, 'someone-else'] }],
    ])('should refuse a token with %s', async (_name, change) => {
      const token = hs256({ ...complete, ...change }, t.config.JWT_SECRET!);

      expectError(await me(token), 401, 'TOKEN_INVALID');
    });

    it('should refuse an admin token forged with the public development key', async () => {
      const now = Math.floor(Date.now() / 1000);
      const forged = hs256(
        {
          sub: admin.user.id,
          org: admin.organization.id,
          role: 'admin',
          gen: 0,
          iss: ISSUER,
          aud: AUDIENCE,
          iat: now,
          exp: now + 600,
        },
        PUBLIC_KEY,
      );

      expectError(await me(forged), 401, 'TOKEN_INVALID');
      expect((await ChatClient.refusal(url, forged)).data?.code).toBe('TOKEN_INVALID');
    });
  });

  describe('ended before they expire', () => {
    const logout = (refreshToken: string) =>
      request(t.http).post('/api/v1/auth/logout').send({ refreshToken });
    const refresh = (refreshToken: string) =>
      request(t.http).post('/api/v1/auth/refresh').send({ refreshToken });

    it('should end the access tokens and sockets of a user who signs out', async () => {
      const session = await register(t.http);
      const other = await login(t.http, session.user.email);
      // Kept by this instance a moment ago: the sign-out still counts from the next request.
      expect((await me(session.accessToken)).status).toBe(200);
      const client = await connect(session.accessToken);
      const revoked = client.revocation();

      expect((await logout(session.refreshToken)).status).toBe(204);

      expectError(await me(session.accessToken), 401, 'TOKEN_REVOKED');
      expectError(await me(other.accessToken), 401, 'TOKEN_REVOKED');
      expect(await revoked).toMatchObject({
        error: { code: 'TOKEN_REVOKED' },
        reason: 'io server disconnect',
      });
      expect((await ChatClient.refusal(url, session.accessToken)).data?.code).toBe('TOKEN_REVOKED');
      // The other sign-in goes on with a fresh pair.
      const renewed = await refresh(other.refreshToken);
      expect(renewed.status).toBe(200);
      expect((await me(renewed.body.accessToken as string)).status).toBe(200);
    });

    it('should end the access tokens when a spent refresh token comes back', async () => {
      const session = await register(t.http);
      const rotated = await refresh(session.refreshToken);
      expect(rotated.status).toBe(200);
      expect((await me(rotated.body.accessToken as string)).status).toBe(200);

      expectError(await refresh(session.refreshToken), 401, 'REFRESH_TOKEN_REUSED');

      expectError(await me(rotated.body.accessToken as string), 401, 'TOKEN_REVOKED');
      expectError(await me(session.accessToken), 401, 'TOKEN_REVOKED');
    });

    it('should leave other users signed in', async () => {
      const leaving = await register(t.http);
      const staying = await register(t.http);

      expect((await logout(leaving.refreshToken)).status).toBe(204);

      expect((await me(staying.accessToken)).status).toBe(200);
    });

    it('should disconnect every open socket of an organization as it is suspended', async () => {
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const sessionId = await openSession(enterprise);
      const first = await connect(enterprise.accessToken);
      const second = await connect(enterprise.accessToken);
      expect(await first.join(sessionId)).toMatchObject({ ok: true });
      const bankClient = await connect(bank.accessToken);
      expect(await bankClient.join(sessionId)).toMatchObject({ ok: true });
      const revocations = [first.revocation(), second.revocation()];

      await request(t.http)
        .post(`/api/v1/orgs/${enterprise.organization.id}/suspend`)
        .auth(admin.accessToken, { type: 'bearer' })
        .expect(200);

      for (const revoked of await Promise.all(revocations)) {
        expect(revoked).toMatchObject({
          error: { code: 'ACCOUNT_SUSPENDED' },
          reason: 'io server disconnect',
        });
      }
      expect(bankClient.socket.connected).toBe(true);
      // Nothing of the session reaches the suspended party any more.
      await bankClient.sent(sessionId, '暂停后的消息');
      expect(first.broadcasts).toEqual([]);
    });

    it('should disconnect a suspended user, and not honour the old token after reactivation', async () => {
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const client = await connect(enterprise.accessToken);
      const revoked = client.revocation();
      const setStatus = (status: string) =>
        request(t.http)
          .patch(`/api/v1/users/${enterprise.user.id}`)
          .auth(admin.accessToken, { type: 'bearer' })
          .send({ status })
          .expect(200);

      await setStatus('suspended');
      expect(await revoked).toMatchObject({ error: { code: 'ACCOUNT_SUSPENDED' } });
      await setStatus('active');

      expectError(await me(enterprise.accessToken), 401, 'TOKEN_REVOKED');
      expect((await ChatClient.refusal(url, enterprise.accessToken)).data?.code).toBe(
        'TOKEN_REVOKED',
      );
    });

    it('should refuse the next event of a socket whose organization was suspended elsewhere', async () => {
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const sessionId = await openSession(enterprise);
      const client = await connect(enterprise.accessToken);
      expect(await client.join(sessionId)).toMatchObject({ ok: true });
      const revoked = client.revocation();
      // As another instance (or an operator) would: nothing on this instance is told.
      await db.query("UPDATE organizations SET status = 'suspended' WHERE id = ?", [
        enterprise.organization.id,
      ]);
      clock.advance(t.config.PRINCIPAL_CACHE_MS);

      const ack = await client.send(sessionId, '暂停后的消息');

      expect(ack).toMatchObject({ ok: false, error: { code: 'ACCOUNT_SUSPENDED' } });
      expect(await revoked).toMatchObject({ error: { code: 'ACCOUNT_SUSPENDED' } });
      const stored = await db.query(
        'SELECT COUNT(*) AS n FROM docking_messages WHERE session_id = ?',
        [sessionId],
      );
      expect(Number(stored[0].n)).toBe(0);
    });
  });

  describe('POST /api/v1/me/password', () => {
    const NEW_PASSWORD = '崂山-Harbour-Lantern-93';
    const change = (token: string | undefined, body: object) => {
      const call = request(t.http).post('/api/v1/me/password').send(body);
      return token ? call.auth(token, { type: 'bearer' }) : call;
    };
    const signIn = (email: string, password: string) =>
      request(t.http).post('/api/v1/auth/login').send({ email, password });

    it('should change the password and end every other sign-in, socket and token', async () => {
      const session = await register(t.http);
      const otherDevice = await login(t.http, session.user.email);
      const client = await connect(otherDevice.accessToken);
      const revoked = client.revocation();

      const response = await change(session.accessToken, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        user: { id: session.user.id },
      });
      expect((await me(response.body.accessToken as string)).status).toBe(200);
      expectError(await me(session.accessToken), 401, 'TOKEN_REVOKED');
      expectError(await me(otherDevice.accessToken), 401, 'TOKEN_REVOKED');
      expect(await revoked).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
      for (const refreshToken of [session.refreshToken, otherDevice.refreshToken]) {
        const refreshed = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken });
        expectError(refreshed, 401, 'REFRESH_TOKEN_INVALID');
      }
      expectError(await signIn(session.user.email, PASSWORD), 401, 'INVALID_CREDENTIALS');
      expect((await signIn(session.user.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('should refuse a wrong current password, a weak or unchanged new one, changing nothing', async () => {
      const session = await register(t.http);

      const wrong = await change(session.accessToken, {
        currentPassword: 'Not-The-Password-2026',
        newPassword: NEW_PASSWORD,
      });
      expectError(wrong, 400, 'PASSWORD_INCORRECT');
      expect(wrong.body.error.details).toEqual([
        expect.objectContaining({ field: 'currentPassword', code: 'incorrect' }),
      ]);
      const weak = await change(session.accessToken, {
        currentPassword: PASSWORD,
        newPassword: '          1',
      });
      expectError(weak, 400, 'WEAK_PASSWORD');
      expect(weak.body.error.details).toContainEqual(
        expect.objectContaining({ field: 'newPassword' }),
      );
      const same = await change(session.accessToken, {
        currentPassword: PASSWORD,
        newPassword: PASSWORD,
      });
      expectError(same, 400, 'WEAK_PASSWORD');
      expect(same.body.error.details).toEqual([
        expect.objectContaining({ field: 'newPassword', code: 'unchanged' }),
      ]);
      expectError(
        await change(session.accessToken, { newPassword: NEW_PASSWORD }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await change(undefined, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
        401,
        'UNAUTHENTICATED',
      );

      expect((await me(session.accessToken)).status).toBe(200);
      expect((await signIn(session.user.email, PASSWORD)).status).toBe(200);
    });

    it('should count wrong current passwords towards the lockout of this address', async () => {
      const session = await register(t.http);
      const guess = () =>
        change(session.accessToken, {
          currentPassword: 'Guessing-Again-2026',
          newPassword: NEW_PASSWORD,
        });
      for (let i = 1; i < t.config.LOGIN_MAX_FAILURES; i++) {
        expectError(await guess(), 400, 'PASSWORD_INCORRECT');
      }

      expectError(await guess(), 423, 'ACCOUNT_LOCKED');
      expectError(
        await change(session.accessToken, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
        423,
        'ACCOUNT_LOCKED',
      );
    });
  });

  describe('the main socket.io namespace', () => {
    it('should refuse every connection, with or without a token', async () => {
      for (const auth of [{}, { token: bank.accessToken }]) {
        const socket = io(`${url}/`, {
          auth,
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        const refusal = await new Promise<{ data?: { code?: string } }>((resolve, reject) => {
          socket.once('connect', () => reject(new Error('the main namespace accepted a socket')));
          socket.once('connect_error', resolve);
        });
        socket.close();
        expect(refusal.data?.code).toBe('ROUTE_NOT_FOUND');
      }
    });
  });
});
