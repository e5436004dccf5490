import { VENUE_KEY_MAX, venueKey } from './venue-key';

describe('venueKey', () => {
  it('should fold width, spaces and case so one room is one key', () => {
    expect(venueKey('崂山区 科技城 A座 301')).toBe(venueKey('崂山区科技城Ａ座３０１'));
    expect(venueKey('Room  B')).toBe(venueKey('room b'));
  });

  it('should keep different rooms apart', () => {
    expect(venueKey('A座301')).not.toBe(venueKey('A座302'));
  });

  it('should have no key for no venue', () => {
    expect(venueKey(null)).toBeNull();
    expect(venueKey('   ')).toBeNull();
  });

  it('should stay within the column when folding lengthens the text', () => {
    expect(venueKey('㎡'.repeat(200))!.length).toBe(VENUE_KEY_MAX);
  });
});
