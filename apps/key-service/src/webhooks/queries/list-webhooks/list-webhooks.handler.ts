import { Injectable } from '@nestjs/common';
import { WebhookView } from '@keygate/contracts';
import { WebhookEndpointsRepository, viewOf } from '../../webhook-endpoints.repository';

/** An account's endpoints, oldest first, without their secrets. */
@Injectable()
export class ListWebhooksHandler {
  constructor(private readonly endpoints: WebhookEndpointsRepository) {}

  async execute(accountId: string): Promise<WebhookView[]> {
    return (await this.endpoints.ofAccount(accountId)).map(viewOf);
  }
}
