import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { createRpcClient, sendRpc } from '@keygate/connections';

/** The gateway's side of the key service's RPC contract. */
@Injectable()
export class KeyServiceClient implements OnApplicationShutdown {
  private readonly client: ClientProxy;

  constructor(@Inject(KEYGATE_CONFIG) config: KeygateConfig) {
    this.client = createRpcClient(config.redisUrl);
  }

  send<T>(pattern: string, payload: unknown, timeoutMs?: number): Promise<T> {
    return sendRpc<T>(this.client, pattern, payload, timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
