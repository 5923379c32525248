import { Inject, Injectable } from '@nestjs/common';
import { GatewayConfig, KEYGATE_CONFIG } from '@keygate/config';
import { Cluster } from 'ioredis';
import { createFailFastRedis, RedisClient } from '@keygate/connections';
import { KeyEnvironment } from '@keygate/contracts';
import { QuotaLedger, environmentLedgers } from '@keygate/usage';
import { refusedUnsent } from './admission-batcher';

/**
 * The gateway's own connection to the quota ledger. No offline queue and a short timeout: an
 * outage must fail the admission now (fail-open or fail-closed decides), not queue it. Closed
 * by QuotaAdmission, its one user, after its last replay.
 */
@Injectable()
export class QuotaStore {
  /** The live calls' ledger, and the test keys' ledger beside it (ledgerNamespaceOf). */
  readonly ledgers: Record<KeyEnvironment, QuotaLedger>;
  private readonly redis: RedisClient;

  constructor(@Inject(KEYGATE_CONFIG) config: GatewayConfig) {
    this.redis = createFailFastRedis(config.redisUrl, 'keygate-gateway-quota', {
      commandTimeout: 500,
    });
    this.ledgers = environmentLedgers(this.redis, config.redisNamespace, {
      countUses: config.decisionLogEnabled,
      usesKeptDays: config.decisionRetentionDays,
      // What a key used is read by key, whatever its environment: one place for both.
      usesNamespace: config.redisNamespace,
    });
  }

  /**
   * True when a failed step certainly never reached Redis. Never on a Cluster: its client
   * re-sends a command whose connection closed (the step may have run, and replicated, before),
   * and its final refusal says nothing of that; the step keeps its id and its replay finds it.
   */
  readonly neverSent = (error: unknown): boolean =>
    !(this.redis instanceof Cluster) && refusedUnsent(error);

  close(): void {
    this.redis.disconnect();
  }
}
