import { Injectable } from '@nestjs/common';
import { KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/** Removes a webhook endpoint of the caller's account (404 for another account's). */
@Injectable()
export class RemoveWebhookHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(caller: PanelCaller, endpointId: string): Promise<void> {
    await this.keyService.call(KeyServicePattern.RemoveWebhook, {
      accountId: caller.session.accountId,
      endpointId,
      actor: actorOf(caller),
    });
  }
}
