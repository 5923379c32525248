import { Injectable } from '@nestjs/common';
import { KeyServicePattern, WebhookView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** The caller's account's webhook endpoints, without their secrets. */
@Injectable()
export class ListWebhooksHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller): Promise<WebhookView[]> {
    return this.keyService.call(KeyServicePattern.ListWebhooks, {
      accountId: caller.session.accountId,
    });
  }
}
