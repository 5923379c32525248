import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** The upstream API refused the connection or failed mid-answer: 502. */
export class UpstreamUnavailableError extends DomainError {
  constructor() {
    super(ErrorCode.UPSTREAM_UNAVAILABLE, 'The upstream API did not answer');
  }
}

/** The upstream API took longer than the configured timeouts: 504. */
export class UpstreamTimeoutError extends DomainError {
  constructor() {
    super(ErrorCode.UPSTREAM_TIMEOUT, 'The upstream API did not answer in time');
  }
}

/** An answer that has to be checked against the key's rules could not be: 502, never passed on. */
export class UpstreamAnswerUncheckedError extends DomainError {
  constructor(reason: string) {
    super(
      ErrorCode.UPSTREAM_ANSWER_UNCHECKED,
      `The upstream's answer could not be checked against this key's rules: ${reason}`,
    );
  }
}
