import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { booleanFlag, byteLimit, configPiece, milliseconds, urlWith } from './config-piece';

export interface DataPlaneConfig {
  upstreamUrl: string | null;
  /** Where test keys' calls go (with X-Keygate-Environment: test); null: UPSTREAM_URL. */
  upstreamTestUrl: string | null;
  credentialSources: {
    xAuthToken: boolean;
    bearer: boolean;
    apiKeyHeader: boolean;
    queryParam: boolean;
  };
  /** Failed authentications one client IP may make per window before it gets 429s. */
  authFailureLimit: number;
  authFailureWindowSeconds: number;
  /** false: the gateway authenticates and authorizes but neither meters nor limits calls. */
  quotaEnabled: boolean;
  /** With Redis unreachable: 'open' admits and buffers the counts, 'closed' refuses with 503. */
  quotaFailMode: 'open' | 'closed';
  /** Distinct (account, key, day) counters held while Redis is away. */
  quotaBufferLimit: number;
  /** false: refusals are not recorded, nor admitted calls counted by use (X-Request-Id stays). */
  decisionLogEnabled: boolean;
  /** How often the gateway tells the registry it is alive, and where it stands. */
  gatewayHeartbeatMs: number;
  /**
   * Past this many seconds without reading the event stream the gateway refuses every key (503)
   * until it has caught up; 0: it keeps serving what it last knew.
   */
  projectionMaxStalenessSeconds: number;
  /** Bearer token GET /metrics requires; unset: /metrics answers 404. */
  metricsToken: string | null;
  /** Bearer token POST /api/v1/keys/verify requires; unset: verification answers 403. */
  verifyToken: string | null;
  http: {
    /** Largest body on /api/* (413 PAYLOAD_TOO_LARGE), and on /api/graphql. */
    apiBodyLimitBytes: number;
    graphqlBodyLimitBytes: number;
  };
  upstream: {
    /** Whether the upstream gets each key's metadata (X-Keygate-Key-Meta, base64url JSON). */
    forwardKeyMeta: boolean;
    /** Keep-alive connections to UPSTREAM_URL per gateway. */
    connections: number;
    connectTimeoutMs: number;
    /** Until the upstream's answer headers arrive (504 UPSTREAM_TIMEOUT after). */
    responseTimeoutMs: number;
    /** Longest pause inside the upstream's answer body (the connection is cut after). */
    bodyTimeoutMs: number;
    /** Calls one account may have in flight on one gateway (429 TOO_MANY_CONCURRENT_CALLS after). */
    accountConcurrencyLimit: number;
    /** Largest answer the gateway reads whole to check it (hydrated reads, scoped searches). */
    checkedAnswerLimitBytes: number;
    /** Bytes of checked answers held at once on this gateway, all accounts together. */
    checkedAnswerBytesInFlight: number;
    /** Bytes of one account's checked answers held at once on this gateway. */
    checkedAnswerBytesPerAccount: number;
    /** Threads that parse and check large answers, off the event loop. */
    checkThreads: number;
    /** How long an account's GraphQL schema, loaded by introspection, is used before a reload. */
    graphqlSchemaTtlSeconds: number;
  };
}

