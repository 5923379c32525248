import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';

/** No credentials, or credentials that do not hold (key, session or operator token): 401. */
export class UnauthorizedError extends DomainError {
  /** Which check refused it, for verifications (`unknown`, `revoked`...); not on the wire. */
  constructor(
    message: string,
    readonly reason = 'unauthorized',
  ) {
    super(ErrorCode.UNAUTHORIZED, message);
  }
}

/** Valid credentials that may not do this: 403. */
export class ForbiddenError extends DomainError {
  /** Which check refused it, for verifications (`host_not_allowed`...); not on the wire. */
  constructor(
    message: string,
    readonly reason = 'forbidden',
  ) {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/** An API key without the permission a call needs, named in the message: 403. */
export class MissingPermissionError extends ForbiddenError {
  constructor(readonly describedPermission: string) {
    super(
      `This API key may not do that (missing permission: ${describedPermission})`,
      'missing_permission',
    );
  }
}

/** A body over its limit: 413, decided on Content-Length when declared. */
export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(ErrorCode.PAYLOAD_TOO_LARGE, `The request body may be at most ${limitBytes} bytes`);
  }
}
