import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import Redis from 'ioredis';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import {
  AccountView,
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyView,
  UsageSeries,
} from '@keygate/contracts';
import { REDIS, createRpcClient, sendRpc } from '@keygate/connections';
import { QuotaLedger, dayIndexOf, usageSeries } from '@keygate/usage';

/** Reads the ledger for the dashboards; plans and key ownership come from the key service. */
@Injectable()
export class UsageReader implements OnApplicationShutdown {
  private readonly ledger: QuotaLedger;
  private readonly keyService: ClientProxy;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.ledger = new QuotaLedger(redis);
    this.keyService = createRpcClient(config.redisUrl);
  }

  async accountUsage(accountId: string): Promise<UsageSeries> {
    const limit = await this.limitOf(accountId);
    const today = dayIndexOf(this.clock.now().getTime());
    return usageSeries(await this.ledger.windowCounts(accountId, today), today, limit);
  }

  async keyUsage(accountId: string, keyId: string): Promise<UsageSeries> {
    // Answers NOT_FOUND for a key of another account.
    await sendRpc<KeyView>(this.keyService, KeyServicePattern.GetKey, { accountId, keyId });
    const limit = await this.limitOf(accountId);
    const today = dayIndexOf(this.clock.now().getTime());
    const [counts, lastUsed] = await Promise.all([
      this.ledger.windowCounts(accountId, today, keyId),
      this.ledger.lastUsed(accountId),
    ]);
    const lastUsedAt = lastUsed[keyId] ? new Date(lastUsed[keyId]).toISOString() : null;
    return { ...usageSeries(counts, today, limit), lastUsedAt };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.keyService.close();
  }

  private async limitOf(accountId: string): Promise<number> {
    const account = await sendRpc<AccountView>(this.keyService, KeyServicePattern.GetAccount, {
      accountId,
    });
    return this.config.plans[account.plan]?.callLimit ?? 0;
  }
}
