import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { GatewayConfig, KEYGATE_CONFIG } from '@keygate/config';
import {
  GATEWAY_GONE_AFTER_HEARTBEATS,
  REVOCATION_RECORD_SECONDS,
  gatewayRegistryKeys,
  presenceFields,
} from '@keygate/contracts';
import { closeRedis, createFailFastRedis, RedisClient } from '@keygate/connections';
import { ProjectionService } from '../projection/projection.service';

/** Registry entries not refreshed for this long are swept from the index by any gateway. */
const SWEEP_AFTER_MS = 10 * 60_000;

/**
 * This gateway in the registry every revoke is confirmed against: a heartbeat every
 * GATEWAY_HEARTBEAT_MS with where its projection stands, and for each revocation it applies,
 * when. On a connection of its own without an offline queue: while Redis is away, heartbeats
 * are skipped (the gateway then looks gone, which it is to Redis), never queued.
 */
@Injectable()
export class GatewayRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly id = `gw_${randomBytes(6).toString('hex')}`;
  private readonly logger = new Logger(GatewayRegistry.name);
  private readonly startedAt = Date.now();
  private readonly keys: ReturnType<typeof gatewayRegistryKeys>;
  private redis?: RedisClient;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig,
    private readonly projection: ProjectionService,
  ) {
    this.keys = gatewayRegistryKeys(config.redisNamespace);
  }

  onApplicationBootstrap(): void {
    this.redis = createFailFastRedis(this.config.redisUrl, 'keygate-gateway-registry');
    this.projection.onRevocationApplied((keyId) => void this.applied(keyId));
    this.timer = setInterval(() => void this.beat(), this.config.gatewayHeartbeatMs);
    this.timer.unref();
    void this.beat();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (!this.redis) return;
    // Gone at once rather than after three missed heartbeats.
    await this.redis
      .multi()
      .del(this.keys.gateway(this.id))
      .zrem(this.keys.index, this.id)
      .exec()
      .catch(() => undefined);
    await closeRedis(this.redis);
  }

  /** Tells the registry this gateway is alive and where its projection stands. */
  async beat(): Promise<void> {
    const now = Date.now();
    const heartbeatMs = this.config.gatewayHeartbeatMs;
    const key = this.keys.gateway(this.id);
    try {
      await this.redis!.multi()
        .hset(
          key,
          presenceFields({
            id: this.id,
            host: hostname(),
            pid: process.pid,
            startedAt: this.startedAt,
            loadedAt: this.projection.loadedAt,
            position: this.projection.streamPosition,
            keysHeld: this.projection.projection.keyCount,
            heartbeatAt: now,
            heartbeatMs,
          }),
        )
        .pexpire(key, (GATEWAY_GONE_AFTER_HEARTBEATS + 1) * heartbeatMs)
        .zadd(this.keys.index, now, this.id)
        .zremrangebyscore(this.keys.index, '-inf', now - SWEEP_AFTER_MS)
        .exec();
    } catch (error) {
      this.logger.debug(`heartbeat skipped: ${(error as Error).message}`);
    }
  }

  private async applied(keyId: string): Promise<void> {
    const key = this.keys.revocation(keyId);
    try {
      await this.redis!.multi()
        .hset(key, this.id, Date.now())
        .expire(key, REVOCATION_RECORD_SECONDS)
        .exec();
    } catch (error) {
      this.logger.warn(`could not confirm the revocation of ${keyId}: ${(error as Error).message}`);
    }
  }
}
