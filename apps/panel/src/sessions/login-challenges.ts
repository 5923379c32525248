import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { CLOCK, Clock } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import { CHALLENGE_TOKENS, storedNameOf } from './panel-token';

/** How long a login with the right password waits for its second factor. */
export const CHALLENGE_TTL_SECONDS = 300;

/** A login whose password was right, waiting for its code. */
export interface LoginChallenge {
  userId: string;
  accountId: string;
  email: string;
  /** The user's authority generation read after the password check (the session records it). */
  authority: number;
}

/**
 * The half-done logins of users with two-factor sign-in: a random challenge, kept in Redis only as
 * its SHA-256 for five minutes; the second step takes it away atomically, so it opens one session.
 */
@Injectable()
export class LoginChallenges {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: PanelConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(login: LoginChallenge): Promise<{ challenge: string; expiresAt: string }> {
    const challenge = CHALLENGE_TOKENS.mint();
    await this.redis.set(this.keyOf(challenge), JSON.stringify(login), 'EX', CHALLENGE_TTL_SECONDS);
    const expiresAt = new Date(this.clock.now().getTime() + CHALLENGE_TTL_SECONDS * 1000);
    return { challenge, expiresAt: expiresAt.toISOString() };
  }

  async peek(challenge: string): Promise<LoginChallenge | null> {
    if (!CHALLENGE_TOKENS.isWellFormed(challenge)) return null;
    const raw = await this.redis.get(this.keyOf(challenge));
    return raw ? (JSON.parse(raw) as LoginChallenge) : null;
  }

  async take(challenge: string): Promise<LoginChallenge | null> {
    if (!CHALLENGE_TOKENS.isWellFormed(challenge)) return null;
    const raw = await this.redis.getdel(this.keyOf(challenge));
    return raw ? (JSON.parse(raw) as LoginChallenge) : null;
  }

  private keyOf(challenge: string): string {
    return `${this.config.redisNamespace}:{panel-sessions}:challenge:${storedNameOf(challenge)}`;
  }
}
