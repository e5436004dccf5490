import { createHmac } from 'node:crypto';
import { AppError, Clock, TypedConfigService } from '@app/core';
import { lockConflict, TransactionRunner } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { normalizeIp } from '@nestjs/throttler';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { deploymentSecret } from './jwt-options';
import { LoginFailure } from './login-failure.entity';

/** Rows past their time are swept at most this often per instance. */
const PRUNE_EVERY_MS = 60_000;
const LOCK_CONFLICT_TRIES = 3;

/** Where failed sign-ins count: one account (or one unknown email) at one client address. */
export type LoginSource = Pick<LoginFailure, 'accountKey' | 'addressHash'>;

/**
 * Lockouts per account and client address, kept in the database so that every api instance
 * counts the same failures. LOGIN_MAX_FAILURES failures from one address, each within
 * LOGIN_LOCKOUT_MINUTES of the one before, lock that address out of that account for
 * LOGIN_LOCKOUT_MINUTES; the owner signing in from elsewhere is not affected. Unknown emails
 * count and lock the same way, so that no answer tells whether an account exists.
 */
@Injectable()
export class LoginLockouts {
  private readonly maxFailures: number;
  private readonly lockoutMs: number;
  private prunedAt = 0;
  private readonly digestKey: Buffer;

  constructor(
    @InjectRepository(LoginFailure) private readonly failures: Repository<LoginFailure>,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.maxFailures = config.get('LOGIN_MAX_FAILURES', { infer: true });
    this.lockoutMs = config.get('LOGIN_LOCKOUT_MINUTES', { infer: true }) * 60_000;
    // Keyed: a plain hash of an IPv4 address is undone by hashing all 2^32 of them.
    this.digestKey = createHmac('sha256', deploymentSecret(config))
      .update('techfin:login-failures')
      .digest();
  }

  /**
   * The source of a sign-in for `email` (whose account is `user`, if any) from `address`, the
   * client address as Express sees it (TRUST_PROXY). IPv6 addresses count by their /64, as the
   * rate limits do, since one host is usually handed a whole /64.
   */
  sourceOf(user: { id: string } | null, email: string, address: string | undefined): LoginSource {
    return {
      accountKey: user?.id ?? this.digest(`email:${email.trim().toLowerCase()}`),
      addressHash: this.digest(`address:${normalizeIp(address ?? '')}`),
    };
  }

  /**
   * Refuses a locked-out source with ACCOUNT_LOCKED (Retry-After, lockedUntil); otherwise
   * answers whether it has failures counted.
   */
  async check(source: LoginSource): Promise<boolean> {
    const row = await this.failures.findOneBy(source);
    const now = this.clock.now();
    if (row?.lockedUntil && row.lockedUntil > now) throw locked(row.lockedUntil, now);
    return row !== null;
  }

  /**
   * Counts a failed sign-in; the failure that reaches LOGIN_MAX_FAILURES locks the source and
   * is answered ACCOUNT_LOCKED. Counted under a row lock, so that failures arriving at several
   * instances at once are each counted.
   */
  async recordFailure(source: LoginSource): Promise<void> {
    await this.prune();
    // The row exists before the counting transaction locks it: locking a missing row takes a gap
    // lock, and two first failures inserting into that gap would deadlock. Its own transaction
    // also keeps the insert's shared lock out of the counting one. A new row counts from now.
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(LoginFailure)
        .values({
          ...source,
          failures: 0,
          lockedUntil: null,
          expiresAt: new Date(this.clock.now().getTime() + this.lockoutMs),
        })
        .orIgnore()
        .execute(),
    );
    const lockedUntil = await this.count(source);
    // Measured from now, after the hashing and the counting, so that Retry-After never
    // exceeds the lockout.
    if (lockedUntil) throw locked(lockedUntil, this.clock.now());
  }

  /** Forgets the failures of a source that signed in. */
  async clear(source: LoginSource): Promise<void> {
    await this.failures.delete(source);
  }

  /**
   * Adds a failure to the source's row under its lock; answers until when the source is now
   * locked, if this failure locked it. Run again when the database broke a lock cycle (with a
   * sweep, say): the whole count is one transaction, so a rolled-back try left nothing behind.
   */
  private async count(source: LoginSource): Promise<Date | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactions.run((manager) => this.countIn(manager, source));
      } catch (error) {
        if (attempt >= LOCK_CONFLICT_TRIES || !lockConflict(error)) throw error;
      }
    }
  }

  private async countIn(manager: EntityManager, source: LoginSource): Promise<Date | null> {
    const query = manager
      .getRepository(LoginFailure)
      .createQueryBuilder('f')
      .where('f.account_key = :accountKey AND f.address_hash = :addressHash', source);
    if (this.transactions.isMysql) query.setLock('pessimistic_write');
    const row = await query.getOne();
    const now = this.clock.now();
    const counted = row && row.expiresAt > now ? row.failures + 1 : 1;
    const expiresAt = new Date(now.getTime() + this.lockoutMs);
    const locks = counted >= this.maxFailures;
    const state = {
      failures: locks ? 0 : counted,
      lockedUntil: locks ? expiresAt : (row?.lockedUntil ?? null),
      expiresAt,
    };
    if (row) await manager.update(LoginFailure, source, state);
    else await manager.insert(LoginFailure, { ...source, ...state });
    return locks ? expiresAt : null;
  }

  private digest(value: string): string {
    return createHmac('sha256', this.digestKey).update(value).digest('hex');
  }

  /**
   * Rows past their time answer as if absent: sweeping them now and then keeps the table small.
   * Only rows a while past it, so that a row another instance is about to count survives.
   */
  private async prune(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    const before = new Date(now - PRUNE_EVERY_MS);
    try {
      await this.transactions.run((manager) =>
        manager.delete(LoginFailure, { expiresAt: LessThan(before) }),
      );
    } catch (error) {
      // Only a chore: the next sweep takes what this one had to give up.
      if (!lockConflict(error)) throw error;
    }
  }
}

function locked(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('ACCOUNT_LOCKED', {
    headers: { 'Retry-After': String(seconds) },
    details: { lockedUntil: until.toISOString() },
  });
}
