import request from 'supertest';
import { eventBody, publishedEvent } from './helpers/event-factories';
import {
  createCommissioner,
  loginAdmin,
  needBody,
  productBody,
  register,
  registerBody,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

interface ErrorBody {
  error: { code: string; details: { field: string; code: string }[] };
}

/** Single-line text (titles, names, places, searches) refuses a line break wherever it comes. */
describe('single-line text', () => {
  let t: TestApp;
  let admin: SessionBody;
  let organizer: { token: string };

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    organizer = await createCommissioner(t.http, admin.accessToken);
  });
  afterAll(() => t.close());

  const refusedFields = (response: request.Response) => {
    expect(response.status).toBe(400);
    const { error } = response.body as ErrorBody;
    expect(error.code).toBe('VALIDATION_FAILED');
    return error.details.filter((detail) => detail.code === 'isSingleLine').map((d) => d.field);
  };

  describe('events', () => {
    it('should refuse a title or venue with a line break on POST, and store nothing', async () => {
      const body = eventBody({
        title: '科技金融沙龙\r\nX-WR-CALNAME:假日历',
        venue: '路演厅\u2028二楼',
      });
      const newcomer = await createCommissioner(t.http, admin.accessToken);
      const response = await request(t.http)
        .post('/api/v1/events')
        .auth(newcomer.token, { type: 'bearer' })
        .send(body);

      expect(refusedFields(response)).toEqual(['title', 'venue']);
      const mine = await request(t.http)
        .get('/api/v1/events')
        .query({ mine: true })
        .auth(newcomer.token, { type: 'bearer' });
      expect(mine.body.total).toBe(0);
    });

    it('should refuse a title with a line break on PATCH and keep the stored one', async () => {
      const event = await publishedEvent(t.http, organizer.token);
      const patch = (title: string) =>
        request(t.http)
          .patch(`/api/v1/events/${event.id}`)
          .auth(organizer.token, { type: 'bearer' })
          .send({ title });

      for (const title of ['路演\r\nEND:VCALENDAR', '路演\n', '路演\u0085二期']) {
        expect(refusedFields(await patch(title))).toEqual(['title']);
      }
      const stored = await request(t.http)
        .get(`/api/v1/events/${event.id}`)
        .auth(organizer.token, { type: 'bearer' });
      expect(stored.body.title).toBe(event.title);
    });

    it('should still take line breaks in a description, which is many lines by nature', async () => {
      const response = await request(t.http)
        .post('/api/v1/events')
        .auth(organizer.token, { type: 'bearer' })
        .send(eventBody({ description: '第一段：政策解读。\r\n第二段：银企交流。' }));

      expect(response.status).toBe(201);
      expect(response.body.description).toBe('第一段：政策解读。\r\n第二段：银企交流。');
    });
  });

  it('should refuse a need title with a line break', async () => {
    const enterprise = await register(t.http, 'enterprise');
    const response = await request(t.http)
      .post('/api/v1/needs')
      .auth(enterprise.accessToken, { type: 'bearer' })
      .send(needBody({ title: '研发资金需求\n第二行' }));

    expect(refusedFields(response)).toEqual(['title']);
  });

  it('should refuse a search with a line break', async () => {
    const enterprise = await register(t.http, 'enterprise');
    const response = await request(t.http)
      .get('/api/v1/needs')
      .query({ q: '传感器\r\n贷款' })
      .auth(enterprise.accessToken, { type: 'bearer' });

    expect(refusedFields(response)).toEqual(['q']);
  });

  it('should refuse a product name with a line break', async () => {
    const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
    const response = await request(t.http)
      .post('/api/v1/products')
      .auth(bank.accessToken, { type: 'bearer' })
      .send(productBody({ name: '科技型企业信用贷\r' }));

    expect(refusedFields(response)).toEqual(['name']);
  });

  it('should refuse an organization or user name with a line break at registration', async () => {
    const body = registerBody('enterprise', {
      organization: { name: '青岛海湾智能装备\r\n有限公司' },
      user: { name: '王海\n' },
    });
    const response = await request(t.http).post('/api/v1/auth/register').send(body);

    expect(refusedFields(response)).toEqual(['organization.name', 'user.name']);
  });

  it('should refuse a whitelist batch name with a line break', async () => {
    const response = await request(t.http)
      .post('/api/v1/whitelist/batches')
      .auth(admin.accessToken, { type: 'bearer' })
      .send({ year: 2026, name: '2026年第一批\u2029科技型企业白名单' });

    expect(refusedFields(response)).toEqual(['name']);
  });
});
