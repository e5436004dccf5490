import { AppError, Clock } from '@app/core';
import { newId, TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ChatMessage } from './chat-message.entity';
import { ChatMessageView, toChatMessageView } from './chat-message.view';
import { partyOrNull } from './docking-party';
import { DockingSession } from './docking-session.entity';
import { FINAL_DOCKING_STATUSES } from './docking-workflow';
import type { SendChatMessageDto } from './send-chat-message.dto';

/** A message as it was stored: `created` is false when a resend found it stored already. */
export interface SentChatMessage {
  message: ChatMessageView;
  created: boolean;
}

/** Messages stored by one transaction at most. */
const MAX_BATCH = 200;
/** Transactions writing messages at once, each over sessions no other one holds. */
const MAX_WRITERS = 4;

interface Pending {
  user: AuthUser;
  dto: SendChatMessageDto;
  done: (outcome: SentChatMessage | Error) => void;
}

/** Called with the stored message right after its transaction commits, in seq order per session. */
export type ChatDelivery = (sent: SentChatMessage) => void;

/**
 * Stores chat messages in batches: the sends that arrive while a transaction is writing go
 * together in the next one, which locks their sessions (in id order, so two api instances never
 * deadlock), finds resends by client id, numbers the new messages after each session's last seq
 * and inserts them in one statement. Under load that is five statements (begin, lock, read,
 * insert, commit) for up to MAX_BATCH messages; alone, a message is written at once.
 *
 * A session is in one running batch at a time and its sends keep their order, so within this
 * process a session's messages are stored and answered in seq order. A batch that fails as a
 * whole (a deadlock, a lost connection) is retried one message at a time, so one bad message
 * fails alone.
 */
