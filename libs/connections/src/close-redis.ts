import type { RedisClient } from './redis.connection';

/**
 * Closes a connection without waiting on a Redis that is gone. QUIT is queued until the client
 * reconnects, so on a connection that is not ready it would wait forever: that one is dropped
 * at once; a ready one gets QUIT (what it already sent is answered) for at most `graceMs`.
 */
export async function closeRedis(redis: RedisClient, graceMs = 1000): Promise<void> {
  if (redis.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      redis.quit().catch(() => undefined),
      new Promise((ended) => (timer = setTimeout(ended, graceMs))),
    ]);
    clearTimeout(timer);
  }
  redis.disconnect();
}
