import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  NotAllowedError,
  NotFoundError,
  PanelUserView,
  RemoveUserDto,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';
import { UserAudit } from '../../user-audit';

/**
 * Takes a panel user off the account (offboarding): `PanelUserRemoved` on the account's stream,
 * then the user's record deleted, so their email and password sign in nowhere. The account's
 * last admin stays (409); an admin may remove themselves while another admin remains. The Panel
 * ends the user's open sessions.
 */
@Injectable()
export class RemoveUserHandler {
  constructor(
    private readonly users: PanelUsersRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(dto: RemoveUserDto): Promise<PanelUserView> {
    const users = await this.users.ofAccount(dto.accountId);
    const user = users.find((u) => u.id === dto.userId);
    if (!user) throw new NotFoundError('User', dto.userId);
    if (user.role === 'admin' && users.filter((u) => u.role === 'admin').length === 1)
      throw new NotAllowedError('The account’s last admin cannot be removed');
    // The event first: a crash before the delete leaves a user the audit says was removed, and a
    // retry removes them (the record is still there to find), never a silent removal.
    await this.audit.record(dto.accountId, dto.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordUserRemoved(
        { userId: user.id, email: user.email, role: user.role },
        this.clock.now(),
      ),
    );
    await this.users.remove(user.id);
    return user;
  }
}
