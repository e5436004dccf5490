import type { DockingStatus } from '@app/core';
import { bySessionUrgency, OrderedSession } from './portfolio-order';

const now = new Date('2026-05-20T00:00:00Z');
const day = 86_400_000;

function session(
  name: string,
  status: DockingStatus,
  respondByDays: number | null,
  updatedDaysAgo: number,
): OrderedSession & { name: string } {
  return {
    name,
    status,
    respondBy: respondByDays === null ? null : new Date(now.getTime() + respondByDays * day),
    updatedAt: new Date(now.getTime() - updatedDaysAgo * day),
  };
}

describe('bySessionUrgency', () => {
  it('should put overdue sessions first, then open ones by deadline, then the rest by last move', () => {
    const sessions = [
      session('disbursed', 'disbursed', null, 1),
      session('due later', 'requested', 3, 2),
      session('overdue a day', 'requested', -1, 4),
      session('accepted', 'accepted', null, 1),
      session('rejected long ago', 'rejected', null, 30),
      session('overdue a week', 'requested', -7, 9),
      session('due soon', 'requested', 1, 2),
    ];

    expect(sessions.sort(bySessionUrgency(now)).map((s) => s.name)).toEqual([
      'overdue a week',
      'overdue a day',
      'due soon',
      'due later',
      'accepted',
      'disbursed',
      'rejected long ago',
    ]);
  });
});
