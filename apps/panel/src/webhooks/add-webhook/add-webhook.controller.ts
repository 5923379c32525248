import { Body, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { AddWebhookHandler, addWebhookBodySchema } from './add-webhook.handler';

@WebhooksController()
export class AddWebhookController {
  constructor(private readonly addWebhook: AddWebhookHandler) {}

  @Post()
  @ApiOperation({
    operationId: 'addWebhook',
    summary: 'Add a webhook endpoint (admins); its signing secret is shown this once',
  })
  @ApiBody({ schema: jsonSchemaOf(addWebhookBodySchema) })
  @ApiResponse({ status: 201, description: '{webhook, secret}' })
  @AdminOnly()
  handle(@Caller() caller: PanelCaller, @Body() body: unknown) {
    return this.addWebhook.execute(caller, parseInput(addWebhookBodySchema, body));
  }
}
