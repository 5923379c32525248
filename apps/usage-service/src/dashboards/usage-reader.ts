import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { CLOCK, Clock, KeyUsageSummary, KeyView, UsageSeries } from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import {
  QuotaLedger,
  creditsLeftOnWire,
  dayIndexOf,
  usageSeries,
  usedInWindow,
} from '@keygate/usage';
import { KeyHousekeeping } from '../housekeeping/key-housekeeping';
import { KeyServiceClient } from '../rpc/key-service.client';

/** Reads the ledger for the dashboards; plans and key ownership come from the key service. */
@Injectable()
export class UsageReader {
  private readonly ledger: QuotaLedger;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keyService: KeyServiceClient,
    private readonly housekeeping: KeyHousekeeping,
  ) {
    this.ledger = new QuotaLedger(redis, config.redisNamespace);
  }

  async accountUsage(accountId: string): Promise<UsageSeries> {
    const limit = await this.limitOf(accountId);
    const today = this.today();
    return usageSeries(await this.ledger.windowCounts(accountId, today), today, limit);
  }

  async keyUsage(accountId: string, keyId: string): Promise<UsageSeries> {
    await this.keyService.key(accountId, keyId);
    const limit = await this.limitOf(accountId);
    const today = this.today();
    const [counts, lastUsed] = await Promise.all([
      this.ledger.windowCounts(accountId, today, keyId),
      this.ledger.lastUsed(accountId),
    ]);
    const lastUsedAt = lastUsed[keyId] ? new Date(lastUsed[keyId]).toISOString() : null;
    return { ...usageSeries(counts, today, limit), lastUsedAt };
  }

  /** One summary per key the account has, for key listings. */
  async keysUsage(accountId: string): Promise<KeyUsageSummary[]> {
    const today = this.today();
    const [keys, lastUsed, flagged] = await Promise.all([
      this.keyService.keys(accountId),
      this.ledger.lastUsed(accountId),
      this.housekeeping.flaggedKeyIds(accountId),
    ]);
    return Promise.all(
      keys.map(async (key) => ({
        keyId: key.id,
        lastUsedAt: lastUsed[key.id] ? new Date(lastUsed[key.id]).toISOString() : null,
        callsLast30Days: usedInWindow(
          await this.ledger.windowCounts(accountId, today, key.id),
          today,
        ),
        unusedFor30Days: flagged.has(key.id),
        credits: await this.creditsOf(accountId, key),
      })),
    );
  }

  private async creditsOf(accountId: string, key: KeyView): Promise<KeyUsageSummary['credits']> {
    return creditsLeftOnWire(
      await this.ledger.creditsLeft(
        accountId,
        key.id,
        key.credits ?? null,
        this.clock.now().getTime(),
      ),
    );
  }

  private today(): number {
    return dayIndexOf(this.clock.now().getTime());
  }

  private async limitOf(accountId: string): Promise<number> {
    const account = await this.keyService.account(accountId);
    return this.config.plans[account.plan]?.callLimit ?? 0;
  }
}
