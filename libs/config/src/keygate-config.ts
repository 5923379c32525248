import { z } from 'zod';
import { isValidKeyPrefix } from '@keygate/key-secret';
import { DEFAULT_PLANS, PlanTable } from './plans';
import { loadOrCreateLocalPepper } from './local-pepper';

const planSchema = z
  .object({
    apiAccess: z.boolean(),
    callLimit: z.number().int().min(0),
    maxUserKeys: z.number().int().min(0),
  })
  .strict();

const plansFromJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(z.string().regex(/^[a-z0-9-]{1,50}$/), planSchema)
      .refine((t) => Object.keys(t).length > 0, 'must define at least one plan'),
  );

const urlWith = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')} URL`,
  );

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  REDIS_URL: urlWith(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  MONGO_URL: urlWith(['mongodb:', 'mongodb+srv:']).default('mongodb://127.0.0.1:27017/keygate'),
  UPSTREAM_URL: urlWith(['http:', 'https:']).optional(),
  KEY_PREFIX: z
    .string()
    .refine(isValidKeyPrefix, 'must be 1-10 lowercase letters/digits, starting with a letter')
    .default('kg'),
  KEY_PEPPER: z.string().min(32, 'must be at least 32 characters').optional(),
  OPERATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  KEYGATE_PLANS: plansFromJson.optional(),
  KEYGATE_DEFAULT_PLAN: z.string().default('starter'),
  TRUSTED_PROXIES: z.string().default(''),
  KEYGATE_DATA_DIR: z.string().default('.keygate'),
  KEYGATE_EVENT_STREAM: z.string().min(1).default('keygate:events'),
  KEYGATE_QUEUE_PREFIX: z.string().min(1).default('{keygate}'),
  KEYGATE_REDIS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,50}$/, 'must be 1-50 letters, digits, :, _ or -')
    .default('keygate'),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(8_000),
  KEYGATE_LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  AUTH_HEADER_X_AUTH_TOKEN: booleanFlag.default('true'),
  AUTH_HEADER_BEARER: booleanFlag.default('true'),
  AUTH_HEADER_API_KEY: booleanFlag.default('true'),
  AUTH_QUERY_PARAM: booleanFlag.default('true'),
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).default(20),
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  QUOTA_ENABLED: booleanFlag.default('true'),
  USAGE_JOB_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
  QUOTA_FAIL_MODE: z.enum(['open', 'closed']).default('open'),
  QUOTA_BUFFER_LIMIT: z.coerce.number().int().min(0).default(100_000),
  PANEL_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  PANEL_PUBLIC_URL: urlWith(['http:', 'https:']).optional(),
  PANEL_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(12 * 3600),
  PANEL_LOGIN_LIMIT: z.coerce.number().int().min(1).default(5),
  PANEL_LOGIN_IP_LIMIT: z.coerce.number().int().min(1).default(30),
  PANEL_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  PANEL_SIGNUP_LIMIT: z.coerce.number().int().min(1).default(10),
  PANEL_SIGNUP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  PANEL_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  PUBLIC_URL: urlWith(['http:', 'https:']).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(72_000),
  API_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  OPERATOR_IMPORT_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  GRAPHQL_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  UPSTREAM_CONNECTIONS: z.coerce.number().int().min(1).default(256),
  UPSTREAM_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  UPSTREAM_RESPONSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  UPSTREAM_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  ACCOUNT_CONCURRENCY_LIMIT: z.coerce.number().int().min(1).default(64),
  UPSTREAM_CHECKED_ANSWER_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  UPSTREAM_GRAPHQL_SCHEMA_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
});

