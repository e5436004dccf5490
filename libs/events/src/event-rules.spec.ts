import { audienceAdmits, audiencesOf, canMoveEvent, checkInOpen } from './event-rules';

describe('event rules', () => {
  it('should publish drafts only, cancel drafts and published events, complete published ones', () => {
    expect(canMoveEvent('draft', 'publish')).toBe(true);
    expect(canMoveEvent('published', 'publish')).toBe(false);
    expect(canMoveEvent('draft', 'cancel')).toBe(true);
    expect(canMoveEvent('published', 'cancel')).toBe(true);
    expect(canMoveEvent('cancelled', 'cancel')).toBe(false);
    expect(canMoveEvent('completed', 'cancel')).toBe(false);
    expect(canMoveEvent('published', 'complete')).toBe(true);
    expect(canMoveEvent('draft', 'complete')).toBe(false);
  });

  it('should admit enterprises and institutions to their audience, staff to none', () => {
    expect(audienceAdmits('all', 'enterprise')).toBe(true);
    expect(audienceAdmits('enterprise', 'enterprise')).toBe(true);
    expect(audienceAdmits('enterprise', 'institution')).toBe(false);
    expect(audienceAdmits('institution', 'institution')).toBe(true);
    expect(audienceAdmits('all', 'commissioner')).toBe(false);
    expect(audiencesOf('institution')).toEqual(['institution', 'all']);
    expect(audiencesOf('admin')).toEqual([]);
  });

  it('should open check-in two hours before the start and close it at the end', () => {
    const event = {
      startsAt: new Date('2026-05-20T06:00:00Z'),
      endsAt: new Date('2026-05-20T09:00:00Z'),
    };
    expect(checkInOpen(event, new Date('2026-05-20T03:59:59Z'))).toBe(false);
    expect(checkInOpen(event, new Date('2026-05-20T04:00:00Z'))).toBe(true);
    expect(checkInOpen(event, new Date('2026-05-20T08:59:59Z'))).toBe(true);
    expect(checkInOpen(event, new Date('2026-05-20T09:00:00Z'))).toBe(false);
  });
});
