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
});
