import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_IMPORT_ROWS, WHITELIST_UPLOAD_DIR } from '@app/whitelist';
import ExcelJS from 'exceljs';
import { encode } from 'iconv-lite';
import request from 'supertest';
import {
  createWhitelistBatch,
  creditCode,
  csvText,
  importWhitelistFile,
  loginAdmin,
  SessionBody,
  verifiedOrg,
} from './helpers/factories';
import { eventually, startApp, TestApp } from './helpers/test-app';
import { bombWorkbook, understateSizes } from './helpers/workbook-bombs';

const CN_HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'];
const EN_HEADER = ['creditCode', 'enterpriseName', 'qualifications', 'validFrom', 'validTo'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

interface ImportReportBody {
  batchId: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; column: string; code: string; message: string }[];
  errorCount: number;
  errorsTruncated: boolean;
}

interface EntryBody {
  creditCode: string;
  enterpriseName: string;
  qualifications: string[];
  validFrom: string;
  validTo: string;
  status: string;
  orgId: string | null;
}

function wrongCheckCharacter(code: string): string {
  return code.slice(0, 17) + ALPHABET[(ALPHABET.indexOf(code[17]) + 1) % ALPHABET.length];
}

function tag(): string {
  return randomBytes(3).toString('hex');
}

describe('whitelist import (POST /whitelist/batches/:id/import)', () => {
  let t: TestApp;
  let admin: SessionBody;
  let dir: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await loginAdmin(t.http);
    dir = await mkdtemp(join(tmpdir(), 'techfin-whitelist-e2e-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  async function file(name: string, content: string | Buffer): Promise<string> {
    const path = join(dir, `${tag()}-${name}`);
    await writeFile(path, content);
    return path;
  }

  const upload = (batchId: string, path: string, token = admin.accessToken) =>
    importWhitelistFile(t.http, token, batchId, path);

  async function importOk(batchId: string, path: string): Promise<ImportReportBody> {
    const response = await upload(batchId, path);
    expect(response.status).toBe(200);
    return response.body as ImportReportBody;
  }

  async function entriesOf(batchId: string): Promise<EntryBody[]> {
    const response = await request(t.http)
      .get('/api/v1/whitelist/entries')
      .query({ batchId, pageSize: 100 })
      .auth(admin.accessToken, { type: 'bearer' });
    expect(response.status).toBe(200);
    return (response.body as { items: EntryBody[] }).items;
  }

  async function expectUploadsCleanedUp(): Promise<void> {
    await eventually(async () => expect(await readdir(WHITELIST_UPLOAD_DIR)).toEqual([]));
  }

  async function expectError(
    response: request.Response,
    status: number,
    code: string,
  ): Promise<void> {
    expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
    await expectUploadsCleanedUp();
  }

  describe('encodings and formats', () => {
    it('should import a UTF-8 CSV with English headers', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const [a, b] = [creditCode(), creditCode()];
      const path = await file(
        'list.csv',
        csvText([
          EN_HEADER,
          [a, 'Qingdao Ocean Tech Co.', 'high_tech|gazelle', '2026-01-01', '2026-12-31'],
          [b, '青岛智算科技有限公司', 'tech_sme', '2026/1/1', '2027/6/30'],
        ]),
      );

      const report = await importOk(batch.id, path);

      expect(report).toEqual({
        batchId: batch.id,
        imported: 2,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        errors: [],
        errorCount: 0,
        errorsTruncated: false,
      });
      const entries = await entriesOf(batch.id);
      expect(entries.find((e) => e.creditCode === a)).toMatchObject({
        enterpriseName: 'Qingdao Ocean Tech Co.',
        qualifications: ['high_tech', 'gazelle'],
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        status: 'active',
        orgId: null,
      });
      expect(entries.find((e) => e.creditCode === b)).toMatchObject({
        validFrom: '2026-01-01',
        validTo: '2027-06-30',
      });
      await expectUploadsCleanedUp();
    });

    it('should import a UTF-8 CSV with a BOM and Chinese headers', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const code = creditCode();
      const path = await file(
        'bom.csv',
        '\uFEFF' +
          csvText([
            CN_HEADER,
            [
              code,
              '青岛蓝海生物医药有限公司',
              '高新技术企业、瞪羚企业',
              '2026-01-01',
              '2026-12-31',
            ],
          ]),
      );

      const report = await importOk(batch.id, path);

      expect(report.imported).toBe(1);
      expect((await entriesOf(batch.id))[0]).toMatchObject({
        creditCode: code,
        enterpriseName: '青岛蓝海生物医药有限公司',
        qualifications: ['high_tech', 'gazelle'],
      });
    });

    it('should import a GBK-encoded CSV as Excel on a Chinese Windows writes it', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const codes = [creditCode(), creditCode(), creditCode()];
      const names = [
        '青岛崂山微电子有限公司',
        '青岛西海岸海洋装备股份有限公司',
        '即墨区绿色能源科技有限公司',
      ];
      const text = csvText([
        CN_HEADER,
        [codes[0], names[0], '专精特新"小巨人"', '2026/3/1', '2027/2/28'],
        [codes[1], names[1], '科技型中小企业；上市后备企业', '2026-01-01', '2026-12-31'],
        [codes[2], names[2], '独角兽企业', '2026年1月1日', '2026年12月31日'],
      ]);
      const path = await file('gbk.csv', encode(text, 'gbk'));

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 3, rejected: 0 });
      const entries = await entriesOf(batch.id);
      expect(entries.map((e) => e.enterpriseName).sort()).toEqual([...names].sort());
      expect(entries.find((e) => e.creditCode === codes[0])).toMatchObject({
        qualifications: ['little_giant'],
        validFrom: '2026-03-01',
        validTo: '2027-02-28',
      });
      expect(entries.find((e) => e.creditCode === codes[1])?.qualifications).toEqual([
        'tech_sme',
        'listing_pipeline',
      ]);
    });

    it('should read a short GB18030 file whose only Chinese is its BOM-less header', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const code = creditCode();
      const text = csvText([
        CN_HEADER,
        [code, 'QD Robotics Ltd', 'high_tech', '2026-01-01', '2026-12-31'],
      ]);
      const path = await file('short-gbk.csv', encode(text, 'gb18030'));

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 1, rejected: 0, errors: [] });
    });

    it('should import an XLSX with real date cells, text dates and rich text', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const [a, b, c] = [creditCode(), creditCode(), creditCode()];
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('白名单');
      sheet.addRow(['序号', ...CN_HEADER, '备注']);
      sheet.addRow([
        1,
        a,
        '青岛海洋大数据有限公司',
        '高新技术企业',
        new Date(Date.UTC(2026, 0, 1)),
        new Date(Date.UTC(2026, 11, 31)),
        '',
      ]);
      sheet.addRow([
        2,
        b,
        { richText: [{ text: '青岛' }, { text: '量子科技有限公司' }] },
        'tech_sme,unicorn',
        '2026/2/1',
        '2026-11-30',
        '重点企业',
      ]);
      sheet.addRow([3, c, '青岛光电显示有限公司', '瞪羚', 46023, 46387, null]);
      sheet.getColumn(5).numFmt = 'yyyy-mm-dd';
      const path = join(dir, `${tag()}-list.xlsx`);
      await workbook.xlsx.writeFile(path);

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 3, rejected: 0, errors: [] });
      const entries = await entriesOf(batch.id);
      expect(entries.find((e) => e.creditCode === a)).toMatchObject({
        qualifications: ['high_tech'],
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      });
      expect(entries.find((e) => e.creditCode === b)).toMatchObject({
        enterpriseName: '青岛量子科技有限公司',
        qualifications: ['tech_sme', 'unicorn'],
        validFrom: '2026-02-01',
        validTo: '2026-11-30',
      });
      expect(entries.find((e) => e.creditCode === c)).toMatchObject({
        qualifications: ['gazelle'],
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      });
      await expectUploadsCleanedUp();
    });
  });

  describe('rows', () => {
    it('should report each bad row by row, column and code and keep the good rows', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const good = [creditCode(), creditCode()];
      const base = creditCode();
      const path = await file(
        'bad-rows.csv',
        csvText([
          CN_HEADER,
          [good[0], '好企业一', 'high_tech', '2026-01-01', '2026-12-31'],
          [wrongCheckCharacter(base), '校验码错', 'high_tech', '2026-01-01', '2026-12-31'],
          [creditCode().toLowerCase(), '小写', 'high_tech', '2026-01-01', '2026-12-31'],
          [base.slice(0, 17), '十七位', 'high_tech', '2026-01-01', '2026-12-31'],
          [creditCode(), '日期错', 'high_tech', '2026-02-30', '2026-12-31'],
          [creditCode(), '起止颠倒', 'high_tech', '2026-12-31', '2026-01-01'],
          [creditCode(), '资质未知', 'high_tech、火箭企业', '2026-01-01', '2026-12-31'],
          [creditCode(), '', 'high_tech', '2026-01-01', '2026-12-31'],
          [good[1], '好企业二', 'tech_sme', '2026-01-01', '2026-12-31'],
        ]),
      );

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({
        imported: 2,
        updated: 0,
        unchanged: 0,
        rejected: 7,
        errorCount: 7,
      });
      expect(report.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
        { row: 3, column: 'creditCode', code: 'credit_code_check_character' },
        { row: 4, column: 'creditCode', code: 'credit_code_lowercase' },
        { row: 5, column: 'creditCode', code: 'credit_code_length' },
        { row: 6, column: 'validFrom', code: 'invalid_date' },
        { row: 7, column: 'validTo', code: 'date_range' },
        { row: 8, column: 'qualifications', code: 'unknown_qualification' },
        { row: 9, column: 'enterpriseName', code: 'required' },
      ]);
      expect(report.errors[5].message).toContain('火箭企业');
      expect((await entriesOf(batch.id)).map((e) => e.creditCode).sort()).toEqual([...good].sort());
    });

    it('should change nothing when the same file is imported again', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const rows = Array.from({ length: 30 }, (_, i) => [
        creditCode(),
        `重复导入企业${i}`,
        i % 2 ? 'high_tech;gazelle' : '科技型中小企业',
        '2026-01-01',
        '2026-12-31',
      ]);
      const path = await file('again.csv', csvText([CN_HEADER, ...rows]));
      expect((await importOk(batch.id, path)).imported).toBe(30);
      const before = await entriesOf(batch.id);

      const again = await importOk(batch.id, path);

      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 30, rejected: 0 });
      expect(await entriesOf(batch.id)).toEqual(before);
    });

    it('should update the entry of a credit code already in the batch', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const [kept, changed] = [creditCode(), creditCode()];
      await importOk(
        batch.id,
        await file(
          'first.csv',
          csvText([
            EN_HEADER,
            [kept, '不变企业', 'high_tech', '2026-01-01', '2026-12-31'],
            [changed, '旧名称企业', 'high_tech', '2026-01-01', '2026-12-31'],
          ]),
        ),
      );
      const [before] = (await entriesOf(batch.id)).filter((e) => e.creditCode === changed);

      const report = await importOk(
        batch.id,
        await file(
          'second.csv',
          csvText([
            EN_HEADER,
            [kept, '不变企业', 'high_tech', '2026-01-01', '2026-12-31'],
            [changed, '新名称企业', 'high_tech,specialized', '2026-01-01', '2027-12-31'],
          ]),
        ),
      );

      expect(report).toMatchObject({ imported: 0, updated: 1, unchanged: 1, rejected: 0 });
      const entries = await entriesOf(batch.id);
      expect(entries).toHaveLength(2);
      const after = entries.find((e) => e.creditCode === changed);
      expect(after).toMatchObject({
        enterpriseName: '新名称企业',
        qualifications: ['high_tech', 'specialized'],
        validTo: '2027-12-31',
      });
      expect((after as unknown as { id: string }).id).toBe(
        (before as unknown as { id: string }).id,
      );
    });

    it('should reject the later row of a credit code repeated in the file', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const code = creditCode();
      const path = await file(
        'dupes.csv',
        csvText([
          EN_HEADER,
          [code, '先出现的企业', 'high_tech', '2026-01-01', '2026-12-31'],
          [creditCode(), '别的企业', 'high_tech', '2026-01-01', '2026-12-31'],
          [code, '后出现的企业', 'gazelle', '2026-01-01', '2026-12-31'],
        ]),
      );

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 2, rejected: 1 });
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 4, column: 'creditCode', code: 'duplicate_in_file' }),
      ]);
      expect(report.errors[0].message).toContain('2');
      expect((await entriesOf(batch.id)).find((e) => e.creditCode === code)?.enterpriseName).toBe(
        '先出现的企业',
      );
      expect((await importOk(batch.id, path)).unchanged).toBe(2);
    });

    it('should find a repeat rows apart, in another chunk, and list errors in file order', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const rows = Array.from({ length: 1199 }, (_, i) => [
        creditCode(),
        `企业${i}`,
        'high_tech',
        '2026-01-01',
        '2026-12-31',
      ]);
      const repeated = rows[0][0];
      rows[1048][0] = 'bad'; // file row 1050
      rows[1098][0] = repeated; // file row 1100, repeating row 2
      rows[1148][0] = 'bad'; // file row 1150

      const path = await file('far-repeat.csv', csvText([EN_HEADER, ...rows]));
      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 1196, rejected: 3 });
      expect(report.errors.map((e) => [e.row, e.code])).toEqual([
        [1050, 'credit_code_length'],
        [1100, 'duplicate_in_file'],
        [1150, 'credit_code_length'],
      ]);
      expect(report.errors[1].message).toContain('2 ');
      expect(await importOk(batch.id, path)).toMatchObject({ unchanged: 1196, rejected: 3 });
    });

    it('should reject a row with a huge field and keep the others', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file(
        'huge-field.csv',
        csvText([
          EN_HEADER,
          [creditCode(), '企'.repeat(200_000), 'high_tech', '2026-01-01', '2026-12-31'],
          [creditCode(), '正常企业', 'high_tech', '2026-01-01', '2026-12-31'],
        ]),
      );

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 1, rejected: 1 });
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 2, column: 'enterpriseName', code: 'too_long' }),
      ]);
    });

    it('should reject a row with a line break in a cell and store none of it', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const [good, lf, crlf, separator, code] = Array.from({ length: 5 }, () => creditCode());
      const path = await file(
        'line-breaks.csv',
        csvText([
          CN_HEADER,
          [good, '青岛正常科技有限公司', 'high_tech', '2026-01-01', '2026-12-31'],
          [lf, '青岛海湾\n智能装备有限公司', 'high_tech', '2026-01-01', '2026-12-31'],
          [crlf, '青岛海湾智能装备有限公司\r\n', 'high_tech', '2026-01-01', '2026-12-31'],
          [separator, '青岛\u2028海湾科技有限公司', 'high_tech', '2026-01-01', '2026-12-31'],
          [`${code}\n`, '青岛代码换行有限公司', 'high_tech', '2026-01-01', '2026-12-31'],
        ]),
      );

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 1, rejected: 4, errorCount: 4 });
      expect(report.errors.map(({ column, code }) => [column, code])).toEqual([
        ['enterpriseName', 'line_break'],
        ['enterpriseName', 'line_break'],
        ['enterpriseName', 'line_break'],
        ['creditCode', 'line_break'],
      ]);
      // Numbered by the line the row ends on, as every CSV row is.
      expect(report.errors[0]).toEqual({
        row: 4,
        column: 'enterpriseName',
        code: 'line_break',
        message: '企业名称: 不能换行 (line breaks are not allowed)',
      });
      expect((await entriesOf(batch.id)).map((e) => e.creditCode)).toEqual([good]);
    });

    it("should reject an XLSX cell with a line break typed as Excel's Alt+Enter", async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const [good, broken] = [creditCode(), creditCode()];
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('白名单');
      sheet.addRow(CN_HEADER);
      sheet.addRow([good, '青岛正常科技有限公司', '高新技术企业', '2026-01-01', '2026-12-31']);
      sheet.addRow([
        broken,
        '青岛海湾\n智能装备有限公司',
        '高新技术企业',
        '2026-01-01',
        '2026-12-31',
      ]);
      sheet.getCell('B3').alignment = { wrapText: true };
      const path = join(dir, `${tag()}-alt-enter.xlsx`);
      await workbook.xlsx.writeFile(path);

      const report = await importOk(batch.id, path);

      expect(report).toMatchObject({ imported: 1, rejected: 1 });
      expect(report.errors).toEqual([
        expect.objectContaining({ row: 3, column: 'enterpriseName', code: 'line_break' }),
      ]);
      expect((await entriesOf(batch.id)).map((e) => e.creditCode)).toEqual([good]);
    });

    it('should skip blank lines and ignore columns it does not know', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file(
        'blank.csv',
        csvText([
          ['序号', ...CN_HEADER, '备注'],
          ['1', creditCode(), '企业甲', 'high_tech', '2026-01-01', '2026-12-31', '无'],
          ['', '', '', '', '', '', ''],
          ['2', creditCode(), '企业乙', 'high_tech', '2026-01-01', '2026-12-31', ''],
        ]) + '\r\n\r\n',
      );

      expect(await importOk(batch.id, path)).toMatchObject({ imported: 2, rejected: 0 });
    });

    it('should list at most 1,000 errors and count them all', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const rows = Array.from({ length: 1200 }, () => [
        'bad',
        '企业',
        'high_tech',
        '2026-01-01',
        '2026-12-31',
      ]);
      const report = await importOk(
        batch.id,
        await file('many-errors.csv', csvText([EN_HEADER, ...rows])),
      );

      expect(report).toMatchObject({ rejected: 1200, errorCount: 1200, errorsTruncated: true });
      expect(report.errors).toHaveLength(1000);
      expect(report.errors[999].row).toBe(1001);
    });

    it('should import a header-only file as nothing', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const report = await importOk(batch.id, await file('header.csv', csvText([CN_HEADER])));
      expect(report).toMatchObject({ imported: 0, updated: 0, unchanged: 0, rejected: 0 });
    });
  });

  describe('files refused whole, with nothing written', () => {
    async function expectNothingWritten(batchId: string): Promise<void> {
      expect(await entriesOf(batchId)).toEqual([]);
    }

    it('should answer 400 WHITELIST_FILE_EMPTY for an empty file', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      await expectError(
        await upload(batch.id, await file('empty.csv', '')),
        400,
        'WHITELIST_FILE_EMPTY',
      );
    });

    it('should answer 400 WHITELIST_COLUMNS_MISSING naming the missing columns', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file(
        'columns.csv',
        csvText([
          ['统一社会信用代码', '企业名称', '资质'],
          [creditCode(), '企业', 'high_tech'],
        ]),
      );

      const response = await upload(batch.id, path);

      await expectError(response, 400, 'WHITELIST_COLUMNS_MISSING');
      expect(response.body.error.details.map((d: { field: string }) => d.field)).toEqual([
        'validFrom',
        'validTo',
      ]);
      expect(response.body.error.message).toContain('有效期起');
      await expectNothingWritten(batch.id);
    });

    it('should answer 400 WHITELIST_COLUMNS_DUPLICATE for a column given twice', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file('twice.csv', csvText([[...CN_HEADER, 'creditCode']]));
      await expectError(await upload(batch.id, path), 400, 'WHITELIST_COLUMNS_DUPLICATE');
    });

    it('should answer 413 WHITELIST_FILE_TOO_LARGE for a file over 20 MB', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const row = csvText([[creditCode(), '大文件企业', 'high_tech', '2026-01-01', '2026-12-31']]);
      const body = Buffer.from(row.repeat(Math.ceil((21 * 1024 * 1024) / row.length)));
      const path = await file('big.csv', Buffer.concat([Buffer.from(csvText([EN_HEADER])), body]));

      await expectError(await upload(batch.id, path), 413, 'WHITELIST_FILE_TOO_LARGE');
      await expectNothingWritten(batch.id);
    });

    it('should answer 415 WHITELIST_FILE_TYPE for a .txt file', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file('list.txt', csvText([EN_HEADER]));
      await expectError(await upload(batch.id, path), 415, 'WHITELIST_FILE_TYPE');
    });

    it('should answer 415 WHITELIST_FILE_TYPE for a PNG named .csv', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        Buffer.from('IHDR'),
        randomBytes(64),
      ]);
      await expectError(
        await upload(batch.id, await file('image.csv', png)),
        415,
        'WHITELIST_FILE_TYPE',
      );
    });

    it('should answer 415 WHITELIST_FILE_TYPE for text named .xlsx', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file('fake.xlsx', csvText([EN_HEADER]));
      await expectError(await upload(batch.id, path), 415, 'WHITELIST_FILE_TYPE');
    });

    it('should answer 400 WHITELIST_FILE_UNREADABLE for a truncated XLSX', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(EN_HEADER);
      for (let i = 0; i < 200; i++)
        sheet.addRow([creditCode(), `截断企业${i}`, 'high_tech', '2026-01-01', '2026-12-31']);
      const path = join(dir, `${tag()}-cut.xlsx`);
      await workbook.xlsx.writeFile(path);
      await truncate(path, Math.floor((await readFile(path)).length / 2));

      await expectError(await upload(batch.id, path), 400, 'WHITELIST_FILE_UNREADABLE');
      await expectNothingWritten(batch.id);
    });

    it('should answer 400 WHITELIST_FILE_UNREADABLE for a ZIP that is no workbook', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file(
        'garbage.xlsx',
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2048)]),
      );
      await expectError(await upload(batch.id, path), 400, 'WHITELIST_FILE_UNREADABLE');
    });

    it('should answer 400 WHITELIST_FILE_UNREADABLE for a quote left open, writing none of the rows before it', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const good = Array.from({ length: 600 }, (_, i) => [
        creditCode(),
        `引号前企业${i}`,
        'high_tech',
        '2026-01-01',
        '2026-12-31',
      ]);
      const path = await file(
        'open-quote.csv',
        csvText([EN_HEADER, ...good]) +
          `${creditCode()},"没有闭合的引号,high_tech,2026-01-01,2026-12-31\r\n` +
          'x'.repeat(1_100_000),
      );

      await expectError(await upload(batch.id, path), 400, 'WHITELIST_FILE_UNREADABLE');
      await expectNothingWritten(batch.id);
    });

    describe('limits', () => {
      const validRows = (count: number) =>
        Array.from({ length: count }, (_, i) => [
          creditCode(),
          `限额前企业${i}`,
          'high_tech',
          '2026-01-01',
          '2026-12-31',
        ]);
      // Rows that fail their checks cost no writes, so the cap is reached quickly; the valid
      // rows before them fill a whole chunk, which is written before the cap is hit.
      const filler = (count: number) => Array.from({ length: count }, () => ['x']);

      // The file: 65 kB on disk, 60 MB of XML once inflated.
      let bomb: Buffer;
      beforeAll(async () => {
        bomb = await bombWorkbook(60 * 1024 * 1024);
      });
      // Fifty thousand rows take a while to parse on a busy machine.
      const MANY_ROWS_MS = 120_000;

      it('should answer 413 WHITELIST_WORKBOOK_TOO_LARGE to a zip bomb in a tiny XLSX', async () => {
        const batch = await createWhitelistBatch(t.http, admin.accessToken);
        expect(bomb.length).toBeLessThan(100 * 1024);

        const response = await upload(batch.id, await file('bomb.xlsx', bomb));

        await expectError(response, 413, 'WHITELIST_WORKBOOK_TOO_LARGE');
        expect(response.body.error.details).toEqual([
          expect.objectContaining({ code: 'inflated_too_large', limit: expect.any(Number) }),
        ]);
        await expectNothingWritten(batch.id);
      });

      it('should answer 413 WHITELIST_WORKBOOK_TOO_LARGE to a bomb that understates its sizes', async () => {
        const batch = await createWhitelistBatch(t.http, admin.accessToken);

        const response = await upload(
          batch.id,
          await file('lying-bomb.xlsx', understateSizes(bomb)),
        );

        await expectError(response, 413, 'WHITELIST_WORKBOOK_TOO_LARGE');
        await expectNothingWritten(batch.id);
      });

      it(
        `should import a CSV of ${MAX_IMPORT_ROWS} rows besides the header`,
        async () => {
          const batch = await createWhitelistBatch(t.http, admin.accessToken);
          const rows = [EN_HEADER, ...validRows(3), ...filler(MAX_IMPORT_ROWS - 3)];

          const report = await importOk(batch.id, await file('at-limit.csv', csvText(rows)));

          expect(report).toMatchObject({ imported: 3, rejected: MAX_IMPORT_ROWS - 3 });
        },
        MANY_ROWS_MS,
      );

      it(
        'should answer 413 WHITELIST_FILE_TOO_MANY_ROWS to a CSV one row longer, writing nothing',
        async () => {
          const batch = await createWhitelistBatch(t.http, admin.accessToken);
          const rows = [EN_HEADER, ...validRows(600), ...filler(MAX_IMPORT_ROWS - 599)];

          const response = await upload(batch.id, await file('over-limit.csv', csvText(rows)));

          await expectError(response, 413, 'WHITELIST_FILE_TOO_MANY_ROWS');
          expect(response.body.error.details).toEqual([
            expect.objectContaining({ code: 'too_many_rows', limit: MAX_IMPORT_ROWS }),
          ]);
          await expectNothingWritten(batch.id);
        },
        MANY_ROWS_MS,
      );

      it(
        'should answer 413 WHITELIST_FILE_TOO_MANY_ROWS to an XLSX over the cap, writing nothing',
        async () => {
          const batch = await createWhitelistBatch(t.http, admin.accessToken);
          const path = join(dir, `${tag()}-many-rows.xlsx`);
          const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
          const sheet = writer.addWorksheet('白名单');
          for (const row of [EN_HEADER, ...validRows(600), ...filler(MAX_IMPORT_ROWS - 599)]) {
            sheet.addRow(row).commit();
          }
          sheet.commit();
          await writer.commit();

          await expectError(await upload(batch.id, path), 413, 'WHITELIST_FILE_TOO_MANY_ROWS');
          await expectNothingWritten(batch.id);
        },
        MANY_ROWS_MS,
      );
    });

    it('should answer 400 WHITELIST_FILE_REQUIRED without a file', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const response = await request(t.http)
        .post(`/api/v1/whitelist/batches/${batch.id}/import`)
        .auth(admin.accessToken, { type: 'bearer' })
        .field('note', 'no file');
      await expectError(response, 400, 'WHITELIST_FILE_REQUIRED');
    });

    it('should answer 400 WHITELIST_FILE_REQUIRED for a file in another field', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const response = await request(t.http)
        .post(`/api/v1/whitelist/batches/${batch.id}/import`)
        .auth(admin.accessToken, { type: 'bearer' })
        .attach('upload', await file('other.csv', csvText([EN_HEADER])));
      await expectError(response, 400, 'WHITELIST_FILE_REQUIRED');
    });

    it('should answer 404 for an unknown batch and 400 for a bad id, deleting the upload', async () => {
      const path = await file(
        'nowhere.csv',
        csvText([EN_HEADER, [creditCode(), '企业', 'high_tech', '2026-01-01', '2026-12-31']]),
      );
      await expectError(
        await upload('7d1c3a52-9b0e-4f6a-8c2d-5e4f3a2b1c0d', path),
        404,
        'WHITELIST_BATCH_NOT_FOUND',
      );
      await expectError(await upload('not-a-uuid', path), 400, 'VALIDATION_FAILED');
    });

    it('should answer 409 for an import into a revoked batch', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      for (const action of ['publish', 'revoke']) {
        const moved = await request(t.http)
          .post(`/api/v1/whitelist/batches/${batch.id}/${action}`)
          .auth(admin.accessToken, { type: 'bearer' });
        expect(moved.status).toBe(200);
      }
      const path = await file(
        'late.csv',
        csvText([EN_HEADER, [creditCode(), '企业', 'high_tech', '2026-01-01', '2026-12-31']]),
      );

      await expectError(await upload(batch.id, path), 409, 'WHITELIST_BATCH_STATUS_CONFLICT');
      await expectNothingWritten(batch.id);
    });
  });

  describe('access', () => {
    it('should answer 403 to an enterprise and an institution, and 401 to anonymous callers', async () => {
      const batch = await createWhitelistBatch(t.http, admin.accessToken);
      const path = await file(
        'access.csv',
        csvText([EN_HEADER, [creditCode(), '企业', 'high_tech', '2026-01-01', '2026-12-31']]),
      );
      const enterprise = await verifiedOrg(t.http, admin.accessToken, 'enterprise');
      const bank = await verifiedOrg(t.http, admin.accessToken, 'bank');

      // The file goes from memory in one write: a refusal answered before a streamed upload
      // finished could close the connection under the client (EPIPE), failing nothing real.
      const content = await readFile(path);
      const refused = (token?: string) => {
        const call = request(t.http).post(`/api/v1/whitelist/batches/${batch.id}/import`);
        return (token ? call.auth(token, { type: 'bearer' }) : call).attach(
          'file',
          content,
          'access.csv',
        );
      };
      await expectError(await refused(enterprise.accessToken), 403, 'FORBIDDEN');
      await expectError(await refused(bank.accessToken), 403, 'FORBIDDEN');
      const anonymous = await refused();
      await expectError(anonymous, 401, 'UNAUTHENTICATED');
      expect(await entriesOf(batch.id)).toEqual([]);
    });
  });
});
