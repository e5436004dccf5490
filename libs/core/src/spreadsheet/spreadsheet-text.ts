/**
 * The first characters that make a spreadsheet read a text cell as a formula (OWASP, CSV
 * Injection): = + - @; their full-width forms, which Excel in East Asian locales can take the
 * same way; and tab, CR and LF, which some spreadsheets skip before looking for a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Text as a spreadsheet cell that shows it instead of running it: OWASP's leading single quote,
 * so that the cell starts with a character no spreadsheet runs. For every user-typed string
 * written to a CSV or an XLSX; numbers stay numbers (a negative amount is no formula), so only
 * text goes through here. The stored data keeps what the user typed.
 */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
