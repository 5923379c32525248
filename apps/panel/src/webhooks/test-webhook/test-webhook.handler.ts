import { Injectable } from '@nestjs/common';
import { KeyServicePattern, WebhookDeliveryView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/**
 * Sends a signed `webhook.test` event to an endpoint of the caller's account, now (the key
 * service sends it, with the secret only it holds): the delivery and its first attempt.
 */
@Injectable()
export class TestWebhookHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(caller: PanelCaller, endpointId: string): Promise<WebhookDeliveryView> {
    return this.keyService.call(KeyServicePattern.TestWebhook, {
      accountId: caller.session.accountId,
      endpointId,
    });
  }
}
