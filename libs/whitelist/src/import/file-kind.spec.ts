import { contentFits, kindByName } from './file-kind';

describe(kindByName.name, () => {
  it('should know .csv and .xlsx in any case', () => {
    expect(kindByName('白名单.CSV')).toBe('csv');
    expect(kindByName('batch.2026.xlsx')).toBe('xlsx');
  });

  it('should refuse other names', () => {
    expect(kindByName('list.txt')).toBeNull();
    expect(kindByName('list.xls')).toBeNull();
    expect(kindByName('csv')).toBeNull();
  });
});

describe(contentFits.name, () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);

  it('should take a ZIP as XLSX and text as CSV', () => {
    expect(contentFits('xlsx', zip)).toBe(true);
    expect(contentFits('csv', Buffer.from('a,b\n1,2\n'))).toBe(true);
    expect(contentFits('csv', Buffer.alloc(0))).toBe(true);
  });

  it('should refuse binary content under a CSV name and text under an XLSX name', () => {
    expect(contentFits('csv', png)).toBe(false);
    expect(contentFits('csv', zip)).toBe(false);
    expect(contentFits('xlsx', Buffer.from('a,b\n'))).toBe(false);
  });
});
