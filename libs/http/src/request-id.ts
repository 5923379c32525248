import { randomUUID } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';

/** What a client's X-Request-Id may be to be kept: a short token, nothing to inject in a log. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request id a call goes by (in its answer, upstream and in every record of it): the
 * client's X-Request-Id when it is one token of 8-128 letters, digits or `. _ : -`, else a new
 * UUID. A list (the header sent twice) is not kept.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && VALID_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Settles a request's id (requestIdOf) and writes it back on its headers, for every reader after. */
export function adoptRequestId(headers: IncomingHttpHeaders): string {
  const id = requestIdOf(headers['x-request-id']);
  headers['x-request-id'] = id;
  return id;
}
