import { Inject, Injectable } from '@nestjs/common';
import {
  AddUserDto,
  CLOCK,
  Clock,
  NotFoundError,
  PanelUserView,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';
import { newUserId } from '../../../shared/ids';
import { PanelUsersRepository, toView } from '../../panel-users.repository';
import { UserAudit } from '../../user-audit';

/** Adds a panel user (admin or member) to an existing account, with its audit event. */
@Injectable()
export class AddUserHandler {
  constructor(
    private readonly users: PanelUsersRepository,
    private readonly readModels: ReadModels,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(dto: AddUserDto): Promise<PanelUserView> {
    if (!(await this.readModels.findAccount(dto.accountId)))
      throw new NotFoundError('Account', dto.accountId);
    const user = {
      _id: newUserId(),
      accountId: dto.accountId,
      email: dto.email,
      passwordHash: dto.passwordHash,
      role: dto.role,
      status: 'active' as const,
      createdAt: this.clock.now(),
    };
    await this.users.claim(user);
    try {
      await this.audit.record(dto.accountId, dto.actor ?? SYSTEM_ACTOR, (account) =>
        account.recordUserAdded(
          { userId: user._id, email: user.email, role: user.role },
          this.clock.now(),
        ),
      );
    } catch (error) {
      // No user without its audit entry.
      await this.users.remove(user._id);
      throw error;
    }
    return toView(user);
  }
}
