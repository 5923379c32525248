import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  NotFoundError,
  PanelUserView,
  RecordPasswordResetDto,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { PanelUsersRepository } from '../../panel-users.repository';
import { UserAudit } from '../../user-audit';

/**
 * An admin issued a password reset link for a user of their account: `PanelUserPasswordResetIssued`
 * in the account's stream (the Panel keeps the link, hashed). Answers the user, whose id and
 * email the link is for; a user of another account is not found.
 */
@Injectable()
export class RecordPasswordResetHandler {
  constructor(
    private readonly users: PanelUsersRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(dto: RecordPasswordResetDto): Promise<PanelUserView> {
    const user = await this.users.memberOf(dto.accountId, dto.userId);
    if (!user) throw new NotFoundError('User', dto.userId);
    await this.audit.record(dto.accountId, dto.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordPasswordResetIssued({ userId: user.id, email: user.email }, this.clock.now()),
    );
    return user;
  }
}
