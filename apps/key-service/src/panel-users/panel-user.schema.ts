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
  },
  { collection: PANEL_USER_COLLECTION, versionKey: false },
);
panelUserSchema.index({ email: 1 }, { unique: true });
panelUserSchema.index({ accountId: 1 });
