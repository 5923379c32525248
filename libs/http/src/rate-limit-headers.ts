import { RateLimit, RateLimitState } from '@keygate/contracts';

/** The RateLimit-* headers (IETF draft) of a metered answer, or of a 429 QUOTA_EXCEEDED. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
  };
}

/** RateLimit-Policy (IETF draft): every limit that applies, `limit;w=window`, the nearest first. */
export function rateLimitPolicyHeader(limits: readonly RateLimit[]): string {
  return limits.map((l) => `${l.limit};w=${l.windowSeconds}`).join(', ');
}
