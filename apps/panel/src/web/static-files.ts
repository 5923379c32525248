import { readFileSync } from 'node:fs';
import { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
};

/**
 * Serves a few known files (the Panel page, Swagger UI, chart and QR libraries) from memory:
 * read once at start-up, so a request can never name a path of its own choosing.
 */
export function serveFiles(
  fastify: FastifyInstance,
  files: Record<string, string>,
  headers: Record<string, string> = {},
): void {
  for (const [url, path] of Object.entries(files)) {
    const body = readFileSync(path);
    const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
    fastify.get(url, (_request, reply) => {
      reply
        .header('content-type', type)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .headers(headers)
        .send(body);
    });
  }
}
