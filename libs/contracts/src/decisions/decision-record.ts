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

const instant = z.string().datetime({ offset: true });
const MAX_SPAN_MS = 366 * 24 * 3600 * 1000;

/** `from` before `to`, at most a year apart (a query of the Panel's keeps its own fields). */
export function withValidSpan<T extends z.ZodObject<z.ZodRawShape>>(schema: T): z.ZodEffects<T> {
  return schema.refine(
    (value: { from?: string; to?: string }) =>
      !value.from ||
      !value.to ||
      (Date.parse(value.from) < Date.parse(value.to) &&
        Date.parse(value.to) - Date.parse(value.from) <= MAX_SPAN_MS),
    { message: 'must be before to, at most 366 days apart', path: ['from'] },
  );
}

export const DECISION_OUTCOMES = ['admitted', 'refused'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * A key's decisions, newest first: each refusal, and its admitted calls per minute × resource ×
 * action; `outcome` keeps one kind, `code` refusals of one code. `cursor` is the previous page's
 * `nextCursor`.
 */
export const keyDecisionsQueryFields = z
  .object({
    accountId: id,
    keyId: id,
    outcome: z.enum(DECISION_OUTCOMES).optional(),
    code: z
      .string()
      .regex(/^[A-Z_]{1,64}$/, 'must be an error code')
      .optional(),
    from: instant.optional(),
    to: instant.optional(),
    cursor: z
      .string()
      .regex(/^[ra]\.[A-Za-z0-9|@_.-]{1,200}$/, 'must be a nextCursor')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const keyDecisionsQuerySchema = withValidSpan(keyDecisionsQueryFields);

/** A key's calls per resource × action × outcome over [from, to): the last 24 hours by default. */
export const keyDecisionSummaryQueryFields = z
  .object({ accountId: id, keyId: id, from: instant.optional(), to: instant.optional() })
  .strict();
export const keyDecisionSummaryQuerySchema = withValidSpan(keyDecisionSummaryQueryFields);

/** A key's admitted calls with one resource and action in one minute. */
export interface AdmittedMinute {
  outcome: 'admitted';
  /** The minute's start, ISO 8601. */
  at: string;
  accountId: string;
  keyId: string;
  resource: string;
  action: string;
  calls: number;
}

export type KeyDecision = (DecisionRecord & { outcome: 'refused' }) | AdmittedMinute;

export interface DecisionPage {
  decisions: KeyDecision[];
  nextCursor: string | null;
}

export interface DecisionSummary {
  keyId: string;
  from: string;
  to: string;
  total: number;
  admitted: number;
  refused: number;
  /** Most calls first; a refusal before its route was known has resource and action null. */
  counts: Array<{
    resource: string | null;
    action: string | null;
    outcome: DecisionOutcome;
    calls: number;
  }>;
}
