import { RateLimit } from '../dto/key.dto';
import { DomainError, WireError } from './domain-error';
import { ErrorCode } from './error-codes';

/** Where an account stands against its plan's limit (the HTTP layer writes RateLimit-* from it). */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the oldest calls in the window drop out. */
  resetSeconds: number;
}

/** The account's calls in the rolling 30-day window are used up: 429. */
export class QuotaExceededError extends DomainError {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly rateLimit: RateLimitState,
    retryAfterSeconds: number | null,
    plan: string,
    /** Every limit that applies to the key's calls, for RateLimit-Policy. */
    readonly policy: RateLimit[] = [],
  ) {
    const when =
      retryAfterSeconds === null
        ? 'Upgrade the plan to make more calls'
        : `Retry in ${retryAfterSeconds} s, when earlier calls leave the 30-day window`;
    super(
      ErrorCode.QUOTA_EXCEEDED,
      `The ${plan} plan allows ${rateLimit.limit} calls in 30 days and they are used. ${when}`,
    );
    this.retryAfterSeconds = retryAfterSeconds ?? undefined;
  }
}

/** 30 days in seconds: the quota's window in a RateLimit-Policy. */
export const QUOTA_WINDOW_SECONDS = 30 * 24 * 3600;

/** A rate limit of the key or of its account's plan has no room for this call: 429. */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(
    readonly refusal: NonNullable<WireError['limit']>,
    /** Every limit that applies to the key's calls (quota, account, key), for RateLimit-Policy. */
    readonly policy: RateLimit[],
  ) {
    const whose = refusal.scope === 'key' ? 'This key' : 'This account’s plan';
    super(
      ErrorCode.RATE_LIMITED,
      `${whose} allows ${refusal.limit} calls in any ${refusal.windowSeconds} s; retry in ${refusal.retryAfterMs} ms`,
    );
    this.retryAfterSeconds = Math.ceil(refusal.retryAfterMs / 1000);
  }

  override toWire(): WireError {
    return { code: this.code, message: this.message, limit: this.refusal };
  }
}

/** The key has spent its credits: 429, with when they are next refilled (none: until topped up). */
export class CreditsExhaustedError extends DomainError {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    nextRefillInSeconds: number | null,
    /** Every limit that applies to the key's calls, for RateLimit-Policy. */
    readonly policy: RateLimit[] = [],
  ) {
    super(
      ErrorCode.CREDITS_EXHAUSTED,
      nextRefillInSeconds === null
        ? 'This key has spent its credits; the operator can top them up'
        : `This key has spent its credits; they are refilled in ${nextRefillInSeconds} s`,
    );
    this.retryAfterSeconds = nextRefillInSeconds ?? undefined;
  }
}