/** The gateway's hot path: where keys are read, the quota, the upstream, the limits. */
export const dataPlanePiece = configPiece({
  env: {
    UPSTREAM_URL: urlWith(['http:', 'https:']).optional(),
    UPSTREAM_TEST_URL: urlWith(['http:', 'https:']).optional(),
    AUTH_HEADER_X_AUTH_TOKEN: booleanFlag.default('true'),
    AUTH_HEADER_BEARER: booleanFlag.default('true'),
    AUTH_HEADER_API_KEY: booleanFlag.default('true'),
    AUTH_QUERY_PARAM: booleanFlag.default('true'),
    AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).default(20),
    AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    QUOTA_ENABLED: booleanFlag.default('true'),
    QUOTA_FAIL_MODE: z.enum(['open', 'closed']).default('open'),
    QUOTA_BUFFER_LIMIT: z.coerce.number().int().min(0).default(100_000),
    DECISION_LOG_ENABLED: booleanFlag.default('true'),
    GATEWAY_HEARTBEAT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
    PROJECTION_MAX_STALENESS_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    VERIFY_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    API_BODY_LIMIT_BYTES: byteLimit(10 * 1024 * 1024),
    GRAPHQL_BODY_LIMIT_BYTES: byteLimit(1024 * 1024),
    UPSTREAM_CONNECTIONS: z.coerce.number().int().min(1).default(256),
    FORWARD_KEY_META: booleanFlag.default('false'),
    UPSTREAM_CONNECT_TIMEOUT_MS: milliseconds(100, 5_000),
    UPSTREAM_RESPONSE_TIMEOUT_MS: milliseconds(100, 30_000),
    UPSTREAM_BODY_TIMEOUT_MS: milliseconds(100, 30_000),
    ACCOUNT_CONCURRENCY_LIMIT: z.coerce.number().int().min(1).default(64),
    UPSTREAM_CHECKED_ANSWER_LIMIT_BYTES: byteLimit(16 * 1024 * 1024),
    UPSTREAM_CHECKED_BYTES_IN_FLIGHT: byteLimit(64 * 1024 * 1024),
    UPSTREAM_CHECKED_BYTES_PER_ACCOUNT: byteLimit(16 * 1024 * 1024),
    UPSTREAM_CHECK_THREADS: z.coerce
      .number()
      .int()
      .min(1)
      .default(Math.max(1, availableParallelism() - 1)),
    UPSTREAM_GRAPHQL_SCHEMA_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
  },
  build: (e): DataPlaneConfig => ({
    upstreamUrl: e.UPSTREAM_URL ?? null,
    upstreamTestUrl: e.UPSTREAM_TEST_URL ?? null,
    credentialSources: {
      xAuthToken: e.AUTH_HEADER_X_AUTH_TOKEN,
      bearer: e.AUTH_HEADER_BEARER,
      apiKeyHeader: e.AUTH_HEADER_API_KEY,
      queryParam: e.AUTH_QUERY_PARAM,
    },
    authFailureLimit: e.AUTH_FAILURE_LIMIT,
    authFailureWindowSeconds: e.AUTH_FAILURE_WINDOW_SECONDS,
    quotaEnabled: e.QUOTA_ENABLED,
    quotaFailMode: e.QUOTA_FAIL_MODE,
    quotaBufferLimit: e.QUOTA_BUFFER_LIMIT,
    decisionLogEnabled: e.DECISION_LOG_ENABLED,
    gatewayHeartbeatMs: e.GATEWAY_HEARTBEAT_MS,
    projectionMaxStalenessSeconds: e.PROJECTION_MAX_STALENESS_SECONDS,
    metricsToken: e.METRICS_TOKEN ?? null,
    verifyToken: e.VERIFY_TOKEN ?? null,
    http: {
      apiBodyLimitBytes: e.API_BODY_LIMIT_BYTES,
      graphqlBodyLimitBytes: e.GRAPHQL_BODY_LIMIT_BYTES,
    },
    upstream: {
      forwardKeyMeta: e.FORWARD_KEY_META,
      connections: e.UPSTREAM_CONNECTIONS,
      connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: e.UPSTREAM_RESPONSE_TIMEOUT_MS,
      bodyTimeoutMs: e.UPSTREAM_BODY_TIMEOUT_MS,
      accountConcurrencyLimit: e.ACCOUNT_CONCURRENCY_LIMIT,
      checkedAnswerLimitBytes: e.UPSTREAM_CHECKED_ANSWER_LIMIT_BYTES,
      // Every checked answer must fit both budgets on its own, or it would wait forever.
      checkedAnswerBytesInFlight: Math.max(
        e.UPSTREAM_CHECKED_BYTES_IN_FLIGHT,
        e.UPSTREAM_CHECKED_ANSWER_LIMIT_BYTES,
      ),
      checkedAnswerBytesPerAccount: Math.max(
        e.UPSTREAM_CHECKED_BYTES_PER_ACCOUNT,
        e.UPSTREAM_CHECKED_ANSWER_LIMIT_BYTES,
      ),
      checkThreads: e.UPSTREAM_CHECK_THREADS,
      graphqlSchemaTtlSeconds: e.UPSTREAM_GRAPHQL_SCHEMA_TTL_SECONDS,
    },
  }),
});
