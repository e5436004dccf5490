import type { INestApplication } from '@nestjs/common';

export const API_PREFIX = 'api/v1';

/** Paths the api answers outside API_PREFIX besides the docs; the portal never claims them. */
export const ROOT_PATHS = ['/api', '/docs', '/health', '/socket.io'] as const;

/**
 * Puts every controller under API_PREFIX but the operations endpoint: the running app and the
 * OpenAPI document built without a database share it, so both list the same paths.
 */
export function prefixApiRoutes(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
}
