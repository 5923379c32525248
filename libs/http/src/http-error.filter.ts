import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import {
  DomainError,
  ErrorCode,
  HTTP_STATUS_OF,
  QuotaExceededError,
  RateLimit,
  RateLimitedError,
  WireError,
} from '@keygate/contracts';
import { rateLimitHeaders, rateLimitPolicyHeader } from './rate-limit-headers';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHORIZED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.VALIDATION_FAILED,
  429: ErrorCode.TOO_MANY_ATTEMPTS,
};

const logger = new Logger('HttpError');

/** An error's answer: its status, the headers that go with it, and the JSON body. */
export interface HttpErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: { success: false; error: WireError };
  /** A 503 without a Retry-After of its own: whatever made a dependency unavailable (a lease,
   * the quota store, an RPC) is worth a retry, in a second unless the route said otherwise. */
  retryByDefault: boolean;
}

/**
 * The one place HTTP errors are shaped: `{"success": false, "error": {"code", "message"}}`.
 * Coded errors keep their code and message; anything unexpected is a 500 with an error id.
 */
export function httpErrorOf(exception: unknown): HttpErrorAnswer {
  let status: number;
  let error: WireError;
  const headers: Record<string, string> = {};
  if (exception instanceof DomainError) {
    status = HTTP_STATUS_OF[exception.code];
    error = exception.toWire();
    const retryAfter = (exception as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    if (exception instanceof QuotaExceededError)
      Object.assign(headers, rateLimitHeaders(exception.rateLimit));
    if (exception instanceof RateLimitedError) {
      const { limit, retryAfterMs } = exception.refusal;
      Object.assign(
        headers,
        rateLimitHeaders({ limit, remaining: 0, resetSeconds: Math.ceil(retryAfterMs / 1000) }),
      );
    }
    const policy = (exception as { policy?: RateLimit[] }).policy;
    if (policy?.length) headers['ratelimit-policy'] = rateLimitPolicyHeader(policy);
  } else if (exception instanceof HttpException && CODE_OF_STATUS[exception.getStatus()]) {
    status = exception.getStatus();
    error = { code: CODE_OF_STATUS[status], message: exception.message };
  } else {
    status = 500;
    const errorId = randomUUID();
    logger.error(`${errorId}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    error = { code: ErrorCode.INTERNAL, message: 'Internal error', errorId };
  }
  const retryByDefault = status === 503 && headers['retry-after'] === undefined;
  return { status, headers, body: { success: false, error }, retryByDefault };
}

/** A client that hung up (mid-body, say) is no error of ours, and there is no one to answer. */
function clientGone(response: ServerResponse, exception: unknown): boolean {
  if (!response.destroyed && !response.socket?.destroyed) return false;
  logger.debug(`client went away: ${exception instanceof Error ? exception.message : ''}`);
  return true;
}

/** Answers an error through Fastify (the Nest filter, the Panel's own routes). */
export function sendHttpError(reply: FastifyReply, exception: unknown): void {
  if (clientGone(reply.raw, exception)) return;
  const { status, headers, body, retryByDefault } = httpErrorOf(exception);
  reply.headers(headers);
  if (retryByDefault && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  if (reply.sent) return;
  reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/**
 * Answers an error on a node:http response (the gateway's public API, served without Fastify),
 * with `own` headers besides the error's (the call's request id).
 */
export function writeHttpError(
  response: ServerResponse,
  exception: unknown,
  own: Record<string, string> = {},
): void {
  if (clientGone(response, exception)) return;
  const { status, headers, body, retryByDefault } = httpErrorOf(exception);
  if (response.headersSent) return;
  if (retryByDefault && !response.hasHeader('retry-after')) headers['retry-after'] = '1';
  writeJson(response, status, body, { ...own, ...headers });
}

/** A JSON answer on a node:http response, whole, with its length. */
export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    sendHttpError(host.switchToHttp().getResponse<FastifyReply>(), exception);
  }
}
