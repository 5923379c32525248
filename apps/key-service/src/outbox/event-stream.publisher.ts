import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { EVENT_STREAM_FIELD, EventEnvelope } from '@keygate/contracts';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { REDIS } from '@keygate/connections';

/** Roughly how many entries the Redis stream keeps; consumers further behind re-snapshot. */
const STREAM_MAX_LENGTH = 1_000_000;

@Injectable()
export class EventStreamPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
  ) {}

  /** XADDs the envelopes in the given order, in one round trip. */
  async publish(envelopes: EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const envelope of envelopes) {
      pipeline.xadd(
        this.config.eventStream,
        'MAXLEN',
        '~',
        STREAM_MAX_LENGTH,
        '*',
        EVENT_STREAM_FIELD,
        JSON.stringify(envelope),
      );
    }
    const results = (await pipeline.exec()) ?? [];
    const failure = results.find(([error]) => error);
    if (failure) throw failure[0];
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
