import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  ChangeUserRoleDto,
  Clock,
  NotAllowedError,
  NotFoundError,
  PanelUserView,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';
import { UserAudit } from '../../user-audit';

/** Makes a panel user an admin or a member; the last admin of an account stays one. */
@Injectable()
export class ChangeRoleHandler {
  constructor(
    private readonly users: PanelUsersRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(dto: ChangeUserRoleDto): Promise<PanelUserView> {
    const users = await this.users.ofAccount(dto.accountId);
    const user = users.find((u) => u.id === dto.userId);
    if (!user) throw new NotFoundError('User', dto.userId);
    if (user.role === dto.role) return user;
    if (user.role === 'admin' && users.filter((u) => u.role === 'admin').length === 1)
      throw new NotAllowedError('The account’s last admin cannot become a member');
    await this.audit.record(dto.accountId, dto.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordUserRoleChanged(
        { userId: user.id, email: user.email, from: user.role, to: dto.role },
        this.clock.now(),
      ),
    );
    await this.users.setRole(user.id, dto.role);
    return { ...user, role: dto.role };
  }
}
