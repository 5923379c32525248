import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { CLOCK, Clock, PanelRole } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { SESSION_TOKENS, storedNameOf } from './panel-token';

/** `ses_` and 24 hex digits of a session key's hash: enough to tell one user's sessions apart. */
const idOfKey = (key: string): string =>
  `ses_${key.slice(key.lastIndexOf(':') + 1, key.lastIndexOf(':') + 25)}`;

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
  /** When and from where it was opened (absent on sessions opened before they were kept). */
  createdAt?: string;
  ip?: string;
  userAgent?: string;
  /** The account requires two-factor sign-in and the user has none yet: it may only enrol. */
  enrolOnly?: true;
}

/** Where a session is opened from, as its user sees it in their list of sessions. */
export interface SessionClient {
  ip: string;
  userAgent: string;
}

/** One of a user's open sessions, as they see it (never its token). */
export interface SessionView {
  id: string;
  createdAt: string | null;
  lastUsedAt: string | null;
  ip: string | null;
  userAgent: string | null;
  expiresAt: string;
  /** The session this list was asked with. */
  current: boolean;
}

/** A session's last use is written at most this often per session and Panel instance. */
const TOUCH_INTERVAL_MS = 60_000;
const USER_AGENT_KEPT = 200;

/**
 * Panel sessions: opaque random tokens, kept in Redis only as a SHA-256 of the token (a stolen
 * Redis dump holds no usable session), expiring by Redis TTL, deleted at logout.
 */
@Injectable()
export class PanelSessions {
  /** When this instance last wrote each session's last use (by session id). */
  private readonly touched = new Map<string, number>();

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(
    user: Pick<PanelSession, 'userId' | 'accountId' | 'email' | 'role' | 'authority'>,
    now: Date,
    client: SessionClient,
    enrolOnly = false,
  ): Promise<{ token: string; session: PanelSession }> {
    const token = SESSION_TOKENS.mint();
    const ttl = this.config.panel.sessionTtlSeconds;
    const session: PanelSession = {
      ...user,
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
      createdAt: now.toISOString(),
      ip: client.ip,
      userAgent: client.userAgent.slice(0, USER_AGENT_KEPT),
      ...(enrolOnly && { enrolOnly: true as const }),
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
    if (!SESSION_TOKENS.isWellFormed(token)) return null;
    const raw = await this.redis.get(this.keyOf(token));
    if (!raw) return null;
    const session = JSON.parse(raw) as PanelSession;
    return Date.parse(session.expiresAt) > this.clock.now().getTime() ? session : null;
  }

  async close(token: string): Promise<void> {
    if (SESSION_TOKENS.isWellFormed(token)) await this.redis.del(this.keyOf(token));
  }

  /** The user enrolled their second factor: this session may do everything again. */
  async liftEnrolOnly(token: string): Promise<void> {
    const key = this.keyOf(token);
    const raw = await this.redis.get(key);
    if (!raw) return;
    const { enrolOnly: _lifted, ...session } = JSON.parse(raw) as PanelSession;
    await this.redis.set(key, JSON.stringify(session), 'KEEPTTL');
  }

  /** Ends every session of a user (its role changed: the sessions carry the old one). */
  async closeAllOf(userId: string): Promise<void> {
    const userKey = this.userKeyOf(userId);
    const keys = await this.redis.smembers(userKey);
    await this.redis.del(userKey, this.lastUsedKeyOf(userId), ...keys);
  }

  /** A session's public id: a prefix of the hash its key is named by (never the token). */
  idOf(token: string): string {
    return idOfKey(this.keyOf(token));
  }

  /** Notes that a session was used now; written at most once a minute per session here. */
  async touch(token: string, userId: string): Promise<void> {
    const id = this.idOf(token);
    const now = this.clock.now().getTime();
    if (now - (this.touched.get(id) ?? 0) < TOUCH_INTERVAL_MS) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(id, now);
    const key = this.lastUsedKeyOf(userId);
    await this.redis
      .multi()
      .hset(key, id, now)
      .expire(key, this.config.panel.sessionTtlSeconds)
      .exec();
  }

  /** A user's open sessions, newest first; `current` marks the one asking. */
  async listOf(userId: string, currentToken: string): Promise<SessionView[]> {
    const keys = await this.redis.smembers(this.userKeyOf(userId));
    if (keys.length === 0) return [];
    const [stored, lastUsed] = await Promise.all([
      this.redis.mget(...keys),
      this.redis.hgetall(this.lastUsedKeyOf(userId)),
    ]);
    const currentId = this.idOf(currentToken);
    const now = this.clock.now().getTime();
    return keys
      .flatMap((key, i) => {
        const raw = stored[i];
        if (!raw) return [];
        const session = JSON.parse(raw) as PanelSession;
        if (Date.parse(session.expiresAt) <= now) return [];
        const id = idOfKey(key);
        const used = lastUsed[id];
        return [
          {
            id,
            createdAt: session.createdAt ?? null,
            lastUsedAt: used ? new Date(Number(used)).toISOString() : null,
            ip: session.ip ?? null,
            userAgent: session.userAgent ?? null,
            expiresAt: session.expiresAt,
            current: id === currentId,
          },
        ];
      })
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  }

  /** Ends one of the user's sessions by its id: false when the user has none with that id. */
  async closeById(userId: string, id: string): Promise<boolean> {
    const userKey = this.userKeyOf(userId);
    const key = (await this.redis.smembers(userKey)).find((k) => idOfKey(k) === id);
    if (!key) return false;
    await this.redis
      .multi()
      .del(key)
      .srem(userKey, key)
      .hdel(this.lastUsedKeyOf(userId), id)
      .exec();
    return true;
  }

  /** Ends every session of the user but `keepToken`'s; answers how many ended. */
  async closeOthersOf(userId: string, keepToken: string): Promise<number> {
    const userKey = this.userKeyOf(userId);
    const keep = this.keyOf(keepToken);
    const others = (await this.redis.smembers(userKey)).filter((k) => k !== keep);
    if (others.length === 0) return 0;
    await this.redis
      .multi()
      .del(...others)
      .srem(userKey, ...others)
      .hdel(this.lastUsedKeyOf(userId), ...others.map(idOfKey))
      .exec();
    return others.length;
  }

  private lastUsedKeyOf(userId: string): string {
    return `${this.config.redisNamespace}:{panel-sessions}:last-used:${userId}`;
  }

  // Sessions and the sets of each user's share one hash tag: a session and its user's set are
  // written in one transaction, and ended together, which a Redis Cluster does on one slot only.
  private userKeyOf(userId: string): string {
    return `${this.config.redisNamespace}:{panel-sessions}:user:${userId}`;
  }

  private keyOf(token: string): string {
    return `${this.config.redisNamespace}:{panel-sessions}:${storedNameOf(token)}`;
  }
}
