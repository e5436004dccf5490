import { AppError } from '@app/core';
import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { AccessTokenClaims } from './auth-user';

/** Signs and checks the short-lived JWT access tokens (HS256, issuer and audience pinned). */
@Injectable()
export class AccessTokensService {
  constructor(private readonly jwt: JwtService) {}

  sign(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims });
  }

  /** The claims of a valid token; TOKEN_EXPIRED or TOKEN_INVALID otherwise. */
  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      if (typeof claims.sub !== 'string' || typeof claims.org !== 'string') {
        throw new AppError('TOKEN_INVALID');
      }
      return claims;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(error instanceof TokenExpiredError ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
    }
  }
}
