import { Injectable } from '@nestjs/common';
import { KeyServicePattern, WebhookDeliveryView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/** Sends a delivery again (a dead letter, or one delivered): queued now, retried as any other. */
@Injectable()
export class ReplayDeliveryHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(
    caller: PanelCaller,
    endpointId: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryView> {
    return this.keyService.call(KeyServicePattern.ReplayDelivery, {
      accountId: caller.session.accountId,
      endpointId,
      deliveryId,
      actor: actorOf(caller),
    });
  }
}
