import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, randomSecret } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/create-app';
import {
  createWhitelistBatch,
  creditCode,
  csvText,
  importWhitelistFile,
  login,
  register,
} from './helpers/factories';

const ADMIN = { email: 'admin@embedded-whitelist.example', password: 'Embedded-Whitelist-2026' };
const HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'];

/** The import's upserts and the read-time joins on the embedded SQLite database. */
describe('whitelist on the embedded SQLite default', () => {
  let dataDir: string;
  let app: INestApplication;
  let http: App;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'techfin-whitelist-embedded-'));
    const config = parseConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      JWT_SECRET: randomSecret(),
      SEED_DEMO: 'false',
      OUTBOX_POLL_MS: '50',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    app = await createApp(config);
    await app.init();
    http = app.getHttpServer() as App;
  });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should import, re-import, update, publish and answer the enterprise whitelisted', async () => {
    expect(app.get(DataSource).options.type).toBe('better-sqlite3');
    const admin = await login(http, ADMIN.email, ADMIN.password);
    const [a, b] = [creditCode(), creditCode()];
    const enterprise = await register(http, 'enterprise', { organization: { creditCode: a } });
    const batch = await createWhitelistBatch(http, admin.accessToken);
    const upload = async (rows: string[][]) => {
      const path = join(dataDir, `${rows.length}-${Date.now()}.csv`);
      await writeFile(path, csvText([HEADER, ...rows]));
      const response = await importWhitelistFile(http, admin.accessToken, batch.id, path);
      expect(response.status).toBe(200);
      return response.body as Record<string, number>;
    };
    const rows = [
      [a, '青岛嵌入式科技有限公司', '高新技术企业', '2020-01-01', '2099-12-31'],
      [b, '青岛另一家企业', 'tech_sme', '2020-01-01', '2099-12-31'],
    ];

    expect(await upload(rows)).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
    expect(await upload(rows)).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect(
      await upload([rows[0], [b, '青岛另一家企业', 'tech_sme、瞪羚', '2020-01-01', '2099-12-31']]),
    ).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    await request(http)
      .post(`/api/v1/whitelist/batches/${batch.id}/publish`)
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);

    const me = await request(http)
      .get('/api/v1/whitelist/me')
      .auth(enterprise.accessToken, { type: 'bearer' });
    expect(me.body).toMatchObject({
      whitelisted: true,
      qualifications: ['high_tech'],
      batchId: batch.id,
    });
    const entries = await request(http)
      .get('/api/v1/whitelist/entries')
      .query({ batchId: batch.id })
      .auth(admin.accessToken, { type: 'bearer' });
    expect(
      (
        entries.body.items as {
          creditCode: string;
          orgId: string | null;
          qualifications: string[];
        }[]
      )
        .map((e) => [e.creditCode, e.orgId, e.qualifications])
        .sort(),
    ).toEqual(
      [
        [a, enterprise.organization.id, ['high_tech']],
        [b, null, ['tech_sme', 'gazelle']],
      ].sort(),
    );
  });

  it('should download every entry of a batch as CSV, past the size of one read', async () => {
    const admin = await login(http, ADMIN.email, ADMIN.password);
    const batch = await createWhitelistBatch(http, admin.accessToken);
    const codes = Array.from({ length: 1001 }, () => creditCode()).sort();
    const path = join(dataDir, 'download.csv');
    await writeFile(
      path,
      csvText([
        HEADER,
        [codes[0], '=1+1', '瞪羚、高新技术企业', '2026-01-01', '2026-12-31'],
        ...codes.slice(1).map((code) => [code, '青岛企业', 'tech_sme', '2020-01-01', '2099-12-31']),
      ]),
    );
    await importWhitelistFile(http, admin.accessToken, batch.id, path).expect(200);

    const response = await request(http)
      .get('/api/v1/whitelist/entries.csv')
      .query({ batchId: batch.id })
      .auth(admin.accessToken, { type: 'bearer' });

    expect(response.status).toBe(200);
    const [header, ...rows] = parse(response.text, { bom: true });
    expect(header).toEqual([
      '统一社会信用代码',
      '企业名称',
      '资质',
      '有效期起',
      '有效期止',
      '状态',
      '批次',
    ]);
    expect(rows.map(([code]) => code)).toEqual(codes);
    expect(rows[0]).toEqual([
      codes[0],
      "'=1+1",
      '高新技术企业、瞪羚企业',
      '2026-01-01',
      '2026-12-31',
      '有效',
      batch.name,
    ]);
    expect(rows[1000]).toEqual([
      codes[1000],
      '青岛企业',
      '科技型中小企业',
      '2020-01-01',
      '2099-12-31',
      '有效',
      batch.name,
    ]);
  });
});
