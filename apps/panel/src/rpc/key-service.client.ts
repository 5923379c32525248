import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { KeyServiceMessages } from '@keygate/contracts';
import { RpcClient, createRpcClient } from '@keygate/connections';

/** The Panel's side of the key service's RPC contract (KEY_SERVICE_MESSAGES), typed by pattern. */
@Injectable()
export class KeyServiceClient
  extends RpcClient<KeyServiceMessages>
  implements OnApplicationShutdown
{
  constructor(@Inject(KEYGATE_CONFIG) config: KeygateConfig) {
    super(createRpcClient(config.redisUrl));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
