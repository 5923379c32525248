import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STREAM_FIELD, EventEnvelope, activeUserKeysKey } from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { REDIS, RedisClient } from '@keygate/connections';
import { CHECKPOINTED_PUBLISH_LUA } from './checkpointed-publish.lua';
import { ProjectionCheckpoint } from './projection-checkpoint';

/** Roughly how many entries the Redis stream keeps; consumers further behind re-snapshot. */
const STREAM_MAX_LENGTH = 1_000_000;

type PublishingRedis = RedisClient & {
  /** numkeys, keys..., args... */
  keygatePublish(...keysAndArgs: Array<string | number>): Promise<string | null>;
};

/** The script's fixed keys: stream, checkpoint keys, accounts, position, secrets. */
const FIXED_KEYS = 5;

@Injectable()
export class EventStreamPublisher {
  private readonly redis: PublishingRedis;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
    private readonly checkpoint: ProjectionCheckpoint,
  ) {
    if (!('keygatePublish' in redis))
      redis.defineCommand('keygatePublish', { lua: CHECKPOINTED_PUBLISH_LUA });
    this.redis = redis as PublishingRedis;
  }

  /**
   * XADDs the envelopes the checkpoint has not folded in yet, in the given order, and writes the
   * checkpoint records they produce, in one atomic step; answers those envelopes. A missing
   * checkpoint (Redis lost its data) is rebuilt first; the caller holds the outbox lock, so
   * nothing is published meanwhile.
   */
  async publish(envelopes: EventEnvelope[]): Promise<EventEnvelope[]> {
    if (envelopes.length === 0) return [];
    const entries = await this.checkpoint.entriesFor(envelopes);
    const { fresh } = entries;
    if (fresh.length === 0) return [];
    const names = this.checkpoint.keys;
    const activeUserKeys = [...entries.activeUserKeys];
    const run = () =>
      this.redis.keygatePublish(
        FIXED_KEYS + activeUserKeys.length,
        this.config.eventStream,
        names.keys,
        names.accounts,
        names.position,
        names.secrets,
        ...activeUserKeys.map(([accountId]) =>
          activeUserKeysKey(this.config.eventStream, accountId),
        ),
        STREAM_MAX_LENGTH,
        EVENT_STREAM_FIELD,
        fresh.length,
        ...fresh.map((envelope) => JSON.stringify(envelope)),
        entries.keys.length,
        ...entries.keys.flat(),
        entries.accounts.length,
        ...entries.accounts.flat(),
        entries.secretsRemoved.length,
        ...entries.secretsRemoved,
        entries.secretsAdded.length,
        ...entries.secretsAdded.flat(),
        ...activeUserKeys.flatMap(([, { added, removed }]) => [
          added.length,
          ...added.flat(),
          removed.length,
          ...removed,
        ]),
      );
    try {
      await run();
      return fresh;
    } catch (error) {
      if (!String((error as Error).message).includes('NOCHECKPOINT')) throw error;
      await this.ensureCheckpoint();
      return this.publish(envelopes);
    }
  }

  /** Builds the checkpoint when it is missing (first start, or Redis lost its data). */
  async ensureCheckpoint(): Promise<void> {
    if (!(await this.checkpoint.exists())) await this.checkpoint.rebuild(await this.lastPosition());
  }

  /** The id of the newest stream entry, or '0-0' for an empty stream. */
  async lastPosition(): Promise<string> {
    const [last] = (await this.redis.xrevrange(
      this.config.eventStream,
      '+',
      '-',
      'COUNT',
      1,
    )) as Array<[string, string[]]>;
    return last ? last[0] : '0-0';
  }
}
