/** Basis points as a yearly rate: 385 -> "3.85%". */
export function formatRate(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

/** "3.45% – 5.20%", or one rate when both ends agree. */
export function formatRateRange(minBps: number, maxBps: number): string {
  return minBps === maxBps ? formatRate(minBps) : `${formatRate(minBps)} – ${formatRate(maxBps)}`;
}
