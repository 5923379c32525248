import { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import { MissingPermissionError } from '../errors/http-errors';
import { QuotaExceededError, RateLimitedError } from '../errors/quota-errors';

/** One refused call, as the decision log keeps it (never the key's secret). */
export interface DecisionRecord {
  requestId: string;
  /** When the gateway refused it, ISO 8601. */
  at: string;
  gatewayId: string;
  /** Null when the key was not known (a malformed or unknown key). */
  accountId: string | null;
  keyId: string | null;
  method: string;
  /** The canonical path the gateway judged (or the raw path when it could not make one). */
  path: string;
  resource: string | null;
  action: string | null;
  code: string;
  /** Which check refused it: `missing_permission`, `quota_exceeded`, `revoked`, `host_not_allowed`… */
  reason: string;
  /** What the check saw: the permission missing, the quota used and its limit, the limit hit… */
  detail: Record<string, string | number>;
}

/** The Redis stream gateways add decision records to, on one hash tag. */
export function decisionStreamKey(namespace: string): string {
  return `${namespace}:{decisions}`;
}

/** The field of a decision stream entry that holds its record's JSON. */
export const DECISION_FIELD = 'decision';

/** Which check a refusal came from, as the decision log and a verification name it. */
export function refusalReasonOf(error: DomainError): string {
  if ('reason' in error && typeof error.reason === 'string') return error.reason;
  if (error instanceof RateLimitedError) return `${error.refusal.scope}_rate_limited`;
  return error.code.toLowerCase();
}

/** The key a refusal was about, when it was known, and what its check saw beyond the error. */
export interface RefusalSubject {
  keyId: string;
  accountId: string;
  detail?: Record<string, string | number>;
}

const SUBJECTS = new WeakMap<Error, RefusalSubject>();

/** Marks a refusal with the key it refused (never sent anywhere but the decision log). */
export function refusedFor<E extends Error>(error: E, subject: RefusalSubject): E {
  if (!SUBJECTS.has(error)) SUBJECTS.set(error, subject);
  return error;
}

export function refusalSubjectOf(error: unknown): RefusalSubject | null {
  return error instanceof Error ? (SUBJECTS.get(error) ?? null) : null;
}

/** What the refusing check saw, worth showing the key's owner. */
export function refusalDetailOf(error: DomainError): Record<string, string | number> {
  const noted = SUBJECTS.get(error)?.detail;
  if (noted) return noted;
  if (error instanceof MissingPermissionError) return { permission: error.describedPermission };
  if (error instanceof QuotaExceededError)
    return {
      used: error.rateLimit.limit - error.rateLimit.remaining,
      limit: error.rateLimit.limit,
    };
  if (error instanceof RateLimitedError)
    return {
      scope: error.refusal.scope,
      limit: error.refusal.limit,
      windowSeconds: error.refusal.windowSeconds,
    };
  return {};
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');

/** One call's records by its X-Request-Id, in the caller's account. */
export const decisionByRequestSchema = z
  .object({
    accountId: id,
    requestId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be a request id'),
  })
  .strict();

/** A key's refusals, newest first: `cursor` is the previous page's `nextCursor`. */
export const keyDecisionsQuerySchema = z
  .object({
    accountId: id,
    keyId: id,
    code: z
      .string()
      .regex(/^[A-Z_]{1,64}$/, 'must be an error code')
      .optional(),
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    cursor: z
      .string()
      .regex(/^\d+-\d+$/, 'must be a nextCursor')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface DecisionPage {
  decisions: DecisionRecord[];
  nextCursor: string | null;
}
