/**
 * Meilisearch filter strings built from validated values only. Values are quoted and escaped
 * even so, so that no value can ever change the shape of a filter.
 */
export function filterValue(value: string | number | boolean): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('a filter number must be finite');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `field IN ["a", "b"]`, or null when there is nothing to filter on. */
export function filterString(field: string, values: readonly (string | number)[]): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field)) throw new Error(`bad filter field "${field}"`);
  if (values.length === 0) return null;
  return `${field} IN [${values.map(filterValue).join(', ')}]`;
}
