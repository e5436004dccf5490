/** The default roadshow rhythm: 8 minutes of pitch, then 7 of questions. */
export const DEFAULT_PITCH_MINUTES = 8;
export const DEFAULT_QA_MINUTES = 7;
/** A roadshow longer than this many slots is really several roadshows. */
export const MAX_PITCH_SLOTS = 60;

export interface PitchRhythm {
  startsAt: Date;
  endsAt: Date;
  pitchMinutes: number;
  qaMinutes: number;
}

export interface PitchSlotTimes {
  slot: number;
  startsAt: Date;
  /** When the pitch gives way to questions. */
  questionsAt: Date;
  endsAt: Date;
}

/**
 * The ordered pitch slots of a roadshow, numbered from 1, back to back from its start: as many
 * whole slots as fit before its end.
 */
export function pitchSlots(rhythm: PitchRhythm): PitchSlotTimes[] {
  const length = (rhythm.pitchMinutes + rhythm.qaMinutes) * 60_000;
  if (length <= 0) return [];
  const start = rhythm.startsAt.getTime();
  const count = Math.min(
    MAX_PITCH_SLOTS,
    Math.max(0, Math.floor((rhythm.endsAt.getTime() - start) / length)),
  );
  return Array.from({ length: count }, (_, index) => {
    const slotStart = start + index * length;
    return {
      slot: index + 1,
      startsAt: new Date(slotStart),
      questionsAt: new Date(slotStart + rhythm.pitchMinutes * 60_000),
      endsAt: new Date(slotStart + length),
    };
  });
}
