import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { TooManyLoginsError } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { throttleIdentity } from '@keygate/http';

/** Longest a login check waits once its email has had too many failures from anywhere. */
const MAX_SLOWDOWN_MS = 4000;
const FIRST_SLOWDOWN_MS = 250;
/** An in-flight place whose Panel died mid-login is given back after this. */
const IN_FLIGHT_LEASE_MS = 30_000;

export interface LoginAttempt {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
  /** Gives back the attempt's in-flight place, however it ended (once; always call it). */
  end(): Promise<void>;
}

/**
 * Failed panel logins, counted in Redis (fixed windows, shared by every Panel instance). The
 * client is an IPv4 address or an IPv6 network (THROTTLE_IPV6_PREFIX, a /64 by default), so the
 * addresses of one subscriber's network are one client.
 * - per email and client, and per client: over the limit, 429 before any check. An attempt
 *   takes its place in both counters before the password is checked (one MULTI), so parallel
 *   guesses cannot all slip in; a success gives its places back.
 * - per email, attempts in flight from anywhere (PANEL_LOGIN_IN_FLIGHT_LIMIT): more are 429 at
 *   once, so parallel guesses from many clients are checked a few at a time, each paying the
 *   slowdown below in turn.
 * - per email from anywhere: over the limit, each check is slowed down (250 ms doubling to 4 s)
 *   rather than refused, so nobody else can lock the real user out with wrong passwords.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
  ) {}

  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const { loginLimitPerEmail, loginLimitPerIp, loginWindowSeconds, loginInFlightPerEmail } =
      this.config.panel;
    const client = throttleIdentity(ip, this.config.throttleIpv6PrefixBits);
    const pairKey = this.key('email-ip', `${email} ${client}`);
    const ipKey = this.key('ip', client);
    const emailKey = this.key('email', email);
    const inFlightKey = this.key('in-flight', email);
    const results = await this.redis
      .multi()
      .incr(pairKey)
      .expire(pairKey, loginWindowSeconds, 'NX')
      .pttl(pairKey)
      .incr(ipKey)
      .expire(ipKey, loginWindowSeconds, 'NX')
      .pttl(ipKey)
      .get(emailKey)
      .incr(inFlightKey)
      .pexpire(inFlightKey, IN_FLIGHT_LEASE_MS)
      .exec();
    const value = (i: number) => Number(results?.[i]?.[1] ?? 0);
    // A refused attempt gives back every place it took, in one round trip.
    const giveBack = () => this.redis.multi().decr(pairKey).decr(ipKey).decr(inFlightKey).exec();
    const blockedMs =
      (value(0) > loginLimitPerEmail ? value(2) : 0) || (value(3) > loginLimitPerIp ? value(5) : 0);
    if (blockedMs > 0) {
      await giveBack();
      throw new TooManyLoginsError(Math.ceil(Math.max(blockedMs, 1000) / 1000));
    }
    if (value(7) > loginInFlightPerEmail) {
      await giveBack();
      throw new TooManyLoginsError(1);
    }
    const excess = value(6) - loginLimitPerEmail;
    if (excess >= 0) await sleep(Math.min(FIRST_SLOWDOWN_MS * 2 ** excess, MAX_SLOWDOWN_MS));
    let ended = false;
    const end = async () => {
      if (ended) return;
      ended = true;
      await this.redis.decr(inFlightKey);
    };
    return {
      succeeded: async () => {
        await this.redis.multi().del(pairKey).decr(ipKey).del(emailKey).exec();
      },
      failed: async () => {
        await this.redis.multi().incr(emailKey).expire(emailKey, loginWindowSeconds, 'NX').exec();
      },
      end,
    };
  }

  // One hash tag for every counter: each attempt counts several in one transaction, which a
  // Redis Cluster runs only on keys of one slot.
  private key = (scope: string, id: string) =>
    `${this.config.redisNamespace}:{panel-login-attempts}:${scope}:${id}`;
}
