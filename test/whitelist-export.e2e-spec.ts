import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate } from '@app/whitelist';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import {
  createCommissioner,
  createWhitelistBatch,
  creditCode,
  csvText,
  importWhitelistFile,
  loginAdmin,
  register,
  SessionBody,
  verifiedOrg,
  WhitelistBatchBody,
} from './helpers/factories';
import { startApp, TestApp } from './helpers/test-app';

const IMPORT_HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'];
const CSV_HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止', '状态', '批次'];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface EntryBody {
  id: string;
  batchId: string;
  creditCode: string;
  enterpriseName: string;
}

/** The body as the bytes sent, so that the BOM is seen rather than decoded away. */
function bytes(response: request.Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('whitelist download (GET /whitelist/entries.csv)', () => {
  let t: TestApp;
  let admin: SessionBody;
  let dir: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    dir = await mkdtemp(join(tmpdir(), 'techfin-whitelist-export-e2e-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  const download = (token: string, query: Record<string, string> = {}) =>
    request(t.http)
      .get('/api/v1/whitelist/entries.csv')
      .query(query)
      .auth(token, { type: 'bearer' })
      .buffer(true)
      .parse(bytes);

  /** The download's rows below its header, checked to be a whole, well-formed file. */
  async function csvRows(token: string, query: Record<string, string> = {}): Promise<string[][]> {
    const response = await download(token, query);
    expect(response.status).toBe(200);
    const body = response.body as Buffer;
    expect(body.subarray(0, 3).equals(BOM)).toBe(true);
    const [header, ...rows] = parse(body, { bom: true });
    expect(header).toEqual(CSV_HEADER);
    return rows;
  }

  async function listed(token: string, query: Record<string, string> = {}): Promise<EntryBody[]> {
    const response = await request(t.http)
      .get('/api/v1/whitelist/entries')
      .query({ pageSize: 100, ...query })
      .auth(token, { type: 'bearer' });
    expect(response.status).toBe(200);
    return (response.body as { items: EntryBody[] }).items;
  }

  /** A batch holding these rows (code, name, qualifications, from, to), moved through `actions`. */
  async function batchWith(
    rows: string[][],
    ...actions: ('publish' | 'revoke')[]
  ): Promise<WhitelistBatchBody> {
    const batch = await createWhitelistBatch(t.http, admin.accessToken);
    const path = join(dir, `${randomBytes(4).toString('hex')}.csv`);
    await writeFile(path, csvText([IMPORT_HEADER, ...rows]));
    const imported = await importWhitelistFile(t.http, admin.accessToken, batch.id, path);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ rejected: 0 });
    for (const action of actions) {
      await request(t.http)
        .post(`/api/v1/whitelist/batches/${batch.id}/${action}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .expect(200);
    }
    return batch;
  }

  const row = (
    code: string,
    name = `白名单企业${code.slice(-6)}`,
    qualifications = 'high_tech',
  ) => [code, name, qualifications, '2020-01-01', '2099-12-31'];

  describe('formulas', () => {
    it('should show names as typed in the JSON list and neutralised in the download', async () => {
      const codes = Array.from({ length: 4 }, () => creditCode()).sort();
      const names = ["=cmd|' /C calc'!A0", '@SUM(1+1)', '+1', '-2'];
      const calc = await batchWith([row(codes[0], names[0])]);
      const others = await batchWith(names.slice(1).map((name, i) => row(codes[i + 1], name)));

      const typed = [
        ...(await listed(admin.accessToken, { batchId: calc.id })),
        ...(await listed(admin.accessToken, { batchId: others.id })),
      ];
      expect(typed.map((e) => [e.creditCode, e.enterpriseName])).toEqual(
        codes.map((code, i) => [code, names[i]]),
      );
      expect(await csvRows(admin.accessToken, { batchId: calc.id })).toEqual([
        [
          codes[0],
          "'=cmd|' /C calc'!A0",
          '高新技术企业',
          '2020-01-01',
          '2099-12-31',
          '有效',
          calc.name,
        ],
      ]);
      expect(await csvRows(admin.accessToken, { batchId: others.id })).toEqual([
        [codes[1], "'@SUM(1+1)", '高新技术企业', '2020-01-01', '2099-12-31', '有效', others.name],
        [codes[2], "'+1", '高新技术企业', '2020-01-01', '2099-12-31', '有效', others.name],
        [codes[3], "'-2", '高新技术企业', '2020-01-01', '2099-12-31', '有效', others.name],
      ]);
    });
  });

  describe('the file', () => {
    it('should be a UTF-8 CSV attachment named for the day, not cached', async () => {
      const batch = await batchWith([row(creditCode())]);
      const today = chinaDate(new Date());

      const response = await download(admin.accessToken, { batchId: batch.id });

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="whitelist-entries-${today}.csv"; ` +
          `filename*=UTF-8''${encodeURIComponent(`科技型企业白名单-${today}.csv`)}`,
      );
      const text = (response.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF"统一社会信用代码","企业名称","资质"')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
    });

    it("should let a portal on an allowed origin read the file's name", async () => {
      const other = await startApp({ CORS_ORIGINS: 'https://portal.kejinqiao.example' });
      try {
        const response = await request(other.http)
          .get('/api/v1/whitelist/entries.csv')
          .set('Origin', 'https://portal.kejinqiao.example')
          .auth((await loginAdmin(other.http)).accessToken, { type: 'bearer' });
        expect(response.status).toBe(200);
        expect(response.headers['access-control-expose-headers']).toContain('Content-Disposition');
      } finally {
        await other.close();
      }
    });

    it('should show qualifications and status by their Chinese labels', async () => {
      const code = creditCode();
      const batch = await batchWith([
        row(code, '青岛海湾智能装备有限公司', 'gazelle|high_tech|专精特新小巨人'),
      ]);
      const [entry] = await listed(admin.accessToken, { batchId: batch.id });
      await request(t.http)
        .patch(`/api/v1/whitelist/entries/${entry.id}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ status: 'suspended' })
        .expect(200);

      expect(await csvRows(admin.accessToken, { batchId: batch.id })).toEqual([
        [
          code,
          '青岛海湾智能装备有限公司',
          '高新技术企业、专精特新"小巨人"、瞪羚企业',
          '2020-01-01',
          '2099-12-31',
          '暂停',
          batch.name,
        ],
      ]);
    });

    it('should apply the filters of the JSON list', async () => {
      const [a, b] = [creditCode(), creditCode()].sort();
      const batch = await batchWith([row(a), row(b)]);
      const other = await batchWith([row(a)]);
      const [, entryB] = await listed(admin.accessToken, { batchId: batch.id });
      await request(t.http)
        .patch(`/api/v1/whitelist/entries/${entryB.id}`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ status: 'removed' })
        .expect(200);
      const cells = async (query: Record<string, string>) =>
        (await csvRows(admin.accessToken, query)).map(([code, , , , , status, name]) => [
          code,
          status,
          name,
        ]);

      expect(await cells({ batchId: batch.id })).toEqual([
        [a, '有效', batch.name],
        [b, '移出', batch.name],
      ]);
      expect(await cells({ batchId: batch.id, status: 'active' })).toEqual([
        [a, '有效', batch.name],
      ]);
      expect(await cells({ creditCode: a.toLowerCase() })).toEqual(
        [batch, other].sort((x, y) => (x.id < y.id ? -1 : 1)).map((each) => [a, '有效', each.name]),
      );
      expect(await cells({ creditCode: b, status: 'suspended' })).toEqual([]);
    });

    it('should hold every matching entry, past the size of one read, in the order of the list', async () => {
      const codes = Array.from({ length: 1201 }, () => creditCode());
      const batch = await batchWith(codes.map((code) => row(code)));

      const rows = await csvRows(admin.accessToken, { batchId: batch.id });

      expect(rows.map(([code]) => code)).toEqual([...codes].sort());
      expect(rows.every((cells) => cells[6] === batch.name)).toBe(true);
      const firstPage = await listed(admin.accessToken, { batchId: batch.id });
      expect(rows.slice(0, 100).map(([code]) => code)).toEqual(firstPage.map((e) => e.creditCode));
    });

    it('should refuse bad filters and paging with 400, as JSON', async () => {
      for (const query of [
        { batchId: 'nope' },
        { status: 'gone' },
        { creditCode: 'short' },
        { page: '2' },
        { pageSize: '10' },
      ]) {
        const response = await request(t.http)
          .get('/api/v1/whitelist/entries.csv')
          .query(query)
          .auth(admin.accessToken, { type: 'bearer' });
        expect({ status: response.status, code: response.body.error?.code }).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(response.headers['content-type']).toMatch(/^application\/json/);
      }
    });
  });

  it('should be documented in OpenAPI as a text/csv answer', async () => {
    const docs = await request(t.http).get('/docs/json').expect(200);
    const operation = docs.body.paths['/api/v1/whitelist/entries.csv'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['text/csv']);
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'batchId',
      'creditCode',
      'status',
    ]);
  });

  describe('access, as for the JSON list', () => {
    it('should answer 401 to an anonymous caller', async () => {
      const response = await request(t.http).get('/api/v1/whitelist/entries.csv');
      expect({ status: response.status, code: response.body.error?.code }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    });

    it('should show institutions and commissioners entries of published batches only, admins all', async () => {
      const [draftCode, publishedCode, revokedCode] = [creditCode(), creditCode(), creditCode()];
      const draft = await batchWith([row(draftCode)]);
      const published = await batchWith([row(publishedCode)], 'publish');
      const revoked = await batchWith([row(revokedCode)], 'publish', 'revoke');
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');
      const commissioner = await createCommissioner(t.http, admin.accessToken);
      const seen = async (token: string, query: Record<string, string>) => {
        const csv = (await csvRows(token, query)).map(([code, , , , , , name]) => [code, name]);
        const json = await listed(token, query);
        const names = new Map([draft, published, revoked].map((b) => [b.id, b.name]));
        expect(csv).toEqual(json.map((e) => [e.creditCode, names.get(e.batchId)]));
        return csv;
      };

      for (const token of [bank.accessToken, commissioner.token]) {
        expect(await seen(token, { creditCode: publishedCode })).toEqual([
          [publishedCode, published.name],
        ]);
        expect(await seen(token, { creditCode: draftCode })).toEqual([]);
        expect(await seen(token, { batchId: draft.id })).toEqual([]);
        expect(await seen(token, { batchId: revoked.id })).toEqual([]);
      }
      expect(await seen(admin.accessToken, { batchId: draft.id })).toEqual([
        [draftCode, draft.name],
      ]);
      expect(await seen(admin.accessToken, { creditCode: revokedCode })).toEqual([
        [revokedCode, revoked.name],
      ]);
    });

    it('should show an enterprise its own entries of published batches, as the list does', async () => {
      const [mine, theirs] = [creditCode(), creditCode()];
      const enterprise = await register(t.http, 'enterprise', {
        organization: { creditCode: mine },
      });
      await register(t.http, 'enterprise', { organization: { creditCode: theirs } });
      const batch = await batchWith([row(mine), row(theirs)], 'publish');
      const hidden = await batchWith([row(mine)]);

      const own = (await csvRows(enterprise.accessToken)).map(([code, , , , , , name]) => [
        code,
        name,
      ]);

      expect(own).toEqual([[mine, batch.name]]);
      expect((await listed(enterprise.accessToken)).map((e) => [e.creditCode, e.batchId])).toEqual([
        [mine, batch.id],
      ]);
      expect(await csvRows(enterprise.accessToken, { creditCode: theirs })).toEqual([]);
      expect(await csvRows(enterprise.accessToken, { batchId: hidden.id })).toEqual([]);
    });
  });
});
