import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { TooManyLoginsError } from '@keygate/contracts';
import { REDIS } from '@keygate/connections';

/** Longest a login check waits once its email has had too many failures from anywhere. */
const MAX_SLOWDOWN_MS = 4000;
const FIRST_SLOWDOWN_MS = 250;

export interface LoginAttempt {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

/**
 * Failed panel logins, counted in Redis (fixed windows, shared by every gateway):
 * - per email and client address, and per client address: over the limit, 429 before any check.
 *   An attempt takes its place in both counters before the password is checked (one MULTI), so
 *   parallel guesses cannot all slip in; a success gives its places back.
 * - per email from anywhere: over the limit, each check is slowed down (250 ms doubling to 4 s)
 *   rather than refused, so nobody else can lock the real user out with wrong passwords.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
  ) {}

  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const { loginLimitPerEmail, loginLimitPerIp, loginWindowSeconds } = this.config.panel;
    const pairKey = this.key('email-ip', `${email} ${ip}`);
    const ipKey = this.key('ip', ip);
    const emailKey = this.key('email', email);
    const results = await this.redis
      .multi()
      .incr(pairKey)
      .expire(pairKey, loginWindowSeconds, 'NX')
      .pttl(pairKey)
      .incr(ipKey)
      .expire(ipKey, loginWindowSeconds, 'NX')
      .pttl(ipKey)
      .get(emailKey)
      .exec();
    const value = (i: number) => Number(results?.[i]?.[1] ?? 0);
    const giveBack = () => this.redis.multi().decr(pairKey).decr(ipKey).exec();
    const blockedMs =
      (value(0) > loginLimitPerEmail ? value(2) : 0) || (value(3) > loginLimitPerIp ? value(5) : 0);
    if (blockedMs > 0) {
      await giveBack();
      throw new TooManyLoginsError(Math.ceil(Math.max(blockedMs, 1000) / 1000));
    }
    const excess = value(6) - loginLimitPerEmail;
    if (excess >= 0) await sleep(Math.min(FIRST_SLOWDOWN_MS * 2 ** excess, MAX_SLOWDOWN_MS));
    return {
      succeeded: async () => {
        await this.redis.multi().del(pairKey).decr(ipKey).del(emailKey).exec();
      },
      failed: async () => {
        await this.redis.multi().incr(emailKey).expire(emailKey, loginWindowSeconds, 'NX').exec();
      },
    };
  }

  private key = (scope: string, id: string) =>
    `${this.config.redisNamespace}:panel-login-attempts:${scope}:${id}`;
}
