import { Clock, PeriodicTask } from '@app/core';
import { OutboxService, TransactionRunner } from '@app/database';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { And, DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { Event } from './event.entity';
import { EventNotifier, ReminderWindow } from './event-notifier';
import { EVENTS_INDEX } from './events.search-index';

const EVERY_MS = 60_000;
const BATCH = 200;
const HOUR_MS = 3_600_000;

const WINDOWS: {
  window: ReminderWindow;
  aheadMs: number;
  column: 'reminded24hAt' | 'reminded1hAt';
}[] = [
  { window: '24h', aheadMs: 24 * HOUR_MS, column: 'reminded24hAt' },
  { window: '1h', aheadMs: HOUR_MS, column: 'reminded1hAt' },
];

export interface ReminderRound {
  /** `<eventId>:<window>` of each reminder this round sent. */
  sent: string[];
  /** Notifications created. */
  notified: number;
  /** Events that ended and were completed. */
  completed: string[];
}

/**
 * Reminds registrants a day and an hour before an event starts, and completes events that
 * ended. Safe with several workers: a reminder is claimed by a conditional update of the
 * event's reminded-at column, which only one transaction wins, and every notification has a
 * dedupe key as a second guard.
 */
@Injectable()
export class EventRemindersJob implements OnApplicationShutdown {
  private readonly logger = new Logger('EventReminders');
  private readonly task = new PeriodicTask('EventReminders', EVERY_MS, () => this.runOnce());

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly notifier: EventNotifier,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async runOnce(now: Date = this.clock.now()): Promise<ReminderRound> {
    const round: ReminderRound = { sent: [], notified: 0, completed: [] };
    for (const window of WINDOWS) await this.remind(now, window, round);
    round.completed = await this.completeEnded(now);
    if (round.sent.length + round.completed.length > 0) {
      this.logger.log(
        `${round.sent.length} reminders sent, ${round.completed.length} events completed`,
      );
    }
    return round;
  }

  private async remind(
    now: Date,
    spec: (typeof WINDOWS)[number],
    round: ReminderRound,
  ): Promise<void> {
    for (;;) {
      const due = await this.dataSource.getRepository(Event).find({
        where: {
          status: 'published',
          startsAt: And(MoreThan(now), LessThanOrEqual(new Date(now.getTime() + spec.aheadMs))),
          [spec.column]: IsNull(),
        },
        order: { startsAt: 'ASC' },
        take: BATCH,
      });
      if (due.length === 0) return;
      for (const event of due) {
        const notified = await this.transactions.run(async (manager) => {
          // The claim: only one worker's update finds the column still empty.
          const claimed = await manager.update(
            Event,
            {
              id: event.id,
              status: 'published',
              startsAt: event.startsAt,
              [spec.column]: IsNull(),
            },
            { [spec.column]: now },
          );
          if (claimed.affected !== 1) return null;
          // A day-ahead reminder that comes due within the last hour would only precede the
          // hour-ahead one by moments: that one is sent instead.
          const late = spec.window === '24h' && event.startsAt.getTime() - now.getTime() <= HOUR_MS;
          return late ? null : this.notifier.reminder(manager, event, spec.window);
        });
        if (notified !== null) {
          round.sent.push(`${event.id}:${spec.window}`);
          round.notified += notified;
        }
      }
      if (due.length < BATCH) return;
    }
  }

  private async completeEnded(now: Date): Promise<string[]> {
    const ended = await this.dataSource.getRepository(Event).find({
      select: { id: true },
      where: { status: 'published', endsAt: LessThanOrEqual(now) },
      take: BATCH,
    });
    const completed: string[] = [];
    for (const { id } of ended) {
      const done = await this.transactions.run(async (manager) => {
        const moved = await manager.update(
          Event,
          { id, status: 'published' },
          { status: 'completed', completedAt: now },
        );
        if (moved.affected !== 1) return false;
        await this.outbox.enqueue(manager, EVENTS_INDEX, [id]);
        return true;
      });
      if (done) completed.push(id);
    }
    return completed;
  }
}
