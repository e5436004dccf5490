import { randomInt } from 'node:crypto';
import request from 'supertest';
import {
  login,
  loginAdmin,
  PASSWORD,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

const SERVICE_CENTER_ID = '00000000-0000-4000-8000-000000000001';
const UNKNOWN_ID = '7d1c3a52-9b0e-4f6a-8c2d-5e4f3a2b1c0d';
const DIRECTORY_KINDS = ['bank', 'investor', 'insurer', 'guarantor', 'leasing', 'service_center'];
const PUBLIC_KEYS = [
  'creditCode',
  'description',
  'district',
  'id',
  'industry',
  'kind',
  'name',
  'qualifications',
  'status',
].sort();

interface OrgBody {
  id: string;
  kind: string;
  name: string;
  status: string;
  contactPhone?: string;
  annualRevenue?: number;
  [key: string]: unknown;
}

interface PageBody {
  items: OrgBody[];
  total: number;
  page: number;
  pageSize: number;
}

/** A lowercase Latin word no other organization has: Meilisearch keeps it as one token. */
function searchWord(): string {
  const letters = 'bcdfghjkmnpqrstvwxz';
  let word = '';
  while (word.length < 10) word += letters[randomInt(letters.length)];
  return word;
}

describe('organizations', () => {
  let t: TestApp;
  let admin: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  const get = (token: string, path: string) =>
    request(t.http).get(`/api/v1${path}`).auth(token, { type: 'bearer' });
  const patch = (token: string, path: string, body: object) =>
    request(t.http).patch(`/api/v1${path}`).auth(token, { type: 'bearer' }).send(body);
  const post = (token: string, path: string) =>
    request(t.http).post(`/api/v1${path}`).auth(token, { type: 'bearer' });
  const listOrgs = async (token: string, query: Record<string, string | number>) => {
    const response = await get(token, '/orgs').query(query);
    expect(response.status).toBe(200);
    return response.body as PageBody;
  };
  const idsOf = (page: PageBody) => page.items.map((item) => item.id);

  describe('GET /orgs/:id', () => {
    it('should show a member the full profile of its own organization', async () => {
      const ent = await register(t.http, 'enterprise', {
        organization: { annualRevenue: 50_000_000, contactPhone: '0532-88886666', ipCount: 7 },
      });

      const response = await get(ent.accessToken, `/orgs/${ent.organization.id}`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: ent.organization.id,
        kind: 'enterprise',
        status: 'pending',
        annualRevenue: 50_000_000,
        ipCount: 7,
        contactName: '测试用户',
        contactPhone: '0532-88886666',
        commissionerId: null,
        verifiedAt: null,
      });
    });

    it("should answer 404 ORGANIZATION_NOT_FOUND for another enterprise's organization, also to PATCH", async () => {
      const mine = await register(t.http);
      const theirs = await register(t.http);

      const read = await get(mine.accessToken, `/orgs/${theirs.organization.id}`);
      const write = await patch(mine.accessToken, `/orgs/${theirs.organization.id}`, {
        description: '被别人改过',
      });

      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
      expect(write.status).toBe(404);
      expect(write.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
      const after = await get(theirs.accessToken, `/orgs/${theirs.organization.id}`);
      expect(after.body.description).toBeNull();
    });

    it('should show a verified institution to an enterprise as its public view only', async () => {
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank', {
        organization: { annualRevenue: 9_000_000_000, contactPhone: '0532-86668888' },
      });
      const ent = await register(t.http);

      const response = await get(ent.accessToken, `/orgs/${bank.organization.id}`);

      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(PUBLIC_KEYS);
      expect(response.body).toMatchObject({ id: bank.organization.id, status: 'verified' });
      expect(response.body).not.toHaveProperty('contactPhone');
      expect(response.body).not.toHaveProperty('annualRevenue');
    });

    it('should hide a pending institution from an enterprise', async () => {
      const bank = await register(t.http, 'bank');
      const ent = await register(t.http);

      const response = await get(ent.accessToken, `/orgs/${bank.organization.id}`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    });

    it('should show the service center to an enterprise as its public view', async () => {
      const ent = await register(t.http);

      const response = await get(ent.accessToken, `/orgs/${SERVICE_CENTER_ID}`);

      expect(response.status).toBe(200);
      expect(response.body.kind).toBe('service_center');
      expect(Object.keys(response.body).sort()).toEqual(PUBLIC_KEYS);
    });

    it('should show an admin the full profile of any organization, pending or not', async () => {
      const ent = await register(t.http, 'enterprise', {
        organization: { contactPhone: '13700001111' },
      });
      const bank = await register(t.http, 'investor', {
        organization: { contactPhone: '0532-80001111', annualRevenue: 1_000 },
      });

      const entView = await get(admin.accessToken, `/orgs/${ent.organization.id}`);
      const bankView = await get(admin.accessToken, `/orgs/${bank.organization.id}`);

      expect(entView.status).toBe(200);
      expect(entView.body).toMatchObject({ status: 'pending', contactPhone: '13700001111' });
      expect(bankView.status).toBe(200);
      expect(bankView.body).toMatchObject({
        kind: 'investor',
        contactPhone: '0532-80001111',
        annualRevenue: 1_000,
      });
    });

    it('should answer 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      const response = await get(admin.accessToken, '/orgs/not-a-uuid');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'id' })]);
    });

    it('should answer 404 ORGANIZATION_NOT_FOUND for an unknown id, even to an admin', async () => {
      const response = await get(admin.accessToken, `/orgs/${UNKNOWN_ID}`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    });

    it('should refuse an anonymous caller with 401', async () => {
      const response = await request(t.http).get(`/api/v1/orgs/${SERVICE_CENTER_ID}`);

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('PATCH /orgs/:id', () => {
    it('should save and return the profile changes a member makes', async () => {
      const ent = await register(t.http);
      const changes = {
        district: 'shibei',
        industry: 'ic',
        qualifications: ['high_tech', 'specialized', 'gazelle'],
        foundedOn: '2016-05-18',
        employees: 120,
        annualRevenue: 88_000_000,
        rdExpense: 9_500_000,
        ipCount: 12,
        description: '专注于车规级芯片设计',
        contactName: '李芯',
        contactPhone: '0532-66667777',
      };

      const response = await patch(ent.accessToken, `/orgs/${ent.organization.id}`, changes);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: ent.organization.id, ...changes });
      const reread = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
      expect(reread.body).toMatchObject(changes);
      expect(reread.body.name).toBe(ent.organization.name);
    });

    it('should refuse kind, creditCode and status in the body as unknown fields and change nothing', async () => {
      const ent = await register(t.http);

      const response = await patch(ent.accessToken, `/orgs/${ent.organization.id}`, {
        kind: 'bank',
        creditCode: '91370212MA3C4XYZ0Q',
        status: 'verified',
        description: '顺便改一下简介',
      });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      const fields = (response.body.error.details as { field: string; code: string }[])
        .filter((d) => d.code === 'unknown_field')
        .map((d) => d.field)
        .sort();
      expect(fields).toEqual(['creditCode', 'kind', 'status']);
      const after = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
      expect(after.body).toMatchObject({
        kind: 'enterprise',
        status: 'pending',
        creditCode: (ent.organization as { creditCode?: string }).creditCode,
        description: null,
      });
    });

    it('should forbid a member to change the registered name, changing nothing else either', async () => {
      const ent = await register(t.http);

      const response = await patch(ent.accessToken, `/orgs/${ent.organization.id}`, {
        name: '改名后的公司',
        employees: 99,
      });

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
      const after = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
      expect(after.body.name).toBe(ent.organization.name);
      expect(after.body.employees).toBeNull();
    });

    it('should let an admin change the registered name', async () => {
      const ent = await register(t.http);
      const name = `青岛更名测试科技有限公司${randomInt(1e6)}`;

      const response = await patch(admin.accessToken, `/orgs/${ent.organization.id}`, { name });

      expect(response.status).toBe(200);
      expect(response.body.name).toBe(name);
      const seenByMember = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
      expect(seenByMember.body.name).toBe(name);
    });

    it.each([
      ['an unknown district', { district: 'beijing' }, 'district'],
      ['an unknown industry', { industry: 'mining' }, 'industry'],
      ['an unknown qualification', { qualifications: ['high_tech', 'nobel'] }, 'qualifications'],
      [
        'a repeated qualification',
        { qualifications: ['high_tech', 'high_tech'] },
        'qualifications',
      ],
      ['a fractional revenue', { annualRevenue: 1.5 }, 'annualRevenue'],
      ['a negative revenue', { annualRevenue: -1 }, 'annualRevenue'],
      ['revenue as a string', { annualRevenue: '100' }, 'annualRevenue'],
      ['a bad phone', { contactPhone: 'call me' }, 'contactPhone'],
      ['a bad date', { foundedOn: '2016-13-01' }, 'foundedOn'],
      ['a founding date in the future', { foundedOn: '2099-01-01' }, 'foundedOn'],
      ['negative employees', { employees: -3 }, 'employees'],
    ])(
      'should refuse %s with 400 VALIDATION_FAILED and change nothing',
      async (_label, body, field) => {
        const ent = await register(t.http);
        const before = await get(ent.accessToken, `/orgs/${ent.organization.id}`);

        const response = await patch(ent.accessToken, `/orgs/${ent.organization.id}`, {
          ...body,
          description: '不应保存',
        });

        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
        expect(response.body.error.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        const after = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
        expect(after.body).toEqual(before.body);
      },
    );

    it('should refuse clearing the name, district, industry or qualifications of an enterprise and change nothing', async () => {
      const ent = await register(t.http);
      const before = await get(admin.accessToken, `/orgs/${ent.organization.id}`);

      for (const field of ['name', 'district', 'industry', 'qualifications']) {
        const response = await patch(admin.accessToken, `/orgs/${ent.organization.id}`, {
          [field]: null,
          description: '不应保存',
        });
        expect({ field, status: response.status, body: response.body as unknown }).toEqual({
          field,
          status: 400,
          body: {
            error: expect.objectContaining({
              code: 'VALIDATION_FAILED',
              details: [expect.objectContaining({ field })],
            }),
          },
        });
      }
      const after = await get(admin.accessToken, `/orgs/${ent.organization.id}`);
      expect(after.body).toEqual(before.body);
    });

    it('should clear an optional field given null', async () => {
      const ent = await register(t.http, 'enterprise', {
        organization: { description: '旧简介', employees: 30 },
      });

      const response = await patch(ent.accessToken, `/orgs/${ent.organization.id}`, {
        description: null,
        employees: null,
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ description: null, employees: null });
      const after = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
      expect(after.body).toMatchObject({ description: null, employees: null });
    });

    it('should refuse a name longer than 100 characters as the database counts them', async () => {
      const ent = await register(t.http);

      const response = await patch(admin.accessToken, `/orgs/${ent.organization.id}`, {
        name: `青岛${'❤️'.repeat(50)}`,
      });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'name' })]);
      const after = await get(admin.accessToken, `/orgs/${ent.organization.id}`);
      expect(after.body.name).toBe(ent.organization.name);
    });

    it('should answer 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      const response = await patch(admin.accessToken, '/orgs/123', { employees: 1 });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('POST /orgs/:id/verify and /suspend', () => {
    it('should forbid an enterprise to verify or suspend, even its own organization', async () => {
      const ent = await register(t.http);
      const other = await register(t.http);

      for (const path of [
        `/orgs/${ent.organization.id}/verify`,
        `/orgs/${other.organization.id}/verify`,
        `/orgs/${other.organization.id}/suspend`,
      ]) {
        const response = await post(ent.accessToken, path);
        expect({ path, status: response.status, code: response.body.error?.code }).toEqual({
          path,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
      const after = await get(admin.accessToken, `/orgs/${other.organization.id}`);
      expect(after.body.status).toBe('pending');
    });

    it('should verify a pending organization once and answer 409 the second time', async () => {
      const ent = await register(t.http);
      const before = Date.now();

      const first = await post(admin.accessToken, `/orgs/${ent.organization.id}/verify`);
      const second = await post(admin.accessToken, `/orgs/${ent.organization.id}/verify`);

      expect(first.status).toBe(200);
      expect(first.body.status).toBe('verified');
      const verifiedAt = Date.parse(first.body.verifiedAt as string);
      expect(verifiedAt).toBeGreaterThanOrEqual(before - 1_000);
      expect(verifiedAt).toBeLessThanOrEqual(Date.now() + 1_000);
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('ORGANIZATION_STATUS_CONFLICT');
      const after = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
      expect(after.body).toMatchObject({ status: 'verified', verifiedAt: first.body.verifiedAt });
    });

    it('should lock the users of a suspended organization out until an admin reinstates it', async () => {
      const ent = await verifiedOrg(t.http, admin.accessToken);

      const suspended = await post(admin.accessToken, `/orgs/${ent.organization.id}/suspend`);
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');

      const refused = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: ent.user.email, password: PASSWORD });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('ACCOUNT_SUSPENDED');
      const withOldToken = await get(ent.accessToken, `/orgs/${ent.organization.id}`);
      expect(withOldToken.status).toBe(403);
      expect(withOldToken.body.error.code).toBe('ACCOUNT_SUSPENDED');
      const again = await post(admin.accessToken, `/orgs/${ent.organization.id}/suspend`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ORGANIZATION_STATUS_CONFLICT');

      const reinstated = await post(admin.accessToken, `/orgs/${ent.organization.id}/verify`);
      expect(reinstated.status).toBe(200);
      expect(reinstated.body.status).toBe('verified');
      const session = await login(t.http, ent.user.email);
      expect(session.organization.status).toBe('verified');
    });

    it('should suspend a pending organization too', async () => {
      const ent = await register(t.http);

      const response = await post(admin.accessToken, `/orgs/${ent.organization.id}/suspend`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'suspended', verifiedAt: null });
    });

    // Verify then suspend is a legal sequence, so the race is shown with two verifies: in
    // whatever order they land, the second one must find the organization already verified.
    it('should let only one of two simultaneous verifications of an organization win', async () => {
      for (let round = 0; round < 3; round += 1) {
        const ent = await register(t.http);

        const answers = await Promise.all([
          post(admin.accessToken, `/orgs/${ent.organization.id}/verify`),
          post(admin.accessToken, `/orgs/${ent.organization.id}/verify`),
        ]);

        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        const loser = answers.find((a) => a.status === 409);
        expect(loser?.body.error.code).toBe('ORGANIZATION_STATUS_CONFLICT');
        const winner = answers.find((a) => a.status === 200);
        const after = await get(admin.accessToken, `/orgs/${ent.organization.id}`);
        expect(after.body.status).toBe(winner?.body.status);
      }
    });

    it('should answer 404 for an unknown organization', async () => {
      const verify = await post(admin.accessToken, `/orgs/${UNKNOWN_ID}/verify`);
      const suspend = await post(admin.accessToken, `/orgs/${UNKNOWN_ID}/suspend`);

      expect(verify.status).toBe(404);
      expect(verify.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
      expect(suspend.status).toBe(404);
      expect(suspend.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    });

    it('should never suspend the service center', async () => {
      const response = await post(admin.accessToken, `/orgs/${SERVICE_CENTER_ID}/suspend`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
      const center = await get(admin.accessToken, `/orgs/${SERVICE_CENTER_ID}`);
      expect(center.body.status).toBe('verified');
      await loginAdmin(t.http);
    });
  });

  describe('GET /orgs', () => {
    it('should list to an enterprise only verified institutions and the service center', async () => {
      const filters = { district: 'jiaozhou', industry: 'marine' };
      const verifiedBank = await verifiedOrg(t.http, admin.accessToken, 'bank', {
        organization: { ...filters, contactPhone: '0532-81112222' },
      });
      const pendingBank = await register(t.http, 'guarantor', { organization: filters });
      const verifiedEnt = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
        organization: filters,
      });
      const caller = await register(t.http, 'enterprise', { organization: filters });

      const page = await listOrgs(caller.accessToken, { ...filters, pageSize: 100 });

      expect(idsOf(page)).toContain(verifiedBank.organization.id);
      expect(idsOf(page)).not.toContain(pendingBank.organization.id);
      expect(idsOf(page)).not.toContain(verifiedEnt.organization.id);
      expect(idsOf(page)).not.toContain(caller.organization.id);
      for (const item of page.items) {
        expect(DIRECTORY_KINDS).toContain(item.kind);
        expect(item.status).toBe('verified');
        expect(Object.keys(item).sort()).toEqual(PUBLIC_KEYS);
      }
      const center = await listOrgs(caller.accessToken, { kind: 'service_center' });
      expect(idsOf(center)).toEqual([SERVICE_CENTER_ID]);
    });

    it('should answer an empty page to an enterprise that asks for enterprises', async () => {
      await verifiedOrg(t.http, admin.accessToken);
      const caller = await register(t.http);

      const page = await listOrgs(caller.accessToken, { kind: 'enterprise' });

      expect(page).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    });

    it('should ignore status=pending from an enterprise', async () => {
      const filters = { district: 'pingdu', industry: 'green' };
      const pendingBank = await register(t.http, 'leasing', { organization: filters });
      const caller = await register(t.http);

      const page = await listOrgs(caller.accessToken, { ...filters, status: 'pending' });

      expect(idsOf(page)).not.toContain(pendingBank.organization.id);
      expect(page.items.every((item) => item.status === 'verified')).toBe(true);
    });

    it('should let an admin list pending organizations filtered by kind, district and industry', async () => {
      const filters = { district: 'jimo', industry: 'agritech' };
      const pending = await register(t.http, 'enterprise', { organization: filters });
      const otherIndustry = await register(t.http, 'enterprise', {
        organization: { district: 'jimo', industry: 'biomed' },
      });
      const verified = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
        organization: filters,
      });
      const bank = await register(t.http, 'bank', { organization: filters });

      const page = await listOrgs(admin.accessToken, {
        ...filters,
        kind: 'enterprise',
        status: 'pending',
        pageSize: 100,
      });

      expect(idsOf(page)).toContain(pending.organization.id);
      for (const excluded of [otherIndustry, verified, bank]) {
        expect(idsOf(page)).not.toContain(excluded.organization.id);
      }
      for (const item of page.items) {
        expect(item).toMatchObject({ ...filters, kind: 'enterprise', status: 'pending' });
      }
      const mine = page.items.find((item) => item.id === pending.organization.id);
      expect(mine?.contactPhone).toBe('13912345678');
    });

    it('should page with { items, total, page, pageSize }', async () => {
      const filters = { district: 'laoshan', industry: 'rail_transit' };
      for (let i = 0; i < 3; i += 1)
        await register(t.http, 'enterprise', { organization: filters });
      const query = { ...filters, kind: 'enterprise', pageSize: 2 };

      const first = await listOrgs(admin.accessToken, { ...query, page: 1 });
      const second = await listOrgs(admin.accessToken, { ...query, page: 2 });

      expect(Object.keys(first).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
      expect(first).toMatchObject({ page: 1, pageSize: 2 });
      expect(second).toMatchObject({ page: 2, pageSize: 2, total: first.total });
      expect(first.total).toBeGreaterThanOrEqual(3);
      expect(first.items).toHaveLength(2);
      expect(second.items.length).toBe(Math.min(2, first.total - 2));
      expect(idsOf(second).filter((id) => idsOf(first).includes(id))).toEqual([]);
    });

    it.each([
      [{ pageSize: 101 }],
      [{ pageSize: 0 }],
      [{ page: 0 }],
      [{ page: 'two' }],
      [{ kind: 'bakery' }],
      [{ district: 'beijing' }],
      [{ status: 'deleted' }],
      [{ colour: 'blue' }],
    ])('should refuse the query %j with 400 VALIDATION_FAILED', async (query) => {
      const response = await get(admin.accessToken, '/orgs').query(query);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  // Meilisearch takes seconds per indexing task here: the fixtures are written together, so
  // one batch indexes them, and each test waits for at most one more round.
  describe('GET /orgs?q=', () => {
    const SEARCH_TIMEOUT_MS = 40_000;
    const words = {
      found: searchWord(),
      combined: searchWord(),
      leak: searchWord(),
      injection: searchWord(),
      oldName: searchWord(),
      newName: searchWord(),
      verified: searchWord(),
    };
    let found: SessionBody;
    let pendingEnt: SessionBody;
    let verifiedBank: SessionBody;
    let leakEnt: SessionBody;
    let leakBank: SessionBody;
    let injectionEnt: SessionBody;
    let renamed: SessionBody;
    let insurer: SessionBody;
    let caller: SessionBody;

    const searchIds = async (token: string, query: Record<string, string>) =>
      idsOf(await listOrgs(token, { pageSize: 100, ...query }));

    beforeAll(async () => {
      const named = (name: string) => ({ organization: { name } });
      found = await register(t.http, 'enterprise', named(`青岛${words.found}智能科技有限公司`));
      pendingEnt = await register(t.http, 'enterprise', named(`${words.combined}科技有限公司`));
      verifiedBank = await verifiedOrg(
        t.http,
        admin.accessToken,
        'bank',
        named(`${words.combined}银行`),
      );
      leakEnt = await verifiedOrg(
        t.http,
        admin.accessToken,
        'enterprise',
        named(`${words.leak}科技有限公司`),
      );
      leakBank = await verifiedOrg(
        t.http,
        admin.accessToken,
        'bank',
        named(`${words.leak}银行青岛分行`),
      );
      injectionEnt = await verifiedOrg(
        t.http,
        admin.accessToken,
        'enterprise',
        named(`${words.injection}注入测试有限公司`),
      );
      renamed = await register(t.http, 'enterprise', named(`${words.oldName}科技有限公司`));
      insurer = await register(t.http, 'insurer', named(`${words.verified}保险青岛分公司`));
      caller = await register(t.http);
      await eventually(async () => {
        expect(await searchIds(admin.accessToken, { q: words.found })).toEqual([
          found.organization.id,
        ]);
        expect((await searchIds(admin.accessToken, { q: words.leak })).sort()).toEqual(
          [leakEnt.organization.id, leakBank.organization.id].sort(),
        );
        expect(await searchIds(admin.accessToken, { q: words.combined })).toHaveLength(2);
        expect(await searchIds(admin.accessToken, { q: words.injection })).toHaveLength(1);
        expect(await searchIds(admin.accessToken, { q: words.oldName })).toHaveLength(1);
        expect(await searchIds(admin.accessToken, { q: words.verified })).toHaveLength(1);
      }, SEARCH_TIMEOUT_MS);
    }, SEARCH_TIMEOUT_MS + 10_000);

    it('should let an admin find a newly registered organization by a word of its name and by its credit code', async () => {
      const byName = await listOrgs(admin.accessToken, { q: words.found });
      const byCode = await listOrgs(admin.accessToken, {
        q: (found.organization as { creditCode?: string }).creditCode ?? '',
        pageSize: 100,
      });

      expect(byName.total).toBe(1);
      expect(byName.items[0]).toMatchObject({
        id: found.organization.id,
        status: 'pending',
        contactPhone: '13912345678',
      });
      expect(idsOf(byCode)[0]).toBe(found.organization.id);
    });

    it('should combine q with status and kind filters for an admin', async () => {
      const all = await searchIds(admin.accessToken, { q: words.combined });
      const onlyPending = await searchIds(admin.accessToken, {
        q: words.combined,
        status: 'pending',
      });
      const onlyBanks = await searchIds(admin.accessToken, { q: words.combined, kind: 'bank' });

      expect(all.sort()).toEqual([pendingEnt.organization.id, verifiedBank.organization.id].sort());
      expect(onlyPending).toEqual([pendingEnt.organization.id]);
      expect(onlyBanks).toEqual([verifiedBank.organization.id]);
    });

    it("should never return an enterprise to an enterprise's search", async () => {
      const page = await listOrgs(caller.accessToken, { q: words.leak });
      const asEnterprises = await listOrgs(caller.accessToken, {
        q: words.leak,
        kind: 'enterprise',
      });

      expect(idsOf(page)).toEqual([leakBank.organization.id]);
      expect(page.total).toBe(1);
      expect(Object.keys(page.items[0]).sort()).toEqual(PUBLIC_KEYS);
      expect(asEnterprises).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    });

    it('should treat quotes and filter syntax in q as plain words', async () => {
      const word = words.injection;
      for (const q of [
        `${word}" OR kind = "enterprise`,
        `" OR kind = "enterprise`,
        `${word}") OR (kind = enterprise`,
        `kind = enterprise`,
        `\\"${word}\\"`,
        `'; DROP TABLE organizations; --`,
        `"`,
      ]) {
        const response = await get(caller.accessToken, '/orgs').query({ q });
        expect({ q, status: response.status }).toEqual({ q, status: 200 });
        const ids = idsOf(response.body as PageBody);
        expect(ids).not.toContain(injectionEnt.organization.id);
        for (const item of (response.body as PageBody).items) {
          expect(DIRECTORY_KINDS).toContain(item.kind);
          expect(item.status).toBe('verified');
        }
      }
    });

    it(
      'should reflect a name change by an admin in the search index',
      async () => {
        const response = await patch(admin.accessToken, `/orgs/${renamed.organization.id}`, {
          name: `${words.newName}科技有限公司`,
        });
        expect(response.status).toBe(200);

        await eventually(async () => {
          expect(await searchIds(admin.accessToken, { q: words.newName })).toEqual([
            renamed.organization.id,
          ]);
          expect(await searchIds(admin.accessToken, { q: words.oldName })).toEqual([]);
        }, SEARCH_TIMEOUT_MS);
      },
      SEARCH_TIMEOUT_MS + 5_000,
    );

    it(
      'should show an institution in search results to enterprises once it is verified',
      async () => {
        expect(await searchIds(caller.accessToken, { q: words.verified })).toEqual([]);

        const response = await post(admin.accessToken, `/orgs/${insurer.organization.id}/verify`);
        expect(response.status).toBe(200);

        await eventually(async () => {
          expect(await searchIds(caller.accessToken, { q: words.verified })).toEqual([
            insurer.organization.id,
          ]);
        }, SEARCH_TIMEOUT_MS);
      },
      SEARCH_TIMEOUT_MS + 5_000,
    );
  });
});
