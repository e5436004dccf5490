import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, Clock, TypedConfigService } from '@app/core';
import { newId, TransactionRunner } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager, IsNull } from 'typeorm';
import { User } from '../users/user.entity';
import { RefreshToken } from './refresh-token.entity';
import { SignInEnder } from './sign-in-ender';

const DAY_MS = 86_400_000;

function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Opaque refresh tokens `<id>.<secret>`: the id finds the row, the secret is checked against
 * its stored hash. Each use rotates the token; a second use of the same token means it leaked,
 * so the whole family (every token descended from that sign-in) is revoked. Revoking ends the
 * user's access tokens too (SignInEnder).
 */
@Injectable()
export class RefreshTokensService {
  private readonly ttlMs: number;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly signIns: SignInEnder,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.ttlMs = config.get('REFRESH_TOKEN_TTL_DAYS', { infer: true }) * DAY_MS;
  }

  /** Starts a new family for a fresh sign-in. */
  issue(manager: EntityManager, userId: string): Promise<string> {
    return this.insert(manager, userId, newId());
  }

  /** Exchanges a token for its successor; answers the user it belongs to and the new token. */
  async rotate(token: string): Promise<{ userId: string; refreshToken: string }> {
    const outcome = await this.transactions.run(async (manager) => {
      const row = await this.find(manager, token);
      const now = this.clock.now();
      if (row.revokedAt || row.expiresAt <= now) throw new AppError('REFRESH_TOKEN_INVALID');
      if (row.usedAt) {
        await this.revokeFamily(manager, row);
        return { reused: true as const, userId: row.userId };
      }
      // Only one of two concurrent rotations of the same token can flip used_at.
      const claimed = await manager.update(
        RefreshToken,
        { id: row.id, usedAt: IsNull() },
        { usedAt: now },
      );
      if (claimed.affected !== 1) {
        await this.revokeFamily(manager, row);
        return { reused: true as const, userId: row.userId };
      }
      const refreshToken = await this.insert(manager, row.userId, row.familyId);
      return { reused: false as const, userId: row.userId, refreshToken };
    });
    // Thrown after the commit so the family stays revoked.
    if (outcome.reused) {
      this.signIns.announce([outcome.userId], 'TOKEN_REVOKED');
      throw new AppError('REFRESH_TOKEN_REUSED');
    }
    return { userId: outcome.userId, refreshToken: outcome.refreshToken };
  }

  /**
   * Ends the sign-in the token belongs to, and the user's access tokens. Unknown tokens are
   * ignored: logout always succeeds.
   */
  async revoke(token: string): Promise<void> {
    const userId = await this.transactions.run(async (manager) => {
      const row = await this.find(manager, token).catch(() => null);
      if (!row) return null;
      await this.revokeFamily(manager, row);
      return row.userId;
    });
    if (userId) this.signIns.announce([userId], 'TOKEN_REVOKED');
  }

  /** Every sign-in of the user; announcing it after the commit is the caller's. */
  async revokeAllForUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(
      RefreshToken,
      { userId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    await this.signIns.moveOn(manager, [userId]);
  }

  /**
   * Every sign-in of every user of the organization; answers their ids, for the caller to
   * announce after the commit.
   */
  async revokeAllForOrganization(manager: EntityManager, orgId: string): Promise<string[]> {
    const users = await manager.find(User, { select: { id: true }, where: { orgId } });
    for (const { id } of users) await this.revokeAllForUser(manager, id);
    return users.map((user) => user.id);
  }

  private async insert(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    const row = manager.create(RefreshToken, {
      id: newId(),
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(this.clock.now().getTime() + this.ttlMs),
      usedAt: null,
      revokedAt: null,
    });
    await manager.insert(RefreshToken, row);
    return `${row.id}.${secret}`;
  }

  private async find(manager: EntityManager, token: string): Promise<RefreshToken> {
    const [id, secret] = token.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw new AppError('REFRESH_TOKEN_INVALID');
    const row = await manager.findOne(RefreshToken, { where: { id } });
    const expected = row ? Buffer.from(row.tokenHash, 'hex') : Buffer.alloc(32);
    const given = Buffer.from(sha256(secret), 'hex');
    if (!row || !timingSafeEqual(expected, given)) throw new AppError('REFRESH_TOKEN_INVALID');
    return row;
  }

  private async revokeFamily(manager: EntityManager, row: RefreshToken): Promise<void> {
    await manager.update(
      RefreshToken,
      { familyId: row.familyId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    await this.signIns.moveOn(manager, [row.userId]);
  }
}
