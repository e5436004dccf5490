import { AppError } from '@app/core';
import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import {
  type AccessTokenClaims,
  type AccessTokenContent,
  checkAccessClaims,
} from './access-token-claims';

/** Signs and checks the short-lived JWT access tokens (HS256, issuer and audience pinned). */
@Injectable()
export class AccessTokensService {
  constructor(private readonly jwt: JwtService) {}

  /** Signed with iss, aud, iat and exp added (see jwtModuleOptions). */
  sign(content: AccessTokenContent): Promise<string> {
    return this.jwt.signAsync({ ...content });
  }

  /** The claims of a valid token; TOKEN_EXPIRED or TOKEN_INVALID otherwise. */
  async verify(token: string): Promise<AccessTokenClaims> {
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync<object>(token);
    } catch (error) {
      throw new AppError(error instanceof TokenExpiredError ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
    }
    return checkAccessClaims(claims);
  }
}
