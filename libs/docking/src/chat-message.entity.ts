import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SessionParty } from './docking-party';

/** One chat message of a docking session, numbered by `seq` without gaps inside its session. */
@Entity({ name: 'docking_messages' })
@Index('uq_docking_messages_session_seq', ['sessionId', 'seq'], { unique: true })
// The sender's client id makes a resend land on the message it already stored.
@Index('uq_docking_messages_sender_client', ['sessionId', 'senderId', 'clientId'], {
  unique: true,
})
export class ChatMessage {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'pk_docking_messages' })
  id!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  /** 1, 2, 3… per session, in the order the messages were stored. */
  @Column({ type: 'int' })
  seq!: number;

  /** A UUID the sending client made up for this message. */
  @Column({ name: 'client_id', type: 'varchar', length: 36 })
  clientId!: string;

  @Column({ name: 'sender_id', type: 'varchar', length: 36 })
  senderId!: string;

  /** The side the sender spoke for when it sent the message. */
  @Column({ name: 'sender_role', type: 'varchar', length: 16 })
  senderRole!: SessionParty;

  /** As typed, control characters removed; clients escape it when they show it. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
