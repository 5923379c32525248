import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** No credentials, or credentials that do not hold (key, session or operator token): 401. */
export class UnauthorizedError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHORIZED, message);
  }
}

/** Valid credentials that may not do this: 403. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/** A body over its limit: 413, decided on Content-Length when declared. */
export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, `The request body may be at most ${limitBytes} bytes`);
  }
}
