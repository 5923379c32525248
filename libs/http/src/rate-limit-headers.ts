import { RateLimitState } from '@keygate/contracts';

/** The RateLimit-* headers (IETF draft) of a metered answer, or of a 429 QUOTA_EXCEEDED. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
  };
}
