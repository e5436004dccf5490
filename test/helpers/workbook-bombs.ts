import ExcelJS from 'exceljs';

const HEADER = ['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'];

/**
 * A small whitelist workbook whose one cell holds `inflatedBytes` spaces: deflate packs them
 * about 1,000 to 1, so the file stays tiny while its XML is huge.
 */
export async function bombWorkbook(inflatedBytes: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('白名单');
  sheet.addRow(HEADER);
  sheet.addRow(['91370212MA3C12345X', ' '.repeat(inflatedBytes), 'high_tech']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * The same archive with every entry declaring its compressed size as its uncompressed one, in
 * the central directory and in its local header: a bomb that lies about its sizes.
 */
export function understateSizes(archive: Buffer): Buffer {
  const lying = Buffer.from(archive);
  const end = lying.lastIndexOf(EOCD_SIGNATURE);
  const entries = lying.readUInt16LE(end + 10);
  let at = lying.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const compressed = lying.readUInt32LE(at + 20);
    lying.writeUInt32LE(compressed, at + 24);
    lying.writeUInt32LE(compressed, lying.readUInt32LE(at + 42) + 22);
    at +=
      46 + lying.readUInt16LE(at + 28) + lying.readUInt16LE(at + 30) + lying.readUInt16LE(at + 32);
  }
  return lying;
}
