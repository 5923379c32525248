import { Inject, Injectable } from '@nestjs/common';
import {
  GatewayPresence,
  REVOCATION_RECORD_SECONDS,
  REVOKED_AT_FIELD,
  RevocationPropagation,
  gatewayRegistryKeys,
  presenceOf,
  revocationPropagation,
} from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { REDIS, RedisClient } from '@keygate/connections';

/** How often a revoke waiting for the gateways reads the registry again. */
const POLL_MS = 20;

/**
 * The gateways' registry as the key service reads it (each gateway writes its own entry:
 * apps/gateway/src/registry/): who is there, and where a revocation stands on each.
 */
@Injectable()
export class GatewayRegistryReader {
  private readonly keys: ReturnType<typeof gatewayRegistryKeys>;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(KEYGATE_CONFIG) config: KeyServiceConfig,
  ) {
    this.keys = gatewayRegistryKeys(config.redisNamespace);
  }

  /** Every gateway with an entry (live or not yet expired), by id. */
  async gateways(): Promise<GatewayPresence[]> {
    const ids = await this.redis.zrange(this.keys.index, 0, -1);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.gateway(id));
    const replies = (await pipeline.exec()) ?? [];
    return replies
      .map(([, fields]) => presenceOf((fields ?? {}) as Record<string, string>))
      .filter((presence): presence is GatewayPresence => presence !== null);
  }

  /** Remembers when a key was revoked (the first time only), for its propagation to be read later. */
  async recordRevocation(keyId: string, revokedAtMs: number): Promise<number> {
    const key = this.keys.revocation(keyId);
    const replies = await this.redis
      .multi()
      .hsetnx(key, REVOKED_AT_FIELD, revokedAtMs)
      .hget(key, REVOKED_AT_FIELD)
      .expire(key, REVOCATION_RECORD_SECONDS)
      .exec();
    const stored = replies?.[1]?.[1] as string | null | undefined;
    return Number(stored ?? revokedAtMs);
  }

  /** Where the revocation of `keyId` stands; `revokedAtMs` when none was recorded. */
  async propagation(
    keyId: string,
    revokedAtMs: number,
    nowMs: number,
  ): Promise<RevocationPropagation> {
    const [gateways, record] = await Promise.all([
      this.gateways(),
      this.redis.hgetall(this.keys.revocation(keyId)),
    ]);
    const { [REVOKED_AT_FIELD]: recorded, ...applied } = record;
    return revocationPropagation(
      gateways,
      Object.fromEntries(Object.entries(applied).map(([id, at]) => [id, Number(at)])),
      recorded ? Number(recorded) : revokedAtMs,
      nowMs,
    );
  }

  /** The propagation once every live gateway confirmed it, or as it stands after `timeoutMs`. */
  async awaitPropagation(
    keyId: string,
    revokedAtMs: number,
    timeoutMs: number,
  ): Promise<RevocationPropagation> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const propagation = await this.propagation(keyId, revokedAtMs, Date.now());
      if (propagation.confirmed || Date.now() >= deadline) return propagation;
      await new Promise((next) => setTimeout(next, POLL_MS));
    }
  }
}
