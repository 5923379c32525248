import { z } from 'zod';
import { rateLimitsSchema } from '@keygate/contracts';
import { DEFAULT_PLANS, PlanTable } from '../plans';
import { configPiece, dataDir, isUrlWith, nodeEnv } from './config-piece';

const planSchema = z
  .object({
    apiAccess: z.boolean(),
    callLimit: z.number().int().min(0),
    testCallLimit: z.number().int().min(0).default(1_000),
    maxUserKeys: z.number().int().min(0),
    rateLimits: rateLimitsSchema.optional(),
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

export interface SharedConfig {
  env: string;
  /**
   * Where Redis is: REDIS_URL, the Cluster REDIS_CLUSTER_NODES names (`redis-cluster://…`), or the
   * Sentinel set REDIS_SENTINELS names (`redis-sentinel://…`).
   */
  redisUrl: string;
  plans: PlanTable;
  defaultPlan: string;
  dataDir: string;
  /** The Redis stream every event is published to. */
  eventStream: string;
  /** BullMQ's key prefix. */
  queuePrefix: string;
  /** Prefix of every other Redis key (the call ledger, sessions, throttles). */
  redisNamespace: string;
  /** After SIGTERM, how long a clean shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /**
   * How long (days) the decision log keeps a refusal (the daily housekeeping drops older ones)
   * and the per-minute counts of admitted calls (Redis expires them).
   */
  decisionRetentionDays: number;
}

/** `redis-sentinel://[auth@]sentinels/<name>[/db]`, with REDIS_URL's credentials and db. */
export function sentinelUrl(sentinels: string, name: string, redisUrl: string): string {
  if (redisUrl.startsWith('redis-sentinel://')) return redisUrl;
  const url = new URL(redisUrl);
  const auth = url.username || url.password ? `${url.username}:${url.password}@` : '';
  const db = url.pathname.length > 1 ? url.pathname : '';
  return `redis-sentinel://${auth}${sentinels}/${name}${db}`;
}

/** `redis-cluster://[auth@]nodes` (`rediss-cluster://` for TLS), with REDIS_URL's credentials. */
export function clusterUrl(nodes: string, redisUrl: string): string {
  if (/^rediss?-cluster:\/\//.test(redisUrl)) return redisUrl;
  const url = new URL(redisUrl.startsWith('redis-sentinel://') ? 'redis://localhost' : redisUrl);
  const auth = url.username || url.password ? `${url.username}:${url.password}@` : '';
  return `${url.protocol === 'rediss:' ? 'rediss' : 'redis'}-cluster://${auth}${nodes}`;
}

const HOST_PORT_LIST = /^[A-Za-z0-9.[\]:-]+(,[A-Za-z0-9.[\]:-]+)*$/;

/** What every Keygate app reads: Redis, the plans, where its keys and events live, how it stops. */
export const sharedPiece = configPiece({
  env: {
    NODE_ENV: nodeEnv,
    REDIS_URL: z
      .string()
      .refine(
        (value) =>
          /^(redis-sentinel|rediss?-cluster):\/\//.test(value) ||
          isUrlWith(value, ['redis:', 'rediss:']),
        'must be a redis: or rediss: URL (or redis-sentinel://host:port,…/<master name>, redis-cluster://host:port,…)',
      )
      .default('redis://127.0.0.1:6379'),
    REDIS_CLUSTER_NODES: z
      .string()
      .regex(HOST_PORT_LIST, 'must be host:port of one or more Cluster nodes, comma-separated')
      .optional(),
    REDIS_SENTINELS: z
      .string()
      .regex(HOST_PORT_LIST, 'must be host:port of each sentinel, comma-separated')
      .optional(),
    REDIS_SENTINEL_NAME: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be the master name the sentinels monitor')
      .default('keygate'),
    KEYGATE_PLANS: plansFromJson.optional(),
    KEYGATE_DEFAULT_PLAN: z.string().default('starter'),
    KEYGATE_DATA_DIR: dataDir,
    KEYGATE_EVENT_STREAM: z.string().min(1).default('keygate:events'),
    KEYGATE_QUEUE_PREFIX: z.string().min(1).default('{keygate}'),
    KEYGATE_REDIS_NAMESPACE: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,50}$/, 'must be 1-50 letters, digits, :, _ or -')
      .default('keygate'),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(8_000),
    KEYGATE_LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    DECISION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  },
  problems: (e) => {
    const plans = e.KEYGATE_PLANS ?? DEFAULT_PLANS;
    const problems = plans[e.KEYGATE_DEFAULT_PLAN]
      ? []
      : [
          `KEYGATE_DEFAULT_PLAN: "${e.KEYGATE_DEFAULT_PLAN}" is not one of the plans (${Object.keys(plans).join(', ')})`,
        ];
    const cluster = e.REDIS_CLUSTER_NODES !== undefined || /^rediss?-cluster:/.test(e.REDIS_URL);
    if (e.REDIS_CLUSTER_NODES && e.REDIS_SENTINELS)
      problems.push('REDIS_CLUSTER_NODES and REDIS_SENTINELS: set one of them, not both');
    // BullMQ's scripts touch several keys of a queue: on a Cluster they must share a slot.
    if (cluster && !/\{[^}]+\}/.test(e.KEYGATE_QUEUE_PREFIX))
      problems.push(
        `KEYGATE_QUEUE_PREFIX: "${e.KEYGATE_QUEUE_PREFIX}" must hold a hash tag ({…}) on a Redis Cluster`,
      );
    if (cluster && /^rediss?:\/\/[^/]*\/[1-9]/.test(e.REDIS_URL))
      problems.push('REDIS_URL: a Redis Cluster has database 0 only');
    return problems;
  },
  build: (e): SharedConfig => ({
    env: e.NODE_ENV,
    redisUrl: e.REDIS_CLUSTER_NODES
      ? clusterUrl(e.REDIS_CLUSTER_NODES, e.REDIS_URL)
      : e.REDIS_SENTINELS
        ? sentinelUrl(e.REDIS_SENTINELS, e.REDIS_SENTINEL_NAME, e.REDIS_URL)
        : e.REDIS_URL,
    plans: e.KEYGATE_PLANS ?? DEFAULT_PLANS,
    defaultPlan: e.KEYGATE_DEFAULT_PLAN,
    dataDir: e.KEYGATE_DATA_DIR,
    eventStream: e.KEYGATE_EVENT_STREAM,
    queuePrefix: e.KEYGATE_QUEUE_PREFIX,
    redisNamespace: e.KEYGATE_REDIS_NAMESPACE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    logLevel: e.KEYGATE_LOG_LEVEL,
    decisionRetentionDays: e.DECISION_RETENTION_DAYS,
  }),
});
