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

/**
 * A GraphQL call by a key that may not read every type, while the upstream's schema has never
 * loaded: its relations cannot be checked, so it is refused (503) rather than passed on.
 */
export class GraphqlSchemaUnavailableError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      ErrorCode.GRAPHQL_SCHEMA_UNAVAILABLE,
      "The upstream's GraphQL schema could not be loaded, so this key's GraphQL calls cannot be checked",
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
