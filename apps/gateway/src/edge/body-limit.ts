import { IncomingHttpHeaders } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { PayloadTooLargeError } from '@keygate/contracts';

/**
 * A body size limit: checked on Content-Length before anything else happens, and counted while
 * a chunked body streams through, which is cut as soon as it passes the limit.
 */
export class BodyLimit {
  constructor(readonly limitBytes: number) {}

  hasBody(headers: IncomingHttpHeaders): boolean {
    return headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
  }

  assertDeclaredSize(headers: IncomingHttpHeaders): void {
    const declared = headers['content-length'];
    if (declared !== undefined && Number(declared) > this.limitBytes)
      throw new PayloadTooLargeError(this.limitBytes);
  }

  counted(body: Readable): Readable {
    let size = 0;
    const limit = this.limitBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit) done(new PayloadTooLargeError(limit));
        else done(null, chunk);
      },
    });
    body.on('error', (error) => counter.destroy(error));
    return body.pipe(counter);
  }

  /** Reads a whole body into memory, refusing it as soon as it passes the limit. */
  async read(body: Readable): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > this.limitBytes) throw new PayloadTooLargeError(this.limitBytes);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }
}

/** The whole body, or null past `limit` bytes (the rest is not read). */
export async function readAtMost(body: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
