import { Admission } from '@keygate/usage';

/** The RateLimit-* headers (IETF draft) of a metered answer. */
export function rateLimitHeaders(
  admission: Pick<Admission, 'limit' | 'remaining' | 'resetSeconds'>,
): Record<string, string> {
  return {
    'ratelimit-limit': String(admission.limit),
    'ratelimit-remaining': String(admission.remaining),
    'ratelimit-reset': String(admission.resetSeconds),
  };
}
