import { Clock, PeriodicTask, TypedConfigService } from '@app/core';
import { TransactionRunner } from '@app/database';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { DockingNotifier } from './docking-notifier';
import { DockingSession } from './docking-session.entity';
import { DockingSessionsService } from './docking-sessions.service';
import { addWorkingDays } from './working-days';

const EVERY_MS = 60_000;
const BATCH = 200;

export interface SlaRound {
  /** Sessions newly marked overdue. */
  overdue: string[];
  /** Requests expired for waiting too long. */
  expired: string[];
}

/**
 * The docking SLA: marks requests past their answer deadline as overdue (once; the
 * conditional update makes it safe with several workers), and expires requests unanswered for
 * DOCKING_EXPIRY_WORKING_DAYS working days.
 */
@Injectable()
export class DockingSlaJob implements OnApplicationShutdown {
  private readonly logger = new Logger('DockingSla');
  private readonly task = new PeriodicTask('DockingSla', EVERY_MS, () => this.runOnce());
  private readonly expiryDays: number;

  constructor(
    private readonly sessions: DockingSessionsService,
    private readonly notifier: DockingNotifier,
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.expiryDays = config.get('DOCKING_EXPIRY_WORKING_DAYS', { infer: true });
  }

  start(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async runOnce(now: Date = this.clock.now()): Promise<SlaRound> {
    const overdue = await this.markOverdue(now);
    const expired = await this.expireStale(now);
    if (overdue.length + expired.length > 0) {
      this.logger.log(`${overdue.length} docking requests overdue, ${expired.length} expired`);
    }
    return { overdue, expired };
  }

  private async markOverdue(now: Date): Promise<string[]> {
    const marked: string[] = [];
    for (;;) {
      const due = await this.sessions.findNewlyOverdue(now, BATCH);
      if (due.length === 0) break;
      for (const session of due) {
        const won = await this.transactions.run(async (manager) => {
          const updated = await manager.update(
            DockingSession,
            { id: session.id, overdueAt: IsNull() },
            { overdueAt: now },
          );
          // Another worker marked it first: it tells the people, not this one.
          if (updated.affected !== 1) return false;
          await this.notifier.overdue(manager, await this.sessions.subjectOf(manager, session));
          return true;
        });
        if (won) marked.push(session.id);
      }
      if (due.length < BATCH) break;
    }
    return marked;
  }

  private async expireStale(now: Date): Promise<string[]> {
    const waiting = await this.dataSource.getRepository(DockingSession).find({
      where: { status: In(['requested']), overdueAt: Not(IsNull()) },
      order: { createdAt: 'ASC' },
      take: BATCH,
    });
    const expired: string[] = [];
    for (const session of waiting) {
      const deadline = addWorkingDays(
        session.createdAt,
        this.expiryDays,
        this.sessions.workCalendar,
      );
      if (deadline.getTime() > now.getTime()) continue;
      if (await this.sessions.expire(session)) expired.push(session.id);
    }
    return expired;
  }
}
