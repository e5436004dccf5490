import { parse } from 'csv-parse/sync';
import { csvCell, csvDocument, csvRow } from './csv';

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
