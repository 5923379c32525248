import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { DomainError, ErrorCode } from '@keygate/contracts';
import { REDIS } from '@keygate/connections';

export class TooManyLoginsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.TOO_MANY_ATTEMPTS, `Too many failed logins; retry in ${retryAfterSeconds} s`);
  }
}

/**
 * Failed panel logins, counted in Redis per email and per client IP (fixed window, shared by
 * every gateway). Over either limit, logins are refused before the password is even checked.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [byEmail, byIp] = await Promise.all([
      this.count(this.emailKey(email)),
      this.count(this.ipKey(ip)),
    ]);
    const blocked =
      (byEmail.count >= this.config.panel.loginLimitPerEmail ? byEmail.ttlMs : 0) ||
      (byIp.count >= this.config.panel.loginLimitPerIp ? byIp.ttlMs : 0);
    if (blocked > 0) throw new TooManyLoginsError(Math.ceil(blocked / 1000));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.panel.loginWindowSeconds;
    const pipeline = this.redis.multi();
    for (const key of [this.emailKey(email), this.ipKey(ip)])
      pipeline.incr(key).expire(key, window, 'NX');
    await pipeline.exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.emailKey(email));
  }

  private async count(key: string): Promise<{ count: number; ttlMs: number }> {
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { count: Number(count ?? 0), ttlMs: Math.max(ttl, 1000) };
  }

  private emailKey = (email: string) =>
    `${this.config.redisNamespace}:panel-login-failures:email:${email}`;
  private ipKey = (ip: string) => `${this.config.redisNamespace}:panel-login-failures:ip:${ip}`;
}
