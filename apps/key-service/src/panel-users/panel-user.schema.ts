import { Schema } from 'mongoose';
import { PanelRole } from '@keygate/contracts';

/**
 * A panel user. `pending` while its sign-up is opening the account: a crash then leaves a
 * pending user that can neither log in nor block a later sign-up with the same email.
 */
export interface PanelUserDocument {
  _id: string;
  accountId: string;
  email: string;
  passwordHash: string;
  role: PanelRole;
  status: 'pending' | 'active';
  createdAt: Date;
  /** Two-factor sign-in: the TOTP secret sealed (TotpSecretBox) and the last time step used. */
  totp?: { secret: string; lastStep: number } | null;
  /** A secret made for enrolment, sealed, until the user confirms it with a code. */
  pendingTotp?: string | null;
  /** SHA-256 of each recovery code not yet used. */
  recoveryCodes?: string[];
}

export const PANEL_USER_COLLECTION = 'panel_users';

export const panelUserSchema = new Schema<PanelUserDocument>(
  {
    _id: String,
    accountId: String,
    email: String,
    passwordHash: String,
    role: String,
    status: String,
    createdAt: Date,
    totp: { type: Schema.Types.Mixed, default: null },
    pendingTotp: { type: String, default: null },
    recoveryCodes: { type: [String], default: [] },
  },
  { collection: PANEL_USER_COLLECTION, versionKey: false },
);
panelUserSchema.index({ email: 1 }, { unique: true });
panelUserSchema.index({ accountId: 1 });
