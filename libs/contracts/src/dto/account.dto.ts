import { z } from 'zod';
import { actorSchema } from './actor.dto';
import { KeyView } from './key.dto';

export const openAccountSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    plan: z.string().min(1).max(50).optional(),
    actor: actorSchema.optional(),
  })
  .strict();
export type OpenAccountDto = z.infer<typeof openAccountSchema>;

export const changePlanSchema = z
  .object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id'),
    plan: z.string().min(1).max(50),
    actor: actorSchema.optional(),
  })
  .strict();
export type ChangePlanDto = z.infer<typeof changePlanSchema>;

/** RPC accounts.require-two-factor: an admin makes two-factor sign-in required, or not. */
export const requireTwoFactorSchema = z
  .object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id'),
    required: z.boolean(),
    actor: actorSchema.optional(),
  })
  .strict();
export type RequireTwoFactorDto = z.infer<typeof requireTwoFactorSchema>;

export interface AccountView {
  id: string;
  name: string;
  plan: string;
  createdAt: string;
  version: number;
  /** Every user must sign in with two factors; absent: not required. */
  twoFactorRequired?: true;
}

export interface OpenedAccount {
  account: AccountView;
  applicationKeys: Array<{ key: KeyView; secret: string }>;
}
