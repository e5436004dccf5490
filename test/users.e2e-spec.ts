import request from 'supertest';
import {
  createCommissioner,
  login,
  loginAdmin,
  PASSWORD,
  register,
  SessionBody,
  uniqueEmail,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

const SERVICE_CENTER_ID = '00000000-0000-4000-8000-000000000001';
const UNKNOWN_ID = '5b2f8e4c-1a3d-4c6e-9f70-8a9b0c1d2e3f';

interface UserBody {
  id: string;
  orgId: string;
  role: string;
  email: string;
  status: string;
  [key: string]: unknown;
}

interface UsersPage {
  items: UserBody[];
  total: number;
  page: number;
  pageSize: number;
}

/** A response's status and error code, to compare several answers at once. */
function outcome(response: request.Response): [number, string | undefined] {
  return [response.status, (response.body as { error?: { code: string } }).error?.code];
}

function staffBody(role: string, overrides: Record<string, unknown> = {}) {
  return {
    role,
    name: '新同事',
    email: uniqueEmail(role),
    phone: '0532-85550000',
    password: PASSWORD,
    ...overrides,
  };
}

describe('users', () => {
  let t: TestApp;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  const createUser = (token: string, body: object) =>
    request(t.http).post('/api/v1/users').auth(token, { type: 'bearer' }).send(body);
  const listUsers = (token: string, query: Record<string, string | number> = {}) =>
    request(t.http).get('/api/v1/users').auth(token, { type: 'bearer' }).query(query);
  const setStatus = (token: string, id: string, status: unknown) =>
    request(t.http).patch(`/api/v1/users/${id}`).auth(token, { type: 'bearer' }).send({ status });
  const attemptLogin = (email: string, password = PASSWORD) =>
    request(t.http).post('/api/v1/auth/login').send({ email, password });

  describe('POST /users', () => {
    it('should let an admin create a commissioner in the service center who can sign in', async () => {
      const body = staffBody('commissioner');

      const response = await createUser(admin.accessToken, body);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        role: 'commissioner',
        orgId: SERVICE_CENTER_ID,
        name: '新同事',
        email: body.email,
        phone: '0532-85550000',
        status: 'active',
        lastLoginAt: null,
      });
      expect(response.body).not.toHaveProperty('password');
      expect(response.body).not.toHaveProperty('passwordHash');
      const session = await login(t.http, body.email);
      expect(session.user).toMatchObject({ id: response.body.id, role: 'commissioner' });
      expect(session.organization).toMatchObject({ id: SERVICE_CENTER_ID, kind: 'service_center' });
    });

    it('should let an admin create another admin who may then manage users', async () => {
      const body = staffBody('admin');

      const response = await createUser(admin.accessToken, body);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ role: 'admin', orgId: SERVICE_CENTER_ID });
      const session = await login(t.http, body.email);
      expect(session.user.role).toBe('admin');
      const list = await listUsers(session.accessToken, { role: 'admin' });
      expect(list.status).toBe(200);
    });

    it('should store the email lowercased and trimmed', async () => {
      const email = uniqueEmail('Mixed.Case').toUpperCase();

      const response = await createUser(
        admin.accessToken,
        staffBody('commissioner', { email: `  ${email} ` }),
      );

      expect(response.status).toBe(201);
      expect(response.body.email).toBe(email.toLowerCase());
      await login(t.http, email.toLowerCase());
    });

    it.each(['enterprise', 'institution', 'superuser'])(
      'should refuse the role %s with 400 VALIDATION_FAILED and create nobody',
      async (role) => {
        const body = staffBody(role);

        const response = await createUser(admin.accessToken, body);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
        expect(response.body.error.details).toEqual([
          expect.objectContaining({ field: 'role', code: 'isCode' }),
        ]);
        const signIn = await attemptLogin(body.email);
        expect(signIn.status).toBe(401);
        expect(signIn.body.error.code).toBe('INVALID_CREDENTIALS');
      },
    );

    it('should answer 409 EMAIL_TAKEN for an email already in use, in any case', async () => {
      const body = staffBody('commissioner');
      expect((await createUser(admin.accessToken, body)).status).toBe(201);
      const enterprise = await register(t.http);

      const sameCase = await createUser(
        admin.accessToken,
        staffBody('admin', { email: body.email, password: 'Another-Pass-2026' }),
      );
      const upperCase = await createUser(
        admin.accessToken,
        staffBody('admin', { email: body.email.toUpperCase(), password: 'Another-Pass-2026' }),
      );
      const enterpriseEmail = await createUser(
        admin.accessToken,
        staffBody('commissioner', { email: ` ${enterprise.user.email.toUpperCase()} ` }),
      );

      for (const response of [sameCase, upperCase, enterpriseEmail]) {
        expect(response.status).toBe(409);
        expect(response.body.error.code).toBe('EMAIL_TAKEN');
      }
      const signIn = await attemptLogin(body.email, 'Another-Pass-2026');
      expect(signIn.status).toBe(401);
      const original = await login(t.http, body.email);
      expect(original.user.role).toBe('commissioner');
      const enterpriseUser = await login(t.http, enterprise.user.email);
      expect(enterpriseUser.user.role).toBe('enterprise');
    });

    it.each([
      ['too short', 'Ab1-x'],
      ['of one kind only', 'abcdefghijklmnop'],
      ['too common', 'Password123'],
      ['the email itself', ''],
    ])(
      'should refuse a password that is %s with 400 WEAK_PASSWORD and create nobody',
      async (_label, password) => {
        const body = staffBody('commissioner');
        body.password = password || body.email;

        const response = await createUser(admin.accessToken, body);

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('WEAK_PASSWORD');
        expect(response.body.error.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
        );
        const signIn = await attemptLogin(body.email, body.password);
        expect(signIn.status).toBe(401);
        expect(signIn.body.error.code).toBe('INVALID_CREDENTIALS');
      },
    );

    it.each([
      ['a bad email', { email: 'not-an-email' }, 'email'],
      ['a bad phone', { phone: '12345' }, 'phone'],
      ['an empty name', { name: '  ' }, 'name'],
      ['an orgId', { orgId: UNKNOWN_ID }, 'orgId'],
      ['a status', { status: 'suspended' }, 'status'],
    ])('should refuse %s with 400 VALIDATION_FAILED', async (_label, overrides, field) => {
      const response = await createUser(admin.accessToken, staffBody('commissioner', overrides));

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    });
  });

  describe('access', () => {
    it('should refuse every non-admin caller with 403 FORBIDDEN and create nobody', async () => {
      const enterprise = await register(t.http);
      const institution = await register(t.http, 'bank');
      const commissioner = await createCommissioner(t.http, admin.accessToken);

      for (const token of [enterprise.accessToken, institution.accessToken, commissioner.token]) {
        const body = staffBody('admin');
        const responses = [
          await createUser(token, body),
          await listUsers(token),
          await setStatus(token, enterprise.user.id, 'suspended'),
        ];
        expect(responses.map(outcome)).toEqual([
          [403, 'FORBIDDEN'],
          [403, 'FORBIDDEN'],
          [403, 'FORBIDDEN'],
        ]);
        expect((await attemptLogin(body.email)).status).toBe(401);
      }
      await login(t.http, enterprise.user.email);
    });

    it('should refuse an anonymous caller with 401 UNAUTHENTICATED', async () => {
      const responses = [
        await request(t.http).post('/api/v1/users').send(staffBody('admin')),
        await request(t.http).get('/api/v1/users'),
        await request(t.http).patch(`/api/v1/users/${admin.user.id}`).send({ status: 'active' }),
      ];

      expect(responses.map(outcome)).toEqual([
        [401, 'UNAUTHENTICATED'],
        [401, 'UNAUTHENTICATED'],
        [401, 'UNAUTHENTICATED'],
      ]);
    });
  });

  describe('GET /users', () => {
    it('should filter by role', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const enterprise = await register(t.http);

      const response = await listUsers(admin.accessToken, { role: 'commissioner', pageSize: 100 });

      expect(response.status).toBe(200);
      const page = response.body as UsersPage;
      const ids = page.items.map((u) => u.id);
      expect(ids).toContain(commissioner.id);
      expect(ids).not.toContain(enterprise.user.id);
      expect(page.items.every((u) => u.role === 'commissioner')).toBe(true);
      expect(page.items.every((u) => !('passwordHash' in u))).toBe(true);
      expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    });

    it("should filter by organization, listing exactly that organization's users", async () => {
      const enterprise = await register(t.http);
      await register(t.http);

      const response = await listUsers(admin.accessToken, { orgId: enterprise.organization.id });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        items: [
          expect.objectContaining({
            id: enterprise.user.id,
            orgId: enterprise.organization.id,
            role: 'enterprise',
            email: enterprise.user.email,
          }),
        ],
        total: 1,
        page: 1,
        pageSize: 20,
      });
    });

    it('should combine role and orgId: the admins of the service center', async () => {
      const created = await createUser(admin.accessToken, staffBody('admin'));
      const commissioner = await createCommissioner(t.http, admin.accessToken);

      const response = await listUsers(admin.accessToken, {
        role: 'admin',
        orgId: SERVICE_CENTER_ID,
        pageSize: 100,
      });

      expect(response.status).toBe(200);
      const ids = (response.body as UsersPage).items.map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([admin.user.id, created.body.id as string]));
      expect(ids).not.toContain(commissioner.id);
    });

    it.each([
      [{ role: 'owner' }],
      [{ orgId: 'abc' }],
      [{ pageSize: 101 }],
      [{ email: 'x@example.cn' }],
    ])('should refuse the query %j with 400 VALIDATION_FAILED', async (query) => {
      const response = await listUsers(admin.accessToken, query);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('PATCH /users/:id', () => {
    it('should end every sign-in of a suspended user until an admin reactivates them', async () => {
      const enterprise = await register(t.http);
      const colleague = await createCommissioner(t.http, admin.accessToken);

      const suspended = await setStatus(admin.accessToken, enterprise.user.id, 'suspended');
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ id: enterprise.user.id, status: 'suspended' });

      const signIn = await attemptLogin(enterprise.user.email);
      expect(signIn.status).toBe(403);
      expect(signIn.body.error.code).toBe('ACCOUNT_SUSPENDED');
      const refresh = await request(t.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: enterprise.refreshToken });
      expect(refresh.status).toBe(401);
      expect(refresh.body.error.code).toBe('REFRESH_TOKEN_INVALID');
      const me = await request(t.http)
        .get('/api/v1/me')
        .auth(enterprise.accessToken, { type: 'bearer' });
      expect(me.status).toBe(403);
      expect(me.body.error.code).toBe('ACCOUNT_SUSPENDED');
      const other = await request(t.http)
        .get('/api/v1/me')
        .auth(colleague.token, { type: 'bearer' });
      expect(other.status).toBe(200);

      const reactivated = await setStatus(admin.accessToken, enterprise.user.id, 'active');
      expect(reactivated.status).toBe(200);
      expect(reactivated.body.status).toBe('active');
      const session = await login(t.http, enterprise.user.email);
      expect(session.user.id).toBe(enterprise.user.id);
      const stale = await request(t.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: enterprise.refreshToken });
      expect(stale.status).toBe(401);
    });

    it('should not let an admin suspend themselves', async () => {
      const response = await setStatus(admin.accessToken, admin.user.id, 'suspended');

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
      const me = await request(t.http)
        .get('/api/v1/me')
        .auth(admin.accessToken, { type: 'bearer' });
      expect(me.status).toBe(200);
      expect(me.body.user.status).toBe('active');
    });

    it('should let an admin suspend another admin', async () => {
      const body = staffBody('admin');
      const created = await createUser(admin.accessToken, body);
      const other = await login(t.http, body.email);

      const response = await setStatus(admin.accessToken, created.body.id as string, 'suspended');

      expect(response.status).toBe(200);
      expect(response.body.status).toBe('suspended');
      expect((await attemptLogin(body.email)).status).toBe(403);
      const withOldToken = await listUsers(other.accessToken);
      expect(withOldToken.status).toBe(403);
      expect(withOldToken.body.error.code).toBe('ACCOUNT_SUSPENDED');
    });

    it('should answer 404 USER_NOT_FOUND for an unknown user', async () => {
      const response = await setStatus(admin.accessToken, UNKNOWN_ID, 'suspended');

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('USER_NOT_FOUND');
    });

    it.each([
      ['an unknown status', 'deleted', {}],
      ['a missing status', undefined, {}],
      ['another field', 'active', { role: 'admin' }],
    ])('should refuse %s with 400 VALIDATION_FAILED', async (_label, status, extra) => {
      const enterprise = await register(t.http);

      const response = await request(t.http)
        .patch(`/api/v1/users/${enterprise.user.id}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ status, ...extra });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      const session = await login(t.http, enterprise.user.email);
      expect(session.user.role).toBe('enterprise');
    });

    it('should answer 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      const response = await setStatus(admin.accessToken, 'me', 'active');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });
});
