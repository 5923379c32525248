import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { KEYGATE_CONFIG, SharedConfig } from '@keygate/config';
import { closeRedis } from './close-redis';
import { redisOptionsFrom } from './redis-endpoint';

export const REDIS = Symbol('REDIS');

/** A connection to Redis at `endpoint` (a URL, or a Sentinel set: redis-endpoint.ts). */
export function createRedis(url: string, connectionName: string, extra: RedisOptions = {}): Redis {
  return new Redis({ ...redisOptionsFrom(url), connectionName, maxRetriesPerRequest: 3, ...extra });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

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
