import { DomainError } from './domain-error';
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
