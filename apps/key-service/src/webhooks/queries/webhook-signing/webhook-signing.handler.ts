import { Injectable } from '@nestjs/common';
import {
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
  WebhookSigning,
} from '@keygate/contracts';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';

/** What sending to an endpoint needs (its URL and signing secret): for internal callers only. */
@Injectable()
export class WebhookSigningHandler {
  constructor(private readonly endpoints: WebhookEndpointsRepository) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.WebhookSigning>,
  ): Promise<WebhookSigning> {
    const endpoint = await this.endpoints.one(request.accountId, request.endpointId);
    if (!endpoint) throw new NotFoundError('Webhook endpoint', request.endpointId);
    return { url: endpoint.url, secret: endpoint.secret };
  }
}
