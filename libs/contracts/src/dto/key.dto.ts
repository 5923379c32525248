import { z } from 'zod';
import { actorSchema } from './actor.dto';
import { CreditPeriod } from '../credits/credit-periods';
import { isIpOrCidr } from './ip-address';

export const KEY_ACTIONS = ['create', 'read', 'update', 'delete'] as const;
export type KeyAction = (typeof KEY_ACTIONS)[number];
export type KeyKind = 'application' | 'user';
export type KeyAccess = 'read-write' | 'read-only';
export type KeyType = 'standard' | 'administration';
/**
 * Where a key's calls go and count: `live` (every key before test keys), or `test`: its own
 * upstream (UPSTREAM_TEST_URL) and its own 30-day window under the plan's `testCallLimit`.
 * Fixed at creation and named in the secret (`kg_test_…`).
 */
export const KEY_ENVIRONMENTS = ['live', 'test'] as const;
export type KeyEnvironment = (typeof KEY_ENVIRONMENTS)[number];
/** `quarantined`: reported leaked, refused until an admin releases or revokes it. */
export type KeyStatus = 'active' | 'revoked' | 'expired' | 'quarantined';

export interface KeyRule {
  resource: string;
  actions: KeyAction[];
}

/** At most `limit` calls in any interval of `windowSeconds` (exact across gateways: ADR 9). */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export const MAX_RATE_LIMITS = 3;
export const MAX_RATE_WINDOW_SECONDS = 24 * 3600;

export const rateLimitSchema = z
  .object({
    limit: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1_000_000_000, 'must be at most 1000000000'),
    windowSeconds: z
      .number()
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1 second')
      .max(MAX_RATE_WINDOW_SECONDS, 'must be at most a day (86400 seconds)'),
  })
  .strict();

export const rateLimitsSchema = z
  .array(rateLimitSchema)
  .max(MAX_RATE_LIMITS, `must have at most ${MAX_RATE_LIMITS} limits`)
  .refine(
    (limits) => new Set(limits.map((l) => l.windowSeconds)).size === limits.length,
    'must not have two limits on one window',
  );

/** What an operator keeps with a key (a customer id, a tier): returned on every verification. */
export type KeyMeta = Record<string, unknown>;
export const KEY_META_MAX_BYTES = 8192;

/**
 * A JSON object of at most KEY_META_MAX_BYTES serialized. Checked as it came, not rebuilt, so a
 * key named `__proto__` is refused rather than turned into a prototype.
 */
