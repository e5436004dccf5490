import type { TypedConfigService } from '@app/core';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { checkAccessClaims } from './access-token-claims';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { accessTokenKey, JWT_AUDIENCE, JWT_ISSUER } from './jwt-options';

/**
 * Bearer access tokens (passport-jwt checks the signature, issuer, audience and expiry; the
 * claims are then checked as on every other path), and the user behind them.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken as is, which takes a KeyObject; its types
      // only list strings and buffers.
      secretOrKey: accessTokenKey(config) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(claims: unknown): Promise<AuthUser> {
    return this.auth.principal(checkAccessClaims(claims));
  }
}
