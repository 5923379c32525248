import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, mongo } from 'mongoose';
import {
  EmailTakenError,
  PanelRole,
  PanelUserCredentials,
  PanelUserView,
} from '@keygate/contracts';
import { MONGO } from '@keygate/connections';
import { PANEL_USER_COLLECTION, PanelUserDocument, panelUserSchema } from './panel-user.schema';

const DUPLICATE_KEY = 11000;
/** A sign-up still pending after this long died half-way; its email may be claimed again. */
const PENDING_TIMEOUT_MS = 60_000;

@Injectable()
export class PanelUsersRepository implements OnModuleInit {
  private readonly users: Model<PanelUserDocument>;

  constructor(@Inject(MONGO) connection: Connection) {
    this.users = connection.model<PanelUserDocument>(PANEL_USER_COLLECTION, panelUserSchema);
  }

  async onModuleInit(): Promise<void> {
    await this.users.createIndexes();
  }

  /** Inserts the user; the unique email index makes two sign-ups with one email a CONFLICT. */
  async claim(user: PanelUserDocument): Promise<void> {
    try {
      await this.users.create(user);
    } catch (error) {
      if ((error as mongo.MongoServerError).code !== DUPLICATE_KEY) throw error;
      const stale = await this.users.deleteOne({
        email: user.email,
        status: 'pending',
        createdAt: { $lt: new Date(user.createdAt.getTime() - PENDING_TIMEOUT_MS) },
      });
      if (stale.deletedCount === 0) throw new EmailTakenError();
      await this.claim(user);
    }
  }

  async activate(userId: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { status: 'active' } });
  }

  async setRole(userId: string, role: PanelRole): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { role } });
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { passwordHash } });
  }

  async remove(userId: string): Promise<void> {
    await this.users.deleteOne({ _id: userId });
  }

  async credentials(email: string): Promise<PanelUserCredentials | null> {
    const user = await this.users.findOne({ email, status: 'active' }).lean<PanelUserDocument>();
    return user ? { ...toView(user), passwordHash: user.passwordHash } : null;
  }

  /** The user of the account with their second-factor fields, or null. */
  async withSecondFactor(accountId: string, userId: string): Promise<PanelUserDocument | null> {
    return this.users
      .findOne({ _id: userId, accountId, status: 'active' })
      .lean<PanelUserDocument>();
  }

  async setPendingTotp(userId: string, sealed: string | null): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $set: { pendingTotp: sealed } });
  }

  async enableTotp(userId: string, sealed: string, step: number, codes: string[]): Promise<void> {
    await this.users.updateOne(
      { _id: userId },
      {
        $set: { totp: { secret: sealed, lastStep: step }, pendingTotp: null, recoveryCodes: codes },
      },
    );
  }

  async disableTotp(userId: string): Promise<void> {
    await this.users.updateOne(
      { _id: userId },
      { $set: { totp: null, pendingTotp: null, recoveryCodes: [] } },
    );
  }

  /** Takes a time step as used if it is after the last one: false when it was not (a replay). */
  async useTotpStep(userId: string, step: number): Promise<boolean> {
    const used = await this.users.updateOne(
      { _id: userId, 'totp.lastStep': { $lt: step } },
      { $set: { 'totp.lastStep': step } },
    );
    return used.modifiedCount === 1;
  }

  /** Takes a recovery code away if the user still has it: false when they do not. */
  async useRecoveryCode(userId: string, hash: string): Promise<boolean> {
    const used = await this.users.updateOne(
      { _id: userId, recoveryCodes: hash },
      { $pull: { recoveryCodes: hash } },
    );
    return used.modifiedCount === 1;
  }

  /** An active user of this account, by id; null for another account's user or none. */
  async memberOf(accountId: string, userId: string): Promise<PanelUserView | null> {
    const user = await this.users
      .findOne({ _id: userId, accountId, status: 'active' })
      .lean<PanelUserDocument>();
    return user ? toView(user) : null;
  }

  async ofAccount(accountId: string): Promise<PanelUserView[]> {
    const users = await this.users
      .find({ accountId, status: 'active' })
      .sort({ createdAt: 1 })
      .lean<PanelUserDocument[]>();
    return users.map(toView);
  }
}

export const toView = (user: PanelUserDocument): PanelUserView => ({
  id: user._id,
  accountId: user.accountId,
  email: user.email,
  role: user.role,
  createdAt: user.createdAt.toISOString(),
  twoFactor: Boolean(user.totp),
});