export const metaSchema = z.unknown().superRefine((value, ctx): value is KeyMeta => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON object' });
    return false;
  }
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must not have a __proto__ key' });
    return false;
  }
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > KEY_META_MAX_BYTES) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be at most ${KEY_META_MAX_BYTES} bytes as JSON`,
    });
    return false;
  }
  return true;
}) as unknown as z.ZodType<KeyMeta>;

/** Credits given back every day or month from the key's creation: as many again, or more. */
export interface CreditRefill {
  amount: number;
  every: CreditPeriod;
  /** `replace`: remaining becomes `amount`; `add`: remaining grows by `amount`, up to `cap`. */
  mode: 'replace' | 'add';
  cap?: number;
}

const creditCount = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(1_000_000_000, 'must be at most 1000000000');

export const creditRefillSchema = z
  .object({
    amount: creditCount.min(1, 'must be at least 1'),
    every: z.enum(['day', 'month']),
    mode: z.enum(['replace', 'add']).default('replace'),
    cap: creditCount.min(1, 'must be at least 1').optional(),
  })
  .strict()
  .refine((refill) => refill.cap === undefined || refill.mode === 'add', {
    message: 'only an add refill has a cap',
    path: ['cap'],
  });

/** A key's credits as given: what it may spend, and its refill; null (the default) for unlimited. */
export const creditsInputSchema = z
  .object({ remaining: creditCount, refill: creditRefillSchema.optional() })
  .strict()
  .nullable();
export type CreditsInput = z.infer<typeof creditsInputSchema>;

/**
 * A key's credits as every gateway holds them: the operator's last `set` (or the creation's
 * `remaining`) with its event version and the refill period it was made in, what was added
 * since, the refill, and the anchor refills count from (the key's creation). What is left is
 * kept in Redis; the admission step applies a newer set or more added exactly once (ADR 10).
 */
export interface KeyCredits {
  refill: CreditRefill | null;
  anchor: string;
  set: { version: number; amount: number; period: number };
  added: number;
}

export const MAX_GRACE_PERIOD_SECONDS = 7 * 24 * 3600;
export const MAX_KEY_LIFETIME_DAYS = 365;

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

export const ruleSchema = z
  .object({
    resource: z.string().regex(/^(\*|[A-Za-z0-9_-]{1,64})$/, 'must be a content type name or "*"'),
    actions: z
      .array(z.enum(KEY_ACTIONS))
      .min(1, 'must name at least one action')
      .refine((actions) => new Set(actions).size === actions.length, 'must not repeat an action'),
  })
  .strict();

export const rulesSchema = z
  .array(ruleSchema)
  .max(100, 'must have at most 100 rules')
  .refine(
    (rules) => new Set(rules.map((r) => r.resource)).size === rules.length,
    'must not name a resource twice',
  );

export const allowedHostsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .refine(isIpOrCidr, 'must be an IPv4/IPv6 address or CIDR range'),
  )
  .max(100, 'must have at most 100 entries')
  .transform((hosts) => [...new Set(hosts)]);

/** ISO 8601 instant; the 365-day bound depends on the clock and is checked by the aggregate. */
export const expiresAtSchema = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .transform((value) => new Date(value).toISOString())
  .nullable();

export const createKeySchema = z
  .object({
    accountId: idSchema,
    name: nameSchema,
    type: z.enum(['standard', 'administration']).default('standard'),
    environment: z.enum(KEY_ENVIRONMENTS).default('live'),
    rules: rulesSchema,
    expiresAt: expiresAtSchema.optional().default(null),
    allowedHosts: allowedHostsSchema.optional().default([]),
    rateLimits: rateLimitsSchema.optional().default([]),
    meta: metaSchema.optional().default({}),
    credits: creditsInputSchema.optional().default(null),
    actor: actorSchema.optional(),
  })
  .strict();
export type CreateKeyDto = z.infer<typeof createKeySchema>;

/** At most this many keys per import call. */
export const MAX_IMPORTED_KEYS = 5000;

/** A key brought from another system (Kong, Tyk, a key table): its secret in any format. */
export const importedKeySchema = z
  .object({
    name: nameSchema,
    secret: z
      .string()
      .min(16, 'must be at least 16 characters')
      .max(512, 'must be at most 512 characters')
      .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters (it travels in a header)'),
    type: z.enum(['standard', 'administration']).default('standard'),
    rules: rulesSchema,
    expiresAt: expiresAtSchema.optional().default(null),
    allowedHosts: allowedHostsSchema.optional().default([]),
    rateLimits: rateLimitsSchema.optional().default([]),
    meta: metaSchema.optional().default({}),
    credits: creditsInputSchema.optional().default(null),
  })
  .strict();
export type ImportedKeyInput = z.infer<typeof importedKeySchema>;

export const importKeysSchema = z
  .object({
    accountId: idSchema,
    keys: z
      .array(importedKeySchema)
      .min(1, 'must hold at least one key')
      .max(MAX_IMPORTED_KEYS, `must hold at most ${MAX_IMPORTED_KEYS} keys`),
    actor: actorSchema.optional(),
  })
  .strict();
export type ImportKeysDto = z.infer<typeof importKeysSchema>;

/** What an import answers: never the secrets, which the caller already has. */
export interface ImportedKeys {
  imported: number;
  keys: Array<{ id: string; hint: string }>;
}

export const updateKeySchema = z
  .object({
    accountId: idSchema,
    keyId: idSchema,
    name: nameSchema.optional(),
    rules: rulesSchema.optional(),
    expiresAt: expiresAtSchema.optional(),
    allowedHosts: allowedHostsSchema.optional(),
    rateLimits: rateLimitsSchema.optional(),
    meta: metaSchema.optional(),
    actor: actorSchema.optional(),
  })
  .strict()
  .refine(
    (dto) =>
      dto.name !== undefined ||
      dto.rules !== undefined ||
      dto.expiresAt !== undefined ||
      dto.allowedHosts !== undefined ||
      dto.rateLimits !== undefined ||
      dto.meta !== undefined,
    {
      message: 'must change at least one of name, rules, expiresAt, allowedHosts, rateLimits, meta',
    },
  );
export type UpdateKeyDto = z.infer<typeof updateKeySchema>;

export const rotateKeySchema = z
  .object({
    accountId: idSchema,
    keyId: idSchema,
    gracePeriodSeconds: z
      .number()
      .int('must be a whole number of seconds')
      .min(0, 'must not be negative')
      .max(MAX_GRACE_PERIOD_SECONDS, 'must be at most 7 days (604800 seconds)')
      .optional()
      .default(0),
    actor: actorSchema.optional(),
  })
  .strict();
export type RotateKeyDto = z.infer<typeof rotateKeySchema>;

/** PATCH …/credits: set what is left (a new refill with it, or none), add to it, or lift the limit. */
export const changeCreditsSchema = z
  .object({
    accountId: idSchema,
    keyId: idSchema,
    set: creditCount.optional(),
    add: creditCount.min(1, 'must be at least 1').optional(),
    refill: creditRefillSchema.nullable().optional(),
    /** true: the key spends without limit again. */
    unlimited: z.literal(true).optional(),
    actor: actorSchema.optional(),
  })
  .strict()
  .refine(
    (dto) =>
      [dto.set !== undefined, dto.add !== undefined, dto.unlimited === true].filter(Boolean)
        .length === 1,
    { message: 'must give one of set, add or unlimited' },
  )
  .refine((dto) => dto.refill === undefined || dto.set !== undefined, {
    message: 'a refill is given with set',
    path: ['refill'],
  });
export type ChangeCreditsDto = z.infer<typeof changeCreditsSchema>;

/** At most this many secrets per leak report. */
export const MAX_LEAK_REPORT = 1000;

/** Secrets found exposed, reported by a scanner (GitHub's, or another through the Operator API). */
export const reportLeaksSchema = z
  .object({
    secrets: z
      .array(z.string().min(1).max(512))
      .min(1, 'must hold at least one secret')
      .max(MAX_LEAK_REPORT, `must hold at most ${MAX_LEAK_REPORT} secrets`),
    source: z.string().trim().min(1, 'must name the scanner').max(100),
    url: z.string().url('must be a URL').max(2048).nullable().optional(),
    action: z.enum(['revoke', 'quarantine', 'notify']),
    actor: actorSchema.optional(),
  })
  .strict();
export type ReportLeaksDto = z.infer<typeof reportLeaksSchema>;

/** Per reported secret, in order: whether it is (or was) a key's, which, and what was done. */
export interface LeakVerdict {
  keyId: string | null;
  /** The key's account, for the operator; null when the secret is no key's. */
  accountId: string | null;
  label: 'true_positive' | 'false_positive';
  /** `revoked` or `quarantined` now, `notified`, or `already_handled` (reported before, or no longer active). */
  outcome: 'revoked' | 'quarantined' | 'notified' | 'already_handled' | null;
}

export const keyRefSchema = z
  .object({ accountId: idSchema, keyId: idSchema, actor: actorSchema.optional() })
  .strict();
export type KeyRefDto = z.infer<typeof keyRefSchema>;

export const accountRefSchema = z.object({ accountId: idSchema }).strict();
export type AccountRefDto = z.infer<typeof accountRefSchema>;

export const keyIdSchema = z.object({ keyId: idSchema }).strict();
export type KeyIdDto = z.infer<typeof keyIdSchema>;

/** A key as the Panel lists it. Never holds a secret or a secret's hash. */
export interface KeyView {
  id: string;
  accountId: string;
  name: string;
  kind: KeyKind;
  access: KeyAccess | null;
  type: KeyType;
  environment: KeyEnvironment;
  rules: KeyRule[];
  hint: string;
  status: KeyStatus;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  allowedHosts: string[];
  /** The key's own rate limits (the plan's apply too); [] for none. */
  rateLimits: RateLimit[];
  /** The operator's JSON object kept with the key; {} for none. */
  meta: KeyMeta;
  /** What the key may spend (each call costs 1); null for unlimited. */
  credits: KeyCredits | null;
  /** The last report of one of its secrets found exposed, and what was done; absent: none. */
  leak?: KeyLeakReport | null;
  version: number;
}

export interface KeyLeakReport {
  source: string;
  url: string | null;
  action: 'revoke' | 'quarantine' | 'notify';
  reportedAt: string;
}

/** A key as the gateway's projection needs it: hashes included, for authentication. */
export interface KeyRecord extends Omit<KeyView, 'hint' | 'createdAt' | 'updatedAt' | 'leak'> {
  secretHash: string;
  previousSecretHash: string | null;
  previousValidUntil: string | null;
}

/** The only response that ever holds a secret: create and rotate. */
export interface IssuedKey {
  key: KeyView;
  secret: string;
}
