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
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

export const API_PREFIX = 'api/v1';
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
  app.useBodyParser('json', { limit: BODY_LIMIT, verify: verifyJsonDepth });
  app.use(translateBodyParserErrors);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useWebSocketAdapter(await RealtimeIoAdapter.connect(app, config));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TechFin Bridge (科金桥) API')
      .setDescription(
        'Tech-finance matchmaking: organizations, financing needs, products, whitelist, ' +
          'matching, docking and events. Errors share one envelope ' +
          '`{ error: { code, message, details } }`; codes are stable.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}
