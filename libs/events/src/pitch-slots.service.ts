import { AppError, Clock } from '@app/core';
import { TransactionRunner, uniqueViolation } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Organization } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { EventAccess } from './event-access';
import { Event } from './event.entity';
import { EventLocks } from './event-locks';
import { EventRegistration } from './event-registration.entity';
import { localTime } from './event-times';
import { EventsService } from './events.service';
import { pitchSlots, PitchSlotTimes } from './pitch-slots';

export interface PitchSlotView {
  slot: number;
  startsAt: string;
  questionsAt: string;
  endsAt: string;
  local: { startsAt: string; questionsAt: string; endsAt: string };
  /** The enterprise pitching in it, or null while free. */
  enterprise: { id: string; name: string } | null;
}

export interface PitchScheduleView {
  eventId: string;
  pitchMinutes: number;
  qaMinutes: number;
  slots: PitchSlotView[];
}

/** Statuses that hold a seat, and so may hold a pitch slot. */
const SEATED: EventRegistration['status'][] = ['registered', 'checked_in'];

/**
 * A roadshow's ordered pitch slots: enterprises with a seat book one each (one per enterprise),
 * first come first served; the unique index on (event, slot) settles any race.
 */
@Injectable()
export class PitchSlotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly locks: EventLocks,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  async schedule(user: AuthUser, eventId: string): Promise<PitchScheduleView> {
    const event = roadshow(await this.events.visible(user, eventId));
    return this.scheduleOf(this.dataSource.manager, event);
  }

  /** Books (or moves to) a slot for the caller's seat. */
  async book(user: AuthUser, eventId: string, slot: number): Promise<PitchScheduleView> {
    try {
      return await this.transactions.run(async (manager) => {
        const event = await this.lockedRoadshow(manager, user, eventId);
        const slots = this.slotsOf(event);
        if (slot > slots.length) {
          throw new AppError('VALIDATION_FAILED', {
            details: [
              { field: 'slot', code: 'outOfRange', message: `slot must be 1 to ${slots.length}` },
            ],
          });
        }
        const mine = await this.seatOf(manager, event, user);
        const holder = await manager.findOneBy(EventRegistration, { eventId, pitchSlot: slot });
        if (holder && holder.id !== mine.id) throw await slotTaken(manager, slot, holder.orgId);
        const colleague = await manager.findOneBy(EventRegistration, {
          eventId,
          orgId: user.orgId,
          pitchSlot: Not(IsNull()),
          id: Not(mine.id),
        });
        if (colleague) {
          throw new AppError('PITCH_SLOT_NOT_ALLOWED', {
            message: `Your enterprise already pitches in slot ${colleague.pitchSlot}.`,
            details: { reason: 'enterpriseHasSlot', slot: colleague.pitchSlot },
          });
        }
        await manager.update(EventRegistration, { id: mine.id }, { pitchSlot: slot });
        return this.scheduleOf(manager, event);
      });
    } catch (error) {
      if (uniqueViolation(error)) throw await slotTaken(this.dataSource.manager, slot, null);
      throw error;
    }
  }

  /** Frees the caller's slot. */
  async release(user: AuthUser, eventId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const event = await this.lockedRoadshow(manager, user, eventId);
      const mine = await this.seatOf(manager, event, user);
      if (mine.pitchSlot === null) {
        throw new AppError('EVENT_REGISTRATION_NOT_FOUND', { message: 'You hold no pitch slot.' });
      }
      await manager.update(EventRegistration, { id: mine.id }, { pitchSlot: null });
    });
  }

  private async lockedRoadshow(
    manager: EntityManager,
    user: AuthUser,
    eventId: string,
  ): Promise<Event> {
    const event = await this.locks.event(manager, eventId);
    if (!event || !EventAccess.sees(user, event)) throw new AppError('EVENT_NOT_FOUND');
    roadshow(event);
    if (event.status !== 'published' || this.clock.now().getTime() >= event.startsAt.getTime()) {
      throw new AppError('PITCH_SLOT_NOT_ALLOWED', {
        message: 'Pitch slots change only before a published roadshow starts.',
        details: { reason: 'closed', status: event.status },
      });
    }
    return event;
  }

  private async seatOf(
    manager: EntityManager,
    event: Event,
    user: AuthUser,
  ): Promise<EventRegistration> {
    const mine = await manager.findOneBy(EventRegistration, { eventId: event.id, userId: user.id });
    if (!mine || !SEATED.includes(mine.status)) {
      throw new AppError('PITCH_SLOT_NOT_ALLOWED', {
        message: 'Sign up and hold a seat (not on the waitlist) to book a pitch slot.',
        details: { reason: mine ? mine.status : 'notRegistered' },
      });
    }
    return mine;
  }

  private slotsOf(event: Event): PitchSlotTimes[] {
    return pitchSlots({
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      pitchMinutes: event.pitchMinutes ?? 0,
      qaMinutes: event.qaMinutes ?? 0,
    });
  }

  private async scheduleOf(manager: EntityManager, event: Event): Promise<PitchScheduleView> {
    const booked = await manager.find(EventRegistration, {
      where: { eventId: event.id, pitchSlot: Not(IsNull()), status: In(SEATED) },
    });
    const orgs = booked.length
      ? await manager.find(Organization, {
          select: { id: true, name: true },
          where: { id: In([...new Set(booked.map((r) => r.orgId))]) },
        })
      : [];
    const orgName = new Map(orgs.map((org) => [org.id, org.name]));
    const bySlot = new Map(booked.map((r) => [r.pitchSlot, r.orgId]));
    return {
      eventId: event.id,
      pitchMinutes: event.pitchMinutes ?? 0,
      qaMinutes: event.qaMinutes ?? 0,
      slots: this.slotsOf(event).map((slot) => {
        const orgId = bySlot.get(slot.slot);
        return {
          slot: slot.slot,
          startsAt: slot.startsAt.toISOString(),
          questionsAt: slot.questionsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          local: {
            startsAt: localTime(slot.startsAt),
            questionsAt: localTime(slot.questionsAt),
            endsAt: localTime(slot.endsAt),
          },
          enterprise: orgId ? { id: orgId, name: orgName.get(orgId) ?? '' } : null,
        };
      }),
    };
  }
}

function roadshow(event: Event): Event {
  if (event.kind !== 'roadshow') throw new AppError('EVENT_NOT_ROADSHOW');
  return event;
}

async function slotTaken(
  manager: EntityManager,
  slot: number,
  orgId: string | null,
): Promise<AppError> {
  const org = orgId ? await manager.findOneBy(Organization, { id: orgId }) : null;
  return new AppError('PITCH_SLOT_TAKEN', {
    message: org ? `Slot ${slot} is booked by ${org.name}.` : `Slot ${slot} is already booked.`,
    details: { slot, enterprise: org ? { id: org.id, name: org.name } : null },
  });
}
