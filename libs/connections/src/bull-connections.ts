import Redis from 'ioredis';
import { createRedis } from './redis.connection';

/**
 * Redis connections for BullMQ queues and workers: BullMQ needs `maxRetriesPerRequest: null` and
 * leaves the connections it was handed open, so whoever opens them here closes them all.
 */
export class BullConnections {
  private readonly opened: Redis[] = [];

  constructor(
    private readonly url: string,
    private readonly name: string,
  ) {}

  open(): Redis {
    const redis = createRedis(this.url, this.name, { maxRetriesPerRequest: null });
    this.opened.push(redis);
    return redis;
  }

  async closeAll(): Promise<void> {
    await Promise.all(
      this.opened.splice(0).map((redis) => redis.quit().catch(() => redis.disconnect())),
    );
  }
}
