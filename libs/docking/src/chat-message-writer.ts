import { AppError, Clock } from '@app/core';
import { newId, StatementBatches, TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
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

/** Messages stored by one batch at most. */
const MAX_BATCH = 200;
/** Batches writing messages at once, each over sessions no other one holds. */
const MAX_WRITERS = 4;

interface Pending {
  user: AuthUser;
  dto: SendChatMessageDto;
  done: (outcome: SentChatMessage | Error) => void;
}

/** Called with the stored message right after its transaction commits, in seq order per session. */
export type ChatDelivery = (sent: SentChatMessage) => void;

/**
 * Stores chat messages in batches: the sends that arrive while a batch is writing go together
 * in the next one (see store: two round trips to the database for up to MAX_BATCH messages,
 * whose sessions stay locked only while the database runs one request). Alone, a message is
 * written at once. Sessions are locked in id order, so two api instances never deadlock.
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
  /** A message's createdAt as the driver stores it (better-sqlite3 takes no Date). */
  private readonly persistCreatedAt: (date: Date) => unknown;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementBatches,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {
    const column = dataSource.getMetadata(ChatMessage).findColumnWithPropertyName('createdAt')!;
    this.persistCreatedAt = (date) => dataSource.driver.preparePersistentValue(date, column);
  }

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
      outcomes = await this.store(batch);
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

  /**
   * Two round trips for the batch; answers, in the batch's order, each send's message or error.
   * The first reads, without locks, the sessions and the messages the batch's client ids stored
   * before, and settles every send that stores nothing (an outsider, a resend, a closed session).
   * The second stores the rest in one transaction sent as one request (StatementBatches): lock
   * the sessions in id order, insert the messages numbered after each session's MAX(seq) by the
   * database itself, unless the session closed meanwhile, and read back their seqs. The locks
   * live only while the database runs those statements.
   */
  private async store(batch: Pending[]): Promise<(SentChatMessage | AppError)[]> {
    const { sessions, stored } = await this.read(batch);
    const now = this.clock.now();
    const fresh: Fresh[] = [];
    const inSession = new Map<string, number>();
    const plans = batch.map(({ user, dto }): Plan => {
      const session = sessions.get(dto.sessionId);
      const party = session && partyOrNull(user, session);
      if (!session || !party) return new AppError('DOCKING_SESSION_NOT_FOUND');
      const key = resendKey(dto.sessionId, user.id, dto.clientId);
      const found = stored.get(key);
      if (found) return { ...found, created: false };
      if (FINAL_DOCKING_STATUSES.includes(session.status)) {
        return new AppError('DOCKING_SESSION_CLOSED', { details: { status: session.status } });
      }
      const nth = (inSession.get(session.id) ?? 0) + 1;
      inSession.set(session.id, nth);
      const message = Object.assign(new ChatMessage(), {
        id: newId(),
        sessionId: session.id,
        seq: 0,
        clientId: dto.clientId,
        senderId: user.id,
        senderRole: party,
        body: dto.body,
        createdAt: now,
      });
      fresh.push({ message, nth });
      // A second send of the same client id in this batch finds this one.
      stored.set(key, { message, senderName: user.name });
      return { message, senderName: user.name, created: true };
    });
    const closed = fresh.length > 0 ? await this.insert(fresh) : new Map<string, string>();
    return plans.map((plan) => {
      if (plan instanceof AppError) return plan;
      const status = closed.get(plan.message.id);
      if (status !== undefined) {
        return new AppError('DOCKING_SESSION_CLOSED', { details: { status } });
      }
      return { message: toChatMessageView(plan.message, plan.senderName), created: plan.created };
    });
  }

  /** The batch's sessions, and the messages its client ids stored before (by resendKey). */
  private async read(batch: Pending[]): Promise<{
    sessions: Map<string, LockedSession>;
    stored: Map<string, { message: ChatMessage; senderName: string }>;
  }> {
    const sessionIds = [...new Set(batch.map((item) => item.dto.sessionId))];
    const [sessionRows, resendRows] = (await this.statements.run([
      {
        sql: `SELECT id, status, enterprise_org_id AS enterpriseOrgId,
                     institution_org_id AS institutionOrgId, commissioner_id AS commissionerId
                FROM docking_sessions WHERE id IN (${marks(sessionIds.length)})`,
        values: sessionIds,
      },
      {
        sql: `SELECT id FROM docking_messages
               WHERE ${batch.map(() => '(session_id = ? AND sender_id = ? AND client_id = ?)').join(' OR ')}`,
        values: batch.flatMap(({ user, dto }) => [dto.sessionId, user.id, dto.clientId]),
      },
    ])) as [LockedSession[], { id: string }[]];
    const sessions = new Map(sessionRows.map((row) => [row.id, row]));
    // A resend is rare: only then are whole messages read.
    const found =
      resendRows.length === 0
        ? []
        : await this.dataSource
            .getRepository(ChatMessage)
            .findBy({ id: In(resendRows.map((row) => row.id)) });
    const names = new Map(batch.map(({ user }) => [user.id, user.name]));
    const stored = new Map(
      found.map((message) => [
        resendKey(message.sessionId, message.senderId, message.clientId),
        { message, senderName: names.get(message.senderId) ?? '' },
      ]),
    );
    return { sessions, stored };
  }

  /**
   * Stores the fresh messages with their seqs (set on each message); answers the ids of those
   * whose session had closed by the time it was locked, with the session's status then.
   */
  private async insert(fresh: Fresh[]): Promise<Map<string, string>> {
    const sessionIds = [...new Set(fresh.map(({ message }) => message.sessionId))].sort();
    const lock = this.transactions.isMysql ? ' FOR UPDATE' : '';
    const row = '?, ?, ?, ?, ?, ?, ?, ?';
    const [locked, , numbered] = (await this.statements.run(
      [
        {
          sql: `SELECT id, status FROM docking_sessions
                 WHERE id IN (${marks(sessionIds.length)}) ORDER BY id${lock}`,
          values: sessionIds,
        },
        {
          sql: `INSERT INTO docking_messages
                  (id, session_id, seq, client_id, sender_id, sender_role, body, created_at)
                SELECT v.id, v.session_id, COALESCE(m.last_seq, 0) + v.nth, v.client_id,
                       v.sender_id, v.sender_role, v.body, v.created_at
                  FROM (SELECT ? AS id, ? AS session_id, ? AS nth, ? AS client_id,
                               ? AS sender_id, ? AS sender_role, ? AS body, ? AS created_at
                        ${fresh
                          .slice(1)
                          .map(() => `UNION ALL SELECT ${row}`)
                          .join(' ')}) v
                  JOIN docking_sessions s
                    ON s.id = v.session_id AND s.status NOT IN (${marks(FINAL_DOCKING_STATUSES.length)})
                  LEFT JOIN (SELECT session_id, MAX(seq) AS last_seq FROM docking_messages
                              WHERE session_id IN (${marks(sessionIds.length)})
                              GROUP BY session_id) m
                    ON m.session_id = v.session_id`,
          values: [
            ...fresh.flatMap(({ message, nth }) => [
              message.id,
              message.sessionId,
              nth,
              message.clientId,
              message.senderId,
              message.senderRole,
              message.body,
              this.persistCreatedAt(message.createdAt),
            ]),
            ...FINAL_DOCKING_STATUSES,
            ...sessionIds,
          ],
        },
        {
          sql: `SELECT id, seq FROM docking_messages WHERE id IN (${marks(fresh.length)})`,
          values: fresh.map(({ message }) => message.id),
        },
      ],
      // Under the session locks, what was committed is all there is: MAX(seq) needs no locks.
      { transaction: 'read committed' },
    )) as [{ id: string; status: string }[], unknown[], { id: string; seq: number }[]];
    const seqs = new Map(numbered.map((stored) => [stored.id, Number(stored.seq)]));
    const statuses = new Map(locked.map((session) => [session.id, session.status]));
    const closed = new Map<string, string>();
    for (const { message } of fresh) {
      const seq = seqs.get(message.id);
      if (seq === undefined) closed.set(message.id, statuses.get(message.sessionId) ?? 'closed');
      else message.seq = seq;
    }
    return closed;
  }
}

/** A message this batch stores, the nth of its session in the batch. */
interface Fresh {
  message: ChatMessage;
  nth: number;
}

/** What becomes of one send: an error, or a message (stored now, or found by its client id). */
type Plan = AppError | { message: ChatMessage; senderName: string; created: boolean };

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
