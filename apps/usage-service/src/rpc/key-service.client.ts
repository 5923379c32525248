import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { KEYGATE_CONFIG, UsageServiceConfig } from '@keygate/config';
import { AccountView, KeyServicePattern, KeyView } from '@keygate/contracts';
import { createRpcClient, sendRpc } from '@keygate/connections';

/** The usage service's side of the key service's RPC contract: plans and key ownership. */
@Injectable()
export class KeyServiceClient implements OnApplicationShutdown {
  private readonly client: ClientProxy;

  constructor(@Inject(KEYGATE_CONFIG) config: UsageServiceConfig) {
    this.client = createRpcClient(config.redisUrl);
  }

  account(accountId: string): Promise<AccountView> {
    return sendRpc<AccountView>(this.client, KeyServicePattern.GetAccount, { accountId });
  }

  /** Answers NOT_FOUND for a key of another account. */
  key(accountId: string, keyId: string): Promise<KeyView> {
    return sendRpc<KeyView>(this.client, KeyServicePattern.GetKey, { accountId, keyId });
  }

  keys(accountId: string): Promise<KeyView[]> {
    return sendRpc<KeyView[]>(this.client, KeyServicePattern.ListKeys, { accountId });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
