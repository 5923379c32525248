import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';
import { finished } from 'node:stream/promises';
import { Dispatcher, Pool, errors } from 'undici';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import {
  DomainError,
  KeyEnvironment,
  KeyMeta,
  UpstreamAnswerUncheckedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '@keygate/contracts';
import { Principal } from '../auth/key-verifier';
import { ApiRequest, callHeaders } from '../call-pipeline/call-start';
import { ClientAddress, SESSION_COOKIE } from '@keygate/http';
import { QUERY_PARAMETER } from '../auth/strategies/query-key.strategy';
import { CanonicalTarget } from '../edge/canonical-target';
import { forwardedHeaders } from '../edge/forwarded-headers';
import { withoutParameters } from '../edge/query-parameters';
import { BodyLimit } from '../edge/body-limit';
import { AnswerCheck } from '../content-scope/answer-check';
import { CheckedAnswers } from '../checked-answers/checked-answers';
import { PayloadTooLargeError } from '@keygate/contracts';
import { AdmittedCall } from '../quota/quota-admission';
import { ForwardPlan } from '../route-checks/forward-plan';

const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'proxy-connection',
  // The gateway's own (http/public-api.ts): the id the call is recorded under.
  'x-request-id',
]);
const CREDENTIAL_PARAMETERS = new Set([QUERY_PARAMETER]);

const isTimeout = (error: unknown) =>
  error instanceof errors.HeadersTimeoutError || error instanceof errors.ConnectTimeoutError;

/** The path and query the upstream receives: under UPSTREAM_URL's path, credentials removed. */
export function upstreamPath(basePath: string, target: CanonicalTarget): string {
  const query = withoutParameters(target.query, CREDENTIAL_PARAMETERS);
  return basePath + target.path + (query ? `?${query}` : '');
}

// Held keys share their metadata objects (key-projection.ts), so each is encoded once.
const encodedMeta = new WeakMap<KeyMeta, string>();

/** A key's metadata as X-Keygate-Key-Meta (base64url JSON: any byte is safe in a header), or '' for none. */
export function keyMetaHeader(meta: KeyMeta): string {
  let encoded = encodedMeta.get(meta);
  if (encoded === undefined) {
    encoded =
      Object.keys(meta).length > 0 ? Buffer.from(JSON.stringify(meta)).toString('base64url') : '';
    encodedMeta.set(meta, encoded);
  }
  return encoded;
}

/** The upstream's answer headers the client gets, then the gateway's own (which win). */
function answerHeaders(
  headers: Record<string, string | string[] | undefined>,
  own: Record<string, string>,
) {
  const outgoing: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) outgoing[name] = value;
  }
  for (const name in own) outgoing[name] = own[name];
  return outgoing;
}

/** What the checks passed on to be forwarded: who calls, exactly what, and what admission said. */
export interface Authorized {
  principal: Principal;
  target: CanonicalTarget;
  admission?: AdmittedCall;
  plan?: ForwardPlan;
}

const NOTHING_ADMITTED: AdmittedCall = { responseHeaders: {}, at: null };

/** Where calls of one environment go: a keep-alive pool to its origin, and the path under it. */
interface Upstream {
  pool: Pool;
  basePath: string;
}

/**
 * Forwards an authorized call to UPSTREAM_URL (a test key's to UPSTREAM_TEST_URL when set) and
 * streams the answer back, over a keep-alive pool: exactly the canonical target that was
 * authorized, never the raw URL.
 */
@Injectable()
export class UpstreamProxy implements OnApplicationShutdown {
  private readonly upstreams: Record<KeyEnvironment, Upstream>;
  private readonly bodyLimit: BodyLimit;
  private readonly forwardKeyMeta: boolean;

  constructor(
    @Inject(KEYGATE_CONFIG) config: GatewayConfig,
    private readonly clientAddress: ClientAddress,
    private readonly checkedAnswers: CheckedAnswers,
  ) {
    this.bodyLimit = new BodyLimit(config.http.apiBodyLimitBytes);
    this.forwardKeyMeta = config.upstream.forwardKeyMeta;
    const upstreamOf = (url: string): Upstream => {
      const upstream = new URL(url);
      return {
        basePath: upstream.pathname.replace(/\/$/, ''),
        pool: new Pool(upstream.origin, {
          connections: config.upstream.connections,
          keepAliveTimeout: 30_000,
          connect: { timeout: config.upstream.connectTimeoutMs },
          headersTimeout: config.upstream.responseTimeoutMs,
          bodyTimeout: config.upstream.bodyTimeoutMs,
        }),
      };
    };
    const live = upstreamOf(config.upstreamUrl ?? 'http://127.0.0.1:3100');
    const test = config.upstreamTestUrl ? upstreamOf(config.upstreamTestUrl) : live;
    this.upstreams = { live, test };
  }

