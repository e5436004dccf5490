import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { encode } from 'iconv-lite';
import { csvRows, SourceRow, xlsxRows } from './row-sources';
import { UnreadableFileError } from './source-errors';

const ROWS = 3000;
// Long Chinese names fill the XML mostly with 3-byte characters, so that many chunk
// boundaries fall inside one.
const nameOf = (i: number) =>
  `青岛海洋智能装备与新材料科技研究院有限责任公司第${i}分公司`.repeat(3);

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('row sources', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'techfin-row-sources-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['inline strings', false],
    ['shared strings', true],
  ])('should keep every Chinese character of an XLSX with %s', async (_label, useSharedStrings) => {
    const path = join(dir, `names-${String(useSharedStrings)}.xlsx`);
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
    const sheet = writer.addWorksheet('白名单');
    sheet.addRow(['企业名称']).commit();
    for (let i = 0; i < ROWS; i++) sheet.addRow([nameOf(i)]).commit();
    sheet.commit();
    await writer.commit();

    const rows = await collect(xlsxRows(path));

    expect(rows).toHaveLength(ROWS + 1);
    const damaged = rows.slice(1).filter((row, i) => row.cells[0] !== nameOf(i));
    expect(damaged).toEqual([]);
    expect(rows[ROWS].number).toBe(ROWS + 1);
  });

  describe('temporary files', () => {
    // exceljs parks worksheets that precede the shared strings in tmp-<pid>-* files.
    const parked = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    // exceljs deletes them asynchronously; none of this process's reads may leave one.
    async function expectNoneParked(): Promise<void> {
      const deadline = Date.now() + 5000;
      while ((await parked()).length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await parked()).toEqual([]);
    }

    async function excelOrdered(name: string): Promise<string> {
      const workbook = new ExcelJS.Workbook();
      const first = workbook.addWorksheet('白名单');
      first.addRow(['企业名称', '有效期起']);
      for (let i = 0; i < 50; i++) first.addRow([nameOf(i), new Date(Date.UTC(2026, 0, 1))]);
      workbook.addWorksheet('说明').addRow(['第二个工作表']);
      const path = join(dir, name);
      await workbook.xlsx.writeFile(path);
      return path;
    }

    it('should read only the first sheet and leave nothing behind', async () => {
      const rows = await collect(xlsxRows(await excelOrdered('two-sheets.xlsx')));

      expect(rows).toHaveLength(51);
      expect(rows[1].cells).toEqual([nameOf(0), new Date(Date.UTC(2026, 0, 1))]);
      await expectNoneParked();
    });

    it('should leave nothing behind when the caller stops early', async () => {
      const rows = xlsxRows(await excelOrdered('stopped.xlsx'));
      await rows.next();
      await rows.return(undefined);

      await expectNoneParked();
    });
  });

  it('should keep every Chinese character of a large GBK CSV', async () => {
    const path = join(dir, 'names-gbk.csv');
    const text = ['企业名称', ...Array.from({ length: ROWS }, (_, i) => nameOf(i))].join('\r\n');
    await writeFile(path, encode(text, 'gbk'));

    const rows = await collect(csvRows(path, 'gb18030'));

    expect(rows.slice(1).filter((row, i) => row.cells[0] !== nameOf(i))).toEqual([]);
    expect(rows[ROWS].number).toBe(ROWS + 1);
  });

  it('should report a quote left open as an unreadable file', async () => {
    const path = join(dir, 'open-quote.csv');
    await writeFile(path, `a,b\r\n1,"open\r\n${'x'.repeat(1_100_000)}`);

    await expect(collect(csvRows(path, 'utf-8'))).rejects.toBeInstanceOf(UnreadableFileError);
  });
});
