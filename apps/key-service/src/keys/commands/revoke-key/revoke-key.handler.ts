import { Inject, Injectable, Logger } from '@nestjs/common';
import { RevokedKeyView } from '@keygate/contracts';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { GatewayRegistryReader } from '../../../gateways/gateway-registry.reader';
import { KeyMutation } from '../../key-mutation';
import { RevokeKeyCommand } from './revoke-key.command';

/**
 * Revokes the key, then answers once every live gateway has applied the revocation, or after
 * REVOKE_CONFIRM_TIMEOUT_MS with the gateways still pending named. The KeyRevoked event is on
 * the stream before the wait begins; a registry that cannot be read leaves `propagation` null.
 */
@Injectable()
export class RevokeKeyHandler {
  private readonly logger = new Logger(RevokeKeyHandler.name);

  constructor(
    private readonly mutation: KeyMutation,
    private readonly registry: GatewayRegistryReader,
    @Inject(KEYGATE_CONFIG)
    private readonly config: Pick<KeyServiceConfig, 'revokeConfirmTimeoutMs'>,
  ) {}

  async execute(command: RevokeKeyCommand): Promise<RevokedKeyView> {
    const { key, now } = await this.mutation.run(command, (k, at) => k.revoke(at));
    const view = key.toView(now);
    try {
      const revokedAt = await this.registry.recordRevocation(key.id, Date.now());
      const propagation = await this.registry.awaitPropagation(
        key.id,
        revokedAt,
        this.config.revokeConfirmTimeoutMs,
      );
      return { ...view, propagation };
    } catch (error) {
      this.logger.warn(
        `revoked ${key.id}; its propagation is unknown: ${(error as Error).message}`,
      );
      return { ...view, propagation: null };
    }
  }
}
