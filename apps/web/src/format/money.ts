const YUAN_PER_WAN = 10_000;

const wan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** Yuan as 万元 with separators: 5000000 -> "500 万元", 12345678 -> "1,234.57 万元". */
export function formatWan(yuan: number): string {
  return `${wan.format(yuan / YUAN_PER_WAN)} 万元`;
}

/** "50 – 1,000 万元", or one figure when both ends agree. */
export function formatWanRange(min: number, max: number): string {
  return min === max
    ? formatWan(min)
    : `${wan.format(min / YUAN_PER_WAN)} – ${wan.format(max / YUAN_PER_WAN)} 万元`;
}

export function wanToYuan(value: number): number {
  return Math.round(value * YUAN_PER_WAN);
}

export function yuanToWan(yuan: number): number {
  return yuan / YUAN_PER_WAN;
}
