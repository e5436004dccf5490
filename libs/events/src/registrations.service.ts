import { AppError, Clock, pageOf, skipOf } from '@app/core';
import type { Page } from '@app/core';
import { newId, TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import * as QRCode from 'qrcode';
import { CheckInSigner } from './check-in-token';
import { CheckInDto } from './check-in.dto';
import { EventAccess } from './event-access';
import { Event } from './event.entity';
import { EventLocks } from './event-locks';
import { EventRegistration } from './event-registration.entity';
import { audienceAdmits, checkInOpen, CHECK_IN_OPENS_BEFORE_MS } from './event-rules';
import { EventViews } from './event-views.service';
import { EventsService } from './events.service';
import { ListRegistrationsQuery } from './list-registrations.query';
import { RegistrationView } from './registration.view';
import { Waitlist } from './waitlist';

/** Statuses that hold a seat. */
const SEATED: EventRegistration['status'][] = ['registered', 'checked_in'];

export interface CheckInCode {
  registrationId: string;
  eventId: string;
  /** What the QR code holds; shown at the door, good for one check-in. */
  token: string;
}

/**
 * Sign-up within the audience and the deadline, seats first come first served with a waitlist
 * behind them, cancellation that promotes the next in line, and check-in at the door.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly locks: EventLocks,
    private readonly waitlist: Waitlist,
    private readonly events: EventsService,
    private readonly views: EventViews,
    private readonly signer: CheckInSigner,
    private readonly clock: Clock,
  ) {}

  /**
   * A seat while there is one, else a place on the waitlist. The event row is locked first and
   * carries the seat count, so simultaneous sign-ups are counted one after the other.
   */
  async register(user: AuthUser, eventId: string): Promise<RegistrationView> {
    const saved = await this.transactions.run(async (manager) => {
      const event = await this.locks.event(manager, eventId);
      if (!event || !EventAccess.sees(user, event)) throw new AppError('EVENT_NOT_FOUND');
      if (!audienceAdmits(event.audience, user.role)) {
        throw new AppError('EVENT_AUDIENCE_MISMATCH', {
          details: { audience: event.audience, role: user.role },
        });
      }
      const now = this.clock.now();
      if (event.status !== 'published') {
        throw new AppError('EVENT_REGISTRATION_CLOSED', {
          details: { reason: 'status', status: event.status },
        });
      }
      if (now.getTime() >= event.registrationDeadline.getTime()) {
        throw new AppError('EVENT_REGISTRATION_CLOSED', {
          message: 'The registration deadline has passed.',
          details: { reason: 'deadline', deadline: event.registrationDeadline.toISOString() },
        });
      }
      const existing = await manager.findOneBy(EventRegistration, { eventId, userId: user.id });
      if (existing && existing.status !== 'cancelled') {
        throw new AppError('EVENT_ALREADY_REGISTERED', {
          details: { registrationId: existing.id, status: existing.status },
        });
      }
      const seat = event.seatsTaken < event.capacity;
      const seq = event.lastSeq + 1;
      await manager.update(
        Event,
        { id: eventId },
        { lastSeq: seq, seatsTaken: event.seatsTaken + (seat ? 1 : 0) },
      );
      const fields = {
        orgId: user.orgId,
        role: user.role === 'enterprise' ? ('enterprise' as const) : ('institution' as const),
        status: seat ? ('registered' as const) : ('waitlisted' as const),
        seq,
        pitchSlot: null,
        checkInNonce: CheckInSigner.newNonce(),
        checkedInAt: null,
        checkedInBy: null,
        promotedAt: null,
        cancelledAt: null,
      };
      // A cancelled registration signs up again at the back of the line, with a fresh code.
      const id = existing?.id ?? newId();
      if (existing) await manager.update(EventRegistration, { id }, fields);
      else await manager.insert(EventRegistration, { id, eventId, userId: user.id, ...fields });
      return manager.findOneByOrFail(EventRegistration, { id });
    });
    return this.views.registration(saved);
  }

  /** Gives up the caller's seat or place in line; a freed seat goes to the next in line. */
  async cancel(user: AuthUser, eventId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const event = await this.locks.event(manager, eventId);
      if (!event || !EventAccess.sees(user, event)) throw new AppError('EVENT_NOT_FOUND');
      const mine = await manager.findOneBy(EventRegistration, { eventId, userId: user.id });
      if (!mine || mine.status === 'cancelled') throw new AppError('EVENT_REGISTRATION_NOT_FOUND');
      if (mine.status === 'checked_in') {
        throw new AppError('EVENT_REGISTRATION_STATUS_CONFLICT', {
          message: 'A checked-in registration cannot be cancelled.',
          details: { status: mine.status },
        });
      }
      if (event.status !== 'published') {
        throw new AppError('EVENT_STATUS_CONFLICT', {
          message: `A ${event.status} event takes no cancellations.`,
          details: { status: event.status },
        });
      }
      await manager.update(
        EventRegistration,
        { id: mine.id },
        { status: 'cancelled', cancelledAt: this.clock.now(), pitchSlot: null },
      );
      if (mine.status === 'registered') {
        const freed = { ...event, seatsTaken: event.seatsTaken - 1 };
        await manager.update(Event, { id: eventId }, { seatsTaken: freed.seatsTaken });
        await this.waitlist.promote(manager, freed);
      }
    });
  }

  /** The organizer and admins see everyone, in sign-up order; anyone else their own. */
  async list(
    user: AuthUser,
    eventId: string,
    query: ListRegistrationsQuery,
  ): Promise<Page<RegistrationView>> {
    const event = await this.events.visible(user, eventId);
    const where = {
      eventId,
      ...(EventAccess.manages(user, event) ? {} : { userId: user.id }),
      ...(query.status ? { status: query.status } : {}),
    };
    const [rows, total] = await this.dataSource.getRepository(EventRegistration).findAndCount({
      where,
      order: { seq: 'ASC' },
      skip: skipOf(query),
      take: query.pageSize,
    });
    return pageOf(await this.views.registrations(rows), total, query);
  }

  /** The caller's check-in code; only a confirmed seat has one. */
  async checkInCode(user: AuthUser, eventId: string): Promise<CheckInCode> {
    await this.events.visible(user, eventId);
    const mine = await this.dataSource
      .getRepository(EventRegistration)
      .findOneBy({ eventId, userId: user.id, status: In(SEATED) });
    if (!mine) {
      throw new AppError('EVENT_REGISTRATION_NOT_FOUND', {
        message: 'Only a confirmed registration has a check-in code (not one on the waitlist).',
      });
    }
    return {
      registrationId: mine.id,
      eventId,
      token: this.signer.sign(mine.id, mine.checkInNonce),
    };
  }

  /** The check-in code as a PNG QR code, to show at the door. */
  async checkInQr(user: AuthUser, eventId: string): Promise<Buffer> {
    const code = await this.checkInCode(user, eventId);
    return QRCode.toBuffer(code.token, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 320,
    });
  }

  /**
   * The organizer scans a code at the door. A forged or foreign code is a bad request; a code
   * used before is a conflict, also when two scans of it race (the update is conditional).
   */
  async checkIn(user: AuthUser, eventId: string, dto: CheckInDto): Promise<RegistrationView> {
    const registrationId = CheckInSigner.registrationOf(dto.token);
    if (!registrationId) throw new AppError('CHECK_IN_TOKEN_INVALID');
    const event = await this.events.visible(user, eventId);
    if (!EventAccess.manages(user, event)) {
      throw new AppError('FORBIDDEN', {
        message: 'Only the organizer or an admin checks people in.',
      });
    }
    const registrations = this.dataSource.getRepository(EventRegistration);
    const found = await registrations.findOneBy({ id: registrationId, eventId });
    if (!found || !this.signer.verify(dto.token, found.id, found.checkInNonce)) {
      throw new AppError('CHECK_IN_TOKEN_INVALID');
    }
    this.assertMayCheckIn(event, found);
    const updated = await this.transactions.run((manager) =>
      manager.update(
        EventRegistration,
        { id: found.id, status: 'registered', checkInNonce: found.checkInNonce },
        { status: 'checked_in', checkedInAt: this.clock.now(), checkedInBy: user.id },
      ),
    );
    const after = await registrations.findOneByOrFail({ id: found.id });
    if (updated.affected !== 1) {
      // Another scan of the same code won, or the registrant cancelled meanwhile.
      throw after.status === 'checked_in'
        ? new AppError('CHECK_IN_ALREADY_USED', {
            details: { checkedInAt: after.checkedInAt?.toISOString() ?? null },
          })
        : new AppError('CHECK_IN_NOT_ALLOWED', { details: { reason: after.status } });
    }
    return this.views.registration(after);
  }

  private assertMayCheckIn(event: Event, registration: EventRegistration): void {
    if (registration.status === 'checked_in') {
      throw new AppError('CHECK_IN_ALREADY_USED', {
        details: { checkedInAt: registration.checkedInAt?.toISOString() ?? null },
      });
    }
    if (registration.status !== 'registered') {
      throw new AppError('CHECK_IN_NOT_ALLOWED', {
        message: `A ${registration.status} registration has no seat to check in to.`,
        details: { reason: registration.status },
      });
    }
    if (event.status !== 'published' || !checkInOpen(event, this.clock.now())) {
      throw new AppError('CHECK_IN_NOT_ALLOWED', {
        message: 'Check-in opens two hours before the start and closes at the end.',
        details: {
          reason: 'closed',
          status: event.status,
          opensAt: new Date(event.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS).toISOString(),
          closesAt: event.endsAt.toISOString(),
        },
      });
    }
  }
}
