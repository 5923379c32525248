import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, SignedUpAccount, SignupDto } from '@keygate/contracts';
import { OpenAccountHandler } from '../../../accounts/commands/open-account/open-account.handler';
import { OpenAccountCommand } from '../../../accounts/commands/open-account/open-account.command';
import { newAccountId, newUserId } from '../../../shared/ids';
import { PanelUsersRepository, toView } from '../../panel-users.repository';

/**
 * Opens an account with its first admin. The email is claimed first (pending), then the account
 * opened, then the user activated; if opening fails the claim is withdrawn, so nothing is left.
 */
@Injectable()
export class SignupHandler {
  constructor(
    private readonly users: PanelUsersRepository,
    private readonly openAccount: OpenAccountHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(dto: SignupDto): Promise<SignedUpAccount> {
    const user = {
      _id: newUserId(),
      accountId: newAccountId(),
      email: dto.email,
      passwordHash: dto.passwordHash,
      role: 'admin' as const,
      status: 'pending' as const,
      createdAt: this.clock.now(),
    };
    // Validates the plan before anything is written.
    this.openAccount.assertPlan(dto.plan);
    await this.users.claim(user);
    try {
      const actor = { type: 'user' as const, id: user._id, ip: dto.actor?.ip };
      const opened = await this.openAccount.execute(
        new OpenAccountCommand(dto.accountName, dto.plan, actor),
        user.accountId,
      );
      await this.users.activate(user._id);
      return { ...opened, user: toView(user) };
    } catch (error) {
      await this.users.remove(user._id);
      throw error;
    }
  }
}
