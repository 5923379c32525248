import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
  SYSTEM_ACTOR,
  WebhookView,
} from '@keygate/contracts';
import { UserAudit } from '../../../panel-users/user-audit';
import { WebhookEndpointsRepository, viewOf } from '../../webhook-endpoints.repository';

/** Changes an endpoint's URL, events or whether it is enabled; the change is audited first. */
@Injectable()
export class UpdateWebhookHandler {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.UpdateWebhook>,
  ): Promise<WebhookView> {
    const { accountId, endpointId, actor, ...change } = request;
    await this.endpoints.existing(accountId, endpointId);
    await this.audit.record(accountId, actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookChanged({ endpointId, ...change }, this.clock.now()),
    );
    const updated = await this.endpoints.update(accountId, endpointId, change);
    if (!updated) throw new NotFoundError('Webhook endpoint', endpointId);
    return viewOf(updated);
  }
}
