import { Inject, Injectable } from '@nestjs/common';
import { IssuedKey, KeyLimitReachedError, NotFoundError, CLOCK, Clock } from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { REDIS, RedisClient, withRedisLock } from '@keygate/connections';
import { EventSourcedRepository } from '../../../event-store/event-sourced.repository';
import { OutboxRelay } from '../../../outbox/outbox-relay';
import { ProjectionCheckpoint } from '../../../outbox/projection-checkpoint';
import { ReadModels } from '../../../read-models/read-models.repository';
import { newKeyId } from '../../../shared/ids';
import { ApiKey } from '../../../domain/api-key.aggregate';
import { SecretIssuer } from '../../secrets/secret-issuer';
import { CreateKeyCommand } from './create-key.command';

/**
 * Creates a user key within the plan's maxUserKeys, counted from the projection checkpoint's
 * active user keys (one Redis round trip). Creations for one account are serialised by a Redis
 * lease, because without transactions a count-then-insert could otherwise overshoot.
 */
@Injectable()
export class CreateKeyHandler {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly readModels: ReadModels,
    private readonly relay: OutboxRelay,
    private readonly checkpoint: ProjectionCheckpoint,
    private readonly secrets: SecretIssuer,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
  ) {}

  execute(command: CreateKeyCommand): Promise<IssuedKey> {
    const { accountId } = command.input;
    return withRedisLock(
      this.redis,
      `${this.config.redisNamespace}:lock:{a:${accountId}}:user-keys`,
      async () => {
        const now = this.clock.now();
        const { account, activeUserKeys } =
          (await this.checkpoint.accountWithActiveUserKeys(accountId, now)) ??
          (await this.fromReadModels(accountId, now));
        if (!account) throw new NotFoundError('Account', accountId);
        const plan = this.config.plans[account.plan];
        if (!plan || activeUserKeys >= plan.maxUserKeys)
          throw new KeyLimitReachedError(account.plan, plan?.maxUserKeys ?? 0);
        const { secret, secretHash, hint } = this.secrets.issue(command.input.environment);
        const key = ApiKey.createUserKey(
          { ...command.input, keyId: newKeyId(), secretHash, hint },
          now,
        );
        await this.repository.save(key, accountId, command.actor);
        // Published (and projected) before the lease ends, so the next creation counts this key.
        await this.relay.flush();
        return { key: key.toView(now), secret };
      },
    );
  }

  /** The same from the read models (slower: on FerretDB the count reads every key view). */
  private async fromReadModels(accountId: string, now: Date) {
    const account = await this.readModels.findAccount(accountId);
    return {
      account,
      activeUserKeys: account ? await this.readModels.countActiveUserKeys(accountId, now) : 0,
    };
  }
}
