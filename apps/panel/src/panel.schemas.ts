import { z } from 'zod';
import {
  PANEL_ROLES,
  createKeySchema,
  emailSchema,
  rotateKeySchema,
  updateKeySchema,
} from '@keygate/contracts';
import { PASSWORD_MIN_LENGTH, PASSWORD_RULES } from './sessions/password-policy';
import { CHALLENGE_TOKENS, RESET_TOKENS } from './sessions/panel-token';

/** A new password; its strength is checked by assertStrongPassword (sessions/password-policy.ts). */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, 'must be at most 200 characters')
  .describe(PASSWORD_RULES);

export const signupBodySchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    accountName: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters'),
  })
  .strict();

export const loginBodySchema = z
  .object({ email: emailSchema, password: z.string().min(1, 'must not be empty').max(200) })
  .strict();

export const addUserBodySchema = z
  .object({ email: emailSchema, password: passwordSchema, role: z.enum(PANEL_ROLES) })
  .strict();

export const changePasswordBodySchema = z
  .object({ current: z.string().min(1, 'must not be empty').max(200), next: passwordSchema })
  .strict();

export const redeemResetBodySchema = z
  .object({
    token: z.string().regex(RESET_TOKENS.format, 'must be a reset link’s token'),
    password: passwordSchema,
  })
  .strict();

const totpCode = z.string().regex(/^\d{6}$/, 'must be the 6 digits your app shows');
const recoveryCode = z
  .string()
  .trim()
  .regex(/^[0-9a-vA-V]{5}-[0-9a-vA-V]{5}$/, 'must be one of your recovery codes');

export const twoFactorCodeBodySchema = z.object({ code: totpCode }).strict();

const oneFactor = {
  message: 'must give a code or a recovery code, one of them',
  path: ['code'],
};
const secondFactorFields = z
  .object({ code: totpCode.optional(), recoveryCode: recoveryCode.optional() })
  .strict();
export const secondFactorBodySchema = secondFactorFields.refine(
  (body) => (body.code === undefined) !== (body.recoveryCode === undefined),
  oneFactor,
);

export const loginTwoFactorBodySchema = secondFactorFields
  .extend({ challenge: z.string().regex(CHALLENGE_TOKENS.format, 'must be a login’s challenge') })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), oneFactor);

export const requireTwoFactorBodySchema = z.object({ required: z.boolean() }).strict();

export const changeRoleBodySchema = z.object({ role: z.enum(PANEL_ROLES) }).strict();

export const createKeyBodySchema = createKeySchema.omit({ accountId: true, actor: true });

/** For the API docs: what PATCH and rotate take (the key service validates them). */
export const updateKeyBodySchema = updateKeySchema
  .innerType()
  .omit({ accountId: true, keyId: true, actor: true });
export const rotateKeyBodySchema = rotateKeySchema.omit({
  accountId: true,
  keyId: true,
  actor: true,
});

/** PATCH and rotate bodies are checked by the key service's own schemas, with the ids added. */
export const bodyObjectSchema = z.record(z.unknown(), {
  invalid_type_error: 'must be a JSON object',
});

export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'must be a nextCursor from a previous page')
      .optional(),
  })
  .strict();
