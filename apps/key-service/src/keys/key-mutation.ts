import { Inject, Injectable } from '@nestjs/common';
import { Actor, NotFoundError, keyStreamId, CLOCK, Clock } from '@keygate/contracts';
import { EventSourcedRepository } from '../event-store/event-sourced.repository';
import { OutboxRelay } from '../outbox/outbox-relay';
import { ApiKey } from '../domain/api-key.aggregate';

export interface KeyTarget {
  keyId: string;
  /** The account the caller acts for; a key of another account reads as not found. Omitted by system jobs. */
  accountId?: string;
  actor: Actor;
}

/**
 * The load-decide-save-publish cycle every change to an existing key goes through: retried when
 * another writer got there first, and answered only once its events are on the stream.
 */
@Injectable()
export class KeyMutation {
  constructor(
    private readonly repository: EventSourcedRepository,
    private readonly relay: OutboxRelay,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<R>(
    target: KeyTarget,
    decide: (key: ApiKey, now: Date) => R,
  ): Promise<{ key: ApiKey; result: R; now: Date }> {
    const outcome = await this.repository.retryOnConflict(async () => {
      const key = await this.repository.load(() => new ApiKey(), keyStreamId(target.keyId));
      if (
        key.version === 0 ||
        key.deleted ||
        (target.accountId !== undefined && key.accountId !== target.accountId)
      ) {
        throw new NotFoundError('Key', target.keyId);
      }
      const now = this.clock.now();
      const result = decide(key, now);
      const stored = await this.repository.save(key, key.accountId, target.actor);
      return { key, result, now, stored };
    });
    if (outcome.stored.length > 0) await this.relay.flush();
    return { key: outcome.key, result: outcome.result, now: outcome.now };
  }
}
