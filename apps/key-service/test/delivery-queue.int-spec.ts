import { KeyServiceConfig } from '@keygate/config';
import { createRedis, RedisClient } from '@keygate/connections';
import { testEnv } from '@keygate/testing';
import { seqOf } from '../src/webhooks/delivery/delivery-order';
import { DeliveryQueue } from '../src/webhooks/delivery/delivery-queue';
import { WebhookDelivery, newDelivery } from '../src/webhooks/delivery/webhook-delivery';

/** The webhook delivery queue's Lua steps on a real Redis, its clock given by the spec. */
describe('the webhook delivery queue', () => {
  const env = testEnv();
  let redis: RedisClient;
  let queue: DeliveryQueue;
  const t0 = Date.parse('2026-12-06T12:00:00Z');

  beforeAll(() => {
    redis = createRedis(env.REDIS_URL, 'delivery-queue-spec');
    const namespace = `spec-${Math.random().toString(36).slice(2, 8)}`;
    queue = new DeliveryQueue(redis, { redisNamespace: namespace } as KeyServiceConfig);
  });
  afterAll(() => redis.quit());

  const delivery = (endpointId: string, subject: string, entry: string): WebhookDelivery =>
    newDelivery(
      {
        eventId: `evt-${endpointId}-${subject}-${entry}`,
        accountId: 'acc_1',
        type: 'key.revoked',
        occurredAt: new Date(t0).toISOString(),
        subject,
        data: { keyId: subject },
      },
      endpointId,
      seqOf(entry),
      new Date(t0),
    );
  const ids = (list: WebhookDelivery[]) => list.map((d) => d.eventId);

  it('hands out one delivery per chain, the first in stream order, and the next once it is done', async () => {
    const [a1, a2, b1] = [
      delivery('wh1', 'key-a', '2-0'),
      delivery('wh1', 'key-a', '3-0'),
      delivery('wh1', 'key-b', '1-0'),
    ];
    expect(await queue.add(a1, t0)).toBe(true);
    expect(await queue.add(a2, t0)).toBe(true);
    expect(await queue.add(b1, t0)).toBe(true);
    expect(await queue.add(a1, t0)).toBe(false); // queued twice: a no-op

    const first = await queue.take(t0, t0 + 1000, 10);
    expect(ids(first).sort()).toEqual([a1.eventId, b1.eventId].sort());
    expect(await queue.take(t0, t0 + 1000, 10)).toEqual([]); // both chains leased

    await queue.remove(a1, t0);
    expect(ids(await queue.take(t0, t0 + 1000, 10))).toEqual([a2.eventId]);
    await queue.remove(a2, t0);
    await queue.remove(b1, t0);
    expect(await queue.take(t0 + 10_000, t0 + 11_000, 10)).toEqual([]);
  });

  it('holds a chain behind a retry, lets it go when a lease lapses, and lists an endpoint’s deliveries', async () => {
    const [c1, c2, d1] = [
      delivery('wh2', 'key-c', '5-0'),
      delivery('wh2', 'key-c', '6-0'),
      delivery('wh2', 'key-d', '7-0'),
    ];
    for (const d of [c1, c2, d1]) await queue.add(d, t0);
    expect(ids(await queue.take(t0, t0 + 1000, 10)).sort()).toEqual(
      [c1.eventId, d1.eventId].sort(),
    );

    // c1 failed: it waits 5 s for its retry, and c2 waits with it; d1's lease lapses unanswered.
    await queue.retryAt({ ...c1, round: 1 }, t0 + 5000);
    expect(await queue.take(t0 + 999, t0 + 2000, 10)).toEqual([]);
    expect(ids(await queue.take(t0 + 1000, t0 + 3000, 10))).toEqual([d1.eventId]);
    // At 5 s c1 is due again (with its attempt counted), d1's second lease has lapsed too.
    const retried = await queue.take(t0 + 5000, t0 + 6000, 10);
    expect(ids(retried).sort()).toEqual([c1.eventId, d1.eventId].sort());
    expect(retried.find((d) => d.eventId === c1.eventId)?.round).toBe(1);

    const listed = await queue.ofEndpoint('wh2', 10);
    expect(ids(listed)).toEqual([d1.eventId, c2.eventId, c1.eventId]); // newest first
    expect((await queue.one(c2.id))?.eventId).toBe(c2.eventId);
  });
});
