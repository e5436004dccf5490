import { randomInt } from 'node:crypto';
import { Clock } from '@app/core';
import { OutboxEntry } from '@app/database';
import { NEEDS_INDEX, NeedExpiryJob } from '@app/needs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createCommissioner,
  createNeed,
  isoDay,
  loginAdmin,
  NeedBody,
  publishedNeed,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

/** An amount no other need has: filtering on it keeps other tests' needs out of the answers. */
function uniqueAmount(): number {
  return 1_000_000 + randomInt(90_000_000_000);
}

interface PageBody {
  items: (NeedBody & { enterprise: Record<string, unknown> })[];
  total: number;
  page: number;
  pageSize: number;
}

describe('needs search (GET /needs for institutions, commissioners and admins)', () => {
  let t: TestApp;
  let admin: SessionBody;
  let owner: SessionBody;
  let bank: SessionBody;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    owner = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
      organization: {
        district: 'laoshan',
        industry: 'ai',
        qualifications: ['high_tech', 'specialized'],
        contactName: '李总',
        contactPhone: '13700001111',
      },
    });
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
  });

  const post = (who: SessionBody, path: string, body: object = {}) =>
    request(t.http).post(`/api/v1${path}`).auth(who.accessToken, { type: 'bearer' }).send(body);
  const search = (token: string, query: Record<string, string | number | boolean | string[]>) =>
    request(t.http).get('/api/v1/needs').query(query).auth(token, { type: 'bearer' });
  const found = async (
    token: string,
    query: Record<string, string | number | boolean | string[]>,
  ): Promise<string[]> => {
    const response = await search(token, query);
    expect(response.status).toBe(200);
    return (response.body as PageBody).items.map((item) => item.id);
  };
  const byAmount = (amount: number) => ({ amountMin: amount, amountMax: amount });

  it('should find a published need by a Chinese keyword, without contact fields, and never a draft', async () => {
    const amount = uniqueAmount();
    const need = await publishedNeed(t.http, owner.accessToken, {
      amount,
      title: '海洋牧场智能网箱升级改造',
      description: '建设深远海养殖智能网箱，购置水下监测设备。',
    });
    const draft = await createNeed(t.http, owner.accessToken, {
      amount,
      title: '海洋牧场智能网箱草稿',
    });

    await eventually(async () =>
      expect(await found(bank.accessToken, { q: '智能网箱', ...byAmount(amount) })).toEqual([
        need.id,
      ]),
    );
    const response = await search(bank.accessToken, { q: '网箱', ...byAmount(amount) });
    const page = response.body as PageBody;
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(page.items[0]).not.toHaveProperty('createdBy');
    expect(page.items[0]).not.toHaveProperty('contactPhone');
    expect(page.items[0].enterprise).toEqual({
      id: owner.organization.id,
      name: owner.organization.name,
      district: 'laoshan',
      industry: 'ai',
      qualifications: ['high_tech', 'specialized'],
    });
    expect(JSON.stringify(page)).not.toContain('13700001111');
    expect(await found(bank.accessToken, { q: '区块链', ...byAmount(amount) })).toEqual([]);
    expect(await found(bank.accessToken, byAmount(amount))).not.toContain(draft.id);
  });

  it('should find a need by a finance synonym of its guarantee', async () => {
    const amount = uniqueAmount();
    const need = await publishedNeed(t.http, owner.accessToken, {
      amount,
      title: '新型传感器量产资金',
      guarantees: ['ip_pledge'],
    });
    await eventually(async () =>
      expect(await found(bank.accessToken, { q: '知识产权质押', ...byAmount(amount) })).toEqual([
        need.id,
      ]),
    );
    expect(await found(bank.accessToken, { q: '知产贷', ...byAmount(amount) })).toEqual([need.id]);
  });

  describe('filters', () => {
    const amount = uniqueAmount();
    let a: NeedBody;
    let b: NeedBody;

    beforeAll(async () => {
      const other = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
        organization: {
          district: 'shinan',
          industry: 'biomed',
          qualifications: ['gazelle'],
        },
      });
      a = await publishedNeed(t.http, owner.accessToken, {
        amount,
        termMonths: 12,
        purpose: 'rnd',
        fundingTypes: ['loan'],
        guarantees: ['ip_pledge'],
        fundBy: isoDay(200),
      });
      b = await publishedNeed(t.http, other.accessToken, {
        amount,
        termMonths: 36,
        purpose: 'equipment',
        fundingTypes: ['leasing', 'equity'],
        guarantees: ['mortgage'],
        fundBy: isoDay(100),
      });
      await eventually(async () =>
        expect((await found(bank.accessToken, byAmount(amount))).sort()).toEqual(
          [a.id, b.id].sort(),
        ),
      );
    });

    it.each([
      ['district', { district: 'laoshan' }, 'a'],
      ['industry', { industry: 'biomed' }, 'b'],
      ['purpose', { purpose: 'equipment' }, 'b'],
      ['a funding type', { fundingTypes: 'equity' }, 'b'],
      ['funding types, any of (comma-separated)', { fundingTypes: 'loan,leasing' }, 'ab'],
      ['funding types, any of (repeated)', { fundingTypes: ['loan', 'guarantee'] }, 'a'],
      ['a guarantee', { guarantees: 'ip_pledge' }, 'a'],
      ['a qualification', { qualifications: 'gazelle' }, 'b'],
      ['qualifications, any of', { qualifications: 'specialized,unicorn' }, 'a'],
      ['the term range', { termMin: 24, termMax: 360 }, 'b'],
      ['an exact term', { termMin: 12, termMax: 12 }, 'a'],
      ['no match', { district: 'laoshan', purpose: 'equipment' }, ''],
      ['not whitelisted (no enterprise is yet)', { whitelisted: false }, 'ab'],
      ['whitelisted', { whitelisted: true }, ''],
    ])('should filter by %s', async (_, filter, expected) => {
      const ids = await found(bank.accessToken, { ...byAmount(amount), ...filter });
      const want = [...expected].map((key) => (key === 'a' ? a.id : b.id));
      expect(ids.sort()).toEqual(want.sort());
    });

    it('should filter by an amount range around the amount', async () => {
      expect(
        (await found(bank.accessToken, { amountMin: amount - 1, amountMax: amount + 1 })).sort(),
      ).toEqual([a.id, b.id].sort());
      expect(
        await found(bank.accessToken, { amountMin: amount + 1, amountMax: amount + 2 }),
      ).toEqual([]);
    });

    it('should sort by fundBy, soonest first, and by the reverse order on request', async () => {
      expect(await found(bank.accessToken, { ...byAmount(amount), sort: 'fundBy' })).toEqual([
        b.id,
        a.id,
      ]);
      expect(
        await found(bank.accessToken, { ...byAmount(amount), sort: 'fundBy', order: 'desc' }),
      ).toEqual([a.id, b.id]);
    });

    it('should page the results', async () => {
      const response = await search(bank.accessToken, {
        ...byAmount(amount),
        sort: 'fundBy',
        pageSize: 1,
        page: 2,
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect((response.body as PageBody).items.map((i) => i.id)).toEqual([a.id]);
    });

    it('should answer commissioners and admins from the same published set', async () => {
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      expect((await found(commissioner.token, byAmount(amount))).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      expect((await found(admin.accessToken, byAmount(amount))).sort()).toEqual(
        [a.id, b.id].sort(),
      );
    });

    it.each([
      ['an unknown district', { district: 'beijing' }],
      ['an injected filter', { district: 'laoshan" OR status = "draft' }],
      ['an unknown funding type', { fundingTypes: 'loan,bitcoin' }],
      ['a whitelisted flag that is not a boolean', { whitelisted: 'yes' }],
      ['a float amount', { amountMin: '1000.5' }],
      ['a swapped term range', { termMin: 36, termMax: 12 }],
      ['a status other than published', { status: 'draft' }],
      ['an unknown sort', { sort: 'rate' }],
    ])('should refuse %s with 400', async (_, query) => {
      const response = await search(bank.accessToken, query);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  it('should drop a withdrawn need from search', async () => {
    const amount = uniqueAmount();
    const need = await publishedNeed(t.http, owner.accessToken, { amount });
    await eventually(async () =>
      expect(await found(bank.accessToken, byAmount(amount))).toEqual([need.id]),
    );
    expect((await post(owner, `/needs/${need.id}/withdraw`)).status).toBe(200);
    // The database answers at once; the index follows.
    expect(await found(bank.accessToken, byAmount(amount))).toEqual([]);
    const index = new (await import('meilisearch')).Meilisearch({
      host: process.env.MEILI_URL!,
      apiKey: process.env.MEILI_MASTER_KEY,
    }).index(`${process.env.MEILI_INDEX_PREFIX}${NEEDS_INDEX}`);
    await eventually(async () => {
      const hits = await index.search('', { filter: `amount = ${amount}` });
      expect(hits.hits).toEqual([]);
    });
  });

  it('should hide the needs of a suspended organization until it is reinstated', async () => {
    const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    const amount = uniqueAmount();
    const need = await publishedNeed(t.http, enterprise.accessToken, { amount });
    await eventually(async () =>
      expect(await found(bank.accessToken, byAmount(amount))).toEqual([need.id]),
    );
    expect((await post(admin, `/orgs/${enterprise.organization.id}/suspend`)).status).toBe(200);
    await eventually(async () =>
      expect(await found(bank.accessToken, byAmount(amount))).toEqual([]),
    );
    expect((await post(admin, `/orgs/${enterprise.organization.id}/verify`)).status).toBe(200);
    await eventually(async () =>
      expect(await found(bank.accessToken, byAmount(amount))).toEqual([need.id]),
    );
  });

  it('should re-index a published need when it is edited', async () => {
    const amount = uniqueAmount();
    const need = await publishedNeed(t.http, owner.accessToken, { amount, title: '普通资金需求' });
    await eventually(async () =>
      expect(await found(bank.accessToken, byAmount(amount))).toEqual([need.id]),
    );
    const edit = await request(t.http)
      .patch(`/api/v1/needs/${need.id}`)
      .auth(owner.accessToken, { type: 'bearer' })
      .send({ title: '氢燃料电池电堆产线', termMonths: 48 });
    expect(edit.status).toBe(200);
    await eventually(async () =>
      expect(
        await found(bank.accessToken, { q: '电堆', termMin: 48, termMax: 48, ...byAmount(amount) }),
      ).toEqual([need.id]),
    );
  });

  it("should carry an organization's profile change into its needs' documents", async () => {
    const amount = uniqueAmount();
    const ent = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
      organization: { district: 'pingdu' },
    });
    const need = await publishedNeed(t.http, ent.accessToken, { amount });
    await eventually(async () =>
      expect(await found(bank.accessToken, { district: 'pingdu', ...byAmount(amount) })).toEqual([
        need.id,
      ]),
    );
    const moved = await request(t.http)
      .patch(`/api/v1/orgs/${ent.organization.id}`)
      .auth(ent.accessToken, { type: 'bearer' })
      .send({ district: 'jiaozhou', qualifications: ['unicorn'] });
    expect(moved.status).toBe(200);
    await eventually(async () =>
      expect(
        await found(bank.accessToken, {
          district: 'jiaozhou',
          qualifications: 'unicorn',
          ...byAmount(amount),
        }),
      ).toEqual([need.id]),
    );
    expect(await found(bank.accessToken, { district: 'pingdu', ...byAmount(amount) })).toEqual([]);
  });

  describe('expiry', () => {
    const outboxRows = (id: string) =>
      t.app
        .get(DataSource)
        .getRepository(OutboxEntry)
        .countBy({ topic: NEEDS_INDEX, documentId: id });

    it('should expire a published need once its fundBy has passed, drop it from search, and change nothing when run again', async () => {
      const amount = uniqueAmount();
      const due = await publishedNeed(t.http, owner.accessToken, { amount, fundBy: isoDay(1) });
      const later = await publishedNeed(t.http, owner.accessToken, { amount, fundBy: isoDay(30) });
      const draft = await createNeed(t.http, owner.accessToken, { amount, fundBy: isoDay(1) });
      await eventually(async () =>
        expect((await found(bank.accessToken, byAmount(amount))).sort()).toEqual(
          [due.id, later.id].sort(),
        ),
      );

      const job = t.app.get(NeedExpiryJob);
      const clock = t.app.get(Clock);
      // Tomorrow's need is still open today and through tomorrow.
      expect(await job.expireDue(new Date(Date.parse(`${isoDay(1)}T23:59:59Z`)))).not.toContain(
        due.id,
      );
      clock.advance(2 * 86_400_000);
      let first: string[];
      let rowsAfterFirst: number;
      let second: string[];
      try {
        first = await job.expireDue();
        rowsAfterFirst = await outboxRows(due.id);
        second = await job.expireDue();
      } finally {
        clock.reset();
      }
      expect(first).toContain(due.id);
      expect(first).not.toContain(later.id);
      expect(first).not.toContain(draft.id);
      expect(second).not.toContain(due.id);
      expect(await outboxRows(due.id)).toBe(rowsAfterFirst);

      const get = (id: string) =>
        request(t.http).get(`/api/v1/needs/${id}`).auth(owner.accessToken, { type: 'bearer' });
      expect((await get(due.id)).body.status).toBe('expired');
      expect((await get(later.id)).body.status).toBe('published');
      expect((await get(draft.id)).body.status).toBe('draft');
      const forBank = await request(t.http)
        .get(`/api/v1/needs/${due.id}`)
        .auth(bank.accessToken, { type: 'bearer' });
      expect(forBank.status).toBe(404);

      await eventually(async () =>
        expect(await found(bank.accessToken, byAmount(amount))).toEqual([later.id]),
      );
      const withdraw = await post(owner, `/needs/${due.id}/withdraw`);
      expect(withdraw.status).toBe(409);
      expect(withdraw.body.error.details).toEqual({ from: 'expired', to: 'withdrawn' });
    });
  });
});
