import { ErrorCode } from './error-codes';

export interface FieldError {
  field: string;
  message: string;
}

/** The shape an error has on every wire (RPC payload, HTTP body `error`). */
export interface WireError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  errorId?: string;
  /** RATE_LIMITED: the limit that refused the call, and when one more call fits (ms). */
  limit?: { scope: 'key' | 'account'; limit: number; windowSeconds: number; retryAfterMs: number };
}

/** A coded error the caller can act on. Messages never contain secrets. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  toWire(): WireError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export class ValidationError extends DomainError {
  constructor(fields: FieldError[]) {
    super(ErrorCode.VALIDATION_FAILED, `Invalid ${fields.map((f) => f.field).join(', ')}`, fields);
  }

  static of(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message = 'The resource was changed concurrently; retry the request') {
    super(ErrorCode.CONFLICT, message);
  }
}

export class KeyLimitReachedError extends DomainError {
  constructor(plan: string, limit: number) {
    super(
      ErrorCode.KEY_LIMIT_REACHED,
      `The ${plan} plan allows ${limit} user key${limit === 1 ? '' : 's'}`,
    );
  }
}

export class NotAllowedError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.NOT_ALLOWED, message);
  }
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WireError).code === 'string' &&
    KNOWN_CODES.has((value as WireError).code) &&
    typeof (value as WireError).message === 'string'
  );
}

/** Rebuilds the DomainError an RPC peer sent, so callers can branch on `code`. */
export function domainErrorFromWire(wire: WireError): DomainError {
  return new DomainError(wire.code, wire.message, wire.fields);
}

/** An email some panel user has already: 409. */
export class EmailTakenError extends DomainError {
  constructor() {
    super(ErrorCode.CONFLICT, 'This email is already registered');
  }
}
