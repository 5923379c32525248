import { UnsupportedMediaTypeException } from '@nestjs/common';
import { FastifyInstance } from 'fastify';
import { PayloadTooLargeError } from '@keygate/contracts';

const JSON_TYPE = /^application\/(.+\+)?json/;
// The Operator API's key import carries up to 5,000 keys: OPERATOR_IMPORT_BODY_LIMIT_BYTES.
const KEY_IMPORT = /^\/operator\/api\/accounts\/[^/?]+\/keys\/import(\?|$)/;
// GitHub signs the raw body of a secret scanning report: it is kept as it came (rawBody).
const SIGNED_BODY = /^\/github\/secret-scanning(\?|$)/;

/** A request whose raw JSON text was kept, to check a signature over it. */
export interface WithRawBody {
  rawBody?: string;
}

/**
 * The Panel and Operator APIs take JSON of at most `panelLimitBytes` (the key import
 * `importLimitBytes`; 413 above, decided on Content-Length before a byte is read when it is
 * declared), and no body at all where none is needed, whatever Content-Type the client sent with
 * it. Bodies are read only once the caller is authenticated (authenticate-first.ts).
 */
export function parseRequestBodies(
  fastify: FastifyInstance,
  panelLimitBytes: number,
  importLimitBytes = panelLimitBytes,
): void {
  const jsonParser = fastify.getDefaultJsonParser('error', 'ignore');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const limit = KEY_IMPORT.test(request.url) ? importLimitBytes : panelLimitBytes;
    const declared = request.headers['content-length'];
    if (declared === '0') return done(null, undefined);
    if (declared !== undefined && Number(declared) > limit)
      return done(new PayloadTooLargeError(limit), undefined);
    if (!JSON_TYPE.test(request.headers['content-type'] ?? ''))
      return done(
        new UnsupportedMediaTypeException('Send a JSON body with Content-Type: application/json'),
        undefined,
      );
    let text = '';
    let size = 0;
    let finished = false;
    const finish = (error: Error | null, body?: unknown) => {
      if (finished) return;
      finished = true;
      done(error, body);
    };
    payload.setEncoding('utf8');
    payload.on('data', (chunk: string) => {
      if (finished) return;
      size += Buffer.byteLength(chunk);
      if (size > limit) return finish(new PayloadTooLargeError(limit));
      text += chunk;
    });
    payload.on('error', (error) => finish(error));
    payload.on('end', () => {
      if (finished) return;
      if (text.trim() === '') return finish(null, undefined);
      if (SIGNED_BODY.test(request.url)) (request as WithRawBody).rawBody = text;
      jsonParser(request, text, (error, body) => finish(error, body));
    });
  });
}
