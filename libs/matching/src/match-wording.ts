/**
 * Amounts, rates and lists as a person at a bank or a firm reads them: 500万元, 1.2亿元, 3.45%,
 * 信用、知识产权质押.
 */
export function yuanText(yuan: number): string {
  // Four decimals: every yuan below 1亿 (1.2345万元 is 12,345元), every 万 above it. Below 1亿
  // the figure stays under 10000万 even rounded, so the unit never needs to move up.
  if (yuan >= 100_000_000) return `${trim(yuan / 100_000_000, 4)}亿元`;
  if (yuan >= 10_000) return `${trim(yuan / 10_000, 4)}万元`;
  return `${yuan}元`;
}

export function rateText(bps: number): string {
  return `${trim(bps / 100, 2)}%`;
}

/** Labels joined for "one of these": 信用、知识产权质押. */
export function listText(labels: readonly string[]): string {
  return labels.join('、');
}

function trim(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  return String(Math.round(value * scale) / scale);
}
