import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { UserAudit } from '../../../panel-users/user-audit';
import { WebhookDeliveries } from '../../delivery/webhook-deliveries';
import { WebhookEndpointsRepository } from '../../webhook-endpoints.repository';

/** Removes an account's endpoint (404 for another account's) and its deliveries, then audits it. */
@Injectable()
export class RemoveWebhookHandler {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveries,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.RemoveWebhook>,
  ): Promise<{ removed: true }> {
    if (!(await this.endpoints.remove(request.accountId, request.endpointId)))
      throw new NotFoundError('Webhook endpoint', request.endpointId);
    await this.audit.record(request.accountId, request.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookRemoved(request.endpointId, this.clock.now()),
    );
    await this.deliveries.removeOfEndpoint(request.accountId, request.endpointId, this.clock.now());
    return { removed: true };
  }
}
