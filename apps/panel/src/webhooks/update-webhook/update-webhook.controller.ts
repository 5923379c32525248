import { Body, Param, Patch } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { jsonSchemaOf } from '../../http/api-docs';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { UpdateWebhookHandler, updateWebhookBodySchema } from './update-webhook.handler';

@WebhooksController()
export class UpdateWebhookController {
  constructor(private readonly updateWebhook: UpdateWebhookHandler) {}

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Change an endpoint’s url, events, or enabled (admins)',
  })
  @ApiBody({ schema: jsonSchemaOf(updateWebhookBodySchema) })
  @AdminOnly()
  async handle(
    @Caller() caller: PanelCaller,
    @Param('id') endpointId: string,
    @Body() body: unknown,
  ) {
    return {
      webhook: await this.updateWebhook.execute(
        caller,
        endpointId,
        parseInput(updateWebhookBodySchema, body),
      ),
    };
  }
}
