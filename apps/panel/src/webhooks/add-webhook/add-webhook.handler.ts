import { Injectable } from '@nestjs/common';
import { KeyServicePattern, WebhookView, addWebhookSchema } from '@keygate/contracts';
import { z } from 'zod';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';
import { WebhookTarget } from '@keygate/webhooks';

export const addWebhookBodySchema = addWebhookSchema.omit({ accountId: true, actor: true });

/**
 * A webhook endpoint of the caller's account; its URL must be a public address (checked before
 * anything is stored: 400 naming `url`). The answer holds its signing secret, shown this once.
 */
@Injectable()
export class AddWebhookHandler {
  constructor(
    private readonly keyService: KeyServiceClient,
    private readonly target: WebhookTarget,
  ) {}

  async execute(
    caller: PanelCaller,
    input: z.infer<typeof addWebhookBodySchema>,
  ): Promise<{ webhook: WebhookView; secret: string }> {
    await this.target.check(input.url);
    return this.keyService.call(KeyServicePattern.AddWebhook, {
      ...input,
      accountId: caller.session.accountId,
      actor: actorOf(caller),
    });
  }
}
