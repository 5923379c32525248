import { DomainError, ErrorCode } from '@keygate/contracts';
import { Admission } from '@keygate/usage';
import { rateLimitHeaders } from './rate-limit-headers';

export class QuotaExceededError extends DomainError {
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string>;

  constructor(admission: Admission, plan: string) {
    const when =
      admission.retryAfterSeconds === null
        ? 'Upgrade the plan to make more calls'
        : `Retry in ${admission.retryAfterSeconds} s, when earlier calls leave the 30-day window`;
    super(
      ErrorCode.QUOTA_EXCEEDED,
      `The ${plan} plan allows ${admission.limit} calls in 30 days and they are used. ${when}`,
    );
    this.retryAfterSeconds = admission.retryAfterSeconds ?? undefined;
    this.headers = rateLimitHeaders(admission);
  }
}
