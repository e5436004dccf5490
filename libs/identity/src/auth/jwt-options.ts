import type { TypedConfigService } from '@app/core';
import type { JwtModuleOptions } from '@nestjs/jwt';

export const JWT_ISSUER = 'techfin-bridge';
export const JWT_AUDIENCE = 'techfin-bridge-api';

/** One definition of how access tokens are signed and checked, for HTTP and sockets alike. */
export function jwtModuleOptions(config: TypedConfigService): JwtModuleOptions {
  return {
    secret: config.get('JWT_SECRET', { infer: true }),
    signOptions: {
      algorithm: 'HS256',
      expiresIn: config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true }),
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    },
    verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
  };
}
