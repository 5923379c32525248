import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { KeyRecord, KeyServicePattern, KeysSnapshot } from '@keygate/contracts';
import { createRpcClient, sendRpc } from '@keygate/connections';

/** The gateway's side of the key service's RPC contract. */
@Injectable()
export class KeyServiceClient implements OnApplicationShutdown {
  private readonly client: ClientProxy;

  constructor(@Inject(KEYGATE_CONFIG) config: KeygateConfig) {
    this.client = createRpcClient(config.redisUrl);
  }

  /** A request sent before the key service subscribed is lost (Redis pub/sub), so retry with a growing timeout. */
  snapshot(timeoutMs = 5000): Promise<KeysSnapshot> {
    return sendRpc<KeysSnapshot>(this.client, KeyServicePattern.KeysSnapshot, {}, timeoutMs);
  }

  keyRecord(keyId: string): Promise<KeyRecord> {
    return sendRpc<KeyRecord>(this.client, KeyServicePattern.GetKeyRecord, { keyId });
  }

  send<T>(pattern: string, payload: unknown): Promise<T> {
    return sendRpc<T>(this.client, pattern, payload);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
