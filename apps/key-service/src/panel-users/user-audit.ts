import { Injectable } from '@nestjs/common';
import { Actor, NotFoundError, accountStreamId } from '@keygate/contracts';
import { Account } from '../domain/account.aggregate';
import { EventSourcedRepository } from '../event-store/event-sourced.repository';
import { OutboxRelay } from '../outbox/outbox-relay';

/**
 * Panel user changes go into the account's stream, so the event store stays the one audit log
 * (who, what, when, from where) and the Panel's audit page shows them with the key events.
 */
@Injectable()
export class UserAudit {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async record(accountId: string, actor: Actor, change: (account: Account) => void): Promise<void> {
    await this.repository.retryOnConflict(async () => {
      const account = await this.repository.load(() => new Account(), accountStreamId(accountId));
      if (account.version === 0) throw new NotFoundError('Account', accountId);
      change(account);
      await this.repository.save(account, accountId, actor);
    });
    await this.relay.flush();
  }
}
