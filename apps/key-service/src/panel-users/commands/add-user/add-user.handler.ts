import { Inject, Injectable } from '@nestjs/common';
import { AddUserDto, CLOCK, Clock, NotFoundError, PanelUserView } from '@keygate/contracts';
import { ReadModels } from '../../../read-models/read-models.repository';
import { newUserId } from '../../../shared/ids';
import { PanelUsersRepository, toView } from '../../panel-users.repository';

/** Adds a panel user (admin or member) to an existing account. */
@Injectable()
export class AddUserHandler {
  constructor(
    private readonly users: PanelUsersRepository,
    private readonly readModels: ReadModels,
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
    return toView(user);
  }
}
