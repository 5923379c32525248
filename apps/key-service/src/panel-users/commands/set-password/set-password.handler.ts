import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  NotFoundError,
  PanelUserView,
  SetPasswordDto,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';
import { UserAudit } from '../../user-audit';

/**
 * Stores a user's new password hash (made by the Panel: the password never reaches this service)
 * after they changed it or redeemed a reset link, with `PanelUserPasswordChanged` in the
 * account's stream. A user of another account, or one removed, is not found.
 */
@Injectable()
export class SetPasswordHandler {
  constructor(
    private readonly users: PanelUsersRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(dto: SetPasswordDto): Promise<PanelUserView> {
    const user = await this.users.memberOf(dto.accountId, dto.userId);
    if (!user) throw new NotFoundError('User', dto.userId);
    await this.users.setPasswordHash(user.id, dto.passwordHash);
    await this.audit.record(dto.accountId, dto.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordPasswordChanged(
        { userId: user.id, email: user.email, via: dto.via },
        this.clock.now(),
      ),
    );
    return user;
  }
}
