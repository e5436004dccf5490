import { Clock } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Event } from './event.entity';
import { EventRegistration } from './event-registration.entity';
import { EventLocks } from './event-locks';
import { EventNotifier } from './event-notifier';

/** Fills free seats from the waitlist, first come first served. */
@Injectable()
export class Waitlist {
  constructor(
    private readonly locks: EventLocks,
    private readonly notifier: EventNotifier,
    private readonly clock: Clock,
  ) {}

  /**
   * Promotes waitlisted registrations while seats are free and tells each one. The caller holds
   * the event's lock and passes the row it read under it; answers the seats taken afterwards.
   */
  async promote(manager: EntityManager, event: Event): Promise<number> {
    let taken = event.seatsTaken;
    while (taken < event.capacity) {
      const next = await this.locks.nextWaiting(manager, event.id);
      if (!next) break;
      await manager.update(
        EventRegistration,
        { id: next.id, status: 'waitlisted' },
        { status: 'registered', promotedAt: this.clock.now() },
      );
      taken += 1;
      await this.notifier.promoted(manager, event, next);
    }
    if (taken !== event.seatsTaken) {
      await manager.update(Event, { id: event.id }, { seatsTaken: taken });
    }
    return taken;
  }
}
