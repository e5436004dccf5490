import { cellText, type SheetCell } from './sheet-cell';

export const IMPORT_FIELDS = [
  'creditCode',
  'enterpriseName',
  'qualifications',
  'validFrom',
  'validTo',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The Chinese header each field has in the bureau's template, used in messages. */
export const FIELD_HEADERS: Record<ImportField, string> = {
  creditCode: '统一社会信用代码',
  enterpriseName: '企业名称',
  qualifications: '资质',
  validFrom: '有效期起',
  validTo: '有效期止',
};

// Compared after normalizeHeader: spreadsheets in the wild use all of these.
const ALIASES: Record<ImportField, string[]> = {
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', 'creditcode', 'uscc'],
  enterpriseName: ['企业名称', '企业', '名称', '单位名称', 'enterprisename', 'name', 'companyname'],
  qualifications: ['资质', '资质类型', '企业资质', 'qualifications', 'qualification'],
  validFrom: ['有效期起', '有效期开始', '有效期自', '生效日期', '起始日期', 'validfrom'],
  validTo: ['有效期止', '有效期至', '有效期结束', '截止日期', '失效日期', 'validto'],
};

const ALIAS_FIELD = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [alias, field] as const)),
);

/**
 * A header cell reduced to what identifies it: no BOM, spaces (also full-width), required-field
 * stars, notes in brackets ("有效期起（YYYY-MM-DD）"), underscores or hyphens, and lower case.
 */
export function normalizeHeader(cell: SheetCell): string {
  return cellText(cell)
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\uFEFF\s\u3000*＊_-]/g, '')
    .toLowerCase();
}

export type ColumnMap = Record<ImportField, number>;

export type HeaderResult =
  | { ok: true; columns: ColumnMap }
  | { ok: false; missing: ImportField[]; duplicate: ImportField[] };

/** Which column holds each field; columns the import does not know (序号, 备注) are ignored. */
export function mapHeader(cells: SheetCell[]): HeaderResult {
  const found = new Map<ImportField, number>();
  const duplicate = new Set<ImportField>();
  cells.forEach((cell, index) => {
    const field = ALIAS_FIELD.get(normalizeHeader(cell));
    if (!field) return;
    if (found.has(field)) duplicate.add(field);
    else found.set(field, index);
  });
  const missing = IMPORT_FIELDS.filter((field) => !found.has(field));
  if (missing.length > 0 || duplicate.size > 0) {
    return { ok: false, missing, duplicate: [...duplicate] };
  }
  return { ok: true, columns: Object.fromEntries(found) as ColumnMap };
}
