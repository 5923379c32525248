import { once } from 'node:events';
import { createServer } from 'node:net';
import type { RedisClient } from './redis.connection';
import { closeRedis } from './close-redis';
import { createRedis } from './redis.connection';

/** A loopback port where nothing listens: a Redis that is gone. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

describe(closeRedis.name, () => {
  it('ends a connected client with QUIT, after what it sent is answered', async () => {
    const redis = createRedis(process.env.REDIS_URL!, 'close-redis-spec');
    await redis.ping();
    const sent = redis.set('close-redis-spec', '1');
    const ended = once(redis, 'end');
    await closeRedis(redis);
    await expect(sent).resolves.toBe('OK');
    await ended;
  });

  it('ends a client whose Redis is gone at once, where quit() behind a queued command would wait forever', async () => {
    const redis: RedisClient = createRedis(
      `redis://127.0.0.1:${await deadPort()}`,
      'close-redis-spec',
      {
        retryStrategy: () => 10,
      },
    );
    redis.on('error', () => undefined);
    await new Promise((retrying) => redis.once('reconnecting', retrying));
    void redis.get('close-redis-spec').catch(() => undefined); // waits in the offline queue
    const quitting = redis.quit().then(() => 'settled');
    await closeRedis(redis); // the spec's timeout is the failure
    // QUIT waits behind it, for a Redis that will not come back.
    expect(await Promise.race([quitting, Promise.resolve('pending')])).toBe('pending');
    expect(redis.status).not.toBe('connecting');
  });
});
