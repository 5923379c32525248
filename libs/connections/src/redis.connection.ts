import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import { KEYGATE_CONFIG, SharedConfig } from '@keygate/config';
import { closeRedis } from './close-redis';
import { redisEndpointOf } from './redis-endpoint';

export const REDIS = Symbol('REDIS');

/** A connection to one Redis server (or the master a Sentinel set names), or to a Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * A connection to Redis at `url` (a server, a Sentinel set or a Cluster: redis-endpoint.ts);
 * `extra` holds the connection's options, which on a Cluster apply to each node's connection.
 */
export function createRedis(
  url: string,
  connectionName: string,
  extra: RedisOptions = {},
): RedisClient {
  const endpoint = redisEndpointOf(url);
  const options = { ...endpoint.options, connectionName, maxRetriesPerRequest: 3, ...extra };
  return endpoint.kind === 'server'
    ? new Redis(options)
    : new Cluster(endpoint.nodes, clusterOptionsOf(options));
}

/**
 * A connection whose commands fail at once while Redis is away, never queued for its return:
 * for work that has its own answer to an outage (admission failing open, a heartbeat skipped,
 * records kept for the next flush). Its connection errors are those answers' to give.
 */
export function createFailFastRedis(
  url: string,
  connectionName: string,
  extra: RedisOptions = {},
): RedisClient {
  const redis = createRedis(url, connectionName, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    ...extra,
  });
  redis.on('error', () => undefined);
  return redis;
}

/**
 * A Cluster client whose node connections have `redisOptions`. Writes and reads go to the
 * masters (a replica's copy lags: admission and the projection need the latest). A failed
 * master's slots are asked for again every 100 ms until a replica has taken them over.
 */
export function clusterOptionsOf(redisOptions: RedisOptions): ClusterOptions {
  return {
    redisOptions,
    enableOfflineQueue: redisOptions.enableOfflineQueue ?? true,
    lazyConnect: redisOptions.lazyConnect ?? false,
    scaleReads: 'master',
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
  };
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [KEYGATE_CONFIG],
      useFactory: (config: SharedConfig) => createRedis(config.redisUrl, 'keygate'),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
