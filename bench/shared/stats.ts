/** Summary of a set of latencies in milliseconds; timeouts count separately, not as values. */
export interface LatencyStats {
  count: number;
  timeouts: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** `null` samples are waits that timed out: they make p95/max infinite when they matter. */
export function latencyStats(samples: readonly (number | null)[]): LatencyStats {
  const timeouts = samples.filter((s) => s === null).length;
  const values = samples
    .map((s) => (s === null ? Number.POSITIVE_INFINITY : s))
    .sort((a, b) => a - b);
  return {
    count: samples.length,
    timeouts,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length > 0 ? values[values.length - 1] : Number.NaN,
  };
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : 'timeout';
}

/** Milliseconds with the precision a fast figure needs: 0.42 ms, 4.2 ms, 42 ms. */
export function msFine(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value)} ms`;
}

/** The middle value; NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function ratio(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return 'n/a';
  return `${(value / baseline).toFixed(2)}×`;
}

/** A plain text table: first row is the header, columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => width(row[col] ?? ''))));
  const line = (row: readonly string[]) =>
    row.map((cell, col) => cell + ' '.repeat(widths[col] - width(cell))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

// CJK characters take two columns in a terminal.
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1;
  return columns;
}
