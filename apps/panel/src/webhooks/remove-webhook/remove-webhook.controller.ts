import { Delete, HttpCode, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { RemoveWebhookHandler } from './remove-webhook.handler';

@WebhooksController()
export class RemoveWebhookController {
  constructor(private readonly removeWebhook: RemoveWebhookHandler) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'removeWebhook', summary: 'Remove a webhook endpoint (admins)' })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') endpointId: string) {
    await this.removeWebhook.execute(caller, endpointId);
  }
}
