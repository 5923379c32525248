import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { CLOCK, Clock } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { RESET_TOKENS, storedNameOf } from './panel-token';

/** How long a reset link works. */
export const RESET_TTL_SECONDS = 3600;

/** Whose password a reset link resets. */
export interface PasswordResetFor {
  userId: string;
  accountId: string;
  email: string;
}

/**
 * One-time password reset links: a random token, kept in Redis only as its SHA-256 for an hour.
 * A user has one link at a time (a new one replaces it); redeeming takes it away atomically, so it
 * works once; removing the user takes it away too.
 */
@Injectable()
export class PasswordResets {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(user: PasswordResetFor): Promise<{ token: string; expiresAt: string }> {
    const token = RESET_TOKENS.mint();
    const key = this.keyOf(token);
    const userKey = this.userKeyOf(user.userId);
    const previous = await this.redis.get(userKey);
    const transaction = this.redis.multi();
    if (previous) transaction.del(previous);
    await transaction
      .set(key, JSON.stringify(user), 'EX', RESET_TTL_SECONDS)
      .set(userKey, key, 'EX', RESET_TTL_SECONDS)
      .exec();
    const expiresAt = new Date(this.clock.now().getTime() + RESET_TTL_SECONDS * 1000);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** Whose link this is, without using it up (a weak new password keeps the link working). */
  async peek(token: string): Promise<PasswordResetFor | null> {
    if (!RESET_TOKENS.isWellFormed(token)) return null;
    const raw = await this.redis.get(this.keyOf(token));
    return raw ? (JSON.parse(raw) as PasswordResetFor) : null;
  }

  /** Uses the link up: answers whose it was, or null when it is unknown, used or expired. */
  async redeem(token: string): Promise<PasswordResetFor | null> {
    if (!RESET_TOKENS.isWellFormed(token)) return null;
    const raw = await this.redis.getdel(this.keyOf(token));
    if (!raw) return null;
    const owner = JSON.parse(raw) as PasswordResetFor;
    await this.redis.del(this.userKeyOf(owner.userId));
    return owner;
  }

  /** Takes away the user's link, if any (they were removed). */
  async revokeAllOf(userId: string): Promise<void> {
    const userKey = this.userKeyOf(userId);
    const key = await this.redis.get(userKey);
    await this.redis.del(userKey, ...(key ? [key] : []));
  }

  // One hash tag for the links and their users' index: written together on one Cluster slot.
  private keyOf(token: string): string {
    return `${this.config.redisNamespace}:{panel-resets}:${storedNameOf(token)}`;
  }

  private userKeyOf(userId: string): string {
    return `${this.config.redisNamespace}:{panel-resets}:user:${userId}`;
  }
}
