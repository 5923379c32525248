import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyServiceRequest,
  SYSTEM_ACTOR,
  WebhookView,
} from '@keygate/contracts';
import { UserAudit } from '../../../panel-users/user-audit';
import { newWebhookId } from '../../../shared/ids';
import { newSigningSecret } from '../../signing-secret';
import { WebhookEndpointsRepository, viewOf } from '../../webhook-endpoints.repository';

/**
 * Adds an account's webhook endpoint with a new signing secret, answered this once. The audit entry is written first: it
 * also says the account exists (404 otherwise, nothing stored); it never holds the secret.
 */
@Injectable()
export class AddWebhookHandler {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.AddWebhook>,
  ): Promise<{ webhook: WebhookView; secret: string }> {
    const endpoint = {
      _id: newWebhookId(),
      accountId: request.accountId,
      url: request.url,
      events: request.events,
      description: request.description ?? null,
      enabled: true,
      secret: newSigningSecret(),
      createdAt: this.clock.now(),
    };
    await this.audit.record(request.accountId, request.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookAdded(
        { endpointId: endpoint._id, url: endpoint.url, events: endpoint.events },
        this.clock.now(),
      ),
    );
    await this.endpoints.insert(endpoint);
    return { webhook: viewOf(endpoint), secret: endpoint.secret };
  }
}
