import type { RedisClient } from './redis.connection';
import { closeRedis } from './close-redis';
import { createRedis } from './redis.connection';

/**
 * Redis connections for BullMQ queues and workers: BullMQ needs `maxRetriesPerRequest: null` and
 * leaves the connections it was handed open, so whoever opens them here closes them all.
 */
export class BullConnections {
  private readonly opened: RedisClient[] = [];

  constructor(
    private readonly url: string,
    private readonly name: string,
  ) {}

  open(): RedisClient {
    const redis = createRedis(this.url, this.name, { maxRetriesPerRequest: null });
    this.opened.push(redis);
    return redis;
  }

  /**
   * Closes the BullMQ workers and queues (`closing`), then the connections. With every connection
   * up, `closing` is waited for (a worker finishes its active jobs). With Redis gone it is not: a
   * worker's close waits on commands that ioredis keeps queued and never settles, so the
   * connections are dropped at once and the jobs' locks lapse for another worker to take them.
   */
  async closeAfter(closing: () => Promise<unknown>): Promise<void> {
    if (this.opened.every((redis) => redis.status === 'ready')) await closing();
    else void closing().catch(() => undefined);
    await this.closeAll();
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((redis) => closeRedis(redis)));
  }
}
