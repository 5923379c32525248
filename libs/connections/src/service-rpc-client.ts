import { Inject, OnApplicationShutdown } from '@nestjs/common';
import { KEYGATE_CONFIG, SharedConfig } from '@keygate/config';
import { RpcClient, createRpcClient } from './rpc';

/**
 * A Nest provider's typed client of one service's messages, on the Redis transport, closed with
 * the app. Subclass it with the service's message map (KeyServiceMessages, UsageServiceMessages).
 */
export abstract class ServiceRpcClient<M> extends RpcClient<M> implements OnApplicationShutdown {
  constructor(@Inject(KEYGATE_CONFIG) config: SharedConfig) {
    super(createRpcClient(config.redisUrl));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