export interface KeygateConfig {
  env: string;
  port: number;
  /** key-service and usage-service answer GET /health here (for orchestrators); unset: no HTTP. */
  healthPort: number | null;
  /** After SIGTERM, how long a clean shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  redisUrl: string;
  mongoUrl: string;
  upstreamUrl: string | null;
  keyPrefix: string;
  keyPepper: Buffer;
  operatorToken: string | null;
  plans: PlanTable;
  defaultPlan: string;
  trustedProxies: string[];
  dataDir: string;
  eventStream: string;
  queuePrefix: string;
  /** Prefix of the gateway's own Redis keys (sessions, throttles), so deployments can share a Redis. */
  redisNamespace: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  credentialSources: {
    xAuthToken: boolean;
    bearer: boolean;
    apiKeyHeader: boolean;
    queryParam: boolean;
  };
  /** Failed authentications one client IP may make per window before it gets 429s. */
  authFailureLimit: number;
  authFailureWindowSeconds: number;
  /** How long a usage job's lock lasts: a worker that dies mid-job hands it on after this. */
  usageJobLockMs: number;
  /** false: the gateway authenticates and authorizes but neither meters nor limits calls. */
  quotaEnabled: boolean;
  /** With Redis unreachable: 'open' admits and buffers the counts, 'closed' refuses with 503. */
  quotaFailMode: 'open' | 'closed';
  /** Distinct (account, key, day) counters held while Redis is away. */
  quotaBufferLimit: number;
  /** The address users reach Keygate at; every absolute URL Keygate writes starts with it. */
  publicUrl: string;
  /** Bearer token GET /metrics requires; unset: /metrics answers 404. */
  metricsToken: string | null;
  http: {
    /** A client must send its request headers within this (408 after). */
    headersTimeoutMs: number;
    /** ... and its whole request, body included, within this (408 after). */
    requestTimeoutMs: number;
    /** An idle keep-alive connection is closed after this. */
    keepAliveTimeoutMs: number;
    /** Largest body on /api/* (413 PAYLOAD_TOO_LARGE), on /api/graphql, and on the Panel. */
    apiBodyLimitBytes: number;
    graphqlBodyLimitBytes: number;
    panelBodyLimitBytes: number;
    /** The Operator API's key import (up to 5,000 keys per call). */
    operatorImportBodyLimitBytes: number;
  };
  upstream: {
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
    /** How long an account's GraphQL schema, loaded by introspection, is used before a reload. */
    graphqlSchemaTtlSeconds: number;
  };
  panel: {
    /** The Panel app's port (Panel page and API, Operator API, /docs). */
    port: number;
    /** Where users reach the Panel; https here makes the session cookie Secure. */
    publicUrl: string;
    /** How long a panel session lasts after login. */
    sessionTtlSeconds: number;
    /** Failed logins allowed per email, and per client IP, in each window. */
    loginLimitPerEmail: number;
    loginLimitPerIp: number;
    loginWindowSeconds: number;
    /** Sign-ups allowed per client IP in each window. */
    signupLimitPerIp: number;
    signupWindowSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the whole environment at once; every bad variable is named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): KeygateConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const plans = e.KEYGATE_PLANS ?? DEFAULT_PLANS;
  if (!plans[e.KEYGATE_DEFAULT_PLAN]) {
    problems.push(
      `KEYGATE_DEFAULT_PLAN: "${e.KEYGATE_DEFAULT_PLAN}" is not one of the plans (${Object.keys(plans).join(', ')})`,
    );
  }
  const production = e.NODE_ENV === 'production';
  if (production && !e.KEY_PEPPER)
    problems.push('KEY_PEPPER: is required when NODE_ENV=production');
  if (problems.length) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    healthPort: e.HEALTH_PORT ?? null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    redisUrl: e.REDIS_URL,
    mongoUrl: e.MONGO_URL,
    upstreamUrl: e.UPSTREAM_URL ?? null,
    keyPrefix: e.KEY_PREFIX,
    keyPepper: e.KEY_PEPPER
      ? Buffer.from(e.KEY_PEPPER, 'utf8')
      : loadOrCreateLocalPepper(e.KEYGATE_DATA_DIR),
    operatorToken: e.OPERATOR_TOKEN ?? null,
    plans,
    defaultPlan: e.KEYGATE_DEFAULT_PLAN,
    trustedProxies: e.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    dataDir: e.KEYGATE_DATA_DIR,
    eventStream: e.KEYGATE_EVENT_STREAM,
    queuePrefix: e.KEYGATE_QUEUE_PREFIX,
    redisNamespace: e.KEYGATE_REDIS_NAMESPACE,
    logLevel: e.KEYGATE_LOG_LEVEL,
    credentialSources: {
      xAuthToken: e.AUTH_HEADER_X_AUTH_TOKEN,
      bearer: e.AUTH_HEADER_BEARER,
      apiKeyHeader: e.AUTH_HEADER_API_KEY,
      queryParam: e.AUTH_QUERY_PARAM,
    },
    authFailureLimit: e.AUTH_FAILURE_LIMIT,
    authFailureWindowSeconds: e.AUTH_FAILURE_WINDOW_SECONDS,
    quotaEnabled: e.QUOTA_ENABLED,
    usageJobLockMs: e.USAGE_JOB_LOCK_MS,
    quotaFailMode: e.QUOTA_FAIL_MODE,
    quotaBufferLimit: e.QUOTA_BUFFER_LIMIT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    metricsToken: e.METRICS_TOKEN ?? null,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      apiBodyLimitBytes: e.API_BODY_LIMIT_BYTES,
      graphqlBodyLimitBytes: e.GRAPHQL_BODY_LIMIT_BYTES,
      panelBodyLimitBytes: e.PANEL_BODY_LIMIT_BYTES,
      operatorImportBodyLimitBytes: e.OPERATOR_IMPORT_BODY_LIMIT_BYTES,
    },
    upstream: {
      connections: e.UPSTREAM_CONNECTIONS,
      connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: e.UPSTREAM_RESPONSE_TIMEOUT_MS,
      bodyTimeoutMs: e.UPSTREAM_BODY_TIMEOUT_MS,
      accountConcurrencyLimit: e.ACCOUNT_CONCURRENCY_LIMIT,
      checkedAnswerLimitBytes: e.UPSTREAM_CHECKED_ANSWER_LIMIT_BYTES,
      graphqlSchemaTtlSeconds: e.UPSTREAM_GRAPHQL_SCHEMA_TTL_SECONDS,
    },
    panel: {
      port: e.PANEL_PORT,
      publicUrl: (e.PANEL_PUBLIC_URL ?? `http://localhost:${e.PANEL_PORT}`).replace(/\/+$/, ''),
      sessionTtlSeconds: e.PANEL_SESSION_TTL_SECONDS,
      loginLimitPerEmail: e.PANEL_LOGIN_LIMIT,
      loginLimitPerIp: e.PANEL_LOGIN_IP_LIMIT,
      loginWindowSeconds: e.PANEL_LOGIN_WINDOW_SECONDS,
      signupLimitPerIp: e.PANEL_SIGNUP_LIMIT,
      signupWindowSeconds: e.PANEL_SIGNUP_WINDOW_SECONDS,
    },
  };
}
