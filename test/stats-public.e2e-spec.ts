import { Clock } from '@app/core';
import request from 'supertest';
import {
  createCommissioner,
  loginAdmin,
  openDockingSession,
  publishedNeed,
  publishedProduct,
  register,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { amountBand, publishedEvent } from './helpers/event-factories';
import { startApp, TestApp } from './helpers/test-app';

interface PublicStats {
  productsListed: number;
  institutions: number;
  enterprises: number;
  needsPublished: number;
  needsServed: number;
  upcomingEvents: number;
  countedAt: string;
}

/** Figures are counted at most once a minute per instance: past that, a read counts afresh. */
const PAST_THE_MINUTE_MS = 60_001;

describe('GET /api/v1/stats/public', () => {
  let t: TestApp;
  let admin: SessionBody;
  let clock: Clock;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    clock = t.app.get(Clock);
  });
  afterAll(async () => {
    clock.reset();
    await t.close();
  });

  const stats = async (): Promise<PublicStats> => {
    const response = await request(t.http).get('/api/v1/stats/public');
    expect(response.status).toBe(200);
    return response.body as PublicStats;
  };
  const freshStats = () => {
    clock.advance(PAST_THE_MINUTE_MS);
    return stats();
  };
  const change = (before: PublicStats, after: PublicStats) =>
    Object.fromEntries(
      Object.entries(after)
        .filter(([key]) => key !== 'countedAt')
        .map(([key, value]) => [
          key,
          (value as number) - (before[key as keyof PublicStats] as number),
        ]),
    );

  it('should count, for anyone, the shelf, the verified organizations, the needs and the events to come', async () => {
    const before = await freshStats();
    const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
    await register(t.http, 'investor');
    await publishedProduct(t.http, bank.accessToken);
    await publishedNeed(t.http, enterprise.accessToken);
    await openDockingSession(t.http, bank, enterprise, amountBand());
    const commissioner = await createCommissioner(t.http, admin.accessToken);
    await publishedEvent(t.http, commissioner.token);

    const after = await freshStats();

    expect(change(before, after)).toEqual({
      productsListed: 2,
      institutions: 1,
      enterprises: 1,
      needsPublished: 2,
      needsServed: 1,
      upcomingEvents: 1,
    });
    expect(Date.parse(after.countedAt)).toBeGreaterThan(Date.parse(before.countedAt));
  });

  it('should answer the same figures for a minute, then count again', async () => {
    const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    const before = await freshStats();
    await publishedProduct(t.http, bank.accessToken);

    expect(await stats()).toEqual(before);
    expect((await freshStats()).productsListed).toBe(before.productsListed + 1);
  });

  it("should leave a suspended institution's products off the shelf count", async () => {
    const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    await publishedProduct(t.http, bank.accessToken);
    const before = await freshStats();

    const suspension = await request(t.http)
      .post(`/api/v1/orgs/${bank.organization.id}/suspend`)
      .auth(admin.accessToken, { type: 'bearer' });
    expect(suspension.status).toBe(200);

    expect(change(before, await freshStats())).toMatchObject({
      productsListed: -1,
      institutions: -1,
    });
  });
});
