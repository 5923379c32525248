import { Answers } from '@keygate/connections';
import { Controller, Inject } from '@nestjs/common';
import {
  GatewayView,
  KEY_SERVICE_MESSAGES,
  KeyServicePattern,
  gatewayView,
} from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { REDIS, RedisClient } from '@keygate/connections';
import { GatewayRegistryReader } from '../../gateway-registry.reader';

@Controller()
export class ListGatewaysMessageController {
  constructor(
    private readonly registry: GatewayRegistryReader,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) private readonly config: KeyServiceConfig,
  ) {}

  /** The gateways in the registry, live or missing heartbeats, with how far each is behind the stream. */
  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.ListGateways)
  async listGateways(): Promise<GatewayView[]> {
    const [gateways, [last]] = await Promise.all([
      this.registry.gateways(),
      this.redis.xrevrange(this.config.eventStream, '+', '-', 'COUNT', 1),
    ]);
    const now = Date.now();
    return gateways
      .map((gateway) => gatewayView(gateway, last?.[0] ?? null, now))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
