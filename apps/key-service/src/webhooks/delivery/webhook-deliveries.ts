import { Injectable } from '@nestjs/common';
import { DeliveryHistory } from './delivery-history.repository';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryStatus, WebhookDelivery, newDelivery } from './webhook-delivery';
import { Notice } from './webhook-notices';

const newestFirst = (a: WebhookDelivery, b: WebhookDelivery) =>
  a.seq < b.seq ? 1 : a.seq > b.seq ? -1 : 0;

/**
 * Every delivery, wherever it is: on its way (DeliveryQueue, Redis) or finished, delivered or
 * dead-lettered (DeliveryHistory, MongoDB). A finished delivery is written to the history before
 * it leaves the queue: a crash between the two sends it once more (at least once, same id).
 */
@Injectable()
export class WebhookDeliveries {
  constructor(
    readonly queue: DeliveryQueue,
    private readonly history: DeliveryHistory,
  ) {}

  /** Queues the notice for each endpoint (again: a no-op while it is on its way). */
  async add(notice: Notice, endpointIds: string[], seq: string, now: Date): Promise<void> {
    for (const endpointId of endpointIds)
      await this.queue.add(newDelivery(notice, endpointId, seq, now), now.getTime());
  }

  async finish(delivery: WebhookDelivery, now: Date): Promise<void> {
    await this.history.record(delivery);
    await this.queue.remove(delivery, now.getTime());
  }

  async one(accountId: string, endpointId: string, id: string): Promise<WebhookDelivery | null> {
    const queued = await this.queue.one(id);
    if (queued && queued.accountId === accountId && queued.endpointId === endpointId) return queued;
    return this.history.one(accountId, endpointId, id);
  }

  /**
   * Sends a delivery (as `one` found it) again from the start of the retry schedule, in its
   * place in its chain (its attempts so far are kept); one still on its way is made due now.
   */
  async replay(found: WebhookDelivery, now: Date): Promise<WebhookDelivery> {
    if (found.status === 'pending') {
      await this.queue.dueNow(found, now.getTime());
      return found;
    }
    const again: WebhookDelivery = {
      ...found,
      status: 'pending',
      failure: null,
      round: 0,
      nextAttemptAt: now.toISOString(),
    };
    await this.queue.add(again, now.getTime());
    await this.history.forget(found.id);
    return again;
  }

  /** An endpoint's deliveries, newest first: those on their way, then the finished. */
  async ofEndpoint(
    accountId: string,
    endpointId: string,
    status: DeliveryStatus | undefined,
    limit: number,
  ): Promise<WebhookDelivery[]> {
    const [queued, finished] = await Promise.all([
      status === undefined || status === 'pending'
        ? this.queue.ofEndpoint(endpointId, limit)
        : Promise.resolve([]),
      status === 'pending'
        ? Promise.resolve([])
        : this.history.ofEndpoint(accountId, endpointId, status, limit),
    ]);
    return [...queued.filter((delivery) => delivery.accountId === accountId), ...finished]
      .sort(newestFirst)
      .slice(0, limit);
  }

  prune(before: Date): Promise<number> {
    return this.history.prune(before);
  }

  async removeOfEndpoint(accountId: string, endpointId: string, now: Date): Promise<void> {
    await this.queue.removeOfEndpoint(endpointId, now.getTime());
    await this.history.removeOfEndpoint(accountId, endpointId);
  }
}
