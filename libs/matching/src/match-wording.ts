/**
 * Amounts, rates and lists as a person at a bank or a firm reads them: 500万元, 1.2亿元, 3.45%,
 * 信用、知识产权质押.
 */
export function yuanText(yuan: number): string {
  const wan = trim(yuan / 10_000);
  // Decided after rounding: 99,999,999 yuan is 1亿元, not 10000万元.
  if (Number(wan) >= 10_000) return `${trim(yuan / 100_000_000)}亿元`;
  if (yuan >= 10_000) return `${wan}万元`;
  return `${yuan}元`;
}

export function rateText(bps: number): string {
  return `${trim(bps / 100)}%`;
}

/** Labels joined for "one of these": 信用、知识产权质押. */
export function listText(labels: readonly string[]): string {
  return labels.join('、');
}

function trim(value: number): string {
  return String(Math.round(value * 100) / 100);
}
