import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { TestWebhookHandler } from './test-webhook.handler';

@WebhooksController()
export class TestWebhookController {
  constructor(private readonly testWebhook: TestWebhookHandler) {}

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'testWebhook',
    summary: 'Send a signed webhook.test event to the endpoint now (admins): {delivery}',
  })
  @AdminOnly()
  async handle(@Caller() caller: PanelCaller, @Param('id') endpointId: string) {
    return { delivery: await this.testWebhook.execute(caller, endpointId) };
  }
}
