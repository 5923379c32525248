import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyServiceRequest,
  WebhookDeliveryView,
} from '@keygate/contracts';
import { seqOf } from '../../delivery/delivery-order';
import { deliveryViewOf, newDelivery } from '../../delivery/webhook-delivery';
import { WebhookDeliveryWorker } from '../../delivery/webhook-delivery.worker';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';

/**
 * Sends a signed `webhook.test` event to an endpoint now (enabled or not subscribed: it is a
 * test) and answers the delivery with its first attempt; if that failed it is retried like any
 * other, and listed with the endpoint's deliveries.
 */
@Injectable()
export class TestWebhookHandler {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly worker: WebhookDeliveryWorker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.TestWebhook>,
  ): Promise<WebhookDeliveryView> {
    const { accountId, endpointId } = request;
    await this.endpoints.existing(accountId, endpointId);
    const now = this.clock.now();
    const eventId = `test-${randomUUID()}`;
    const delivery = newDelivery(
      {
        eventId,
        accountId,
        type: 'webhook.test',
        occurredAt: now.toISOString(),
        subject: eventId,
        data: { accountId, endpointId },
      },
      endpointId,
      seqOf(`${now.getTime()}-0`),
      now,
    );
    const attempted = await this.worker.attemptFirst(delivery);
    return deliveryViewOf(attempted);
  }
}
