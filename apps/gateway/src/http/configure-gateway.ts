import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * What main.ts and the test harness both do to a gateway app before it listens: no body is ever
 * parsed. /api/* bodies stream to the upstream untouched (the proxy counts them against
 * API_BODY_LIMIT_BYTES), and /health and /metrics take none.
 */
export function configureGateway(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}