  async forward(request: ApiRequest, response: ServerResponse, call: Authorized): Promise<void> {
    const { principal, target, admission = NOTHING_ADMITTED, plan = {} } = call;
    // The gateway's own answer headers: the call's request id, the quota's RateLimit-*.
    const extraHeaders = { ...admission.responseHeaders, ...callHeaders(request) };
    const headers = forwardedHeaders(request.headers, {
      viaTrustedProxy: this.clientAddress.isTrustedProxy(request),
      socketAddress: request.socket.remoteAddress ?? '',
      // X-Forwarded-Proto from a trusted proxy wins (forwarded-headers.ts); else this socket's.
      protocol: (request.socket as TLSSocket).encrypted ? 'https' : 'http',
      sessionCookie: SESSION_COOKIE,
    });
    headers['x-keygate-account'] = principal.account.id;
    headers['x-keygate-key'] = principal.key.id;
    const { environment } = principal.key;
    // The client's own x-keygate-* headers were dropped above: only the gateway says this.
    if (environment === 'test') headers['x-keygate-environment'] = 'test';
    const upstream = this.upstreams[environment];
    if (admission.at !== null) headers['x-keygate-admitted-at'] = String(admission.at);
    if (this.forwardKeyMeta) {
      const meta = keyMetaHeader(principal.key.meta);
      if (meta) headers['x-keygate-key-meta'] = meta;
    }

    let body: Dispatcher.DispatchOptions['body'] = plan.body;
    if (!plan.body && this.bodyLimit.hasBody(request.headers))
      body = this.bodyLimit.counted(request);
    const options: Dispatcher.RequestOptions = {
      method: request.method as Dispatcher.HttpMethod,
      path: upstreamPath(
        upstream.basePath,
        plan.query === undefined ? target : { ...target, query: plan.query },
      ),
      headers,
      body,
    };
    try {
      if (plan.answer)
        await this.forwardChecked(
          upstream.pool,
          options,
          response,
          extraHeaders,
          principal.account.id,
          plan.answer,
        );
      else await this.forwardStreamed(upstream.pool, options, response, extraHeaders);
    } catch (error) {
      // Before the answer started: a clean 4xx/5xx. Mid-answer: all we can do is cut the connection.
      if (!response.headersSent) {
        const cause = (error as { cause?: unknown }).cause;
        if (error instanceof DomainError) throw error;
        if (cause instanceof PayloadTooLargeError) throw cause;
        if (isTimeout(error)) throw new UpstreamTimeoutError();
        throw new UpstreamUnavailableError();
      }
      response.destroy();
    }
  }

  private async forwardStreamed(
    pool: Pool,
    options: Dispatcher.RequestOptions,
    response: ServerResponse,
    extraHeaders: Record<string, string>,
  ): Promise<void> {
    // undici writes the answer straight into the client's socket: no intermediate stream.
    await pool.stream(options, ({ statusCode, headers }) => {
      response.writeHead(statusCode, answerHeaders(headers, extraHeaders));
      return response;
    });
  }

  /**
   * The answer read whole, uncompressed, and a successful JSON answer checked before it is sent,
   * within the budget of checked answers (bytes held, check threads); an answer that cannot be
   * checked is a 502, never passed on unchecked.
   */
  private async forwardChecked(
    pool: Pool,
    options: Dispatcher.RequestOptions,
    response: ServerResponse,
    extraHeaders: Record<string, string>,
    accountId: string,
    check: AnswerCheck,
  ): Promise<void> {
    const headers = {
      ...(options.headers as Record<string, string>),
      'accept-encoding': 'identity',
    };
    const answer = await pool.request({ ...options, headers });
    const outgoing = answerHeaders(answer.headers, extraHeaders);
    if (answer.statusCode < 200 || answer.statusCode >= 300) {
      response.writeHead(answer.statusCode, outgoing);
      answer.body.pipe(response);
      return;
    }
    const type = String(answer.headers['content-type'] ?? '');
    const encoding = String(answer.headers['content-encoding'] ?? 'identity');
    if (!/^application\/(.+\+)?json/i.test(type) || encoding !== 'identity') {
      await answer.body.dump();
      throw new UpstreamAnswerUncheckedError('it is not uncompressed JSON');
    }
    const declared = answer.headers['content-length'];
    const held = await this.checkedAnswers.read(
      accountId,
      answer.body,
      declared === undefined ? null : Number(declared),
    );
    try {
      const body = await this.checkedAnswers.check(accountId, held.text, check);
      outgoing['content-length'] = String(body.byteLength);
      response.writeHead(answer.statusCode, outgoing);
      // The bytes stay counted until the client has taken the answer, or has gone (maybe long
      // before: `finished` also settles for a response that is already closed).
      response.end(body);
      await finished(response).catch(() => undefined);
    } finally {
      held.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const pools = new Set(Object.values(this.upstreams).map((upstream) => upstream.pool));
    await Promise.all([...pools].map((pool) => pool.close()));
  }
}
