import {
  AllExceptionsFilter,
  AppConfig,
  assignRequestId,
  createValidationPipe,
  translateBodyParserErrors,
  verifyJsonDepth,
} from '@app/core';
import { RealtimeIoAdapter } from '@app/docking';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { prefixApiRoutes } from './api-routes';
import { AppModule } from './app.module';
import { openApiDocument } from './openapi/openapi-document';
import { portalHandler } from './portal/portal';

export { API_PREFIX } from './api-routes';
export const BODY_LIMIT = '1mb';

/**
 * Builds the HTTP and socket.io app exactly as production runs it; tests use the same function.
 * With REDIS_URL it waits for Redis, so a boot without it fails here with a clear reason.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY);
  // Request id, security headers and CORS first, so a body the parser rejects carries them too.
  app.use(assignRequestId);
  // Served over plain HTTP inside intranets too: don't make browsers upgrade the docs' assets.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.enableCors({
    origin: config.CORS_ORIGIN_LIST.includes('*') ? true : config.CORS_ORIGIN_LIST,
    credentials: false,
    // Content-Disposition: a portal on another origin names a download as the api does.
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
  });
  const portal = portalHandler(config.WEB_DIR);
  if (portal) app.use(portal);
  app.useBodyParser('json', { limit: BODY_LIMIT, verify: verifyJsonDepth });
  app.use(translateBodyParserErrors);
  prefixApiRoutes(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useWebSocketAdapter(await RealtimeIoAdapter.connect(app, config));
  app.enableShutdownHooks();

  // Everything of the docs under /docs, which the portal leaves alone.
  SwaggerModule.setup('docs', app, openApiDocument(app), {
    jsonDocumentUrl: 'docs/json',
    yamlDocumentUrl: 'docs/yaml',
  });
  return app;
}
