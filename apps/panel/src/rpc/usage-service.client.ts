import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { KeyUsageSummary, UsageSeries, UsageServicePattern } from '@keygate/contracts';
import { createRpcClient, sendRpc } from '@keygate/connections';

/** The Panel's side of the usage service's RPC contract. */
@Injectable()
export class UsageServiceClient implements OnApplicationShutdown {
  private readonly client: ClientProxy;

  constructor(@Inject(KEYGATE_CONFIG) config: KeygateConfig) {
    this.client = createRpcClient(config.redisUrl);
  }

  account(accountId: string): Promise<UsageSeries> {
    return sendRpc<UsageSeries>(this.client, UsageServicePattern.AccountUsage, { accountId });
  }

  key(accountId: string, keyId: string): Promise<UsageSeries> {
    return sendRpc<UsageSeries>(this.client, UsageServicePattern.KeyUsage, { accountId, keyId });
  }

  keys(accountId: string, timeoutMs = 2000): Promise<KeyUsageSummary[]> {
    return sendRpc<KeyUsageSummary[]>(
      this.client,
      UsageServicePattern.KeysUsage,
      { accountId },
      timeoutMs,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
