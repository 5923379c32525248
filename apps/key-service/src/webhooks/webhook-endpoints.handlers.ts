import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
  SYSTEM_ACTOR,
  WebhookSigning,
  WebhookView,
} from '@keygate/contracts';
import { UserAudit } from '../panel-users/user-audit';
import { newWebhookId } from '../shared/ids';
import { WebhookEndpointsRepository, viewOf } from './webhook-endpoints.repository';

type Request<P extends keyof typeof KeyServicePattern> = KeyServiceRequest<
  (typeof KeyServicePattern)[P]
>;

/**
 * An account's webhook endpoints: added with a new signing secret (`whsec_` and 24 random bytes
 * in base64, as Standard Webhooks has it), answered once; listed without it; removed. Each change
 * is an event in the account's stream (its audit trail); the secret is in none.
 */
@Injectable()
export class WebhookEndpoints {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async add(request: Request<'AddWebhook'>): Promise<{ webhook: WebhookView; secret: string }> {
    const endpoint = {
      _id: newWebhookId(),
      accountId: request.accountId,
      url: request.url,
      events: request.events,
      description: request.description ?? null,
      enabled: true,
      secret: `whsec_${randomBytes(24).toString('base64')}`,
      createdAt: this.clock.now(),
    };
    // The audit entry first: it also says the account exists (404 otherwise, nothing stored).
    await this.audit.record(request.accountId, request.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookAdded(
        { endpointId: endpoint._id, url: endpoint.url, events: endpoint.events },
        this.clock.now(),
      ),
    );
    await this.endpoints.insert(endpoint);
    return { webhook: viewOf(endpoint), secret: endpoint.secret };
  }

  async list(accountId: string): Promise<WebhookView[]> {
    return (await this.endpoints.ofAccount(accountId)).map(viewOf);
  }

  async update(request: Request<'UpdateWebhook'>): Promise<WebhookView> {
    const { accountId, endpointId, actor, ...change } = request;
    if (!(await this.endpoints.one(accountId, endpointId)))
      throw new NotFoundError('Webhook endpoint', endpointId);
    await this.audit.record(accountId, actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookChanged({ endpointId, ...change }, this.clock.now()),
    );
    const updated = await this.endpoints.update(accountId, endpointId, change);
    if (!updated) throw new NotFoundError('Webhook endpoint', endpointId);
    return viewOf(updated);
  }

  async remove(request: Request<'RemoveWebhook'>): Promise<{ removed: true }> {
    if (!(await this.endpoints.remove(request.accountId, request.endpointId)))
      throw new NotFoundError('Webhook endpoint', request.endpointId);
    await this.audit.record(request.accountId, request.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookRemoved(request.endpointId, this.clock.now()),
    );
    return { removed: true };
  }

  async signing(request: Request<'WebhookSigning'>): Promise<WebhookSigning> {
    const endpoint = await this.endpoints.one(request.accountId, request.endpointId);
    if (!endpoint) throw new NotFoundError('Webhook endpoint', request.endpointId);
    return { url: endpoint.url, secret: endpoint.secret };
  }
}
