import { DOCKING_ACTION_CODES, DOCKING_STATUS_CODES } from '@app/core';
import { dockingMove, DOCKING_MOVES, FINAL_DOCKING_STATUSES } from './docking-workflow';

describe('docking workflow', () => {
  it('should let the side that did not open a request accept it', () => {
    expect(dockingMove('requested', 'accept', 'institution', 'enterprise')).toEqual({
      ok: true,
      to: 'accepted',
    });
    expect(dockingMove('requested', 'accept', 'enterprise', 'institution')).toEqual({
      ok: true,
      to: 'accepted',
    });
    expect(dockingMove('requested', 'accept', 'enterprise', 'enterprise')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(dockingMove('requested', 'accept', 'institution', 'institution')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('should answer not_allowed before wrong_status, so an outsider learns nothing of the status', () => {
    expect(dockingMove('disbursed', 'approve_credit', 'enterprise', 'enterprise')).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(dockingMove('disbursed', 'approve_credit', 'institution', 'enterprise')).toEqual({
      ok: false,
      reason: 'wrong_status',
    });
  });

  it('should move nothing out of a final status', () => {
    for (const status of FINAL_DOCKING_STATUSES) {
      for (const action of [...DOCKING_ACTION_CODES, 'expire' as const]) {
        for (const party of [
          'enterprise',
          'institution',
          'commissioner',
          'admin',
          'system',
        ] as const) {
          expect(dockingMove(status, action, party, 'enterprise').ok).toBe(false);
        }
      }
    }
  });

  it('should keep the status on reassign and lead every other move somewhere known', () => {
    expect(dockingMove('accepted', 'reassign', 'commissioner', 'enterprise')).toEqual({
      ok: true,
      to: 'accepted',
    });
    for (const move of Object.values(DOCKING_MOVES)) {
      for (const from of move.from) expect(DOCKING_STATUS_CODES).toContain(from);
      if (move.to !== null) expect(DOCKING_STATUS_CODES).toContain(move.to);
    }
  });

  it('should leave expiry to the system and closing to commissioners and admins', () => {
    expect(dockingMove('requested', 'expire', 'system', 'enterprise').ok).toBe(true);
    expect(dockingMove('requested', 'expire', 'admin', 'enterprise').ok).toBe(false);
    expect(dockingMove('accepted', 'close', 'enterprise', 'enterprise').ok).toBe(false);
    expect(dockingMove('accepted', 'close', 'admin', 'enterprise')).toEqual({
      ok: true,
      to: 'closed',
    });
  });
});
