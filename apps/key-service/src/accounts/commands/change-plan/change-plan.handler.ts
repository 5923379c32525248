import { Inject, Injectable } from '@nestjs/common';
import {
  AccountView,
  NotFoundError,
  ValidationError,
  accountStreamId,
  CLOCK,
  Clock,
} from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { EventSourcedRepository } from '../../../event-store/event-sourced.repository';
import { OutboxRelay } from '../../../outbox/outbox-relay';
import { Account } from '../../../domain/account.aggregate';
import { ChangePlanCommand } from './change-plan.command';

@Injectable()
export class ChangePlanHandler {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
  ) {}

  async execute(command: ChangePlanCommand): Promise<AccountView> {
    if (!this.config.plans[command.plan]) {
      throw ValidationError.of(
        'plan',
        `must be one of ${Object.keys(this.config.plans).join(', ')}`,
      );
    }
    const account = await this.repository.retryOnConflict(async () => {
      const loaded = await this.repository.load(
        () => new Account(),
        accountStreamId(command.accountId),
      );
      if (loaded.version === 0) throw new NotFoundError('Account', command.accountId);
      loaded.changePlan(command.plan, this.clock.now());
      await this.repository.save(loaded, loaded.id, command.actor);
      return loaded;
    });
    await this.relay.flush();
    return account.toView();
  }
}
