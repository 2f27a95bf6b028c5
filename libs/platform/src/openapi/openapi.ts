import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppName } from '../config/config';
import { completeOperations } from './openapi-rules';
import { serveSwaggerUi } from './swagger-ui';

const TITLES: Record<AppName, string> = {
  storefront: 'Gongxiao Market — storefront (电商运营公司)',
  wholesale: 'Gongxiao Market — wholesale (批发市场)',
  kitchen: 'Gongxiao Market — kitchen (中央厨房)',
  operations: 'Gongxiao Market — operations (运营后台)',
  worker: 'Gongxiao Market — worker',
};

/** Build the app's OpenAPI 3 document: bearer auth, problem+json errors. */
export function buildOpenApiDocument(nest: INestApplication, app: AppName): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(TITLES[app])
    .setDescription(
      'Errors are RFC 9457 application/problem+json documents {type, title, status, detail, code, errors?, correlationId}. ' +
        'Command endpoints accept an Idempotency-Key header. Obtain a bearer token from POST /auth/login.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    // Every route needs the token unless it is @Public(); public routes simply ignore it.
    .addSecurityRequirements('bearer')
    .build();
  return completeOperations(SwaggerModule.createDocument(nest, config));
}

/**
 * Serve the document at `GET /docs-json` (and `/docs-yaml`) and Swagger UI at `GET /docs`; these
 * routes live on Fastify directly, outside the auth guard. The document is built on first request.
 */
export function setupOpenApi(nest: NestFastifyApplication, app: AppName): void {
  let document: OpenAPIObject | undefined;
  const getDocument = (): OpenAPIObject => (document ??= buildOpenApiDocument(nest, app));
  SwaggerModule.setup('docs', nest, getDocument, {
    ui: false,
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
  serveSwaggerUi(nest, TITLES[app]);
}
