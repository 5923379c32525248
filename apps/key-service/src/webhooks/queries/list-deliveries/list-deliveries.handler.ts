import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyServiceRequest, WebhookDeliveryView } from '@keygate/contracts';
import { WebhookDeliveries } from '../../delivery/webhook-deliveries';
import { deliveryViewOf } from '../../delivery/webhook-delivery';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';

/** An endpoint's deliveries, newest first, each with its attempts and next retry. */
@Injectable()
export class ListDeliveriesHandler {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveries,
  ) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.ListDeliveries>,
  ): Promise<WebhookDeliveryView[]> {
    const { accountId, endpointId, status, limit } = request;
    await this.endpoints.existing(accountId, endpointId);
    return (await this.deliveries.ofEndpoint(accountId, endpointId, status, limit)).map(
      deliveryViewOf,
    );
  }
}
