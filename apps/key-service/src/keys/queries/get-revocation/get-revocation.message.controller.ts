import { Answers } from '@keygate/connections';
import { Controller, Inject } from '@nestjs/common';
import {
  Clock,
  CLOCK,
  ConflictError,
  KEY_SERVICE_MESSAGES,
  KeyServicePattern,
  KeyServiceRequest,
  NotFoundError,
  RevocationPropagation,
} from '@keygate/contracts';
import { GatewayRegistryReader } from '../../../gateways/gateway-registry.reader';
import { ReadModels } from '../../../read-models/read-models.repository';

@Controller()
export class GetRevocationMessageController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly registry: GatewayRegistryReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Where a revoked key's revocation stands on the live gateways now. */
  @Answers(KEY_SERVICE_MESSAGES, KeyServicePattern.GetRevocation)
  async getRevocation(
    request: KeyServiceRequest<typeof KeyServicePattern.GetRevocation>,
  ): Promise<RevocationPropagation> {
    const { accountId, keyId } = request;
    const key = await this.readModels.findKey(keyId, this.clock.now());
    if (!key || key.accountId !== accountId) throw new NotFoundError('Key', keyId);
    if (key.status !== 'revoked') throw new ConflictError(`Key ${keyId} is not revoked`);
    return this.registry.propagation(keyId, Date.parse(key.updatedAt), Date.now());
  }
}
