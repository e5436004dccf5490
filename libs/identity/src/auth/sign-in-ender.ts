import { type ErrorCode, RealtimePush } from '@app/core';
import { Injectable, Optional } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../users/user.entity';
import { PrincipalCache } from './principal-cache';

/**
 * Ends users' access tokens before they expire: sign-out, a refresh token reused, suspension.
 * Inside the transaction that ends their sign-ins, the users' token generation moves on, so
 * every access token signed before is refused (TOKEN_REVOKED) wherever it is checked; after the
 * commit, this instance forgets them and their open sockets are told and disconnected on every
 * instance. Other instances stop honouring a token they kept once their copy of the caller
 * runs out (PRINCIPAL_CACHE_MS).
 */
@Injectable()
export class SignInEnder {
  constructor(
    private readonly principals: PrincipalCache,
    @Optional() private readonly push?: RealtimePush,
  ) {}

  async moveOn(manager: EntityManager, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await manager.increment(User, { id: In([...userIds]) }, 'tokenGeneration', 1);
  }

  /** After the commit of moveOn. */
  announce(userIds: readonly string[], code: ErrorCode): void {
    for (const userId of userIds) {
      this.principals.forgetUser(userId);
      this.push?.disconnectUser(userId, code);
    }
  }
}
