import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { adoptRequestId } from '@keygate/http';
import { PublicApi } from './public-api';

/**
 * What main.ts and the test harness both do to a gateway app before it listens. The public API
 * (/api/*) is answered by the gateway itself on the node:http server, before Fastify sees the
 * request (public-api.ts); what is left (/health, /metrics, unknown paths) goes on to Fastify,
 * which parses no body (none of its routes takes one). Every call goes by a request id
 * (X-Request-Id, the client's when valid), in its answer and upstream.
 */
export function configureGateway(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('x-request-id', adoptRequestId(request.headers));
    done();
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  servePublicApiFirst(app.getHttpServer() as Server, app.get(PublicApi));
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The server's request listener (Fastify's) now hears only what the public API does not serve. */
function servePublicApiFirst(server: Server, publicApi: PublicApi): void {
  const framework = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!publicApi.serve(request, response))
      for (const listener of framework) listener.call(server, request, response);
  });
}
