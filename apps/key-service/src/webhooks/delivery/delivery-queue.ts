import { Inject, Injectable } from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { REDIS, RedisClient } from '@keygate/connections';
import { DONE_LUA, QUEUE_LUA, RETRY_LUA, TAKE_LUA } from './delivery-queue.lua';
import { WebhookDelivery } from './webhook-delivery';

type QueueRedis = RedisClient & {
  keygateWebhookQueue(...args: string[]): Promise<number>;
  keygateWebhookTake(...args: string[]): Promise<string[]>;
  keygateWebhookRetry(...args: string[]): Promise<number>;
  keygateWebhookDone(...args: string[]): Promise<number>;
};

const memberOf = (delivery: WebhookDelivery) => `${delivery.seq}|${delivery.id}`;

/**
 * The deliveries on their way, in Redis: each chain (an endpoint and a key, or an account's
 * quota) in stream order, and the chains by when their first delivery is due. Taking a chain's
 * first delivery leases the chain, so one delivery of a chain is tried at a time, by one worker,
 * and a later one waits for the earlier through its retries. Every step is one Lua script.
 */
@Injectable()
export class DeliveryQueue {
  private readonly redis: QueueRedis;
  private readonly prefix: string;

  constructor(@Inject(REDIS) redis: RedisClient, @Inject(KEYGATE_CONFIG) config: KeyServiceConfig) {
    if (!('keygateWebhookQueue' in redis)) {
      redis.defineCommand('keygateWebhookQueue', { numberOfKeys: 1, lua: QUEUE_LUA });
      redis.defineCommand('keygateWebhookTake', { numberOfKeys: 1, lua: TAKE_LUA });
      redis.defineCommand('keygateWebhookRetry', { numberOfKeys: 1, lua: RETRY_LUA });
      redis.defineCommand('keygateWebhookDone', { numberOfKeys: 1, lua: DONE_LUA });
    }
    this.redis = redis as QueueRedis;
    this.prefix = `${config.redisNamespace}:{webhooks}:`;
  }

  /** Queues a delivery, due at `dueMs` if it is its chain's first; false if it was queued already. */
  async add(delivery: WebhookDelivery, dueMs: number): Promise<boolean> {
    const queued = await this.redis.keygateWebhookQueue(
      `${this.prefix}due`,
      this.prefix,
      delivery.id,
      delivery.chain,
      delivery.endpointId,
      memberOf(delivery),
      JSON.stringify(delivery),
      String(dueMs),
    );
    return queued === 1;
  }

  /** Up to `count` due deliveries, each the first of its chain, the chain leased until `leaseUntilMs`. */
  async take(nowMs: number, leaseUntilMs: number, count: number): Promise<WebhookDelivery[]> {
    const taken = await this.redis.keygateWebhookTake(
      `${this.prefix}due`,
      this.prefix,
      String(nowMs),
      String(leaseUntilMs),
      String(count),
    );
    return taken.map((json) => JSON.parse(json) as WebhookDelivery);
  }

  /** The delivery, with its latest attempt, waits until `nextAttemptMs`; its chain with it. */
  async retryAt(delivery: WebhookDelivery, nextAttemptMs: number): Promise<void> {
    await this.redis.keygateWebhookRetry(
      `${this.prefix}due`,
      this.prefix,
      delivery.id,
      delivery.chain,
      JSON.stringify(delivery),
      String(nextAttemptMs),
    );
  }

  /** The delivery leaves the queue (delivered, or a dead letter); its chain's next is due now. */
  async remove(delivery: WebhookDelivery, nowMs: number): Promise<void> {
    await this.redis.keygateWebhookDone(
      `${this.prefix}due`,
      this.prefix,
      delivery.id,
      delivery.chain,
      delivery.endpointId,
      memberOf(delivery),
      String(nowMs),
    );
  }

  async one(id: string): Promise<WebhookDelivery | null> {
    const json = await this.redis.get(`${this.prefix}d:${id}`);
    return json ? (JSON.parse(json) as WebhookDelivery) : null;
  }

  /** An endpoint's queued deliveries, newest first. */
  async ofEndpoint(endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    const members = await this.redis.zrange(
      `${this.prefix}endpoint:${endpointId}`,
      '+',
      '-',
      'BYLEX',
      'REV',
      'LIMIT',
      0,
      limit,
    );
    if (members.length === 0) return [];
    const ids = members.map((member) => member.slice(member.indexOf('|') + 1));
    const jsons = await this.redis.mget(ids.map((id) => `${this.prefix}d:${id}`));
    return jsons.flatMap((json) => (json ? [JSON.parse(json) as WebhookDelivery] : []));
  }

  /** Makes a queued delivery's chain due now (a replay of one still on its way). */
  async dueNow(delivery: WebhookDelivery, nowMs: number): Promise<void> {
    await this.redis.zadd(`${this.prefix}due`, nowMs, delivery.chain);
  }

  async removeOfEndpoint(endpointId: string, nowMs: number): Promise<void> {
    for (const delivery of await this.ofEndpoint(endpointId, 100_000))
      await this.remove(delivery, nowMs);
  }
}
