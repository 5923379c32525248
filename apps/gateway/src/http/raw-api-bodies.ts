import { UnsupportedMediaTypeException } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

/**
 * Bodies of /api/* calls are streamed to the upstream untouched, so the gateway must not parse
 * them; every other route (the Panel) gets JSON parsed as usual.
 */
export function streamApiBodies(fastify: FastifyInstance): void {
  const jsonParser = fastify.getDefaultJsonParser('error', 'ignore');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, payload, done) => {
    if (request.url.startsWith('/api/')) return done(null, payload);
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/(.+\+)?json/.test(type)) {
      if (request.headers['content-length'] === '0') return done(null, undefined);
      return done(
        new UnsupportedMediaTypeException('Send a JSON body with Content-Type: application/json'),
        undefined,
      );
    }
    let text = '';
    payload.setEncoding('utf8');
    payload.on('data', (chunk: string) => (text += chunk));
    payload.on('error', done);
    payload.on('end', () => jsonParser(request, text, done));
  });
}
