import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Dispatcher, Pool, errors } from 'undici';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { DomainError, ErrorCode } from '@keygate/contracts';
import { AuthenticatedRequest } from '../auth/api-key.authenticator';
import { ClientAddress } from '../auth/client-address';
import { QUERY_PARAMETER } from '../auth/strategies/query-key.strategy';
import { CanonicalTarget } from '../edge/canonical-target';
import { forwardedHeaders } from '../edge/forwarded-headers';
import { withoutParameters } from '../edge/query-parameters';
import { SESSION_COOKIE } from '../panel/sessions/session-cookie';
import { BodyLimit, PayloadTooLargeError } from '../edge/body-limit';

const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'proxy-connection',
]);
const CREDENTIAL_PARAMETERS = new Set([QUERY_PARAMETER]);

export class UpstreamUnavailableError extends DomainError {
  constructor() {
    super(ErrorCode.UPSTREAM_UNAVAILABLE, 'The upstream API did not answer');
  }
}

export class UpstreamTimeoutError extends DomainError {
  constructor() {
    super(ErrorCode.UPSTREAM_TIMEOUT, 'The upstream API did not answer in time');
  }
}

const isTimeout = (error: unknown) =>
  error instanceof errors.HeadersTimeoutError || error instanceof errors.ConnectTimeoutError;

/** The path and query the upstream receives: under UPSTREAM_URL's path, credentials removed. */
export function upstreamPath(basePath: string, target: CanonicalTarget): string {
  const query = withoutParameters(target.query, CREDENTIAL_PARAMETERS);
  return basePath + target.path + (query ? `?${query}` : '');
}

/**
 * Forwards an authorized call to UPSTREAM_URL and streams the answer back, over a keep-alive
 * pool: exactly the canonical target that was authorized, never the raw URL.
 */
@Injectable()
export class UpstreamProxy implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly bodyLimit: BodyLimit;

  constructor(
    @Inject(KEYGATE_CONFIG) config: KeygateConfig,
    private readonly clientAddress: ClientAddress,
  ) {
    const upstream = new URL(config.upstreamUrl ?? 'http://127.0.0.1:3100');
    this.basePath = upstream.pathname.replace(/\/$/, '');
    this.bodyLimit = new BodyLimit(config.http.apiBodyLimitBytes);
    this.pool = new Pool(upstream.origin, {
      connections: config.upstream.connections,
      keepAliveTimeout: 30_000,
      connect: { timeout: config.upstream.connectTimeoutMs },
      headersTimeout: config.upstream.responseTimeoutMs,
      bodyTimeout: config.upstream.bodyTimeoutMs,
    });
  }

  /** Refuses a declared body over the limit, before the call is admitted and counted. */
  assertBodySize(request: AuthenticatedRequest): void {
    this.bodyLimit.assertDeclaredSize(request.headers);
  }

  async forward(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    target: CanonicalTarget,
    extraHeaders: Record<string, string> = {},
    /** A body the gateway had to read itself (GraphQL); otherwise the request's is streamed. */
    readBody?: Buffer,
  ): Promise<void> {
    const headers = forwardedHeaders(request.headers, {
      viaTrustedProxy: this.clientAddress.isTrustedProxy(request),
      socketAddress: request.socket.remoteAddress ?? '',
      protocol: request.protocol === 'https' ? 'https' : 'http',
      sessionCookie: SESSION_COOKIE,
    });
    headers['x-keygate-account'] = request.principal.account.id;
    headers['x-keygate-key'] = request.principal.key.id;

    let body: Dispatcher.DispatchOptions['body'] = readBody;
    if (!readBody && this.bodyLimit.hasBody(request.headers))
      body = this.bodyLimit.counted((request.body as Readable | undefined) ?? request.raw);
    try {
      // undici writes the answer straight into the client's socket: no intermediate stream.
      await this.pool.stream(
        {
          method: request.method as Dispatcher.HttpMethod,
          path: upstreamPath(this.basePath, target),
          headers,
          body,
        },
        ({ statusCode, headers: answerHeaders }) => {
          reply.hijack();
          const outgoing: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answerHeaders)) {
            if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) outgoing[name] = value;
          }
          reply.raw.writeHead(statusCode, { ...outgoing, ...extraHeaders });
          return reply.raw;
        },
      );
    } catch (error) {
      // Before the answer started: a clean 4xx/5xx. Mid-answer: all we can do is cut the connection.
      if (!reply.raw.headersSent) {
        const cause = (error as { cause?: unknown }).cause;
        if (error instanceof PayloadTooLargeError) throw error;
        if (cause instanceof PayloadTooLargeError) throw cause;
        if (isTimeout(error)) throw new UpstreamTimeoutError();
        throw new UpstreamUnavailableError();
      }
      reply.raw.destroy();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
