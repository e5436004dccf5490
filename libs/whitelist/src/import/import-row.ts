import {
  cleanText,
  creditCodeProblem,
  isSingleLine,
  QUALIFICATION_CODES,
  QUALIFICATIONS,
} from '@app/core';
import type { Qualification } from '@app/core';
import { parseDateCell } from './date-cell';
import { ColumnMap, FIELD_HEADERS, ImportField } from './header-columns';
import { cellText, type SheetCell } from './sheet-cell';

export const MAX_NAME_CHARS = 100;

/** A row that passed every check, ready to store. */
export interface ImportRow {
  creditCode: string;
  enterpriseName: string;
  qualifications: Qualification[];
  validFrom: string;
  validTo: string;
}

/** Stable codes: clients and the bureau's staff key on them. */
export type RowProblemCode =
  | 'required'
  | 'credit_code_length'
  | 'credit_code_charset'
  | 'credit_code_lowercase'
  | 'credit_code_check_character'
  | 'too_long'
  | 'invalid_date'
  | 'date_range'
  | 'unknown_qualification'
  | 'duplicate_in_file'
  | 'line_break';

export interface RowProblem {
  column: ImportField;
  code: RowProblemCode;
  message: string;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; problems: RowProblem[] };

// Codes, the vocabulary's labels and the short names people write in spreadsheets.
const QUALIFICATION_NAMES = new Map<string, Qualification>([
  ...QUALIFICATION_CODES.map((code) => [code, code] as const),
  ...QUALIFICATIONS.map((entry) => [normalizeName(entry.label), entry.code] as const),
  ['高新技术', 'high_tech'],
  ['高企', 'high_tech'],
  ['科技型中小', 'tech_sme'],
  ['专精特新', 'specialized'],
  ['专精特新企业', 'specialized'],
  ['专精特新小巨人', 'little_giant'],
  ['小巨人', 'little_giant'],
  ['小巨人企业', 'little_giant'],
  ['瞪羚', 'gazelle'],
  ['独角兽', 'unicorn'],
  ['上市后备', 'listing_pipeline'],
]);

const QUALIFICATION_SEPARATORS = /[、,，;；|｜]/;

function normalizeName(text: string): string {
  return text.replace(/["“”'‘’\s]/g, '').toLowerCase();
}

const LINE_BREAK_MESSAGE = '不能换行 (line breaks are not allowed)';

/**
 * Every cell the import reads holds one line, as SingleLine text does in a form: a break typed into a cell
 * (Alt+Enter in Excel), even at its end, would split the value wherever it is written again on
 * one line (a CSV export, a calendar, a log). Checked before trimming or cleaning, which would
 * hide some of them.
 */
function hasLineBreak(cell: SheetCell): boolean {
  return typeof cell === 'string' && !isSingleLine(cell);
}

/**
 * Checks one data row; every problem is reported, not only the first. A cell with a line break
 * gets that one problem, not the others its break would also cause.
 */
export function validateRow(cells: SheetCell[], columns: ColumnMap): RowResult {
  const problems: RowProblem[] = [];
  const problem = (column: ImportField, code: RowProblemCode, message: string) =>
    problems.push({ column, code, message: `${FIELD_HEADERS[column]}: ${message}` });
  const cell = (field: ImportField): SheetCell => cells[columns[field]] ?? null;
  const broken = (field: ImportField): boolean => hasLineBreak(cell(field));
  const lineBreak = (field: ImportField) => problem(field, 'line_break', LINE_BREAK_MESSAGE);

  const creditCode = cellText(cell('creditCode'));
  const codeProblem = creditCode ? creditCodeProblem(creditCode) : null;
  if (broken('creditCode')) {
    lineBreak('creditCode');
  } else if (!creditCode) {
    problem('creditCode', 'required', '不能为空 (required)');
  } else if (codeProblem && creditCodeProblem(creditCode.toUpperCase()) === null) {
    problem('creditCode', 'credit_code_lowercase', '须为大写字母 (must be upper case)');
  } else if (codeProblem) {
    problem('creditCode', `credit_code_${codeProblem}`, CREDIT_CODE_MESSAGES[codeProblem]);
  }

  const enterpriseName = String(cleanText(cellText(cell('enterpriseName')))).trim();
  if (broken('enterpriseName')) {
    lineBreak('enterpriseName');
  } else if (!enterpriseName) {
    problem('enterpriseName', 'required', '不能为空 (required)');
  } else if ([...enterpriseName].length > MAX_NAME_CHARS) {
    problem('enterpriseName', 'too_long', `不能超过 ${MAX_NAME_CHARS} 个字符`);
  }

  const qualifications = parseQualifications(cellText(cell('qualifications')));
  if (broken('qualifications')) {
    lineBreak('qualifications');
  } else if (qualifications.unknown.length > 0) {
    problem(
      'qualifications',
      'unknown_qualification',
      `未知资质 (unknown): ${qualifications.unknown.join('、').slice(0, 200)}`,
    );
  } else if (qualifications.codes.length === 0) {
    problem('qualifications', 'required', '至少填写一项资质 (at least one)');
  }

  const validFrom = dateOf(cell('validFrom'), 'validFrom', problem);
  const validTo = dateOf(cell('validTo'), 'validTo', problem);
  if (validFrom && validTo && validFrom > validTo) {
    problem('validTo', 'date_range', `早于有效期起 ${validFrom} (before validFrom)`);
  }

  if (problems.length > 0 || !validFrom || !validTo) return { ok: false, problems };
  return {
    ok: true,
    row: { creditCode, enterpriseName, qualifications: qualifications.codes, validFrom, validTo },
  };
}

const CREDIT_CODE_MESSAGES = {
  length: '须为 18 位 (must have 18 characters)',
  charset: '含有不允许的字符 (characters not allowed)',
  check_character: '校验码错误 (wrong check character)',
} as const;

function dateOf(
  cell: SheetCell,
  field: 'validFrom' | 'validTo',
  problem: (column: ImportField, code: RowProblemCode, message: string) => void,
): string | null {
  if (hasLineBreak(cell)) {
    problem(field, 'line_break', LINE_BREAK_MESSAGE);
    return null;
  }
  if (cellText(cell) === '') {
    problem(field, 'required', '不能为空 (required)');
    return null;
  }
  const date = parseDateCell(cell);
  if (!date) problem(field, 'invalid_date', '日期无效，应为 YYYY-MM-DD (not a date)');
  return date;
}

/** The codes in vocabulary order (so equal sets compare equal), and what was not understood. */
export function parseQualifications(text: string): { codes: Qualification[]; unknown: string[] } {
  const found = new Set<Qualification>();
  const unknown: string[] = [];
  for (const part of text.split(QUALIFICATION_SEPARATORS)) {
    const name = normalizeName(part);
    if (!name) continue;
    const code = QUALIFICATION_NAMES.get(name);
    if (code) found.add(code);
    else unknown.push(part.trim());
  }
  return { codes: QUALIFICATION_CODES.filter((code) => found.has(code)), unknown };
}
