import { csvDocument } from '@app/core';
import { parse } from 'csv-parse/sync';
import { parseQualifications } from '../import/import-row';
import { entriesCsvDisposition, ENTRIES_CSV_HEADER, entryCsvCells } from './entries-csv';

describe(entryCsvCells.name, () => {
  const entry = {
    creditCode: '91370212MA3C12345X',
    enterpriseName: "=cmd|' /C calc'!A0",
    qualifications: ['high_tech', 'little_giant', 'gazelle'] as const,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    status: 'suspended' as const,
    batchName: '2026年第一批',
  };

  it('should show codes by their Chinese labels and keep the stored text', () => {
    expect(entryCsvCells(entry)).toEqual([
      '91370212MA3C12345X',
      "=cmd|' /C calc'!A0",
      '高新技术企业、专精特新"小巨人"、瞪羚企业',
      '2026-01-01',
      '2026-12-31',
      '暂停',
      '2026年第一批',
    ]);
  });

  it('should write qualifications the import reads back as the same codes', () => {
    const [, , qualifications] = parse(csvDocument(ENTRIES_CSV_HEADER, [entryCsvCells(entry)]), {
      bom: true,
      from_line: 2,
    })[0];
    expect(parseQualifications(qualifications)).toEqual({
      codes: entry.qualifications,
      unknown: [],
    });
  });

  it('should leave the batch empty when it is gone', () => {
    expect(entryCsvCells({ ...entry, batchName: null })[6]).toBeNull();
  });
});

describe(entriesCsvDisposition.name, () => {
  it('should name the file in Chinese with an ASCII fallback', () => {
    expect(entriesCsvDisposition('2026-05-20')).toBe(
      'attachment; filename="whitelist-entries-2026-05-20.csv"; ' +
        "filename*=UTF-8''%E7%A7%91%E6%8A%80%E5%9E%8B%E4%BC%81%E4%B8%9A%E7%99%BD%E5%90%8D%E5%8D%95-2026-05-20.csv",
    );
  });
});
