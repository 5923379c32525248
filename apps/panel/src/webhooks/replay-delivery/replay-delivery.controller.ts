import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminOnly, Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { ReplayDeliveryHandler } from './replay-delivery.handler';

@WebhooksController()
export class ReplayDeliveryController {
  constructor(private readonly replayDelivery: ReplayDeliveryHandler) {}

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'replayWebhookDelivery',
    summary: 'Send a delivery again, with the same webhook-id (admins): 202 {delivery}',
  })
  @AdminOnly()
  async handle(
    @Caller() caller: PanelCaller,
    @Param('id') endpointId: string,
    @Param('deliveryId') deliveryId: string,
  ) {
    return { delivery: await this.replayDelivery.execute(caller, endpointId, deliveryId) };
  }
}
