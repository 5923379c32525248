import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { TooManySignupsError } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { throttleIdentity } from '@keygate/http';

/**
 * Sign-ups per client (an IPv4 address, an IPv6 network: throttleIdentity; each is a scrypt hash and a new account with two keys), counted
 * in Redis in a fixed window and taken atomically before any work is done.
 */
@Injectable()
export class SignupThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
  ) {}

  async take(ip: string): Promise<void> {
    const { signupLimitPerIp, signupWindowSeconds } = this.config.panel;
    const client = throttleIdentity(ip, this.config.throttleIpv6PrefixBits);
    const key = `${this.config.redisNamespace}:panel-signups:ip:${client}`;
    const results = await this.redis
      .multi()
      .incr(key)
      .expire(key, signupWindowSeconds, 'NX')
      .pttl(key)
      .exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttlMs = Number(results?.[2]?.[1] ?? 0);
    if (count > signupLimitPerIp)
      throw new TooManySignupsError(Math.ceil(Math.max(ttlMs, 1000) / 1000));
  }
}
