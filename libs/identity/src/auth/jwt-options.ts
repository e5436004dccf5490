import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtSecretOf, type TypedConfigService } from '@app/core';
import type { JwtModuleOptions } from '@nestjs/jwt';

export const JWT_ISSUER = 'techfin-bridge';
export const JWT_AUDIENCE = 'techfin-bridge-api';

/** One definition of how access tokens are signed and checked, for HTTP and sockets alike. */
export function jwtModuleOptions(config: TypedConfigService): JwtModuleOptions {
  return {
    secret: accessTokenKey(config),
    signOptions: {
      algorithm: 'HS256',
      expiresIn: config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true }),
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    },
    verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
  };
}

/**
 * The HS256 key as a KeyObject, the same bytes as the secret. Handed a string, jsonwebtoken
 * first tries to read it as a PEM public key on every check, and that failed attempt cost about
 * 0.5 ms of CPU per request (measured), many times the check itself.
 */
export function accessTokenKey(config: TypedConfigService): KeyObject {
  return createSecretKey(Buffer.from(deploymentSecret(config), 'utf8'));
}

/** JWT_SECRET, or the embedded install's own (see jwtSecretOf). */
export function deploymentSecret(config: TypedConfigService): string {
  return jwtSecretOf({
    JWT_SECRET: config.get('JWT_SECRET', { infer: true }),
    DATA_DIR: config.get('DATA_DIR', { infer: true }),
  });
}
