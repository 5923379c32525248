import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { KEYGATE_CONFIG, SharedConfig } from '@keygate/config';
import { closeRedis } from './close-redis';

export const REDIS = Symbol('REDIS');

/** ioredis options derived from REDIS_URL (host, port, password, db, TLS for rediss:). */
export function redisOptionsFrom(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

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
