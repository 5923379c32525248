import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { REDIS, RedisClient } from '@keygate/connections';

/**
 * A panel user's authority generation: a counter in Redis that every change of what the user may
 * do (a role change) moves on. A session records the generation read before the user's role was
 * read, and is good only while the counter still says so: a session opened by a login that
 * raced a role change, on any Panel instance, is refused on its first request.
 */
@Injectable()
export class PanelAuthority {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
  ) {}

  async generationOf(userId: string): Promise<number> {
    return Number((await this.redis.get(this.keyOf(userId))) ?? 0);
  }

  /** Called after the change is stored: sessions recording an earlier generation stop working. */
  async changed(userId: string): Promise<void> {
    await this.redis.incr(this.keyOf(userId));
  }

  private keyOf(userId: string): string {
    return `${this.config.redisNamespace}:panel-user-authority:${userId}`;
  }
}
