import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { bulkWriteInChunks, MONGO, REDIS, RedisClient, scanKeys } from '@keygate/connections';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { LedgerKeyspace, isoDate } from '@keygate/usage';
import {
  USAGE_ROLLUP_COLLECTION,
  UsageRollupDocument,
  rollupId,
  usageRollupSchema,
} from './usage-rollup.schema';

interface RollupTarget {
  key: string;
  accountId: string;
  keyId: string | null;
}

/**
 * Copies one day's counts from the Redis ledger into MongoDB. Every write *sets* the count (never
 * increments), so a job retried after a crash, or run twice, leaves the same rollups.
 */
@Injectable()
export class DailyRollup {
  private readonly rollups: Model<UsageRollupDocument>;
  private readonly ledger: LedgerKeyspace;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(MONGO) connection: Connection,
    @Inject(KEYGATE_CONFIG) config: UsageServiceConfig,
  ) {
    this.ledger = new LedgerKeyspace(config.redisNamespace);
    this.rollups = connection.model<UsageRollupDocument>(
      USAGE_ROLLUP_COLLECTION,
      usageRollupSchema,
    );
  }

  async run(
    day: number,
    onProgress: (written: number) => Promise<void> = async () => undefined,
  ): Promise<number> {
    const date = isoDate(day);
    let written = 0;
    for await (const keys of scanKeys(this.redis, this.ledger.everyKey, 500)) {
      const targets = keys.flatMap((key): RollupTarget[] => {
        const parsed = this.ledger.parse(key);
        if (parsed?.kind === 'days') return [{ key, accountId: parsed.accountId, keyId: null }];
        if (parsed?.kind === 'key-days')
          return [{ key, accountId: parsed.accountId, keyId: parsed.keyId! }];
        return [];
      });
      if (targets.length === 0) continue;
      const pipeline = this.redis.pipeline();
      for (const target of targets) pipeline.hget(target.key, String(day));
      const counts = ((await pipeline.exec()) ?? []).map(([, value]) => Number(value ?? 0));
      const writes = targets
        .map((target, i) => ({ target, calls: counts[i] }))
        .filter(({ calls }) => calls > 0)
        .map(({ target, calls }) => ({
          replaceOne: {
            filter: { _id: rollupId(target.accountId, target.keyId, date) },
            replacement: {
              _id: rollupId(target.accountId, target.keyId, date),
              accountId: target.accountId,
              keyId: target.keyId,
              date,
              calls,
            },
            upsert: true,
          },
        }));
      await bulkWriteInChunks(this.rollups, writes);
      written += writes.length;
      await onProgress(written);
    }
    return written;
  }

  async rollupsOf(accountId: string): Promise<UsageRollupDocument[]> {
    return this.rollups.find({ accountId }).sort({ _id: 1 }).lean<UsageRollupDocument[]>();
  }
}
