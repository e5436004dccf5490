import { AppConfig, ErrorDetail, ErrorEnvelope, parseConfig } from '@app/core';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { prefixApiRoutes } from '../api-routes';
import { AppModule } from '../app.module';

/** The OpenAPI document of an app whose routes are in place (see prefixApiRoutes). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
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
    { extraModels: [ErrorEnvelope, ErrorDetail] },
  );
  return withErrorEnvelopes(document);
}

const ENVELOPE = {
  'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } },
};

/**
 * Every refusal under /api answers the one envelope (AllExceptionsFilter), whatever its status:
 * the document says so for each error response and adds a `default` one, so that a generated
 * client knows the shape of every error. /health keeps Terminus's own report.
 */
function withErrorEnvelopes(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && 'description' in response && !response.content) {
          response.content = ENVELOPE;
        }
      }
      operation.responses.default = {
        description: 'Any refusal: the error envelope, whose code says what happened.',
        content: ENVELOPE,
      };
    }
  }
  return document;
}

/**
 * The document /docs/json serves, built without a database, a search engine or a port: Nest's
 * preview mode wires the modules and reads the controllers' metadata but creates no provider.
 * The portal's API client is generated from it.
 */
export async function buildOpenApiDocument(
  config: AppConfig = parseConfig({}),
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    prefixApiRoutes(app);
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The document as the checked-in file holds it: stable key order, two-space indents. */
export function openApiDocumentText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
