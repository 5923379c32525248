import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
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

/**
 * The one place HTTP errors are shaped: `{"success": false, "error": {"code", "message"}}`.
 * Coded errors keep their code and message; anything unexpected is a 500 with an error id.
 * Used by the Nest filter and by the gateway's hot-path routes, which bypass Nest's router.
 */
export function sendHttpError(reply: FastifyReply, exception: unknown): void {
  // A client that hung up (mid-body, say) is no error of ours, and there is no one to answer.
  if (reply.raw.destroyed || reply.raw.socket?.destroyed) {
    logger.debug(`client went away: ${exception instanceof Error ? exception.message : ''}`);
    return;
  }
  let status: number;
  let error: WireError;
  if (exception instanceof DomainError) {
    status = HTTP_STATUS_OF[exception.code];
    error = exception.toWire();
    const retryAfter = (exception as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
    if (exception instanceof QuotaExceededError)
      reply.headers(rateLimitHeaders(exception.rateLimit));
    if (exception instanceof RateLimitedError) {
      const { limit, retryAfterMs } = exception.refusal;
      reply.headers(
        rateLimitHeaders({ limit, remaining: 0, resetSeconds: Math.ceil(retryAfterMs / 1000) }),
      );
    }
    const policy = (exception as { policy?: RateLimit[] }).policy;
    if (policy?.length) reply.header('ratelimit-policy', rateLimitPolicyHeader(policy));
  } else if (exception instanceof HttpException && CODE_OF_STATUS[exception.getStatus()]) {
    status = exception.getStatus();
    error = { code: CODE_OF_STATUS[status], message: exception.message };
  } else {
    status = 500;
    const errorId = randomUUID();
    logger.error(`${errorId}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    error = { code: ErrorCode.INTERNAL, message: 'Internal error', errorId };
  }
  // Whatever made a dependency unavailable (a lease, the quota store, an RPC) is worth a retry.
  if (status === 503 && !reply.hasHeader('retry-after')) reply.header('Retry-After', '1');
  if (reply.sent) return;
  reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ success: false, error });
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    sendHttpError(host.switchToHttp().getResponse<FastifyReply>(), exception);
  }
}
