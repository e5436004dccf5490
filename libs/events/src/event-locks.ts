import { TransactionRunner } from '@app/database';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Event } from './event.entity';
import { EventRegistration } from './event-registration.entity';

/**
 * Row locks that serialize the changes of one event (MySQL; the embedded SQLite runs one
 * transaction at a time anyway).
 *
 * Every transaction that changes an event's seats, waitlist or pitch slots locks the event row
 * with its first statement. Under REPEATABLE READ a transaction's snapshot is taken by its first
 * plain read, so reads after the lock see everything the previous holder committed.
 */
@Injectable()
export class EventLocks {
  constructor(private readonly transactions: TransactionRunner) {}

  get isMysql(): boolean {
    return this.transactions.isMysql;
  }

  /** The event, locked until the transaction ends; null when there is none. */
  event(manager: EntityManager, id: string): Promise<Event | null> {
    const query = manager.getRepository(Event).createQueryBuilder('e').where('e.id = :id', { id });
    if (this.isMysql) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** The next in line on the waitlist, read with a lock so the read is never a stale snapshot. */
  nextWaiting(manager: EntityManager, eventId: string): Promise<EventRegistration | null> {
    const query = manager
      .getRepository(EventRegistration)
      .createQueryBuilder('r')
      .where('r.event_id = :eventId', { eventId })
      .andWhere('r.status = :status', { status: 'waitlisted' })
      .orderBy('r.seq', 'ASC')
      .limit(1);
    if (this.isMysql) query.setLock('pessimistic_write');
    return query.getOne();
  }
}
