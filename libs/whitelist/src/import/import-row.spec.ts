import { makeCreditCode } from '@app/core';
import type { ColumnMap } from './header-columns';
import { parseQualifications, validateRow } from './import-row';

const COLUMNS: ColumnMap = {
  creditCode: 0,
  enterpriseName: 1,
  qualifications: 2,
  validFrom: 3,
  validTo: 4,
};
const CODE = makeCreditCode('91370212MA3C12345');

function wrongCheck(code: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const last = code[17];
  return code.slice(0, 17) + alphabet[(alphabet.indexOf(last) + 1) % alphabet.length];
}

describe(validateRow.name, () => {
  it('should accept a good row and normalise it', () => {
    const result = validateRow(
      [` ${CODE} `, '青岛海洋科技有限公司', '瞪羚企业、high_tech', '2026/1/1', '2026-12-31'],
      COLUMNS,
    );
    expect(result).toEqual({
      ok: true,
      row: {
        creditCode: CODE,
        enterpriseName: '青岛海洋科技有限公司',
        qualifications: ['high_tech', 'gazelle'],
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
    });
  });

  it('should strip control characters from the name', () => {
    const result = validateRow(
      [CODE, '青岛\u0007科技\u001F有限公司\u0000', 'high_tech', '2026-01-01', '2026-12-31'],
      COLUMNS,
    );
    expect(result.ok && result.row.enterpriseName).toBe('青岛科技有限公司');
  });

  it('should accept validFrom equal to validTo', () => {
    expect(validateRow([CODE, 'A', 'tech_sme', '2026-05-01', '2026-05-01'], COLUMNS).ok).toBe(true);
  });

  const codesOf = (cells: (string | null)[]) => {
    const result = validateRow(cells, COLUMNS);
    return result.ok ? [] : result.problems.map((p) => `${p.column}:${p.code}`);
  };

  it.each([
    [wrongCheck(CODE), 'creditCode:credit_code_check_character'],
    [CODE.toLowerCase(), 'creditCode:credit_code_lowercase'],
    [CODE.slice(0, 17), 'creditCode:credit_code_length'],
    ['91370212MA3C1234O' + 'X', 'creditCode:credit_code_charset'],
    ['', 'creditCode:required'],
  ])('should reject the credit code %p', (code, expected) => {
    expect(codesOf([code, '名称', 'high_tech', '2026-01-01', '2026-12-31'])).toEqual([expected]);
  });

  it('should report bad and reversed dates', () => {
    expect(codesOf([CODE, '名称', 'high_tech', '2026-02-30', '2026-12-31'])).toEqual([
      'validFrom:invalid_date',
    ]);
    expect(codesOf([CODE, '名称', 'high_tech', '2026-12-31', '2026-01-01'])).toEqual([
      'validTo:date_range',
    ]);
    expect(codesOf([CODE, '名称', 'high_tech', '', null])).toEqual([
      'validFrom:required',
      'validTo:required',
    ]);
  });

  it('should report unknown and missing qualifications', () => {
    expect(codesOf([CODE, '名称', 'high_tech|火箭企业', '2026-01-01', '2026-12-31'])).toEqual([
      'qualifications:unknown_qualification',
    ]);
    expect(codesOf([CODE, '名称', ' 、 ', '2026-01-01', '2026-12-31'])).toEqual([
      'qualifications:required',
    ]);
  });

  it('should report a missing or too long name', () => {
    expect(codesOf([CODE, '  ', 'high_tech', '2026-01-01', '2026-12-31'])).toEqual([
      'enterpriseName:required',
    ]);
    expect(codesOf([CODE, '企'.repeat(101), 'high_tech', '2026-01-01', '2026-12-31'])).toEqual([
      'enterpriseName:too_long',
    ]);
  });

  it.each([
    ['LF (Alt+Enter in Excel)', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
    ['VT', '\v'],
    ['FF', '\f'],
    ['NEL', '\u0085'],
    ['LINE SEPARATOR', '\u2028'],
    ['PARAGRAPH SEPARATOR', '\u2029'],
  ])('should refuse a name with a %s in it or at its end', (_, lineBreak) => {
    for (const name of [`青岛海洋${lineBreak}科技有限公司`, `青岛海洋科技有限公司${lineBreak}`]) {
      const result = validateRow([CODE, name, 'high_tech', '2026-01-01', '2026-12-31'], COLUMNS);
      expect(result).toEqual({
        ok: false,
        problems: [
          {
            column: 'enterpriseName',
            code: 'line_break',
            message: '企业名称: 不能换行 (line breaks are not allowed)',
          },
        ],
      });
    }
  });

  it('should report a line break in any column, once, instead of what it would also break', () => {
    expect(
      codesOf([`${CODE}\n`, '名称', 'high_tech\n瞪羚企业', '2026-01-01\r\n', '\u20282026-12-31']),
    ).toEqual([
      'creditCode:line_break',
      'qualifications:line_break',
      'validFrom:line_break',
      'validTo:line_break',
    ]);
  });

  it('should keep a tab, which is no line break', () => {
    const result = validateRow(
      [CODE, '青岛\t科技', 'high_tech', '2026-01-01', '2026-12-31'],
      COLUMNS,
    );
    expect(result.ok && result.row.enterpriseName).toBe('青岛\t科技');
  });

  it('should report every problem of a row, each with its column', () => {
    expect(codesOf(['x', '', 'nope', 'soon', '2026-01-01'])).toEqual([
      'creditCode:credit_code_length',
      'enterpriseName:required',
      'qualifications:unknown_qualification',
      'validFrom:invalid_date',
    ]);
  });

  it('should treat a short row as empty cells', () => {
    expect(codesOf([CODE])).toEqual([
      'enterpriseName:required',
      'qualifications:required',
      'validFrom:required',
      'validTo:required',
    ]);
  });
});

describe(parseQualifications.name, () => {
  it('should split on every separator and read codes, labels and short names', () => {
    expect(
      parseQualifications('高新技术企业,科技型中小企业；专精特新“小巨人”|unicorn、上市后备 | 瞪羚'),
    ).toEqual({
      codes: ['high_tech', 'tech_sme', 'little_giant', 'gazelle', 'unicorn', 'listing_pipeline'],
      unknown: [],
    });
  });

  it('should keep the vocabulary order and drop repeats', () => {
    expect(parseQualifications('gazelle;high_tech;高企').codes).toEqual(['high_tech', 'gazelle']);
  });
});
