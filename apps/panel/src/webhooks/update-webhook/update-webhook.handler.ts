import { Injectable } from '@nestjs/common';
import { KeyServicePattern, WebhookView, updateWebhookSchema } from '@keygate/contracts';
import { z } from 'zod';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';
import { WebhookTarget } from '@keygate/webhooks';

export const updateWebhookBodySchema = updateWebhookSchema
  .innerType()
  .omit({ accountId: true, endpointId: true, actor: true });

/** Changes an endpoint's URL (checked as when it is added), events, or whether it is enabled. */
@Injectable()
export class UpdateWebhookHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly target: WebhookTarget,
  ) {}

  async execute(
    caller: PanelCaller,
    endpointId: string,
    change: z.infer<typeof updateWebhookBodySchema>,
  ): Promise<WebhookView> {
    if (change.url !== undefined) await this.target.check(change.url);
    return this.keyService.call(KeyServicePattern.UpdateWebhook, {
      ...change,
      accountId: caller.session.accountId,
      endpointId,
      actor: actorOf(caller),
    });
  }
}
