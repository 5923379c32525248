import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { requestIdOf } from '@keygate/http';

/**
 * What main.ts and the test harness both do to a gateway app before it listens: no body is ever
 * parsed. /api/* bodies stream to the upstream untouched (the proxy counts them against
 * API_BODY_LIMIT_BYTES), and /health and /metrics take none. Every call goes by a request id
 * (X-Request-Id, the client's when valid), in its answer, refusals included, and upstream.
 */
export function configureGateway(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const id = requestIdOf(request.headers['x-request-id']);
    request.headers['x-request-id'] = id;
    // On the raw answer: the proxy writes upstream answers itself (writeHead keeps it).
    reply.raw.setHeader('x-request-id', id);
    done();
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}
