import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { GatewayConfig, KEYGATE_CONFIG } from '@keygate/config';
import { createRedis } from '@keygate/connections';
import { QuotaLedger } from '@keygate/usage';

/**
 * The gateway's own connection to the quota ledger. No offline queue and a short timeout: an
 * outage must fail the admission now (fail-open or fail-closed decides), not queue it. Closed
 * by QuotaAdmission, its one user, after its last replay.
 */
@Injectable()
export class QuotaStore {
  readonly ledger: QuotaLedger;
  private readonly redis: Redis;

  constructor(@Inject(KEYGATE_CONFIG) config: GatewayConfig) {
    this.redis = createRedis(config.redisUrl, 'keygate-gateway-quota', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
    });
    this.redis.on('error', () => undefined);
    this.ledger = new QuotaLedger(this.redis, config.redisNamespace);
  }

  close(): void {
    this.redis.disconnect();
  }
}
