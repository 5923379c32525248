import { Injectable } from '@nestjs/common';
import { KeyServicePattern, WebhookDeliveryView, listDeliveriesSchema } from '@keygate/contracts';
import { z } from 'zod';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

export const listDeliveriesQuerySchema = z
  .object({
    status: listDeliveriesSchema.shape.status,
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** The endpoint's deliveries, newest first: each attempt's status, duration and time, and the next retry. */
@Injectable()
export class ListDeliveriesHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(
    caller: PanelCaller,
    endpointId: string,
    query: z.infer<typeof listDeliveriesQuerySchema>,
  ): Promise<WebhookDeliveryView[]> {
    return this.keyService.call(KeyServicePattern.ListDeliveries, {
      accountId: caller.session.accountId,
      endpointId,
      ...query,
    });
  }
}
