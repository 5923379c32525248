import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { Dispatcher, Pool } from 'undici';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { DomainError, ErrorCode } from '@keygate/contracts';
import { AuthenticatedRequest } from '../auth/api-key.authenticator';
import { QUERY_PARAMETER } from '../auth/strategies/query-key.strategy';

// Hop-by-hop headers (RFC 9110 §7.6.1), the key's own headers, and anything posing as Keygate's.
const DROPPED_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'x-auth-token',
  'authorization',
  'api-key',
  'x-keygate-account',
  'x-keygate-key',
]);
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'proxy-connection',
]);

export class UpstreamUnavailableError extends DomainError {
  constructor() {
    super(ErrorCode.UPSTREAM_UNAVAILABLE, 'The upstream API did not answer');
  }
}

/** Removes `auth_token` from a path's query so the key is never forwarded. */
export function withoutAuthToken(url: string): string {
  const at = url.indexOf('?');
  if (at === -1 || !url.includes(QUERY_PARAMETER, at)) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  params.delete(QUERY_PARAMETER);
  const query = params.toString();
  return query ? `${url.slice(0, at)}?${query}` : url.slice(0, at);
}

/** Forwards an authenticated call to UPSTREAM_URL and streams the answer back, over a keep-alive pool. */
@Injectable()
export class UpstreamProxy implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(@Inject(KEYGATE_CONFIG) config: KeygateConfig) {
    const upstream = new URL(config.upstreamUrl ?? 'http://127.0.0.1:3100');
    this.basePath = upstream.pathname.replace(/\/$/, '');
    this.pool = new Pool(upstream.origin, { connections: 256, keepAliveTimeout: 30_000 });
  }

  async forward(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    extraHeaders: Record<string, string> = {},
    /** A body the gateway had to read itself (GraphQL); otherwise the request's is streamed. */
    readBody?: Buffer,
  ): Promise<void> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers as IncomingHttpHeaders)) {
      if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
    }
    const forwardedFor = request.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = forwardedFor
      ? `${forwardedFor}, ${request.clientIp}`
      : request.clientIp;
    headers['x-keygate-account'] = request.principal.account.id;
    headers['x-keygate-key'] = request.principal.key.id;

    const hasBody =
      request.headers['content-length'] !== undefined ||
      request.headers['transfer-encoding'] !== undefined;
    const body =
      readBody ?? (hasBody ? ((request.body as Readable | undefined) ?? request.raw) : undefined);
    try {
      // undici writes the answer straight into the client's socket: no intermediate stream.
      await this.pool.stream(
        {
          method: request.method as Dispatcher.HttpMethod,
          path: this.basePath + withoutAuthToken(request.url),
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
    } catch {
      // Before the answer started: a clean 502. Mid-answer: all we can do is cut the connection.
      if (!reply.raw.headersSent) throw new UpstreamUnavailableError();
      reply.raw.destroy();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
