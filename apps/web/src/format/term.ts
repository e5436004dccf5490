/** "6 – 36 个月", or one term. */
export function formatTermRange(minMonths: number, maxMonths: number): string {
  return minMonths === maxMonths ? `${minMonths} 个月` : `${minMonths} – ${maxMonths} 个月`;
}
