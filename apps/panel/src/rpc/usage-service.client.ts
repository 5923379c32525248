import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { UsageServiceMessages } from '@keygate/contracts';
import { RpcClient, createRpcClient } from '@keygate/connections';

/** The Panel's side of the usage service's RPC contract (USAGE_SERVICE_MESSAGES), typed by pattern. */
@Injectable()
export class UsageServiceClient
  extends RpcClient<UsageServiceMessages>
  implements OnApplicationShutdown
{
  constructor(@Inject(KEYGATE_CONFIG) config: KeygateConfig) {
    super(createRpcClient(config.redisUrl));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
