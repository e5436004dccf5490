import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins at one account from one client address, and the lock they earned: failures
 * from one address lock only that address out, so nobody can lock the owner out from elsewhere.
 * Neither the address nor an unknown email is stored, only digests (see LoginLockouts).
 */
@Entity({ name: 'login_failures' })
@Index('idx_login_failures_expiry', ['expiresAt'])
export class LoginFailure {
  /** The user's id; for an email that no account has, a digest of that email. */
  @PrimaryColumn({
    name: 'account_key',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_login_failures',
  })
  accountKey!: string;

  /** SHA-256 of the client address, hex. */
  @PrimaryColumn({
    name: 'address_hash',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_login_failures',
  })
  addressHash!: string;

  /** Failures since the last lock, each within LOGIN_LOCKOUT_MINUTES of the one before. */
  @Column({ type: 'int' })
  failures!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  /** When the row stops counting (the last failure plus LOGIN_LOCKOUT_MINUTES): then it goes. */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;
}
