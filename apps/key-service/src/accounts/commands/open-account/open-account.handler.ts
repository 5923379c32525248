import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  KEY_ENVIRONMENTS,
  KeyAccess,
  OpenedAccount,
  ValidationError,
} from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { EventSourcedRepository } from '../../../event-store/event-sourced.repository';
import { OutboxRelay } from '../../../outbox/outbox-relay';
import { newAccountId, newKeyId } from '../../../shared/ids';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { SecretIssuer } from '../../../keys/secrets/secret-issuer';
import { Account } from '../../../domain/account.aggregate';
import { OpenAccountCommand } from './open-account.command';

export const APPLICATION_KEY_ACCESS: KeyAccess[] = ['read-write', 'read-only'];

/**
 * Opens an account and provisions its application key pairs (read-write and read-only), live then
 * test, whose secrets are returned this once.
 */
@Injectable()
export class OpenAccountHandler {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly relay: OutboxRelay,
    private readonly secrets: SecretIssuer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
  ) {}

  /** The plan an account opened with `plan` gets; VALIDATION_FAILED for an unknown plan. */
  assertPlan(plan: string | undefined): string {
    const chosen = plan ?? this.config.defaultPlan;
    if (!this.config.plans[chosen]) {
      throw ValidationError.of(
        'plan',
        `must be one of ${Object.keys(this.config.plans).join(', ')}`,
      );
    }
    return chosen;
  }

  async execute(command: OpenAccountCommand, accountId = newAccountId()): Promise<OpenedAccount> {
    const plan = this.assertPlan(command.plan);
    const now = this.clock.now();
    // Keys first, the account last: without transactions a crash in between leaves only keys of
    // an account that does not exist (never listed, never authenticated), not a half-open account.
    const applicationKeys = [];
    for (const environment of KEY_ENVIRONMENTS)
      for (const access of APPLICATION_KEY_ACCESS) {
        const { secret, secretHash, hint } = this.secrets.issue(environment);
        const key = ApiKey.createApplicationKey({
          keyId: newKeyId(),
          accountId,
          access,
          environment,
          secretHash,
          hint,
          now,
        });
        await this.repository.save(key, accountId, command.actor);
        applicationKeys.push({ key: key.toView(now), secret });
      }
    const account = Account.open({ accountId, name: command.name, plan, now });
    await this.repository.save(account, accountId, command.actor);
    await this.relay.flush();
    return { account: account.toView(), applicationKeys };
  }
}
