import { Inject, Injectable } from '@nestjs/common';
import {
  AccountView,
  CLOCK,
  Clock,
  NotFoundError,
  RequireTwoFactorDto,
  accountStreamId,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { EventSourcedRepository } from '../../../event-store/event-sourced.repository';
import { OutboxRelay } from '../../../outbox/outbox-relay';
import { Account } from '../../../domain/account.aggregate';

/**
 * An admin makes two-factor sign-in required for every user of the account (or optional again):
 * `AccountTwoFactorRequirementChanged` on the account's stream; the Panel then gives a user
 * without it a session that can only enrol.
 */
@Injectable()
export class RequireTwoFactorHandler {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(dto: RequireTwoFactorDto): Promise<AccountView> {
    const account = await this.repository.retryOnConflict(async () => {
      const loaded = await this.repository.load(
        () => new Account(),
        accountStreamId(dto.accountId),
      );
      if (loaded.version === 0) throw new NotFoundError('Account', dto.accountId);
      if (loaded.requireTwoFactor(dto.required, this.clock.now()))
        await this.repository.save(loaded, loaded.id, dto.actor ?? SYSTEM_ACTOR);
      return loaded;
    });
    await this.relay.flush();
    return account.toView();
  }
}
