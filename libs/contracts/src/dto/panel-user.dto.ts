import { z } from 'zod';
import { actorSchema } from './actor.dto';
import { OpenedAccount } from './account.dto';

export type PanelRole = 'admin' | 'member';
export const PANEL_ROLES = ['admin', 'member'] as const;

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .email('must be an email address');
/** A password hash as the gateway's PasswordHasher writes it; passwords never reach the key service. */
const passwordHashSchema = z.string().regex(/^scrypt\$[A-Za-z0-9$+/=]{20,300}$/, 'must be a hash');

/** RPC accounts.signup: opens an account with its first admin, all or nothing. */
export const signupSchema = z
  .object({
    email: emailSchema,
    passwordHash: passwordHashSchema,
    accountName: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters'),
    plan: z.string().min(1).max(50).optional(),
    actor: actorSchema.optional(),
  })
  .strict();
export type SignupDto = z.infer<typeof signupSchema>;

export const addUserSchema = z
  .object({
    accountId: idSchema,
    email: emailSchema,
    passwordHash: passwordHashSchema,
    role: z.enum(PANEL_ROLES),
    actor: actorSchema.optional(),
  })
  .strict();
export type AddUserDto = z.infer<typeof addUserSchema>;

/** RPC users.change-role: an admin makes a user an admin or a member. */
export const changeUserRoleSchema = z
  .object({
    accountId: idSchema,
    userId: idSchema,
    role: z.enum(PANEL_ROLES),
    actor: actorSchema.optional(),
  })
  .strict();
export type ChangeUserRoleDto = z.infer<typeof changeUserRoleSchema>;

/** RPC users.remove: an admin takes a user off the account (offboarding). */
export const removeUserSchema = z
  .object({ accountId: idSchema, userId: idSchema, actor: actorSchema.optional() })
  .strict();
export type RemoveUserDto = z.infer<typeof removeUserSchema>;

/** RPC users.set-password: a user's new password hash, after a change or a reset link. */
export const setPasswordSchema = z
  .object({
    accountId: idSchema,
    userId: idSchema,
    passwordHash: passwordHashSchema,
    via: z.enum(['changed', 'reset']),
    actor: actorSchema.optional(),
  })
  .strict();
export type SetPasswordDto = z.infer<typeof setPasswordSchema>;

/** RPC users.record-password-reset: an admin issued a reset link (the Panel keeps the link). */
export const recordPasswordResetSchema = removeUserSchema;
export type RecordPasswordResetDto = z.infer<typeof recordPasswordResetSchema>;

/** RPC users.two-factor.begin: a new TOTP secret for the user, pending until confirmed. */
export const beginTwoFactorSchema = removeUserSchema;

/** RPC users.two-factor.{confirm,disable,verify}: a code from the app, or a recovery code. */
export const twoFactorCodeSchema = z
  .object({
    accountId: idSchema,
    userId: idSchema,
    code: z
      .string()
      .regex(/^\d{6}$/, 'must be the 6 digits your app shows')
      .optional(),
    recoveryCode: z
      .string()
      .trim()
      .regex(/^[0-9a-vA-V]{5}-[0-9a-vA-V]{5}$/, 'must be one of your recovery codes')
      .optional(),
    actor: actorSchema.optional(),
  })
  .strict()
  .refine((dto) => (dto.code === undefined) !== (dto.recoveryCode === undefined), {
    message: 'must give a code or a recovery code, one of them',
    path: ['code'],
  });
export type TwoFactorCodeDto = z.infer<typeof twoFactorCodeSchema>;

export interface TwoFactorEnrolment {
  /** Base32, for typing into an app; shown once. */
  secret: string;
  otpauthUrl: string;
}

export const userCredentialsQuerySchema = z.object({ email: emailSchema }).strict();

export interface PanelUserView {
  id: string;
  accountId: string;
  email: string;
  role: PanelRole;
  createdAt: string;
  /** They sign in with a second factor: a login then needs a code too (POST /panel/api/login/two-factor). */
  twoFactor: boolean;
}

/** Only for the Panel's password checks (login, password change); never sent to a client. */
export interface PanelUserCredentials extends PanelUserView {
  passwordHash: string;
}

export interface SignedUpAccount extends OpenedAccount {
  user: PanelUserView;
}
