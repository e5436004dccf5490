import { randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '@app/core';
import { chinaDate, WhitelistValidityJob } from '@app/whitelist';
import request from 'supertest';
import {
  createWhitelistBatch,
  csvText,
  importWhitelistFile,
  loginAdmin,
  publishedNeed,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';

const DAY_MS = 86_400_000;

/** The bureau's whitelist reaches the need documents that institutions search and match on. */
describe('whitelist status in need search', () => {
  let t: TestApp;
  let admin: SessionBody;
  let bank: SessionBody;
  let dir: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    dir = await mkdtemp(join(tmpdir(), 'techfin-needs-whitelist-'));
  });
  afterAll(async () => {
    t.app.get(Clock).reset();
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const found = async (query: Record<string, string | number | boolean>): Promise<string[]> => {
    const response = await request(t.http)
      .get('/api/v1/needs')
      .query(query)
      .auth(bank.accessToken, { type: 'bearer' });
    expect(response.status).toBe(200);
    return (response.body.items as { id: string }[]).map((item) => item.id);
  };

  /** A published whitelist batch holding one enterprise, valid over [from, to]. */
  const whitelist = async (enterprise: SessionBody, from: string, to: string): Promise<string> => {
    const batch = await createWhitelistBatch(t.http, admin.accessToken);
    const code = (enterprise.organization as unknown as { creditCode: string }).creditCode;
    const file = join(dir, `${batch.id}.csv`);
    await writeFile(
      file,
      csvText([
        ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'],
        [code, enterprise.organization.name, '专精特新中小企业', from, to],
      ]),
    );
    const imported = await importWhitelistFile(t.http, admin.accessToken, batch.id, file);
    expect(imported.body).toMatchObject({ imported: 1, rejected: 0 });
    const published = await request(t.http)
      .post(`/api/v1/whitelist/batches/${batch.id}/publish`)
      .auth(admin.accessToken, { type: 'bearer' });
    expect(published.status).toBe(200);
    return batch.id;
  };

  it('should mark the needs of a whitelisted enterprise, with its confirmed qualifications, and unmark them on revoke', async () => {
    const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise', {
      organization: { qualifications: [] },
    });
    const amount = 10_000_000 + randomInt(1_000_000);
    const need = await publishedNeed(t.http, enterprise.accessToken, { amount });
    const range = { amountMin: amount, amountMax: amount };
    await eventually(async () =>
      expect(await found({ ...range, whitelisted: false })).toEqual([need.id]),
    );
    expect(await found({ ...range, whitelisted: true })).toEqual([]);

    const today = chinaDate(new Date());
    const batchId = await whitelist(enterprise, today, '2099-12-31');
    await eventually(async () =>
      expect(await found({ ...range, whitelisted: true })).toEqual([need.id]),
    );
    expect(await found({ ...range, qualifications: 'specialized' })).toEqual([need.id]);

    const revoked = await request(t.http)
      .post(`/api/v1/whitelist/batches/${batchId}/revoke`)
      .auth(admin.accessToken, { type: 'bearer' });
    expect(revoked.status).toBe(200);
    await eventually(async () => expect(await found({ ...range, whitelisted: true })).toEqual([]));
    expect(await found({ ...range, qualifications: 'specialized' })).toEqual([]);
  });

  it('should follow an admin suspending and reinstating a single entry', async () => {
    const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    const amount = 30_000_000 + randomInt(1_000_000);
    const need = await publishedNeed(t.http, enterprise.accessToken, { amount });
    const range = { amountMin: amount, amountMax: amount };
    const batchId = await whitelist(enterprise, chinaDate(new Date()), '2099-12-31');
    await eventually(async () =>
      expect(await found({ ...range, whitelisted: true })).toEqual([need.id]),
    );
    const entries = await request(t.http)
      .get('/api/v1/whitelist/entries')
      .query({ batchId })
      .auth(admin.accessToken, { type: 'bearer' });
    const entryId = (entries.body.items as { id: string }[])[0].id;
    const patch = (who: SessionBody, id: string, body: object) =>
      request(t.http)
        .patch(`/api/v1/whitelist/entries/${id}`)
        .auth(who.accessToken, { type: 'bearer' })
        .send(body);

    expect((await patch(enterprise, entryId, { status: 'suspended' })).status).toBe(403);
    expect((await patch(admin, entryId, { status: 'paused' })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    const unknown = await patch(admin, '00000000-0000-4000-8000-00000000beef', {
      status: 'suspended',
    });
    expect(unknown.body.error.code).toBe('WHITELIST_ENTRY_NOT_FOUND');

    const suspended = await patch(admin, entryId, { status: 'suspended' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({
      id: entryId,
      status: 'suspended',
      orgId: enterprise.organization.id,
    });
    await eventually(async () => expect(await found({ ...range, whitelisted: true })).toEqual([]));
    const mine = await request(t.http)
      .get('/api/v1/whitelist/me')
      .auth(enterprise.accessToken, { type: 'bearer' });
    expect(mine.body.whitelisted).toBe(false);

    expect((await patch(admin, entryId, { status: 'active' })).status).toBe(200);
    await eventually(async () =>
      expect(await found({ ...range, whitelisted: true })).toEqual([need.id]),
    );
  });

  it('should turn an entry on when its first valid day comes, without any write', async () => {
    const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    const amount = 20_000_000 + randomInt(1_000_000);
    const need = await publishedNeed(t.http, enterprise.accessToken, { amount });
    const range = { amountMin: amount, amountMax: amount };
    const tomorrow = chinaDate(new Date(Date.now() + DAY_MS));
    await whitelist(enterprise, tomorrow, '2099-12-31');
    await eventually(async () =>
      expect(await found({ ...range, whitelisted: false })).toEqual([need.id]),
    );

    const clock = t.app.get(Clock);
    clock.advance(DAY_MS);
    const refreshed = await t.app.get(WhitelistValidityJob).refreshDay();
    expect(refreshed).toContain(enterprise.organization.id);
    await eventually(async () =>
      expect(await found({ ...range, whitelisted: true })).toEqual([need.id]),
    );
    clock.reset();
  });
});
