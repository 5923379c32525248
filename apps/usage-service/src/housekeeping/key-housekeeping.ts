import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import {
  bulkWriteInChunks,
  CheckpointReader,
  MONGO,
  REDIS,
  RedisClient,
  scanKeys,
} from '@keygate/connections';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import {
  EVENT_STREAM_FIELD,
  KeyUnused,
  KeyEnvironment,
  KeyView,
  NoticeEventType,
  SYSTEM_ACTOR,
  noticeStreamId,
} from '@keygate/contracts';
import {
  DAY_MS,
  DAYS_KEPT_PAST_WINDOW,
  QuotaLedger,
  environmentLedgers,
  WINDOW_DAYS,
  dayIndexOf,
  windowStartDay,
} from '@keygate/usage';
import { LegacyLedgerUpgrade } from '../ledger-upgrade/legacy-ledger.upgrade';
import { DecisionLogRepository } from '../decisions/decision-log.repository';
import { KeyServiceClient } from '../rpc/key-service.client';
import { KEY_FLAG_COLLECTION, KeyFlagDocument, keyFlagSchema } from './key-flag.schema';
import { unusedKeyIds } from './unused-keys';

export interface HousekeepingReport {
  /** Ledger keys carried from the old `kg:` keyspace (an old gateway started after the last pass). */
  carriedLedgerKeys: number;
  accounts: number;
  flagged: number;
  trimmedDays: number;
  /** Decision log records past DECISION_RETENTION_DAYS, deleted. */
  prunedDecisions: number;
}

/**
 * Daily care of the ledger: carries what an old-version gateway still counted under `kg:` into
 * the namespace, flags keys unused for 30 days (and unflags those used again), and deletes
 * per-key day counts that left the window and the rollup's reach. Running it twice in a
 * day changes nothing the second time.
 */
@Injectable()
export class KeyHousekeeping {
  private readonly flags: Model<KeyFlagDocument>;
  private readonly ledgers: Record<KeyEnvironment, QuotaLedger>;
  private readonly checkpoint: CheckpointReader;
  private readonly eventStream: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(MONGO) connection: Connection,
    private readonly keyService: KeyServiceClient,
    private readonly ledgerUpgrade: LegacyLedgerUpgrade,
    private readonly decisionLog: DecisionLogRepository,
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
  ) {
    this.flags = connection.model<KeyFlagDocument>(KEY_FLAG_COLLECTION, keyFlagSchema);
    this.ledgers = environmentLedgers(redis, config.redisNamespace);
    this.checkpoint = new CheckpointReader(redis, config.eventStream);
    this.eventStream = config.eventStream;
  }

  async run(nowMs: number): Promise<HousekeepingReport> {
    const carried = await this.ledgerUpgrade.runPass();
    const report: HousekeepingReport = {
      carriedLedgerKeys: carried?.keys ?? 0,
      accounts: 0,
      flagged: 0,
      trimmedDays: 0,
      prunedDecisions: 0,
    };
    // Accounts from the projection checkpoint, in pages: no reply grows with the number of keys.
    const accountIds: string[] = [];
    await this.checkpoint.eachAccountPage((page) => accountIds.push(...page.map((a) => a.id)));
    for (const accountId of accountIds) {
      report.accounts += 1;
      report.flagged += await this.flagUnusedKeys(accountId, nowMs);
    }
    report.trimmedDays = await this.trimKeyDays(dayIndexOf(nowMs));
    report.prunedDecisions = await this.decisionLog.prune(
      new Date(nowMs - this.config.decisionRetentionDays * DAY_MS),
    );
    return report;
  }

  async flaggedKeyIds(accountId: string): Promise<Set<string>> {
    const flags = await this.flags.find({ accountId }, { _id: 1 }).lean<{ _id: string }[]>();
    return new Set(flags.map((flag) => flag._id));
  }

  private async flagUnusedKeys(accountId: string, nowMs: number): Promise<number> {
    const [keys, liveUse, testUse, flagged] = await Promise.all([
      this.keyService.keys(accountId),
      this.ledgers.live.lastUsed(accountId),
      this.ledgers.test.lastUsed(accountId),
      this.flaggedKeyIds(accountId),
    ]);
    // A test key's last use is in the test keys' ledger.
    const lastUsed = { ...liveUse, ...testUse };
    const unused = new Set(unusedKeyIds(keys, lastUsed, nowMs));
    const cleared = [...flagged].filter((keyId) => !unused.has(keyId));
    if (cleared.length > 0) await this.flags.deleteMany({ _id: { $in: cleared } });
    const newlyUnused = keys.filter((key) => unused.has(key.id) && !flagged.has(key.id));
    // Told before the flag is written: a pass that dies between the two tells it again, under
    // the same event id (one per key and last use), which queues no second delivery.
    for (const key of newlyUnused) await this.publishUnused(key, lastUsed[key.id] ?? null, nowMs);
    await bulkWriteInChunks(
      this.flags,
      newlyUnused
        .map((key) => key.id)
        .map((keyId) => ({
          insertOne: {
            document: { _id: keyId, accountId, flag: 'unused-30-days', flaggedAt: new Date(nowMs) },
          },
        })),
    );
    return unused.size;
  }

  private async publishUnused(key: KeyView, lastUsedMs: number | null, nowMs: number) {
    const event: KeyUnused = {
      eventId: `unused-${key.id}-${lastUsedMs ?? 'never'}`,
      streamId: noticeStreamId(key.id),
      version: 1,
      type: NoticeEventType.KeyUnused,
      schemaVersion: 1,
      occurredAt: new Date(nowMs).toISOString(),
      actor: SYSTEM_ACTOR,
      data: {
        keyId: key.id,
        accountId: key.accountId,
        name: key.name,
        hint: key.hint,
        lastUsedAt: lastUsedMs === null ? null : new Date(lastUsedMs).toISOString(),
        unusedDays: WINDOW_DAYS,
      },
    };
    await this.redis.xadd(this.eventStream, '*', EVENT_STREAM_FIELD, JSON.stringify(event));
  }

  private async trimKeyDays(today: number): Promise<number> {
    const oldestKept = windowStartDay(today) - DAYS_KEPT_PAST_WINDOW;
    let trimmed = 0;
    for (const ledger of Object.values(this.ledgers))
      for await (const keys of scanKeys(this.redis, ledger.keyspace.everyKeyDays, 500))
        for (const key of keys) {
          const stale = (await this.redis.hkeys(key)).filter((day) => Number(day) < oldestKept);
          if (stale.length > 0) trimmed += await this.redis.hdel(key, ...stale);
        }
    return trimmed;
  }
}
