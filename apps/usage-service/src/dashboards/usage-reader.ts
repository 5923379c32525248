import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, UsageServiceConfig, callLimitOf } from '@keygate/config';
import {
  CLOCK,
  Clock,
  KEY_ENVIRONMENTS,
  KeyEnvironment,
  KeyUsageSummary,
  KeyView,
  UsageSeries,
} from '@keygate/contracts';
import { REDIS, RedisClient } from '@keygate/connections';
import {
  QuotaLedger,
  creditsLeftOnWire,
  environmentLedgers,
  dayIndexOf,
  usageSeries,
  usedInWindow,
} from '@keygate/usage';
import { KeyHousekeeping } from '../housekeeping/key-housekeeping';
import { KeyServiceClient } from '../rpc/key-service.client';

/**
 * Reads the ledgers for the dashboards (live calls, and test keys' calls apart, each in its own
 * window); plans and key ownership come from the key service.
 */
@Injectable()
export class UsageReader {
  private readonly ledgers: Record<KeyEnvironment, QuotaLedger>;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: UsageServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly keyService: KeyServiceClient,
    private readonly housekeeping: KeyHousekeeping,
  ) {
    this.ledgers = environmentLedgers(redis, config.redisNamespace);
  }

  /** The account's live calls, with its test keys' calls apart under `test`. */
  async accountUsage(accountId: string): Promise<UsageSeries> {
    const plan = await this.planOf(accountId);
    const today = this.today();
    const [live, test] = await Promise.all(
      KEY_ENVIRONMENTS.map((environment) =>
        this.ledgers[environment].windowCounts(accountId, today),
      ),
    );
    return {
      ...usageSeries(live, today, callLimitOf(plan, 'live')),
      test: usageSeries(test, today, callLimitOf(plan, 'test')),
    };
  }

  /** One key's calls, in its environment's window. */
  async keyUsage(accountId: string, keyId: string): Promise<UsageSeries> {
    const key = await this.keyService.key(accountId, keyId);
    const plan = await this.planOf(accountId);
    const today = this.today();
    const ledger = this.ledgers[key.environment];
    const [counts, lastUsed] = await Promise.all([
      ledger.windowCounts(accountId, today, keyId),
      ledger.lastUsed(accountId),
    ]);
    const lastUsedAt = lastUsed[keyId] ? new Date(lastUsed[keyId]).toISOString() : null;
    const limit = callLimitOf(plan, key.environment);
    return { ...usageSeries(counts, today, limit), lastUsedAt, environment: key.environment };
  }

  /** One summary per key the account has, for key listings. */
  async keysUsage(accountId: string): Promise<KeyUsageSummary[]> {
    const today = this.today();
    const [keys, lastUsed, flagged] = await Promise.all([
      this.keyService.keys(accountId),
      this.lastUsed(accountId),
      this.housekeeping.flaggedKeyIds(accountId),
    ]);
    return Promise.all(
      keys.map(async (key) => ({
        keyId: key.id,
        lastUsedAt: lastUsed[key.id] ? new Date(lastUsed[key.id]).toISOString() : null,
        callsLast30Days: usedInWindow(
          await this.ledgers[key.environment].windowCounts(accountId, today, key.id),
          today,
        ),
        unusedFor30Days: flagged.has(key.id),
        credits: await this.creditsOf(accountId, key),
      })),
    );
  }

  /** When each key of the account was last used, live and test keys alike. */
  private async lastUsed(accountId: string): Promise<Record<string, number>> {
    const [live, test] = await Promise.all(
      KEY_ENVIRONMENTS.map((environment) => this.ledgers[environment].lastUsed(accountId)),
    );
    return { ...live, ...test };
  }

  private async creditsOf(accountId: string, key: KeyView): Promise<KeyUsageSummary['credits']> {
    return creditsLeftOnWire(
      await this.ledgers[key.environment].creditsLeft(
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

  private async planOf(accountId: string) {
    const account = await this.keyService.account(accountId);
    return this.config.plans[account.plan];
  }
}
