import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { CLOCK, Clock, PanelRole } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';

export const SESSION_TOKEN_PREFIX = 'kgs_';
const SESSION_TOKEN = /^kgs_[A-Za-z0-9_-]{43}$/;

export interface PanelSession {
  userId: string;
  accountId: string;
  email: string;
  role: PanelRole;
  /** The user's authority generation when the role above was read (PanelAuthority). */
  authority: number;
  /** Sent back in X-CSRF-Token by a page that authenticates with the session cookie. */
  csrfToken: string;
  expiresAt: string;
}

/**
 * Panel sessions: opaque random tokens, kept in Redis only as a SHA-256 of the token (a stolen
 * Redis dump holds no usable session), expiring by Redis TTL, deleted at logout.
 */
@Injectable()
export class PanelSessions {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(
    user: Pick<PanelSession, 'userId' | 'accountId' | 'email' | 'role' | 'authority'>,
    now: Date,
  ): Promise<{ token: string; session: PanelSession }> {
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const ttl = this.config.panel.sessionTtlSeconds;
    const session: PanelSession = {
      ...user,
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
    };
    const key = this.keyOf(token);
    const userKey = this.userKeyOf(user.userId);
    await this.redis
      .multi()
      .set(key, JSON.stringify(session), 'EX', ttl)
      .sadd(userKey, key)
      .expire(userKey, ttl)
      .exec();
    return { token, session };
  }

  /** The session, while it lasts: Redis drops it at its TTL, and the clock says so meanwhile. */
  async find(token: string): Promise<PanelSession | null> {
    if (!SESSION_TOKEN.test(token)) return null;
    const raw = await this.redis.get(this.keyOf(token));
    if (!raw) return null;
    const session = JSON.parse(raw) as PanelSession;
    return Date.parse(session.expiresAt) > this.clock.now().getTime() ? session : null;
  }

  async close(token: string): Promise<void> {
    if (SESSION_TOKEN.test(token)) await this.redis.del(this.keyOf(token));
  }

  /** Ends every session of a user (its role changed: the sessions carry the old one). */
  async closeAllOf(userId: string): Promise<void> {
    const userKey = this.userKeyOf(userId);
    const keys = await this.redis.smembers(userKey);
    await this.redis.del(userKey, ...keys);
  }

  // Sessions and the sets of each user's share one hash tag: a session and its user's set are
  // written in one transaction, and ended together, which a Redis Cluster does on one slot only.
  private userKeyOf(userId: string): string {
    return `${this.config.redisNamespace}:{panel-sessions}:user:${userId}`;
  }

  private keyOf(token: string): string {
    return `${this.config.redisNamespace}:{panel-sessions}:${createHash('sha256').update(token).digest('hex')}`;
  }
}
