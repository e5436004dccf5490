import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { bombWorkbook, understateSizes } from '../../../../test/helpers/workbook-bombs';
import { UnreadableFileError, WorkbookTooLargeError } from './source-errors';
import {
  checkWorkbookArchive,
  inflateLimit,
  MAX_XLSX_INFLATE_RATIO,
  MAX_XLSX_INFLATED_BYTES,
} from './xlsx-archive';

describe(inflateLimit.name, () => {
  it('should allow a small file its ratio and a large one the cap', () => {
    expect(inflateLimit(10_000)).toBe(10_000 * MAX_XLSX_INFLATE_RATIO);
    expect(inflateLimit(20 * 1024 * 1024)).toBe(MAX_XLSX_INFLATED_BYTES);
  });
});

describe(checkWorkbookArchive.name, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'techfin-xlsx-archive-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function saved(name: string, content: Buffer): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  }

  it('should let a real workbook through', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('白名单');
    for (let i = 0; i < 2000; i++) sheet.addRow([`91370212MA3C${i}`, `青岛科技有限公司${i}`]);
    const path = await saved('real.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));

    await expect(checkWorkbookArchive(path)).resolves.toBeUndefined();
  });

  it('should refuse a bomb by the sizes it declares', async () => {
    const path = await saved('bomb.xlsx', await bombWorkbook(8 * 1024 * 1024));

    await expect(checkWorkbookArchive(path)).rejects.toBeInstanceOf(WorkbookTooLargeError);
  });

  it('should refuse a bomb that understates its sizes by counting what it inflates', async () => {
    const path = await saved('lying.xlsx', understateSizes(await bombWorkbook(8 * 1024 * 1024)));

    await expect(checkWorkbookArchive(path)).rejects.toBeInstanceOf(WorkbookTooLargeError);
  });

  it('should refuse an archive cut short', async () => {
    const archive = await bombWorkbook(10);
    const path = await saved('cut.xlsx', archive.subarray(0, archive.length >> 1));

    await expect(checkWorkbookArchive(path)).rejects.toBeInstanceOf(UnreadableFileError);
  });

  it('should refuse an archive whose entries are not deflate data', async () => {
    const archive = await bombWorkbook(10);
    const firstEntryData = 30 + archive.readUInt16LE(26) + archive.readUInt16LE(28);
    archive.fill(0xff, firstEntryData, firstEntryData + 8);
    const path = await saved('garbled.xlsx', archive);

    await expect(checkWorkbookArchive(path)).rejects.toBeInstanceOf(UnreadableFileError);
  });
});
