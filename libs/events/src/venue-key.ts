/** The width of the venue_key column. */
export const VENUE_KEY_MAX = 200;

/**
 * A venue as the clash check compares it: full-width characters folded, spaces dropped and
 * case ignored, so "崂山区 科技城 A座 301" and "崂山区科技城Ａ座301" are one room. Null for none.
 */
export function venueKey(venue: string | null): string | null {
  if (venue === null) return null;
  // Folding may lengthen text (㎡ becomes m2): keep within the column.
  const key = venue.normalize('NFKC').replace(/\s+/g, '').toLowerCase().slice(0, VENUE_KEY_MAX);
  return key === '' ? null : key;
}
