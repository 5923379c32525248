import { Inject, Injectable, Logger } from '@nestjs/common';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { TooManyAuthFailuresError } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { throttleIdentity } from '@keygate/http';

/**
 * Brute-force protection per client (an IPv4 address, an IPv6 network: throttleIdentity). Failures are counted in Redis (shared by every gateway,
 * fixed window); an address over the limit is marked in memory until the window ends, and its
 * failures are answered 429 (no feedback on which keys exist) while its valid keys still work.
 * Successful calls never pay a Redis round trip for this.
 */
@Injectable()
export class AuthFailureThrottle {
  private readonly logger = new Logger(AuthFailureThrottle.name);
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The 429 a failed authentication from a blocked address gets instead of its 401, or null. */
  blockedFailure(ip: string, now = Date.now()): TooManyAuthFailuresError | null {
    const client = this.identityOf(ip);
    const until = this.blockedUntil.get(client);
    if (until === undefined) return null;
    if (until <= now) {
      this.blockedUntil.delete(client);
      return null;
    }
    return new TooManyAuthFailuresError(Math.ceil((until - now) / 1000));
  }

  recordFailure(ip: string): void {
    const client = this.identityOf(ip);
    const key = `${this.config.redisNamespace}:auth-failures:${client}`;
    this.redis
      .multi()
      .incr(key)
      .expire(key, this.config.authFailureWindowSeconds, 'NX')
      .pttl(key)
      .exec()
      .then((results) => {
        const count = Number(results?.[0]?.[1] ?? 0);
        const ttl = Number(results?.[2]?.[1] ?? 0);
        if (count >= this.config.authFailureLimit)
          this.blockedUntil.set(client, Date.now() + Math.max(ttl, 1000));
      })
      .catch((error) =>
        this.logger.warn(`could not count a failed authentication: ${(error as Error).message}`),
      );
  }

  private identityOf(ip: string): string {
    return throttleIdentity(ip, this.config.throttleIpv6PrefixBits);
  }
}
