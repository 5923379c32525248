import { Injectable } from '@nestjs/common';
import { KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';
import { DeliveryAttempt, WebhookSender } from '../delivery/webhook-sender';

/** Sends a signed `webhook.test` event to an endpoint of the caller's account, now, and says how it went. */
@Injectable()
export class TestWebhookHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly sender: WebhookSender,
  ) {}

  async execute(caller: PanelCaller, endpointId: string): Promise<DeliveryAttempt> {
    const { accountId } = caller.session;
    const signing = await this.keyService.call(KeyServicePattern.WebhookSigning, {
      accountId,
      endpointId,
    });
    return this.sender.send(signing, 'webhook.test', { accountId, endpointId });
  }
}
