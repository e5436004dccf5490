import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createCommissioner,
  loginAdmin,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
/** Few other suites register here: a district assigned by this suite is released in afterAll. */
const DISTRICT = 'laixi';
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

interface Commissioner {
  id: string;
  email: string;
  token: string;
}

interface CommissionerSummaryBody {
  id: string;
  role: string;
  districts: string[];
  enterprises: number;
  [key: string]: unknown;
}

/** A response's status and error code, to compare several answers at once. */
function outcome(response: request.Response): [number, string | undefined] {
  return [response.status, (response.body as { error?: { code: string } }).error?.code];
}

describe('commissioners', () => {
  let t: TestApp;
  let admin: SessionBody;
  const districtHolders: string[] = [];

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(async () => {
    if (districtHolders.length > 0) {
      await t.app
        .get(DataSource)
        .query(
          `DELETE FROM commissioner_districts WHERE commissioner_id IN (${districtHolders.map(() => '?').join(', ')})`,
          districtHolders,
        );
    }
    await t.close();
  });

  const assign = (token: string, commissionerId: string, body: object) =>
    request(t.http)
      .post(`/api/v1/commissioners/${commissionerId}/assignments`)
      .auth(token, { type: 'bearer' })
      .send(body);
  const unassign = (token: string, commissionerId: string, orgId: string) =>
    request(t.http)
      .delete(`/api/v1/commissioners/${commissionerId}/assignments/${orgId}`)
      .auth(token, { type: 'bearer' });
  const getOrg = (token: string, orgId: string) =>
    request(t.http).get(`/api/v1/orgs/${orgId}`).auth(token, { type: 'bearer' });
  const commissionerOf = async (orgId: string): Promise<string | null> => {
    const response = await getOrg(admin.accessToken, orgId);
    expect(response.status).toBe(200);
    return response.body.commissionerId as string | null;
  };
  const summaryOf = async (id: string): Promise<CommissionerSummaryBody | undefined> => {
    const response = await request(t.http)
      .get('/api/v1/commissioners')
      .auth(admin.accessToken, { type: 'bearer' });
    expect(response.status).toBe(200);
    return (response.body as CommissionerSummaryBody[]).find((c) => c.id === id);
  };

  describe('POST /commissioners/:id/assignments with orgIds', () => {
    let commissioner: Commissioner;
    beforeAll(async () => {
      commissioner = await createCommissioner(t.http, admin.accessToken);
    });

    it("should put the enterprises in the commissioner's portfolio and show it their full profiles", async () => {
      const first = await register(t.http, 'enterprise', { organization: { district: 'licang' } });
      const second = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
        organization: { district: 'licang', annualRevenue: 30_000_000 },
      });
      const outsider = await register(t.http, 'enterprise', {
        organization: { district: 'licang' },
      });

      const response = await assign(admin.accessToken, commissioner.id, {
        orgIds: [first.organization.id, second.organization.id],
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        commissionerId: commissioner.id,
        assigned: 2,
        district: null,
      });
      expect(await commissionerOf(first.organization.id)).toBe(commissioner.id);
      expect(await commissionerOf(second.organization.id)).toBe(commissioner.id);
      expect(await commissionerOf(outsider.organization.id)).toBeNull();

      const assigned = await getOrg(commissioner.token, second.organization.id);
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({
        contactPhone: '13912345678',
        annualRevenue: 30_000_000,
        commissionerId: commissioner.id,
      });
      const notAssigned = await getOrg(commissioner.token, outsider.organization.id);
      expect(notAssigned.status).toBe(200);
      expect(Object.keys(notAssigned.body).sort()).toEqual(PUBLIC_KEYS);

      const list = await request(t.http)
        .get('/api/v1/orgs')
        .auth(commissioner.token, { type: 'bearer' })
        .query({ kind: 'enterprise', district: 'licang', pageSize: 100 });
      expect(list.status).toBe(200);
      const items = list.body.items as Record<string, unknown>[];
      expect(items.find((o) => o.id === first.organization.id)).toHaveProperty('contactPhone');
      expect(items.find((o) => o.id === outsider.organization.id)).not.toHaveProperty(
        'contactPhone',
      );
    });

    it('should move an enterprise from one portfolio to another', async () => {
      const other = await createCommissioner(t.http, admin.accessToken);
      const ent = await register(t.http);
      expect(
        (await assign(admin.accessToken, commissioner.id, { orgIds: [ent.organization.id] }))
          .status,
      ).toBe(200);

      const response = await assign(admin.accessToken, other.id, { orgIds: [ent.organization.id] });

      expect(response.status).toBe(200);
      expect(await commissionerOf(ent.organization.id)).toBe(other.id);
      const formerView = await getOrg(commissioner.token, ent.organization.id);
      expect(Object.keys(formerView.body).sort()).toEqual(PUBLIC_KEYS);
    });

    it.each([
      ['a bank', 'bank'],
      ['an unknown id', 'unknown'],
      ['the service center', 'center'],
    ])(
      'should answer 404 ORGANIZATION_NOT_FOUND for %s among the ids and assign nothing',
      async (_label, which) => {
        const first = await register(t.http);
        const second = await register(t.http);
        const bad =
          which === 'bank'
            ? (await verifiedOrg(t.http, admin.accessToken, 'bank')).organization.id
            : which === 'center'
              ? '00000000-0000-4000-8000-000000000001'
              : UNKNOWN_ID;

        const response = await assign(admin.accessToken, commissioner.id, {
          orgIds: [first.organization.id, bad, second.organization.id],
        });

        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
        expect(response.body.error.details).toEqual([
          expect.objectContaining({ field: 'orgIds', message: bad }),
        ]);
        expect(await commissionerOf(first.organization.id)).toBeNull();
        expect(await commissionerOf(second.organization.id)).toBeNull();
        expect(await commissionerOf(bad).catch(() => null)).toBeNull();
      },
    );

    it('should refuse both or neither of orgIds and district with 400 and assign nothing', async () => {
      const ent = await register(t.http);

      const both = await assign(admin.accessToken, commissioner.id, {
        orgIds: [ent.organization.id],
        district: DISTRICT,
      });
      const neither = await assign(admin.accessToken, commissioner.id, {});

      expect(both.status).toBe(400);
      expect(both.body.error.code).toBe('VALIDATION_FAILED');
      expect(neither.status).toBe(400);
      expect(neither.body.error.code).toBe('VALIDATION_FAILED');
      expect(await commissionerOf(ent.organization.id)).toBeNull();
      expect((await summaryOf(commissioner.id))?.districts).toEqual([]);
    });

    it.each([
      ['an empty orgIds', { orgIds: [] }],
      ['an orgId that is not a UUID', { orgIds: ['acme'] }],
      ['a repeated orgId', { orgIds: [UNKNOWN_ID, UNKNOWN_ID] }],
      ['orgIds that is not a list', { orgIds: UNKNOWN_ID }],
      ['an unknown district', { district: 'beijing' }],
      ['an unknown field', { district: DISTRICT, force: true }],
    ])('should refuse %s with 400 VALIDATION_FAILED', async (_label, body) => {
      const response = await assign(admin.accessToken, commissioner.id, body);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect((await summaryOf(commissioner.id))?.districts).toEqual([]);
    });

    it('should answer 404 USER_NOT_FOUND for an id that is not a commissioner and assign nothing', async () => {
      const ent = await register(t.http);

      for (const id of [admin.user.id, ent.user.id, UNKNOWN_ID]) {
        const response = await assign(admin.accessToken, id, { orgIds: [ent.organization.id] });
        expect({ id, status: response.status, code: response.body.error?.code }).toEqual({
          id,
          status: 404,
          code: 'USER_NOT_FOUND',
        });
      }
      expect(await commissionerOf(ent.organization.id)).toBeNull();
    });

    it('should answer 400 VALIDATION_FAILED for a commissioner id that is not a UUID', async () => {
      const response = await assign(admin.accessToken, 'someone', { district: DISTRICT });

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('POST /commissioners/:id/assignments with a district', () => {
    it('should assign every enterprise of the district, now and later, but no institution', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const inDistrict = { organization: { district: DISTRICT } };
      const pendingEnt = await register(t.http, 'enterprise', inDistrict);
      const verifiedEnt = await verifiedOrg(t.http, admin.accessToken, 'enterprise', inDistrict);
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank', inDistrict);
      const elsewhere = await register(t.http, 'enterprise', {
        organization: { district: 'chengyang' },
      });

      districtHolders.push(commissioner.id);
      const response = await assign(admin.accessToken, commissioner.id, { district: DISTRICT });

      expect(response.status).toBe(200);
      const enterprisesThere = await request(t.http)
        .get('/api/v1/orgs')
        .auth(admin.accessToken, { type: 'bearer' })
        .query({ kind: 'enterprise', district: DISTRICT });
      expect(response.body).toEqual({
        commissionerId: commissioner.id,
        assigned: enterprisesThere.body.total,
        district: DISTRICT,
      });
      expect(response.body.assigned).toBeGreaterThanOrEqual(2);
      expect(await commissionerOf(pendingEnt.organization.id)).toBe(commissioner.id);
      expect(await commissionerOf(verifiedEnt.organization.id)).toBe(commissioner.id);
      expect(await commissionerOf(bank.organization.id)).toBeNull();
      expect(await commissionerOf(elsewhere.organization.id)).toBeNull();

      const later = await register(t.http, 'enterprise', inDistrict);
      const laterBank = await register(t.http, 'leasing', inDistrict);
      expect(later.organization).toMatchObject({ commissionerId: commissioner.id });
      expect(laterBank.organization).toMatchObject({ commissionerId: null });
      const fullView = await getOrg(commissioner.token, later.organization.id);
      expect(fullView.body).toHaveProperty('contactPhone', '13912345678');

      const summary = await summaryOf(commissioner.id);
      expect(summary).toMatchObject({
        role: 'commissioner',
        districts: [DISTRICT],
        enterprises: (response.body.assigned as number) + 1,
      });
      expect(summary).not.toHaveProperty('passwordHash');
    });

    it('should hand a district over to another commissioner', async () => {
      const before = await createCommissioner(t.http, admin.accessToken);
      const after = await createCommissioner(t.http, admin.accessToken);
      districtHolders.push(before.id, after.id);
      const ent = await register(t.http, 'enterprise', { organization: { district: DISTRICT } });
      expect((await assign(admin.accessToken, before.id, { district: DISTRICT })).status).toBe(200);

      const response = await assign(admin.accessToken, after.id, { district: DISTRICT });

      expect(response.status).toBe(200);
      expect(await commissionerOf(ent.organization.id)).toBe(after.id);
      expect((await summaryOf(before.id))?.districts).toEqual([]);
      expect((await summaryOf(after.id))?.districts).toEqual([DISTRICT]);
      const later = await register(t.http, 'enterprise', { organization: { district: DISTRICT } });
      expect(later.organization).toMatchObject({ commissionerId: after.id });
    });
  });

  describe('DELETE /commissioners/:id/assignments/:orgId', () => {
    it('should take an enterprise out of the portfolio with 204', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const ent = await register(t.http);
      const stays = await register(t.http);
      await assign(admin.accessToken, commissioner.id, {
        orgIds: [ent.organization.id, stays.organization.id],
      });

      const response = await unassign(admin.accessToken, commissioner.id, ent.organization.id);

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(await commissionerOf(ent.organization.id)).toBeNull();
      expect(await commissionerOf(stays.organization.id)).toBe(commissioner.id);
      const view = await getOrg(commissioner.token, ent.organization.id);
      expect(Object.keys(view.body).sort()).toEqual(PUBLIC_KEYS);
      expect((await summaryOf(commissioner.id))?.enterprises).toBe(1);
    });

    it("should answer 404 ORGANIZATION_NOT_FOUND for an organization outside that commissioner's portfolio", async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const other = await createCommissioner(t.http, admin.accessToken);
      const unassigned = await register(t.http);
      const othersEnt = await register(t.http);
      await assign(admin.accessToken, other.id, { orgIds: [othersEnt.organization.id] });

      for (const orgId of [unassigned.organization.id, othersEnt.organization.id, UNKNOWN_ID]) {
        const response = await unassign(admin.accessToken, commissioner.id, orgId);
        expect({ orgId, status: response.status, code: response.body.error?.code }).toEqual({
          orgId,
          status: 404,
          code: 'ORGANIZATION_NOT_FOUND',
        });
      }
      expect(await commissionerOf(othersEnt.organization.id)).toBe(other.id);
    });

    it('should answer 400 VALIDATION_FAILED for an orgId that is not a UUID', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);

      const response = await unassign(admin.accessToken, commissioner.id, 'everyone');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /commissioners', () => {
    it('should list every commissioner, and only commissioners, with districts and counts', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);

      const response = await request(t.http)
        .get('/api/v1/commissioners')
        .auth(admin.accessToken, { type: 'bearer' });

      expect(response.status).toBe(200);
      const list = response.body as CommissionerSummaryBody[];
      expect(list.every((c) => c.role === 'commissioner')).toBe(true);
      expect(list.map((c) => c.id)).not.toContain(admin.user.id);
      expect(list.find((c) => c.id === commissioner.id)).toMatchObject({
        email: commissioner.email,
        districts: [],
        enterprises: 0,
      });
    });
  });

  describe('access', () => {
    it('should refuse non-admins with 403 FORBIDDEN and assign nothing', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const ent = await register(t.http);
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');

      for (const token of [ent.accessToken, bank.accessToken, commissioner.token]) {
        const responses = [
          await request(t.http).get('/api/v1/commissioners').auth(token, { type: 'bearer' }),
          await assign(token, commissioner.id, { orgIds: [ent.organization.id] }),
          await unassign(token, commissioner.id, ent.organization.id),
        ];
        expect(responses.map(outcome)).toEqual([
          [403, 'FORBIDDEN'],
          [403, 'FORBIDDEN'],
          [403, 'FORBIDDEN'],
        ]);
      }
      expect(await commissionerOf(ent.organization.id)).toBeNull();
    });

    it('should refuse an anonymous caller with 401 UNAUTHENTICATED', async () => {
      const responses = [
        await request(t.http).get('/api/v1/commissioners'),
        await request(t.http)
          .post(`/api/v1/commissioners/${UNKNOWN_ID}/assignments`)
          .send({ district: DISTRICT }),
        await request(t.http).delete(
          `/api/v1/commissioners/${UNKNOWN_ID}/assignments/${UNKNOWN_ID}`,
        ),
      ];

      expect(responses.map(outcome)).toEqual([
        [401, 'UNAUTHENTICATED'],
        [401, 'UNAUTHENTICATED'],
        [401, 'UNAUTHENTICATED'],
      ]);
    });
  });

  describe('what a commissioner sees', () => {
    it('should show a commissioner the public view of any organization it can list, pending institutions too', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const pendingBank = await register(t.http, 'guarantor', {
        organization: { district: 'pingdu', industry: 'new_energy' },
      });

      const list = await request(t.http)
        .get('/api/v1/orgs')
        .auth(commissioner.token, { type: 'bearer' })
        .query({ status: 'pending', district: 'pingdu', industry: 'new_energy', pageSize: 100 });
      const single = await getOrg(commissioner.token, pendingBank.organization.id);

      expect(list.status).toBe(200);
      expect((list.body.items as { id: string }[]).map((o) => o.id)).toContain(
        pendingBank.organization.id,
      );
      expect(single.status).toBe(200);
      expect(Object.keys(single.body).sort()).toEqual(PUBLIC_KEYS);
      expect(single.body).toMatchObject({ id: pendingBank.organization.id, status: 'pending' });
    });
  });
});
