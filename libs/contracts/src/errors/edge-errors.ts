import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** A request target the gateway refuses to interpret (dot-segments, encoded separators…): 400. */
export class InvalidPathError extends DomainError {
  constructor(reason: string) {
    super(ErrorCode.INVALID_PATH, `The request path is not accepted: ${reason}`);
  }
}

/** The account already has its share of calls in flight on this gateway: 429. */
export class TooManyConcurrentCallsError extends DomainError {
  readonly retryAfterSeconds = 1;

  constructor(limit: number) {
    super(
      ErrorCode.TOO_MANY_CONCURRENT_CALLS,
      `This account already has ${limit} calls in flight on this gateway; retry when one finishes`,
    );
  }
}

/** Too many failed key presentations from one client address: 429. */
export class TooManyAuthFailuresError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      ErrorCode.TOO_MANY_ATTEMPTS,
      `Too many failed authentication attempts; retry in ${retryAfterSeconds} s`,
    );
  }
}

/** Too many failed logins for an email or from an address: 429. */
export class TooManyLoginsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.TOO_MANY_ATTEMPTS, `Too many failed logins; retry in ${retryAfterSeconds} s`);
  }
}

/** Too many sign-ups from one address: 429. */
export class TooManySignupsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      ErrorCode.TOO_MANY_ATTEMPTS,
      `Too many sign-ups from this address; retry in ${retryAfterSeconds} s`,
    );
  }
}

/** A dependency (Redis, the quota store, the key projection) cannot serve now: 503. */
export class ServiceUnavailableError extends DomainError {
  readonly retryAfterSeconds = 1;

  constructor(message: string) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message);
  }
}
