import { MAX_PITCH_SLOTS, pitchSlots } from './pitch-slots';

describe('pitchSlots', () => {
  const startsAt = new Date('2026-05-20T06:00:00Z');

  it('should lay 8 + 7 minute slots back to back from the start, as many as fit', () => {
    const slots = pitchSlots({
      startsAt,
      endsAt: new Date('2026-05-20T07:00:00Z'),
      pitchMinutes: 8,
      qaMinutes: 7,
    });

    expect(slots.map((s) => s.slot)).toEqual([1, 2, 3, 4]);
    expect(slots[1]).toEqual({
      slot: 2,
      startsAt: new Date('2026-05-20T06:15:00Z'),
      questionsAt: new Date('2026-05-20T06:23:00Z'),
      endsAt: new Date('2026-05-20T06:30:00Z'),
    });
  });

  it('should leave out a slot that would run past the end', () => {
    const slots = pitchSlots({
      startsAt,
      endsAt: new Date('2026-05-20T06:29:00Z'),
      pitchMinutes: 8,
      qaMinutes: 7,
    });
    expect(slots).toHaveLength(1);
  });

  it('should have no slot when not even one fits', () => {
    expect(
      pitchSlots({
        startsAt,
        endsAt: new Date('2026-05-20T06:10:00Z'),
        pitchMinutes: 8,
        qaMinutes: 7,
      }),
    ).toEqual([]);
  });

  it('should stop at the most slots a roadshow may have', () => {
    expect(
      pitchSlots({
        startsAt,
        endsAt: new Date('2026-05-25T06:00:00Z'),
        pitchMinutes: 5,
        qaMinutes: 0,
      }),
    ).toHaveLength(MAX_PITCH_SLOTS);
  });
});
