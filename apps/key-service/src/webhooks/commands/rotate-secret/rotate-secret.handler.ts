import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  Clock,
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
  RotatedWebhookSecret,
  SYSTEM_ACTOR,
} from '@keygate/contracts';
import { UserAudit } from '../../../panel-users/user-audit';
import { ROTATION_GRACE_MS, newSigningSecret } from '../../signing-secret';
import { WebhookEndpointsRepository, viewOf } from '../../webhook-endpoints.repository';

/**
 * A new signing secret for an endpoint, answered this once; the one it replaces keeps signing
 * beside it (two `v1,` signatures) for 24 hours, so a receiver can switch without losing a
 * delivery. Audited first, without either secret.
 */
@Injectable()
export class RotateSecretHandler {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly audit: UserAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    request: KeyServiceRequest<typeof KeyServicePattern.RotateWebhookSecret>,
  ): Promise<RotatedWebhookSecret> {
    const { accountId, endpointId } = request;
    const endpoint = await this.endpoints.existing(accountId, endpointId);
    await this.audit.record(accountId, request.actor ?? SYSTEM_ACTOR, (account) =>
      account.recordWebhookChanged({ endpointId, secretRotated: true }, this.clock.now()),
    );
    const secret = newSigningSecret();
    const previousValidUntil = new Date(this.clock.now().getTime() + ROTATION_GRACE_MS);
    const rotated = await this.endpoints.rotateSecret(endpoint, secret, previousValidUntil);
    if (!rotated) throw new NotFoundError('Webhook endpoint', endpointId);
    return {
      webhook: viewOf(rotated),
      secret,
      previousValidUntil: previousValidUntil.toISOString(),
    };
  }
}
