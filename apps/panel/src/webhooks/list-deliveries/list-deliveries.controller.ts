import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { parseInput } from '@keygate/contracts';
import { Caller, PanelCaller } from '../../sessions/panel-session.guard';
import { WebhooksController } from '../webhooks-controller';
import { ListDeliveriesHandler, listDeliveriesQuerySchema } from './list-deliveries.handler';

@WebhooksController()
export class ListDeliveriesController {
  constructor(private readonly listDeliveries: ListDeliveriesHandler) {}

  @Get(':id/deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary:
      'The endpoint’s deliveries, newest first: {deliveries: [{id, messageId, eventId, type, status, attempts: [{at, status, error, durationMs}], nextAttemptAt}]}',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'delivered', 'failed'] })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  })
  async handle(
    @Caller() caller: PanelCaller,
    @Param('id') endpointId: string,
    @Query() query: unknown,
  ) {
    return {
      deliveries: await this.listDeliveries.execute(
        caller,
        endpointId,
        parseInput(listDeliveriesQuerySchema, query),
      ),
    };
  }
}
