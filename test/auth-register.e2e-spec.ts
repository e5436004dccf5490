import { makeCreditCode } from '@app/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  creditCode,
  login,
  loginAdmin,
  PASSWORD,
  registerBody,
  RegisterBody,
  SessionBody,
  uniqueEmail,
} from './helpers/factories';
import { E2E_ADMIN, startApp, TestApp } from './helpers/test-app';

interface ErrorBody {
  error: { code: string; message: string; details: { field?: string; code?: string }[] };
}

/** A published credit code (Haier Group, Qingdao), valid under GB 32100-2015. */
const HAIER_CREDIT_CODE = '91370200163562681G';

describe('POST /api/v1/auth/register', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  function post(body: unknown): request.Test {
    return request(t.http)
      .post('/api/v1/auth/register')
      .send(body as object);
  }

  function errorOf(response: request.Response): ErrorBody['error'] {
    return (response.body as ErrorBody).error;
  }

  function detailsOf(response: request.Response): { field?: string; code?: string }[] {
    return errorOf(response).details;
  }

  async function orgCount(code: string): Promise<number> {
    const rows: { n: string | number }[] = await db.query(
      'SELECT COUNT(*) AS n FROM organizations WHERE credit_code = ?',
      [code],
    );
    return Number(rows[0].n);
  }

  async function userCount(email: string): Promise<number> {
    const rows: { n: string | number }[] = await db.query(
      'SELECT COUNT(*) AS n FROM users WHERE email = ?',
      [email.toLowerCase()],
    );
    return Number(rows[0].n);
  }

  /** Posts a body that must be refused, and proves neither its organization nor its user exists. */
  async function expectRefused(
    body: RegisterBody,
    status: number,
    code: string,
  ): Promise<request.Response> {
    const response = await post(body);
    expect({ status: response.status, code: errorOf(response)?.code }).toEqual({ status, code });
    const credit = body.organization?.creditCode;
    if (typeof credit === 'string') expect(await orgCount(credit)).toBe(0);
    const email = body.user?.email;
    if (typeof email === 'string') expect(await userCount(email)).toBe(0);
    return response;
  }

  describe('happy paths', () => {
    it('should register an enterprise as pending with an enterprise user whose tokens work on /me', async () => {
      const body = registerBody('enterprise');
      const response = await post(body);

      expect(response.status).toBe(201);
      const session = response.body as SessionBody & { tokenType: string; expiresIn: number };
      expect(session.tokenType).toBe('Bearer');
      expect(session.expiresIn).toBe(900);
      expect(session.organization).toMatchObject({
        kind: 'enterprise',
        status: 'pending',
        name: body.organization.name,
        creditCode: body.organization.creditCode,
        district: 'laoshan',
        industry: 'ai',
        qualifications: ['high_tech'],
        verifiedAt: null,
      });
      expect(session.user).toMatchObject({
        orgId: session.organization.id,
        role: 'enterprise',
        email: body.user.email,
        status: 'active',
      });
      expect(JSON.stringify(session)).not.toMatch(/password/i);

      const me = await request(t.http)
        .get('/api/v1/me')
        .auth(session.accessToken, { type: 'bearer' });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        user: { id: session.user.id, role: 'enterprise' },
        organization: { id: session.organization.id, status: 'pending' },
      });

      const refreshed = await request(t.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken });
      expect(refreshed.status).toBe(200);
    });

    it('should register a bank as pending with an institution user', async () => {
      const body = registerBody('bank');
      const response = await post(body);

      expect(response.status).toBe(201);
      const session = response.body as SessionBody;
      expect(session.organization).toMatchObject({
        kind: 'bank',
        status: 'pending',
        industry: null,
        qualifications: [],
      });
      expect(session.user.role).toBe('institution');

      const me = await request(t.http)
        .get('/api/v1/me')
        .auth(session.accessToken, { type: 'bearer' });
      expect(me.status).toBe(200);
      expect(me.body.user.role).toBe('institution');
      expect(me.body.organization.kind).toBe('bank');
    });

    it.each(['investor', 'insurer', 'guarantor', 'leasing'] as const)(
      'should register an organization of kind %s with an institution user',
      async (kind) => {
        const response = await post(registerBody(kind));
        expect(response.status).toBe(201);
        expect((response.body as SessionBody).user.role).toBe('institution');
        expect((response.body as SessionBody).organization.kind).toBe(kind);
      },
    );

    it('should default the contact person and phone to the first user', async () => {
      const body = registerBody('enterprise', {
        user: { name: '李青', phone: '13700001111' },
      });
      const response = await post(body);

      expect(response.status).toBe(201);
      expect(response.body.organization).toMatchObject({
        contactName: '李青',
        contactPhone: '13700001111',
      });
    });

    it('should keep an explicit contact person and phone', async () => {
      const body = registerBody('enterprise', {
        organization: { contactName: '赵财务', contactPhone: '0532-88886666' },
      });
      const response = await post(body);

      expect(response.status).toBe(201);
      expect(response.body.organization).toMatchObject({
        contactName: '赵财务',
        contactPhone: '0532-88886666',
      });
    });

    it('should store the email lowercased and accept any case at login', async () => {
      const local = uniqueEmail('MiXeD').split('@')[0];
      const email = `  ${local.replace('mixed', 'MiXeD')}@E2E.KeJinQiao.Example `;
      const response = await post(registerBody('enterprise', { user: { email } }));

      expect(response.status).toBe(201);
      const stored = `${local.toLowerCase()}@e2e.kejinqiao.example`;
      expect(response.body.user.email).toBe(stored);
      expect(await userCount(stored)).toBe(1);

      const session = await login(t.http, stored.toUpperCase());
      expect(session.user.id).toBe(response.body.user.id);
    });

    it('should store every optional profile field as given', async () => {
      const body = registerBody('enterprise', {
        organization: {
          qualifications: ['high_tech', 'specialized', 'gazelle'],
          foundedOn: '2016-05-18',
          employees: 120,
          annualRevenue: 86_000_000,
          rdExpense: 9_500_000,
          ipCount: 37,
          description: '工业互联网平台与智能传感器研发',
        },
      });
      const response = await post(body);

      expect(response.status).toBe(201);
      const me = await request(t.http)
        .get('/api/v1/me')
        .auth(response.body.accessToken as string, { type: 'bearer' });
      expect(me.body.organization).toMatchObject({
        qualifications: ['high_tech', 'specialized', 'gazelle'],
        foundedOn: '2016-05-18',
        employees: 120,
        annualRevenue: 86_000_000,
        rdExpense: 9_500_000,
        ipCount: 37,
        description: '工业互联网平台与智能传感器研发',
      });
    });
  });

  describe('credit codes', () => {
    /** A valid code whose body holds letters, so that case matters. */
    const LETTERED = makeCreditCode('91370212MA3C4XY10');

    function expectCreditCodeRefused(response: request.Response): void {
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('INVALID_CREDIT_CODE');
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'organization.creditCode', code: 'isCreditCode' }),
      );
    }

    it('should refuse a code whose check character is wrong', async () => {
      const valid = creditCode();
      const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
      const wrong = alphabet[(alphabet.indexOf(valid[17]) + 1) % alphabet.length];
      const body = registerBody('enterprise', {
        organization: { creditCode: valid.slice(0, 17) + wrong },
      });
      expectCreditCodeRefused(await expectRefused(body, 400, 'INVALID_CREDIT_CODE'));
    });

    it.each([
      ['17 characters', (code: string) => code.slice(0, 17)],
      ['19 characters', (code: string) => `${code}0`],
      ['surrounding spaces', (code: string) => ` ${code} `],
    ])('should refuse a code of %s', async (_name, mangle) => {
      const body = registerBody('enterprise', {
        organization: { creditCode: mangle(creditCode()) },
      });
      expectCreditCodeRefused(await expectRefused(body, 400, 'INVALID_CREDIT_CODE'));
    });

    it('should refuse a valid code typed in lowercase', async () => {
      expect(LETTERED).toMatch(/[A-Z]/);
      const body = registerBody('enterprise', {
        organization: { creditCode: LETTERED.toLowerCase() },
      });
      expectCreditCodeRefused(await expectRefused(body, 400, 'INVALID_CREDIT_CODE'));
    });

    it.each(['I', 'O', 'Z', 'S', 'V'])(
      'should refuse a code holding the letter %s',
      async (letter) => {
        const valid = creditCode();
        const body = registerBody('enterprise', {
          organization: { creditCode: `${valid.slice(0, 10)}${letter}${valid.slice(11)}` },
        });
        expectCreditCodeRefused(await expectRefused(body, 400, 'INVALID_CREDIT_CODE'));
      },
    );

    it('should refuse a letter in the administrative division digits', async () => {
      const valid = creditCode();
      const body = registerBody('enterprise', {
        organization: { creditCode: `${valid.slice(0, 4)}A${valid.slice(5)}` },
      });
      expectCreditCodeRefused(await expectRefused(body, 400, 'INVALID_CREDIT_CODE'));
    });

    it.each([
      ['a number', 913702001635626],
      ['null', null],
      ['an array', [HAIER_CREDIT_CODE]],
      ['an object', { code: HAIER_CREDIT_CODE }],
    ])('should refuse %s as a credit code', async (_name, value) => {
      const body = registerBody('enterprise', { organization: { creditCode: value } });
      expectCreditCodeRefused(await expectRefused(body, 400, 'INVALID_CREDIT_CODE'));
    });

    it('should refuse a missing credit code', async () => {
      const body = registerBody('enterprise');
      delete body.organization.creditCode;
      expectCreditCodeRefused(await expectRefused(body, 400, 'INVALID_CREDIT_CODE'));
    });

    it('should register a real published code once and then answer CREDIT_CODE_TAKEN', async () => {
      const first = await post(
        registerBody('enterprise', {
          organization: { creditCode: HAIER_CREDIT_CODE, name: '海尔集团公司' },
        }),
      );
      expect(first.status).toBe(201);
      expect(first.body.organization.creditCode).toBe(HAIER_CREDIT_CODE);

      const second = registerBody('enterprise', {
        organization: { creditCode: HAIER_CREDIT_CODE },
      });
      const response = await post(second);
      expect(response.status).toBe(409);
      expect(errorOf(response).code).toBe('CREDIT_CODE_TAKEN');
      expect(await orgCount(HAIER_CREDIT_CODE)).toBe(1);
      expect(await userCount(second.user.email as string)).toBe(0);
    });
  });

  describe('duplicates', () => {
    it('should refuse a second organization with the same credit code', async () => {
      const code = creditCode();
      expect(
        (await post(registerBody('enterprise', { organization: { creditCode: code } }))).status,
      ).toBe(201);

      const again = registerBody('bank', { organization: { creditCode: code } });
      const response = await post(again);
      expect(response.status).toBe(409);
      expect(errorOf(response).code).toBe('CREDIT_CODE_TAKEN');
      expect(await orgCount(code)).toBe(1);
      expect(await userCount(again.user.email as string)).toBe(0);
    });

    it('should refuse a taken email in another case and write nothing of the failed attempt', async () => {
      const first = registerBody('enterprise');
      expect((await post(first)).status).toBe(201);

      const code = creditCode();
      const response = await post(
        registerBody('enterprise', {
          organization: { creditCode: code },
          user: { email: (first.user.email as string).toUpperCase() },
        }),
      );
      expect(response.status).toBe(409);
      expect(errorOf(response).code).toBe('EMAIL_TAKEN');
      expect(await orgCount(code)).toBe(0);
      expect(await userCount(first.user.email as string)).toBe(1);

      const retry = await post(registerBody('enterprise', { organization: { creditCode: code } }));
      expect(retry.status).toBe(201);
      expect(retry.body.organization.creditCode).toBe(code);
    });

    it('should refuse the email of a staff account', async () => {
      const body = registerBody('enterprise', { user: { email: E2E_ADMIN.email.toUpperCase() } });
      const response = await post(body);
      expect(response.status).toBe(409);
      expect(errorOf(response).code).toBe('EMAIL_TAKEN');
      expect(await orgCount(body.organization.creditCode as string)).toBe(0);
      expect((await loginAdmin(t.http)).user.role).toBe('admin');
    });

    it('should let exactly one of two concurrent registrations of a credit code win', async () => {
      const code = creditCode();
      const bodies = [0, 1].map(() =>
        registerBody('enterprise', { organization: { creditCode: code } }),
      );
      const responses = await Promise.all(bodies.map((body) => post(body)));

      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = responses.find((r) => r.status === 409)!;
      expect(errorOf(loser).code).toBe('CREDIT_CODE_TAKEN');
      expect(await orgCount(code)).toBe(1);
      const winner = responses.findIndex((r) => r.status === 201);
      expect(await userCount(bodies[1 - winner].user.email as string)).toBe(0);
    });

    it('should let exactly one of two concurrent registrations of an email win and roll the other back', async () => {
      const email = uniqueEmail('race');
      const bodies = [0, 1].map(() => registerBody('enterprise', { user: { email } }));
      const responses = await Promise.all(bodies.map((body) => post(body)));

      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const loserIndex = responses.findIndex((r) => r.status === 409);
      expect(errorOf(responses[loserIndex]).code).toBe('EMAIL_TAKEN');
      expect(await userCount(email)).toBe(1);
      expect(await orgCount(bodies[loserIndex].organization.creditCode as string)).toBe(0);
    });
  });

  describe('passwords', () => {
    it.each([
      ['too_short', 'Ab1x'],
      ['mostly_blank', '          1'],
      ['mostly_blank', '   Xq7#vK    '],
      ['too_common', 'Password123'],
      ['too_common', 'woaini1314'],
      ['sequence', 'abcdefghijklmn'],
      ['keyboard_pattern', 'zxcvbnm,./'],
      ['too_long', `Aa1${'x'.repeat(200)}`],
    ])('should refuse a password whose problem is %s: %j', async (problem, password) => {
      const body = registerBody('enterprise', { user: { password } });
      const response = await expectRefused(body, 400, 'WEAK_PASSWORD');
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'password', code: problem }),
      );
    });

    it('should refuse a password that contains the email name', async () => {
      const email = uniqueEmail('zhangwei');
      const body = registerBody('enterprise', {
        user: { email, password: `${email.split('@')[0]}-2026` },
      });
      const response = await expectRefused(body, 400, 'WEAK_PASSWORD');
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'password', code: 'contains_email' }),
      );
    });

    it('should refuse a password made of the organization name, with a message in Chinese', async () => {
      const body = registerBody('enterprise', {
        organization: { name: '青岛海川智能科技有限公司' },
        user: { password: '青岛海川智能科技有限公司1' },
      });
      const response = await expectRefused(body, 400, 'WEAK_PASSWORD');
      expect(detailsOf(response)).toEqual([
        {
          field: 'password',
          code: 'contains_name',
          message: '密码包含姓名或机构名称，很容易被猜到',
        },
      ]);
    });

    it('should list every problem of a password at once', async () => {
      const body = registerBody('enterprise', { user: { password: 'aaaa' } });
      const response = await expectRefused(body, 400, 'WEAK_PASSWORD');
      expect(detailsOf(response).map((d) => d.code)).toEqual(
        expect.arrayContaining(['too_short', 'repeated_character']),
      );
    });

    it('should refuse a password that is not a string', async () => {
      const body = registerBody('enterprise', { user: { password: 12345678901234 } });
      const response = await expectRefused(body, 400, 'VALIDATION_FAILED');
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'user.password', code: 'isString' }),
      );
    });
  });

  describe('validation', () => {
    it('should refuse unknown fields at the top level and in nested objects with dotted paths', async () => {
      const body = {
        ...registerBody('enterprise'),
        referrer: 'x',
      } as RegisterBody & { referrer: string };
      body.organization.status = 'verified';
      body.user.nickname = 'x';
      const response = await expectRefused(body, 400, 'VALIDATION_FAILED');
      const unknown = detailsOf(response)
        .filter((d) => d.code === 'unknown_field')
        .map((d) => d.field)
        .sort();
      expect(unknown).toEqual(['organization.status', 'referrer', 'user.nickname']);
    });

    it.each(['organization', 'user'] as const)('should refuse a body without %s', async (part) => {
      const body = registerBody('enterprise') as Partial<RegisterBody>;
      const kept = { ...body };
      delete kept[part];
      const response = await expectRefused(kept as RegisterBody, 400, 'VALIDATION_FAILED');
      expect(detailsOf(response)).toContainEqual(expect.objectContaining({ field: part }));
    });

    it.each([
      ['a string', 'not-an-object'],
      ['an empty array', []],
      ['an array holding a valid organization', [registerBody().organization]],
      ['null', null],
    ])('should refuse %s as the organization', async (_name, organization) => {
      const body = registerBody();
      const response = await post({ organization, user: body.user });
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'organization' }),
      );
      expect(await userCount(body.user.email as string)).toBe(0);
    });

    it.each([
      ['a string', 'someone'],
      ['an empty array', []],
      ['an array holding a valid user', [registerBody().user]],
    ])('should refuse %s as the user', async (_name, user) => {
      const body = registerBody();
      const response = await post({ organization: body.organization, user });
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(detailsOf(response)).toContainEqual(expect.objectContaining({ field: 'user' }));
      expect(await orgCount(body.organization.creditCode as string)).toBe(0);
    });

    it('should refuse an empty body', async () => {
      const response = await post({});
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
      expect(detailsOf(response).map((d) => d.field)).toEqual(
        expect.arrayContaining(['organization', 'user']),
      );
    });

    it.each([
      ['district', { district: 'atlantis' }, 'organization.district'],
      ['district given as its label', { district: '崂山区' }, 'organization.district'],
      ['industry', { industry: 'crypto' }, 'organization.industry'],
      ['qualification', { qualifications: ['high_tech', 'nobel'] }, 'organization.qualifications'],
      ['qualification list', { qualifications: 'high_tech' }, 'organization.qualifications'],
    ])('should refuse an unknown %s', async (_name, organization, field) => {
      const response = await expectRefused(
        registerBody('enterprise', { organization }),
        400,
        'VALIDATION_FAILED',
      );
      expect(detailsOf(response)).toContainEqual(expect.objectContaining({ field }));
    });

    it('should refuse repeated qualifications', async () => {
      const response = await expectRefused(
        registerBody('enterprise', { organization: { qualifications: ['gazelle', 'gazelle'] } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'organization.qualifications', code: 'arrayUnique' }),
      );
    });

    it.each([
      ['a missing', undefined],
      ['a null', null],
    ])('should refuse %s district', async (_name, district) => {
      const body = registerBody('bank', { organization: { district } });
      const response = await expectRefused(body, 400, 'VALIDATION_FAILED');
      expect(detailsOf(response)).toEqual([
        expect.objectContaining({ field: 'organization.district', code: 'isCode' }),
      ]);
    });

    it('should refuse an enterprise without an industry', async () => {
      const body = registerBody('enterprise');
      delete body.organization.industry;
      const response = await expectRefused(body, 400, 'VALIDATION_FAILED');
      expect(detailsOf(response)).toEqual([
        expect.objectContaining({ field: 'organization.industry' }),
      ]);
    });

    it('should refuse a founding date in the future', async () => {
      const nextYear = new Date().getUTCFullYear() + 1;
      const response = await expectRefused(
        registerBody('enterprise', { organization: { foundedOn: `${nextYear}-01-01` } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(detailsOf(response)).toEqual([
        expect.objectContaining({ field: 'organization.foundedOn', code: 'not_in_future' }),
      ]);
    });

    it.each([
      ['not a date', 'yesterday'],
      ['a day that does not exist', '2023-02-30'],
      ['a time stamp', '2016-05-18T00:00:00Z'],
      ['a number', 20160518],
    ])('should refuse a founding date that is %s', async (_name, foundedOn) => {
      const response = await expectRefused(
        registerBody('enterprise', { organization: { foundedOn } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'organization.foundedOn' }),
      );
    });

    it.each([
      ['annualRevenue', 1e30],
      ['annualRevenue', 2 ** 53],
      ['annualRevenue', 1234.5],
      ['annualRevenue', -1],
      ['annualRevenue', '1000000'],
      ['rdExpense', 1e30],
      ['employees', 1e12],
      ['employees', 12.5],
      ['ipCount', -3],
    ])('should refuse %s of %p', async (field, value) => {
      const response = await expectRefused(
        registerBody('enterprise', { organization: { [field]: value } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: `organization.${field}` }),
      );
    });

    it.each([
      ['name', { organization: { name: 'x'.repeat(101) } }, 'organization.name'],
      ['name', { organization: { name: ' 青 ' } }, 'organization.name'],
      [
        'description',
        { organization: { description: '科'.repeat(2001) } },
        'organization.description',
      ],
      ['user name', { user: { name: '' } }, 'user.name'],
      ['user name', { user: { name: '王'.repeat(51) } }, 'user.name'],
      ['email', { user: { email: 'not-an-email' } }, 'user.email'],
      ['phone', { user: { phone: '12345' } }, 'user.phone'],
      ['contact phone', { organization: { contactPhone: 'call me' } }, 'organization.contactPhone'],
    ])('should refuse a bad %s', async (_name, overrides, field) => {
      const response = await expectRefused(
        registerBody('enterprise', overrides),
        400,
        'VALIDATION_FAILED',
      );
      expect(detailsOf(response)).toContainEqual(expect.objectContaining({ field }));
    });

    it.each([
      ['organization name', { organization: { name: '❤️'.repeat(60) } }, 'organization.name'],
      [
        'description',
        { organization: { description: '☀️'.repeat(1001) } },
        'organization.description',
      ],
      [
        'contact name',
        { organization: { contactName: '✈️'.repeat(26) } },
        'organization.contactName',
      ],
      ['user name', { user: { name: '❤️'.repeat(26) } }, 'user.name'],
    ])(
      'should refuse a %s whose emoji would overflow the stored column',
      async (_name, overrides, field) => {
        // Each emoji here is two code points (e.g. U+2764 U+FE0F), which MySQL counts as two.
        const response = await expectRefused(
          registerBody('enterprise', overrides),
          400,
          'VALIDATION_FAILED',
        );
        expect(detailsOf(response)).toEqual([
          expect.objectContaining({ field, code: 'maxLength' }),
        ]);
      },
    );

    it('should accept a name of exactly the longest length in emoji with variation selectors', async () => {
      const name = '❤️'.repeat(50);
      const response = await post(registerBody('enterprise', { organization: { name } }));
      expect(response.status).toBe(201);
      expect(response.body.organization.name).toBe(name);
    });
  });

  describe('text is data', () => {
    it('should store emoji, SQL and HTML verbatim and keep the users table working', async () => {
      const name = `🚀青岛'; DROP TABLE users; --${creditCode().slice(-4)}`;
      const description = '<script>alert(1)</script> 🧪 "quotes" \\ backslash ` tick';
      const body = registerBody('enterprise', {
        organization: { name, description },
        user: { name: '<b>王海</b> 😀' },
      });
      const response = await post(body);

      expect(response.status).toBe(201);
      expect(response.body.organization).toMatchObject({ name, description });
      expect(response.body.user.name).toBe('<b>王海</b> 😀');

      const me = await request(t.http)
        .get('/api/v1/me')
        .auth(response.body.accessToken as string, { type: 'bearer' });
      expect(me.body.organization).toMatchObject({ name, description });
      expect(me.body.user.name).toBe('<b>王海</b> 😀');

      const stored: { name: string; description: string }[] = await db.query(
        'SELECT name, description FROM organizations WHERE id = ?',
        [response.body.organization.id],
      );
      expect(stored).toEqual([{ name, description }]);
      expect(await userCount(body.user.email as string)).toBe(1);
      expect((await login(t.http, body.user.email as string)).user.id).toBe(response.body.user.id);
    });

    it('should strip control characters and trim surrounding space but keep newlines', async () => {
      const body = registerBody('enterprise', {
        organization: {
          name: '  青岛\u0000海湾\u0007科技\u001b有限公司\u007f  ',
          description: '第一行\n第二行\u0000\u009f',
        },
        user: { name: '\u0008王\u0000海 ' },
      });
      const response = await post(body);

      expect(response.status).toBe(201);
      expect(response.body.organization.name).toBe('青岛海湾科技有限公司');
      expect(response.body.organization.description).toBe('第一行\n第二行');
      expect(response.body.user.name).toBe('王海');
    });
  });

  describe('privileged roles', () => {
    it('should refuse to register a service center', async () => {
      const body = registerBody('enterprise', { organization: { kind: 'service_center' } });
      const response = await expectRefused(body, 400, 'VALIDATION_FAILED');
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: 'organization.kind', code: 'isCode' }),
      );
    });

    it.each(['admin', 'commissioner'])(
      'should refuse a user asking for the %s role',
      async (role) => {
        const body = registerBody('enterprise', { user: { role } });
        const response = await expectRefused(body, 400, 'VALIDATION_FAILED');
        expect(detailsOf(response)).toContainEqual(
          expect.objectContaining({ field: 'user.role', code: 'unknown_field' }),
        );
      },
    );

    it('should refuse an unknown organization kind', async () => {
      const body = registerBody('enterprise', { organization: { kind: 'government' } });
      await expectRefused(body, 400, 'VALIDATION_FAILED');
    });

    it.each([
      ['status', { status: 'verified' }],
      ['commissionerId', { commissionerId: '00000000-0000-0000-0000-000000000000' }],
      ['id', { id: '00000000-0000-0000-0000-000000000000' }],
    ])('should refuse an organization that sets its own %s', async (field, organization) => {
      const body = registerBody('enterprise', { organization });
      const response = await expectRefused(body, 400, 'VALIDATION_FAILED');
      expect(detailsOf(response)).toContainEqual(
        expect.objectContaining({ field: `organization.${field}`, code: 'unknown_field' }),
      );
    });
  });

  describe('malformed requests', () => {
    it('should answer MALFORMED_JSON for a body that is not JSON', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"organization": {"kind": "enterprise",');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: { code: 'MALFORMED_JSON', message: expect.any(String), details: [] },
      });
    });

    it('should answer PAYLOAD_TOO_LARGE for a body over 1 MB', async () => {
      const body = registerBody('enterprise', {
        organization: { description: 'x'.repeat(1024 * 1024 + 10) },
      });
      const response = await request(t.http).post('/api/v1/auth/register').send(body);
      expect(response.status).toBe(413);
      expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
      expect(await orgCount(body.organization.creditCode as string)).toBe(0);
    });

    it('should refuse a form-encoded body', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/register')
        .type('form')
        .send({ organization: 'x' });
      expect(response.status).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    });
  });

  it('should let the first user sign in with the registered password', async () => {
    const body = registerBody('leasing');
    expect((await post(body)).status).toBe(201);
    const session = await login(t.http, body.user.email as string, PASSWORD);
    expect(session.user.role).toBe('institution');
  });
});
