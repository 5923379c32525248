import { z } from 'zod';
import { CreditsLeft } from '../credits/credits-fold';
import { ErrorCode } from '../errors/error-codes';
import { isIpOrCidr } from './ip-address';
import { KEY_ACTIONS, KeyEnvironment, KeyMeta, KeyRule, RateLimit } from './key.dto';

export const MAX_VERIFY_COST = 1000;

/** POST /api/v1/keys/verify: a key a service was handed, and what its call would do. */
export const verifyKeySchema = z
  .object({
    key: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters'),
    /** What the call counts against the key's limits, as that many calls; 0 checks only. */
    cost: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(MAX_VERIFY_COST, `must be at most ${MAX_VERIFY_COST}`)
      .default(1),
    /** A permission the call needs (content type and action); none: any valid key. */
    permission: z
      .object({
        resource: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a content type name'),
        action: z.enum(KEY_ACTIONS),
      })
      .strict()
      .optional(),
    /** The address the service's own client called from, checked against the key's allowed hosts. */
    clientIp: z
      .string()
      .refine((ip) => !ip.includes('/') && isIpOrCidr(ip), 'must be an IPv4 or IPv6 address')
      .optional(),
  })
  .strict();
export type VerifyKeyRequest = z.input<typeof verifyKeySchema>;

/** What a verification answers, whether the key is good or not (always 200). */
export interface KeyVerificationAnswer {
  valid: boolean;
  /** `VALID`, or the error code a proxied call with this key would get. */
  code: 'VALID' | ErrorCode;
  /** Which check refused it (`unknown`, `revoked`, `expired`, `host_not_allowed`, `missing_permission`...); null when valid. */
  reason: string | null;
  keyId: string | null;
  accountId: string | null;
  plan: string | null;
  /** `test` for a test key (counted against the plan's testCallLimit); null when no key was found. */
  environment: KeyEnvironment | null;
  meta: KeyMeta | null;
  rules: KeyRule[] | null;
  expiresAt: string | null;
  /** Where the key stands after this verification; null when no key was found. */
  limits: {
    quota: { limit: number; used: number; remaining: number; resetSeconds: number } | null;
    rateLimits: { key: RateLimit[]; account: RateLimit[] };
    credits: CreditsLeft | null;
    retryAfterSeconds: number | null;
  } | null;
}
