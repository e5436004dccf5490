import { randomUUID } from 'node:crypto';
import { TransactionRunner } from '@app/database';
import { Notification, NotificationItem, NotificationsService } from '@app/notifications';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createCommissioner, loginAdmin, register, SessionBody } from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

describe('notifications', () => {
  let t: TestApp;
  let service: NotificationsService;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    t = await startApp();
    service = t.app.get(NotificationsService);
    transactions = t.app.get(TransactionRunner);
  });
  afterAll(() => t.close());

  function item(userId: string, overrides: Partial<NotificationItem> = {}): NotificationItem {
    const productId = randomUUID();
    return {
      userId,
      kind: 'match_new_product',
      title: '新的匹配产品：科技型企业信用贷',
      body: '您的融资需求匹配到新的金融产品。',
      data: { needId: randomUUID(), productId, score: 72 },
      dedupeKey: `test:${productId}`,
      ...overrides,
    };
  }

  function notify(items: NotificationItem[]): Promise<Notification[]> {
    return transactions.run((manager) => service.notify(manager, items));
  }

  function list(session: SessionBody, query: Record<string, string> = {}): request.Test {
    return request(t.http)
      .get('/api/v1/notifications')
      .query(query)
      .auth(session.accessToken, { type: 'bearer' });
  }

  function markRead(session: SessionBody, id: string): request.Test {
    return request(t.http)
      .post(`/api/v1/notifications/${id}/read`)
      .auth(session.accessToken, { type: 'bearer' });
  }

  it('should list the caller’s notifications newest first with the unread count', async () => {
    const user = await register(t.http);
    const older = await notify([item(user.user.id, { title: '较早的通知' })]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await notify([item(user.user.id, { title: '较新的通知' })]);

    const response = await list(user);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 2, page: 1, pageSize: 20, unreadCount: 2 });
    expect(response.body.items.map((n: { title: string }) => n.title)).toEqual([
      '较新的通知',
      '较早的通知',
    ]);
    expect(response.body.items[1]).toEqual({
      id: older[0].id,
      kind: 'match_new_product',
      title: '较早的通知',
      body: '您的融资需求匹配到新的金融产品。',
      data: older[0].data,
      readAt: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('should page the list', async () => {
    const user = await register(t.http);
    await notify([item(user.user.id), item(user.user.id), item(user.user.id)]);

    const response = await list(user, { page: '2', pageSize: '2' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 3, page: 2, pageSize: 2, unreadCount: 3 });
    expect(response.body.items).toHaveLength(1);
  });

  it('should mark one read, keep the first time on a second call, and filter unread=true', async () => {
    const user = await register(t.http);
    const [first] = await notify([item(user.user.id)]);
    const [second] = await notify([item(user.user.id)]);

    const read = await markRead(user, first.id);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: first.id, readAt: expect.any(String) });
    const again = await markRead(user, first.id);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const unread = await list(user, { unread: 'true' });
    expect(unread.body).toMatchObject({ total: 1, unreadCount: 1 });
    expect(unread.body.items.map((n: { id: string }) => n.id)).toEqual([second.id]);
    const all = await list(user);
    expect(all.body).toMatchObject({ total: 2, unreadCount: 1 });
  });

  it('should answer 404 NOTIFICATION_NOT_FOUND for another user’s notification and leave it unread', async () => {
    const owner = await register(t.http);
    const other = await register(t.http);
    const [notification] = await notify([item(owner.user.id)]);

    const response = await markRead(other, notification.id);

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await list(owner)).body.unreadCount).toBe(1);
    expect((await list(other)).body.total).toBe(0);
  });

  it('should answer 404 for an unknown id and 400 for a malformed one', async () => {
    const user = await register(t.http);

    expect((await markRead(user, randomUUID())).status).toBe(404);
    const malformed = await markRead(user, 'not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('should refuse a bad unread filter with 400', async () => {
    const user = await register(t.http);

    const response = await list(user, { unread: 'maybe' });

    expect(response.status).toBe(400);
    expect(response.body.error.details).toContainEqual(
      expect.objectContaining({ field: 'unread' }),
    );
  });

  it('should mark every unread notification read with read-all', async () => {
    const user = await register(t.http);
    const other = await register(t.http);
    await notify([item(user.user.id), item(user.user.id), item(other.user.id)]);

    const response = await request(t.http)
      .post('/api/v1/notifications/read-all')
      .auth(user.accessToken, { type: 'bearer' });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ marked: 2 });
    expect((await list(user)).body).toMatchObject({ total: 2, unreadCount: 0 });
    expect((await list(other)).body.unreadCount).toBe(1);
  });

  it('should serve every signed-in role', async () => {
    const admin = await loginAdmin(t.http);
    const commissioner = await createCommissioner(t.http, admin.accessToken);
    const bank = await register(t.http, 'bank');

    for (const token of [admin.accessToken, commissioner.token, bank.accessToken]) {
      const response = await request(t.http)
        .get('/api/v1/notifications')
        .auth(token, { type: 'bearer' });
      expect(response.status).toBe(200);
    }
  });

  describe('notify', () => {
    it('should tell a user one thing once, however often it is told', async () => {
      const user = await register(t.http);
      const once = item(user.user.id, { dedupeKey: `match:${randomUUID()}:${randomUUID()}` });

      const first = await notify([once, once]);
      const second = await notify([{ ...once, title: '重复的通知' }]);

      expect(first).toHaveLength(1);
      expect(second).toEqual([]);
      const rows = await t.app
        .get(DataSource)
        .getRepository(Notification)
        .findBy({ userId: user.user.id });
      expect(rows.map((row) => row.title)).toEqual([once.title]);
    });

    it('should insert one row when two transactions tell the same thing at once', async () => {
      const user = await register(t.http);
      const keys = Array.from({ length: 5 }, () => `match:${randomUUID()}:${randomUUID()}`);
      const items = keys.map((dedupeKey) => item(user.user.id, { dedupeKey }));

      const [a, b] = await Promise.all([notify(items), notify([...items].reverse())]);

      expect(a.length + b.length).toBe(keys.length);
      expect((await list(user)).body.total).toBe(keys.length);
    });

    it('should let the same key reach different users', async () => {
      const one = await register(t.http);
      const two = await register(t.http);
      const dedupeKey = `match:${randomUUID()}:${randomUUID()}`;

      const created = await notify([
        item(one.user.id, { dedupeKey }),
        item(two.user.id, { dedupeKey }),
      ]);

      expect(created).toHaveLength(2);
    });

    it('should call listeners after the commit with the rows created, and not on a rollback', async () => {
      const user = await register(t.http);
      const seen: string[][] = [];
      const unsubscribe = service.onCreated((created) => seen.push(created.map((n) => n.id)));
      try {
        const existing = item(user.user.id);
        await notify([existing]);
        seen.length = 0;
        const fresh = item(user.user.id);

        const created = await transactions.run(async (manager) => {
          const rows = await service.notify(manager, [existing, fresh]);
          expect(seen).toEqual([]);
          return rows;
        });
        await expect(
          transactions.run(async (manager) => {
            await service.notify(manager, [item(user.user.id)]);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');

        expect(created.map((n) => n.dedupeKey)).toEqual([fresh.dedupeKey]);
        expect(seen).toEqual([[created[0].id]]);
        expect((await list(user)).body.total).toBe(2);
      } finally {
        unsubscribe();
      }
    });
  });
});