@Injectable()
export class ChatMessageWriter {
  private readonly logger = new Logger('ChatMessageWriter');
  private queue: Pending[] = [];
  /** Sessions in a running batch. */
  private readonly busy = new Set<string>();
  private writers = 0;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the message (or finds the one its client id stored) and hands it to `deliver` as
   * soon as it is committed; the answer settles after that, or fails with the send's error.
   */
  write(user: AuthUser, dto: SendChatMessageDto, deliver: ChatDelivery): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        user,
        dto,
        done: (outcome) => {
          if (outcome instanceof Error) return reject(outcome);
          deliver(outcome);
          resolve();
        },
      });
      this.pump();
    });
  }

  /** Starts batches while writers are free and some queued send's session is not busy. */
  private pump(): void {
    while (this.writers < MAX_WRITERS && this.queue.length > 0) {
      const batch = this.nextBatch();
      if (batch.length === 0) return;
      this.writers++;
      for (const item of batch) this.busy.add(item.dto.sessionId);
      void this.settle(batch).finally(() => {
        this.writers--;
        for (const item of batch) this.busy.delete(item.dto.sessionId);
        this.pump();
      });
    }
  }

  /**
   * Takes queued sends in order, up to MAX_BATCH, skipping busy sessions; once a session's send
   * stays behind, its later sends stay too, so none overtakes another.
   */
  private nextBatch(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const held = new Set(this.busy);
    for (const item of this.queue) {
      const sessionId = item.dto.sessionId;
      if (batch.length < MAX_BATCH && !held.has(sessionId)) batch.push(item);
      else {
        rest.push(item);
        held.add(sessionId);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async settle(batch: Pending[]): Promise<void> {
    let outcomes: (SentChatMessage | AppError)[];
    try {
      outcomes = await this.transactions.run((manager) => this.store(manager, batch));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].done(toError(error));
        return;
      }
      this.logger.warn(
        `a batch of ${batch.length} messages failed, retried one by one: ${String(error)}`,
      );
      for (const item of batch) await this.settle([item]);
      return;
    }
    batch.forEach((item, i) => item.done(outcomes[i]));
  }

  /** One transaction for the batch; answers, in the batch's order, each send's message or error. */
  private async store(
    manager: EntityManager,
    batch: Pending[],
  ): Promise<(SentChatMessage | AppError)[]> {
    const sessionIds = [...new Set(batch.map((item) => item.dto.sessionId))].sort();
    const sessions = await this.lockSessions(manager, sessionIds);
    const { lastSeqs, stored } = await this.seqsAndResends(manager, sessionIds, batch);

    const now = this.clock.now();
    const rows: ChatMessage[] = [];
    const outcomes = batch.map(({ user, dto }): SentChatMessage | AppError => {
      const session = sessions.get(dto.sessionId);
      const party = session && partyOrNull(user, session);
      if (!session || !party) return new AppError('DOCKING_SESSION_NOT_FOUND');
      const key = resendKey(dto.sessionId, user.id, dto.clientId);
      const found = stored.get(key);
      if (found) return { message: toChatMessageView(found, user.name), created: false };
      if (FINAL_DOCKING_STATUSES.includes(session.status)) {
        return new AppError('DOCKING_SESSION_CLOSED', { details: { status: session.status } });
      }
      const seq = (lastSeqs.get(session.id) ?? 0) + 1;
      lastSeqs.set(session.id, seq);
      const message = manager.create(ChatMessage, {
        id: newId(),
        sessionId: session.id,
        seq,
        clientId: dto.clientId,
        senderId: user.id,
        senderRole: party,
        body: dto.body,
        createdAt: now,
      });
      rows.push(message);
      // A second send of the same client id in this batch finds this one.
      stored.set(key, message);
      return { message: toChatMessageView(message, user.name), created: true };
    });
    if (rows.length > 0) await manager.insert(ChatMessage, rows);
    return outcomes;
  }

  /**
   * Reads the sessions, locked: every sender of a session, on any api instance, waits here, so
   * the seqs after MAX(seq) are free and no message lands after a move closed the session. They
   * are locked in id order, so two batches never deadlock; the reads after the lock see every
   * message committed before it was granted. Plain SQL: this runs for every batch.
   */
  private async lockSessions(
    manager: EntityManager,
    sessionIds: string[],
  ): Promise<Map<string, LockedSession>> {
    const lock = this.transactions.isMysql ? ' FOR UPDATE' : '';
    const rows: LockedSession[] = await manager.query(
      `SELECT id, status, enterprise_org_id AS enterpriseOrgId,
              institution_org_id AS institutionOrgId, commissioner_id AS commissionerId
         FROM docking_sessions WHERE id IN (${marks(sessionIds.length)}) ORDER BY id${lock}`,
      sessionIds,
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * In one statement while the sessions are locked: each session's last seq, and the messages
   * the batch's client ids stored before (by resendKey).
   */
  private async seqsAndResends(
    manager: EntityManager,
    sessionIds: string[],
    batch: Pending[],
  ): Promise<{ lastSeqs: Map<string, number>; stored: Map<string, ChatMessage> }> {
    const rows: { sessionId: string; lastSeq: number | string | null; id: string | null }[] =
      await manager.query(
        `SELECT session_id AS sessionId, MAX(seq) AS lastSeq, NULL AS id FROM docking_messages
          WHERE session_id IN (${marks(sessionIds.length)}) GROUP BY session_id
         UNION ALL
         SELECT session_id, NULL, id FROM docking_messages
          WHERE ${batch.map(() => '(session_id = ? AND sender_id = ? AND client_id = ?)').join(' OR ')}`,
        [
          ...sessionIds,
          ...batch.flatMap(({ user, dto }) => [dto.sessionId, user.id, dto.clientId]),
        ],
      );
    const lastSeqs = new Map<string, number>();
    const resendIds: string[] = [];
    for (const row of rows) {
      if (row.id !== null) resendIds.push(row.id);
      else lastSeqs.set(row.sessionId, Number(row.lastSeq));
    }
    // A resend is rare: only then are whole messages read.
    const found =
      resendIds.length === 0 ? [] : await manager.findBy(ChatMessage, { id: In(resendIds) });
    const stored = new Map(found.map((m) => [resendKey(m.sessionId, m.senderId, m.clientId), m]));
    return { lastSeqs, stored };
  }
}

/** What a batch reads of its sessions. */
type LockedSession = Pick<
  DockingSession,
  'id' | 'status' | 'enterpriseOrgId' | 'institutionOrgId' | 'commissionerId'
>;

/** `?, ?, ?` for n values. */
function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

function resendKey(sessionId: string, senderId: string, clientId: string): string {
  return `${sessionId}\n${senderId}\n${clientId}`;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
