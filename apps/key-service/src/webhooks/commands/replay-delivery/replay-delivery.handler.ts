import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
  SYSTEM_ACTOR,
  WebhookDeliveryView,
} from '@keygate/contracts';
import { UserAudit } from '../../../panel-users/user-audit';
import { WebhookDeliveries } from '../../delivery/webhook-deliveries';
import { deliveryViewOf } from '../../delivery/webhook-delivery';
import { WebhookDeliveryWorker } from '../../delivery/webhook-delivery.worker';

/**
 * Sends a delivery again (a dead letter, or one already delivered), from the start of the
 * retry schedule and in its place in its chain; the same `webhook-id`, so a receiver that had
 * it can tell. Audited.
 */
@Injectable()
export class ReplayDeliveryHandler {
  constructor(
    private readonly deliveries: WebhookDeliveries,
    private readonly worker: WebhookDeliveryWorker,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.ReplayDelivery>,
  ): Promise<WebhookDeliveryView> {
    const { accountId, endpointId, deliveryId } = request;
    const found = await this.deliveries.one(accountId, endpointId, deliveryId);
    if (!found) throw new NotFoundError('Webhook delivery', deliveryId);
    await this.audit.record(accountId, request.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookChanged({ endpointId, replayedDelivery: deliveryId }, this.clock.now()),
    );
    const replayed = await this.deliveries.replay(found, this.clock.now());
    this.worker.wake();
    return deliveryViewOf(replayed);
  }
}
