import request from 'supertest';
import { register } from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('should register and read /me', async () => {
    const session = await register(t.http);
    const me = await request(t.http)
      .get('/api/v1/me')
      .auth(session.accessToken, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(session.user.email);
  });
});
