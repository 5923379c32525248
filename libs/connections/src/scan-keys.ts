import { Cluster } from 'ioredis';
import type { RedisClient } from './redis.connection';

/**
 * The names of every key matching `pattern`, a page at a time (SCAN: a key may come twice, and
 * one written meanwhile may not come at all). A Cluster's keys are spread over its masters, each
 * answering SCAN for its own: they are asked in turn, so a page's keys live on one master and a
 * pipeline of their reads goes to one node.
 */
export async function* scanKeys(
  redis: RedisClient,
  pattern: string,
  pageSize: number,
): AsyncGenerator<string[]> {
  const servers = redis instanceof Cluster ? redis.nodes('master') : [redis];
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', pageSize);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}
