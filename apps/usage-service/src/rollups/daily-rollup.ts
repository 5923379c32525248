import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { Connection, Model } from 'mongoose';
import { MONGO, REDIS, bulkWriteInChunks } from '@keygate/connections';
import { isoDate } from '@keygate/usage';
import {
  USAGE_ROLLUP_COLLECTION,
  UsageRollupDocument,
  rollupId,
  usageRollupSchema,
} from './usage-rollup.schema';

const ACCOUNT_DAYS = /^kg:\{a:([^}]+)\}:days$/;
const KEY_DAYS = /^kg:\{a:([^}]+)\}:key:(.+)$/;

/**
 * Copies one day's counts from the Redis ledger into MongoDB. Every write *sets* the count (never
 * increments), so a job retried after a crash, or run twice, leaves the same rollups.
 */
@Injectable()
export class DailyRollup {
  private readonly rollups: Model<UsageRollupDocument>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(MONGO) connection: Connection,
  ) {
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
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', 'kg:{a:*', 'COUNT', 500);
      cursor = next;
      const targets = keys
        .map((key) => {
          const account = ACCOUNT_DAYS.exec(key);
          if (account) return { key, accountId: account[1], keyId: null };
          const perKey = KEY_DAYS.exec(key);
          return perKey ? { key, accountId: perKey[1], keyId: perKey[2] } : null;
        })
        .filter((t): t is { key: string; accountId: string; keyId: string | null } => t !== null);
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
    } while (cursor !== '0');
    return written;
  }

  async rollupsOf(accountId: string): Promise<UsageRollupDocument[]> {
    return this.rollups.find({ accountId }).sort({ _id: 1 }).lean<UsageRollupDocument[]>();
  }
}
