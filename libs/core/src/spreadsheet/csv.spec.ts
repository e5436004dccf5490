import { parse } from 'csv-parse/sync';
import { csvCell, csvChunks, csvDocument, csvRow } from './csv';

describe(csvCell.name, () => {
  it('should quote text and neutralise a formula in it', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvCell('-1+1')).toBe(`"'-1+1"`);
    expect(csvCell('青岛')).toBe('"青岛"');
  });

  it('should keep numbers numbers, negative ones included, and write other values bare', () => {
    expect(csvCell(-1500)).toBe('-1500');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(9_007_199_254_740_993n)).toBe('9007199254740993');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date('2026-05-20T06:00:00Z'))).toBe('2026-05-20T06:00:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('should refuse a number a CSV cannot hold', () => {
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe(csvDocument.name, () => {
  it('should write RFC 4180 that a CSV reader takes back cell for cell, formulas inert', () => {
    const rows = [
      ['海湾, "智能" 装备', -5, '第一行\r\n第二行'],
      ['=1+1,"x"\r\n=cmd|\' /C calc\'!A0', 3, '@A1'],
    ];
    const text = csvDocument(['名称', '金额', '备注'], rows);

    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text, { bom: true })).toEqual([
      ['名称', '金额', '备注'],
      ['海湾, "智能" 装备', '-5', '第一行\r\n第二行'],
      ["'=1+1,\"x\"\r\n=cmd|' /C calc'!A0", '3', "'@A1"],
    ]);
  });

  it('should write a header alone when there are no rows', () => {
    expect(csvDocument(['a'], [])).toBe('\uFEFF"a"\r\n');
  });
});

describe(csvRow.name, () => {
  it('should join the cells with commas', () => {
    expect(csvRow(['a', 1, null])).toBe('"a",1,');
  });
});

describe(csvChunks.name, () => {
  /** Batches that arrive one by one, as a database's answers would. */
  async function* batchesOf<T>(...batches: T[][]): AsyncGenerator<T[]> {
    for (const batch of batches) {
      await new Promise(setImmediate);
      yield batch;
    }
  }

  async function chunks(iterable: AsyncIterable<string>): Promise<string[]> {
    const all: string[] = [];
    for await (const chunk of iterable) all.push(chunk);
    return all;
  }

  it('should write the file csvDocument writes, the header first and then a piece per batch', async () => {
    const rows = [
      ["=cmd|' /C calc'!A0", -5],
      ['海湾, "智能"', 3],
      ['@SUM(1+1)', null],
    ];

    const pieces = await chunks(
      csvChunks(['名称', '金额'], batchesOf(rows.slice(0, 2), [], rows.slice(2))),
    );

    expect(pieces).toEqual([
      '\uFEFF"名称","金额"\r\n',
      `"'=cmd|' /C calc'!A0",-5\r\n"海湾, ""智能""",3\r\n`,
      `"'@SUM(1+1)",\r\n`,
    ]);
    expect(pieces.join('')).toBe(csvDocument(['名称', '金额'], rows));
  });

  it('should write the header alone when no batch holds a row', async () => {
    expect(await chunks(csvChunks(['a'], batchesOf<string[]>()))).toEqual(['\uFEFF"a"\r\n']);
  });
});
