import { mapHeader, normalizeHeader } from './header-columns';

describe(mapHeader.name, () => {
  it('should map the Chinese template headers', () => {
    expect(mapHeader(['统一社会信用代码', '企业名称', '资质', '有效期起', '有效期止'])).toEqual({
      ok: true,
      columns: { creditCode: 0, enterpriseName: 1, qualifications: 2, validFrom: 3, validTo: 4 },
    });
  });

  it('should map English headers in any order and case, ignoring unknown columns', () => {
    expect(
      mapHeader([
        'No.',
        'validTo',
        'CreditCode',
        'enterprise_name',
        'Qualifications',
        'valid_from',
      ]),
    ).toEqual({
      ok: true,
      columns: { creditCode: 2, enterpriseName: 3, qualifications: 4, validFrom: 5, validTo: 1 },
    });
  });

  it('should see through a BOM, stars, spaces and notes in brackets', () => {
    const result = mapHeader([
      '\uFEFF序号',
      '*统一社会信用代码',
      ' 企业名称 ',
      '资质（多个用、分隔）',
      '有效期起(YYYY-MM-DD)',
      '有效期至',
    ]);
    expect(result).toEqual({
      ok: true,
      columns: { creditCode: 1, enterpriseName: 2, qualifications: 3, validFrom: 4, validTo: 5 },
    });
  });

  it('should name every missing column', () => {
    expect(mapHeader(['企业名称', 'creditCode'])).toEqual({
      ok: false,
      missing: ['qualifications', 'validFrom', 'validTo'],
      duplicate: [],
    });
  });

  it('should refuse a field given twice', () => {
    expect(
      mapHeader(['统一社会信用代码', 'creditCode', '企业名称', '资质', '有效期起', '有效期止']),
    ).toEqual({ ok: false, missing: [], duplicate: ['creditCode'] });
  });

  it('should treat an empty row as missing everything', () => {
    expect(mapHeader([]).ok).toBe(false);
  });
});

describe(normalizeHeader.name, () => {
  it('should drop full-width spaces and lower-case Latin', () => {
    expect(normalizeHeader('\u3000Valid From\u3000')).toBe('validfrom');
  });
});
