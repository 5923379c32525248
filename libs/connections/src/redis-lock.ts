import { ServiceUnavailableError } from '@keygate/contracts';
import type { RedisClient } from './redis.connection';
import { randomBytes } from 'node:crypto';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease in Redis (SET NX PX) that only its holder can release. Used to serialise work that
 * MongoDB without transactions cannot (one outbox relay at a time, per-account key limits).
 */
export async function withRedisLock<T>(
  redis: RedisClient,
  key: string,
  work: () => Promise<T>,
  options: { leaseMs?: number; waitMs?: number } = {},
): Promise<T> {
  const leaseMs = options.leaseMs ?? 10_000;
  const deadline = Date.now() + (options.waitMs ?? 5_000);
  const token = randomBytes(16).toString('hex');
  let pause = 2;
  while ((await redis.set(key, token, 'PX', leaseMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new LockTimeoutError(key);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 50);
  }
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}

/**
 * Another request held the lease for longer than the caller would wait: 503 with Retry-After
 * (the lease's name stays out of the message; it is internal).
 */
export class LockTimeoutError extends ServiceUnavailableError {
  constructor(readonly lock: string) {
    super('Another change to the same thing is under way; retry shortly');
  }
}
