import { Clock } from '@app/core';
import { NeedsService } from '@app/needs';
import request from 'supertest';
import {
  createCommissioner,
  createNeed,
  isoDay,
  loginAdmin,
  needBody,
  NeedBody,
  publishedNeed,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

const UNKNOWN_ID = '3f0c6a1e-8d2b-4c7a-9e5f-1b2d3c4e5f60';
const CONTACT_PHONE = '0532-86661234';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

function codeOf(response: request.Response): string | undefined {
  return (response.body as Partial<ErrorBody>).error?.code;
}

/** The failed fields and rule codes of a 400, to assert exactly which rule refused the body. */
function failures(response: request.Response): string[] {
  const details = (response.body as ErrorBody).error.details as { field: string; code: string }[];
  return details.map((d) => `${d.field}:${d.code}`);
}

describe('needs', () => {
  let t: TestApp;
  let admin: SessionBody;
  let owner: SessionBody;
  let rival: SessionBody;
  let bank: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    owner = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
      organization: { contactName: '王经理', contactPhone: CONTACT_PHONE, district: 'jimo' },
    });
    rival = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
  });

  const as = (session: SessionBody | string) =>
    typeof session === 'string' ? session : session.accessToken;
  const post = (who: SessionBody | string, path: string, body?: object) =>
    request(t.http)
      .post(`/api/v1${path}`)
      .auth(as(who), { type: 'bearer' })
      .send(body ?? {});
  const patch = (who: SessionBody | string, path: string, body: object) =>
    request(t.http).patch(`/api/v1${path}`).auth(as(who), { type: 'bearer' }).send(body);
  const get = (who: SessionBody | string, path: string) =>
    request(t.http).get(`/api/v1${path}`).auth(as(who), { type: 'bearer' });

  /** Every need of the owner's enterprise, to prove a refused write left nothing behind. */
  const ownTotal = async (session: SessionBody): Promise<number> => {
    const response = await get(session, '/needs').query({ pageSize: 1 });
    expect(response.status).toBe(200);
    return (response.body as { total: number }).total;
  };

  describe('POST /needs', () => {
    it('should create a draft with every field and the enterprise with its contacts', async () => {
      const body = needBody({ amount: 12_000_000, fundingTypes: ['loan', 'loan_equity_linked'] });
      const response = await post(owner, '/needs', body);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        ...body,
        id: expect.any(String),
        orgId: owner.organization.id,
        createdBy: owner.user.id,
        status: 'draft',
        publishedAt: null,
        enterprise: {
          id: owner.organization.id,
          name: owner.organization.name,
          district: 'jimo',
          industry: 'ai',
          qualifications: ['high_tech'],
          contactName: '王经理',
          contactPhone: CONTACT_PHONE,
        },
      });
      const reread = await get(owner, `/needs/${response.body.id}`);
      expect(reread.status).toBe(200);
      expect(reread.body).toEqual(response.body);
    });

    it('should let a pending enterprise draft', async () => {
      const pending = await register(t.http);
      const response = await post(pending, '/needs', needBody());
      expect(response.status).toBe(201);
      expect(response.body.status).toBe('draft');
    });

    it('should store SQL, HTML and emoji text verbatim', async () => {
      const title = `'; DROP TABLE needs; -- <b>融资</b> 🚀❤️`;
      const description = `<script>alert("x")</script>\n' OR 1=1 -- 💰 "引号" \\ 反斜杠`;
      const response = await post(owner, '/needs', needBody({ title, description }));
      expect(response.status).toBe(201);
      const reread = await get(owner, `/needs/${response.body.id}`);
      expect(reread.body).toMatchObject({ title, description });
    });

    it.each([
      ['an institution', () => bank],
      ['an admin', () => admin],
    ])('should refuse %s with 403 FORBIDDEN', async (_, who) => {
      const response = await post(who(), '/needs', needBody());
      expect(response.status).toBe(403);
      expect(codeOf(response)).toBe('FORBIDDEN');
    });

    it('should refuse a commissioner with 403 and an anonymous caller with 401', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const byCommissioner = await post(commissioner.token, '/needs', needBody());
      expect([byCommissioner.status, codeOf(byCommissioner)]).toEqual([403, 'FORBIDDEN']);
      const anonymous = await request(t.http).post('/api/v1/needs').send(needBody());
      expect([anonymous.status, codeOf(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it.each([
      ['amount 10,000', { amount: 10_000 }],
      ['amount 100,000,000,000', { amount: 100_000_000_000 }],
      ['term 1', { termMonths: 1 }],
      ['term 360', { termMonths: 360 }],
      ['maxRateBps 0', { maxRateBps: 0 }],
      ['maxRateBps 3600', { maxRateBps: 3600 }],
      ['fundBy tomorrow', { fundBy: isoDay(1) }],
      ['a title of 100 characters', { title: '融'.repeat(100) }],
      ['a title of 100 code points of emoji', { title: '❤️'.repeat(50) }],
      ['a description of 5,000 characters', { description: '资'.repeat(5000) }],
      [
        'every funding type',
        {
          fundingTypes: [
            'loan',
            'equity',
            'loan_equity_linked',
            'insured_loan',
            'leasing',
            'guarantee',
          ],
        },
      ],
    ])('should accept the boundary: %s', async (_, overrides) => {
      const response = await post(owner, '/needs', needBody(overrides));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject(overrides);
    });

    it.each([
      ['amount 9,999', { amount: 9_999 }, 'amount:isYuan'],
      ['amount 100,000,000,001', { amount: 100_000_000_001 }, 'amount:isYuan'],
      ['a float amount', { amount: 50_000.5 }, 'amount:isYuan'],
      ['a huge amount', { amount: 1e21 }, 'amount:isYuan'],
      ['an amount as a string', { amount: '50000' }, 'amount:isYuan'],
      ['term 0', { termMonths: 0 }, 'termMonths:min'],
      ['term 361', { termMonths: 361 }, 'termMonths:max'],
      ['a float term', { termMonths: 12.5 }, 'termMonths:isInt'],
      ['maxRateBps 3,601', { maxRateBps: 3601 }, 'maxRateBps:isBasisPoints'],
      ['a negative maxRateBps', { maxRateBps: -1 }, 'maxRateBps:isBasisPoints'],
      ['no funding type', { fundingTypes: [] }, 'fundingTypes:arrayMinSize'],
      ['no guarantee', { guarantees: [] }, 'guarantees:arrayMinSize'],
      ['an unknown funding type', { fundingTypes: ['loan', 'crypto'] }, 'fundingTypes:isCode'],
      ['an unknown guarantee', { guarantees: ['gold'] }, 'guarantees:isCode'],
      ['an unknown purpose', { purpose: 'marketing' }, 'purpose:isCode'],
      ['a repeated guarantee', { guarantees: ['credit', 'credit'] }, 'guarantees:arrayUnique'],
      ['a title of 101 characters', { title: '融'.repeat(101) }, 'title:maxLength'],
      [
        'a title of 101 code points with emoji',
        { title: `a${'❤️'.repeat(50)}` },
        'title:maxLength',
      ],
      ['an empty title', { title: '   ' }, 'title:minLength'],
      [
        'a description of 5,001 characters',
        { description: '资'.repeat(5001) },
        'description:maxLength',
      ],
      ['fundBy today', { fundBy: isoDay(0) }, 'fundBy:isFuture'],
      ['fundBy in the past', { fundBy: isoDay(-30) }, 'fundBy:isFuture'],
      ['fundBy not a calendar date', { fundBy: '2031-02-30' }, 'fundBy:isIso8601'],
      ['fundBy with a time', { fundBy: '2031-01-01T00:00:00Z' }, 'fundBy:matches'],
      ['an unknown field', { status: 'published' }, 'status:unknown_field'],
    ])(
      'should refuse %s with 400 naming the rule, writing nothing',
      async (_, overrides, failure) => {
        const before = await ownTotal(owner);
        const response = await post(owner, '/needs', needBody(overrides));
        expect(response.status).toBe(400);
        expect(codeOf(response)).toBe('VALIDATION_FAILED');
        expect(failures(response)).toContain(failure);
        expect(await ownTotal(owner)).toBe(before);
      },
    );

    it('should refuse a body without the required fields, naming each', async () => {
      const response = await post(owner, '/needs', {});
      expect(response.status).toBe(400);
      const fields = new Set(failures(response).map((f) => f.split(':')[0]));
      expect([...fields].sort()).toEqual(
        [
          'amount',
          'description',
          'fundBy',
          'fundingTypes',
          'guarantees',
          'maxRateBps',
          'purpose',
          'termMonths',
          'title',
        ].sort(),
      );
    });
  });

  describe('GET /needs/:id', () => {
    let draft: NeedBody;
    let published: NeedBody;
    let withdrawn: NeedBody;

    beforeAll(async () => {
      draft = await createNeed(t.http, owner.accessToken);
      published = await publishedNeed(t.http, owner.accessToken);
      withdrawn = await publishedNeed(t.http, owner.accessToken);
      expect((await post(owner, `/needs/${withdrawn.id}/withdraw`)).status).toBe(200);
    });

    it("should hide another enterprise's needs in every status with 404", async () => {
      for (const need of [draft, published, withdrawn]) {
        const response = await get(rival, `/needs/${need.id}`);
        expect([response.status, codeOf(response)]).toEqual([404, 'NEED_NOT_FOUND']);
      }
    });

    it('should answer 404 to an institution reading a draft or a withdrawn need', async () => {
      for (const need of [draft, withdrawn]) {
        const response = await get(bank, `/needs/${need.id}`);
        expect([response.status, codeOf(response)]).toEqual([404, 'NEED_NOT_FOUND']);
      }
    });

    it('should show an institution a published need with the enterprise but no contact fields', async () => {
      const response = await get(bank, `/needs/${published.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: published.id, status: 'published' });
      expect(response.body).not.toHaveProperty('createdBy');
      expect(response.body).not.toHaveProperty('contactName');
      expect(response.body).not.toHaveProperty('contactPhone');
      expect(response.body.enterprise).toEqual({
        id: owner.organization.id,
        name: owner.organization.name,
        district: 'jimo',
        industry: 'ai',
        qualifications: ['high_tech'],
      });
      expect(JSON.stringify(response.body)).not.toContain(CONTACT_PHONE);
    });

    it('should show admins published and withdrawn needs with contacts, but not drafts', async () => {
      for (const need of [published, withdrawn]) {
        const response = await get(admin, `/needs/${need.id}`);
        expect(response.status).toBe(200);
        expect(response.body.enterprise.contactPhone).toBe(CONTACT_PHONE);
      }
      const response = await get(admin, `/needs/${draft.id}`);
      expect([response.status, codeOf(response)]).toEqual([404, 'NEED_NOT_FOUND']);
    });

    it("should show the enterprise's commissioner the contacts and another commissioner none", async () => {
      const own = await createCommissioner(t.http, admin.accessToken);
      const other = await createCommissioner(t.http, admin.accessToken);
      const assigned = await post(admin, `/commissioners/${own.id}/assignments`, {
        orgIds: [owner.organization.id],
      });
      expect(assigned.status).toBe(200);

      const full = await get(own.token, `/needs/${published.id}`);
      expect(full.status).toBe(200);
      expect(full.body.enterprise.contactPhone).toBe(CONTACT_PHONE);
      const outsider = await get(other.token, `/needs/${published.id}`);
      expect(outsider.status).toBe(200);
      expect(outsider.body.enterprise).not.toHaveProperty('contactPhone');
      expect(outsider.body.enterprise).not.toHaveProperty('contactName');
      const outsiderDraft = await get(other.token, `/needs/${draft.id}`);
      expect(outsiderDraft.status).toBe(404);
    });

    it('should answer 404 for an unknown id, 400 for a malformed one and 401 anonymously', async () => {
      const unknown = await get(owner, `/needs/${UNKNOWN_ID}`);
      expect([unknown.status, codeOf(unknown)]).toEqual([404, 'NEED_NOT_FOUND']);
      const malformed = await get(owner, '/needs/not-a-uuid');
      expect([malformed.status, codeOf(malformed)]).toEqual([400, 'VALIDATION_FAILED']);
      const anonymous = await request(t.http).get(`/api/v1/needs/${published.id}`);
      expect(anonymous.status).toBe(401);
    });
  });

  describe('PATCH /needs/:id', () => {
    it('should edit a draft and keep the other fields', async () => {
      const need = await createNeed(t.http, owner.accessToken, { amount: 800_000 });
      const response = await patch(owner, `/needs/${need.id}`, {
        title: '改后的标题',
        guarantees: ['mortgage'],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        title: '改后的标题',
        guarantees: ['mortgage'],
        amount: 800_000,
        status: 'draft',
      });
      expect((await get(owner, `/needs/${need.id}`)).body.title).toBe('改后的标题');
    });

    it('should edit a published need, which stays published', async () => {
      const need = await publishedNeed(t.http, owner.accessToken);
      const response = await patch(owner, `/needs/${need.id}`, { termMonths: 36 });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ termMonths: 36, status: 'published' });
    });

    it('should refuse bad values and cleared fields with 400, changing nothing', async () => {
      const need = await createNeed(t.http, owner.accessToken);
      for (const [body, failure] of [
        [{ amount: 9_999 }, 'amount:isYuan'],
        [{ fundingTypes: [] }, 'fundingTypes:arrayMinSize'],
        [{ fundBy: isoDay(0) }, 'fundBy:isFuture'],
        [{ title: null }, 'title:isDefined'],
        [{ orgId: rival.organization.id }, 'orgId:unknown_field'],
      ] as const) {
        const response = await patch(owner, `/needs/${need.id}`, body);
        expect(response.status).toBe(400);
        expect(failures(response)).toContain(failure);
      }
      const reread = await get(owner, `/needs/${need.id}`);
      expect(reread.body).toMatchObject({
        title: need.title,
        amount: need.amount,
        fundingTypes: need.fundingTypes,
        fundBy: need.fundBy,
        orgId: owner.organization.id,
      });
    });

    it("should answer 404 for another enterprise's draft and leave it unchanged", async () => {
      const need = await createNeed(t.http, owner.accessToken);
      const response = await patch(rival, `/needs/${need.id}`, { title: '被篡改' });
      expect([response.status, codeOf(response)]).toEqual([404, 'NEED_NOT_FOUND']);
      expect((await get(owner, `/needs/${need.id}`)).body.title).toBe(need.title);
    });

    it('should refuse an institution with 403', async () => {
      const need = await publishedNeed(t.http, owner.accessToken);
      const response = await patch(bank, `/needs/${need.id}`, { title: '机构改' });
      expect([response.status, codeOf(response)]).toEqual([403, 'FORBIDDEN']);
    });

    it('should refuse to edit a withdrawn need with 409 naming its status', async () => {
      const need = await createNeed(t.http, owner.accessToken);
      expect((await post(owner, `/needs/${need.id}/withdraw`)).status).toBe(200);
      const response = await patch(owner, `/needs/${need.id}`, { title: '撤回后再改' });
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'NEED_STATUS_CONFLICT',
        details: { from: 'withdrawn', to: 'edited' },
      });
      expect((await get(owner, `/needs/${need.id}`)).body.title).toBe(need.title);
    });
  });

  describe('POST /needs/:id/publish', () => {
    it('should publish a draft of a verified enterprise and stamp publishedAt', async () => {
      const need = await createNeed(t.http, owner.accessToken);
      const before = Date.now();
      const response = await post(owner, `/needs/${need.id}/publish`);
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('published');
      expect(Date.parse(response.body.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('should refuse a pending enterprise with 403 ORGANIZATION_NOT_VERIFIED, leaving a draft', async () => {
      const pending = await register(t.http);
      const need = await createNeed(t.http, pending.accessToken);
      const response = await post(pending, `/needs/${need.id}/publish`);
      expect([response.status, codeOf(response)]).toEqual([403, 'ORGANIZATION_NOT_VERIFIED']);
      expect((await get(pending, `/needs/${need.id}`)).body.status).toBe('draft');
    });

    it("should answer 404 for another enterprise's draft, which stays a draft", async () => {
      const need = await createNeed(t.http, owner.accessToken);
      const response = await post(rival, `/needs/${need.id}/publish`);
      expect([response.status, codeOf(response)]).toEqual([404, 'NEED_NOT_FOUND']);
      expect((await get(owner, `/needs/${need.id}`)).body.status).toBe('draft');
    });

    it('should refuse to publish twice or after a withdrawal with 409 naming from and to', async () => {
      const need = await publishedNeed(t.http, owner.accessToken);
      const again = await post(owner, `/needs/${need.id}/publish`);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'NEED_STATUS_CONFLICT',
        details: { from: 'published', to: 'published' },
      });
      expect((await post(owner, `/needs/${need.id}/withdraw`)).status).toBe(200);
      const afterWithdrawal = await post(owner, `/needs/${need.id}/publish`);
      expect(afterWithdrawal.status).toBe(409);
      expect(afterWithdrawal.body.error.details).toEqual({ from: 'withdrawn', to: 'published' });
    });

    it('should refuse a draft whose fundBy has passed meanwhile with 400', async () => {
      const need = await createNeed(t.http, owner.accessToken, { fundBy: isoDay(1) });
      const clock = t.app.get(Clock);
      clock.advance(2 * 86_400_000);
      try {
        const response = await post(owner, `/needs/${need.id}/publish`);
        expect(response.status).toBe(400);
        expect(failures(response)).toEqual(['fundBy:isFuture']);
      } finally {
        clock.reset();
      }
      expect((await get(owner, `/needs/${need.id}`)).body.status).toBe('draft');
    });

    it('should refuse an institution with 403', async () => {
      const need = await createNeed(t.http, owner.accessToken);
      const response = await post(bank, `/needs/${need.id}/publish`);
      expect([response.status, codeOf(response)]).toEqual([403, 'FORBIDDEN']);
    });
  });

  describe('POST /needs/:id/withdraw', () => {
    it('should withdraw a draft and a published need', async () => {
      for (const need of [
        await createNeed(t.http, owner.accessToken),
        await publishedNeed(t.http, owner.accessToken),
      ]) {
        const response = await post(owner, `/needs/${need.id}/withdraw`);
        expect(response.status).toBe(200);
        expect(response.body.status).toBe('withdrawn');
      }
    });

    it('should refuse a second withdrawal with 409', async () => {
      const need = await createNeed(t.http, owner.accessToken);
      expect((await post(owner, `/needs/${need.id}/withdraw`)).status).toBe(200);
      const again = await post(owner, `/needs/${need.id}/withdraw`);
      expect(again.status).toBe(409);
      expect(again.body.error.details).toEqual({ from: 'withdrawn', to: 'withdrawn' });
    });

    it("should answer 404 for another enterprise's need, which stays as it was", async () => {
      const need = await publishedNeed(t.http, owner.accessToken);
      const response = await post(rival, `/needs/${need.id}/withdraw`);
      expect([response.status, codeOf(response)]).toEqual([404, 'NEED_NOT_FOUND']);
      expect((await get(owner, `/needs/${need.id}`)).body.status).toBe('published');
    });
  });

  describe('docking moves (NeedsService, for the docking module)', () => {
    it('should move published -> docking -> satisfied, and then refuse edits and withdrawal', async () => {
      const need = await publishedNeed(t.http, owner.accessToken);
      const service = t.app.get(NeedsService);
      await service.markDocking(need.id);
      expect((await get(owner, `/needs/${need.id}`)).body.status).toBe('docking');
      const edit = await patch(owner, `/needs/${need.id}`, { title: '对接中修改' });
      expect(edit.status).toBe(409);
      expect(edit.body.error.details).toEqual({ from: 'docking', to: 'edited' });

      await service.markSatisfied(need.id);
      expect((await get(owner, `/needs/${need.id}`)).body.status).toBe('satisfied');
      const withdraw = await post(owner, `/needs/${need.id}/withdraw`);
      expect(withdraw.status).toBe(409);
      expect(withdraw.body.error.details).toEqual({ from: 'satisfied', to: 'withdrawn' });
    });

    it('should let the owner withdraw a need in docking', async () => {
      const need = await publishedNeed(t.http, owner.accessToken);
      await t.app.get(NeedsService).markDocking(need.id);
      const response = await post(owner, `/needs/${need.id}/withdraw`);
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('withdrawn');
    });

    it('should refuse to satisfy a need that is not in docking, or to dock a draft', async () => {
      const service = t.app.get(NeedsService);
      const published = await publishedNeed(t.http, owner.accessToken);
      await expect(service.markSatisfied(published.id)).rejects.toMatchObject({
        code: 'NEED_STATUS_CONFLICT',
        details: { from: 'published', to: 'satisfied' },
      });
      const draft = await createNeed(t.http, owner.accessToken);
      await expect(service.markDocking(draft.id)).rejects.toMatchObject({
        code: 'NEED_STATUS_CONFLICT',
        details: { from: 'draft', to: 'docking' },
      });
      await expect(service.markDocking(UNKNOWN_ID)).rejects.toMatchObject({
        code: 'NEED_NOT_FOUND',
      });
    });
  });

  describe('GET /needs (an enterprise: its own)', () => {
    it('should list its own needs in every status, newest first, and filter by status', async () => {
      const ent = await verifiedOrg(t.http, admin.accessToken);
      const draft = await createNeed(t.http, ent.accessToken);
      const published = await publishedNeed(t.http, ent.accessToken);
      const withdrawn = await createNeed(t.http, ent.accessToken);
      expect((await post(ent, `/needs/${withdrawn.id}/withdraw`)).status).toBe(200);
      await createNeed(t.http, rival.accessToken);

      const all = await get(ent, '/needs');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(all.body.items.map((n: NeedBody) => n.id)).toEqual([
        withdrawn.id,
        published.id,
        draft.id,
      ]);
      expect(all.body.items[0].enterprise).toHaveProperty('contactPhone');

      const drafts = await get(ent, '/needs').query({ status: 'draft' });
      expect(drafts.body.items.map((n: NeedBody) => n.id)).toEqual([draft.id]);
      const paged = await get(ent, '/needs').query({ pageSize: 2, page: 2 });
      expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(paged.body.items.map((n: NeedBody) => n.id)).toEqual([draft.id]);
    });

    it('should search its own titles with q, taking % and _ literally', async () => {
      const ent = await register(t.http);
      const match = await createNeed(t.http, ent.accessToken, { title: '100%_达标 设备更新' });
      await createNeed(t.http, ent.accessToken, { title: '1000 设备' });
      const found = await get(ent, '/needs').query({ q: '100%_' });
      expect(found.status).toBe(200);
      expect(found.body.items.map((n: NeedBody) => n.id)).toEqual([match.id]);
    });

    it('should refuse bad list parameters with 400', async () => {
      for (const query of [
        { status: 'archived' },
        { pageSize: 101 },
        { sort: 'random' },
        { amountMin: 2_000_000, amountMax: 1_000_000 },
      ]) {
        const response = await get(owner, '/needs').query(query);
        expect([response.status, codeOf(response)]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });
  });
});
