import { DOCKING_ACTIONS, DOCKING_STATUSES, labelOf } from '@app/core';
import type { DockingAction, DockingStatus } from '@app/core';
import { User } from '@app/identity';
import { NotificationItem, NotificationsService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { DockingSession } from './docking-session.entity';

/** What a notification says of the session, so a person knows which one at a glance. */
export interface DockingSubject {
  session: Pick<DockingSession, 'id' | 'enterpriseOrgId' | 'institutionOrgId' | 'commissionerId'>;
  needTitle: string;
  productName: string;
}

/**
 * Tells the people of a docking session what happened, inside the transaction that made it
 * happen: the members of both organizations and the commissioner, never the one who acted.
 * Each line of the timeline is told once per person (its dedupe key is the line).
 */
@Injectable()
export class DockingNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  async opened(
    manager: EntityManager,
    subject: DockingSubject,
    initiator: 'enterprise' | 'institution',
    actorId: string,
  ): Promise<void> {
    const title =
      initiator === 'enterprise'
        ? `新的对接申请：${subject.needTitle}`
        : `新的对接邀请：${subject.productName}`;
    await this.tell(manager, subject, actorId, {
      kind: 'docking_request',
      title,
      body: `${subject.needTitle} × ${subject.productName}`,
      dedupeKey: `docking:${subject.session.id}:1`,
      data: { sessionId: subject.session.id, status: 'requested' },
    });
  }

  async moved(
    manager: EntityManager,
    subject: DockingSubject,
    move: {
      action: DockingAction | 'expire';
      to: DockingStatus;
      seq: number;
      actorId: string | null;
    },
  ): Promise<void> {
    const what = move.action === 'expire' ? '已超时' : labelOf(DOCKING_ACTIONS, move.action);
    await this.tell(manager, subject, move.actorId, {
      kind: 'docking_update',
      title: `对接进展：${what}（${labelOf(DOCKING_STATUSES, move.to)}）`,
      body: `${subject.needTitle} × ${subject.productName}`,
      dedupeKey: `docking:${subject.session.id}:${move.seq}`,
      data: { sessionId: subject.session.id, status: move.to, action: move.action },
    });
  }

  /** A request past its deadline: the commissioner follows up, the institution is reminded. */
  async overdue(manager: EntityManager, subject: DockingSubject): Promise<void> {
    const users = await this.members(manager, subject, 'institution');
    const recipients = subject.session.commissionerId
      ? [...users, subject.session.commissionerId]
      : users;
    await this.notifications.notify(
      manager,
      recipients.map((userId) => ({
        userId,
        kind: 'docking_overdue',
        title: `对接申请超时未答复：${subject.needTitle}`,
        body: `${subject.needTitle} × ${subject.productName}`,
        dedupeKey: `docking-overdue:${subject.session.id}`,
        data: { sessionId: subject.session.id },
      })),
    );
  }

  private async tell(
    manager: EntityManager,
    subject: DockingSubject,
    actorId: string | null,
    item: Omit<NotificationItem, 'userId'>,
  ): Promise<void> {
    const users = await this.members(manager, subject, 'both');
    if (subject.session.commissionerId) users.push(subject.session.commissionerId);
    await this.notifications.notify(
      manager,
      [...new Set(users)].filter((id) => id !== actorId).map((userId) => ({ ...item, userId })),
    );
  }

  /** Active members of the session's organizations. */
  private async members(
    manager: EntityManager,
    subject: DockingSubject,
    side: 'both' | 'institution',
  ): Promise<string[]> {
    const orgIds =
      side === 'both'
        ? [subject.session.enterpriseOrgId, subject.session.institutionOrgId]
        : [subject.session.institutionOrgId];
    const users = await manager.find(User, {
      select: { id: true },
      where: { orgId: In(orgIds), status: 'active' },
    });
    return users.map((user) => user.id);
  }
}
