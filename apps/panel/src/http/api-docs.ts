import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { addWebhookEvents } from './webhook-docs';
import { ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { dirname, join } from 'node:path';
import { serveFiles } from '../web/static-files';
import { ERROR } from './error-response.doc';
import { addPublicApi } from './public-api-docs';

/** A zod schema as an OpenAPI request body schema, so the docs and the validation never differ. */
export const jsonSchemaOf = (schema: ZodTypeAny): Record<string, unknown> =>
  (zodToJsonSchema as (s: unknown, o: unknown) => Record<string, unknown>)(schema, {
    target: 'openApi3',
  });

/**
 * What client generators and linters (`redocly lint`, recommended rules) expect of every
 * operation: a stable operationId (method and path for the routes written here), security
 * stated even where none is needed (`[]`), a 4XX answer; the gateway's routes name the gateway
 * as their server.
 */
function completeOperations(document: OpenAPIObject, gatewayUrl: string): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (path.startsWith('/api/'))
      (item as { servers?: unknown }).servers = [{ url: gatewayUrl, description: 'The gateway' }];
    for (const [method, operation] of Object.entries(item) as Array<[string, Operation]>) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      operation.operationId ??= operationIdOf(method, path);
      operation.security ??= [];
      if (!Object.keys(operation.responses).some((status) => status.startsWith('4')))
        operation.responses['4XX'] = ERROR;
      operation.responses.default ??= ERROR;
    }
  }
}

type Operation = {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, unknown>;
};

/** `get /api/v1/content/{resource}/{id}` → `getApiV1ContentResourceId`. */
function operationIdOf(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** The OpenAPI document of the public, Panel and Operator APIs at /docs-json, Swagger UI at /docs. */
export function setUpApiDocs(app: NestFastifyApplication): void {
  const keygate = app.get<PanelConfig>(KEYGATE_CONFIG);
  const config = new DocumentBuilder()
    .setTitle('Keygate')
    .setDescription(
      'API keys issued, authenticated and metered. `/api/*` takes API keys; `/panel/api/*` takes panel sessions; `/operator/api/*` takes X-Operator-Token.',
    )
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer(keygate.panel.publicUrl, 'The Panel app (Panel and Operator APIs)')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-AUTH-TOKEN' }, 'X-AUTH-TOKEN')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'api-key' }, 'api-key')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'An API key' },
      'bearerKey',
    )
    .addApiKey({ type: 'apiKey', in: 'query', name: 'auth_token' }, 'auth_token')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'session token',
        description: 'A panel session',
      },
      'session',
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Operator-Token' }, 'operator')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'The deployment’s VERIFY_TOKEN' },
      'verifyToken',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  addPublicApi(document);
  completeOperations(document, keygate.publicUrl);
  addWebhookEvents(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerUiEnabled: false,
  });
  const ui = dirname(require.resolve('swagger-ui-dist/package.json'));
  const fastify = app.getHttpAdapter().getInstance();
  serveFiles(fastify, {
    '/docs/swagger-ui.css': join(ui, 'swagger-ui.css'),
    '/docs/swagger-ui-bundle.js': join(ui, 'swagger-ui-bundle.js'),
    '/docs/swagger-ui-standalone-preset.js': join(ui, 'swagger-ui-standalone-preset.js'),
  });
  fastify.get('/docs/swagger-init.js', (_request, reply) => {
    reply.header('content-type', 'text/javascript; charset=utf-8').send(SWAGGER_INIT);
  });
  fastify.get('/docs', (_request, reply) => {
    reply.header('content-type', 'text/html; charset=utf-8').send(SWAGGER_PAGE);
  });
}

const SWAGGER_INIT = `window.ui = SwaggerUIBundle({
  url: '/docs-json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});`;

const SWAGGER_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Keygate API docs (swagger)</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/swagger-init.js"></script>
</body>
</html>`;
