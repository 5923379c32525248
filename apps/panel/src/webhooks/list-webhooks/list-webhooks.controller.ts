import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { ListWebhooksHandler } from './list-webhooks.handler';

@WebhooksController()
export class ListWebhooksController {
  constructor(private readonly listWebhooks: ListWebhooksHandler) {}

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: 'The account’s webhook endpoints' })
  async handle(@Caller() caller: PanelCaller) {
    return { webhooks: await this.listWebhooks.execute(caller) };
  }
}
