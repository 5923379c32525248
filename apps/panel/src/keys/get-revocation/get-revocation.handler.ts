import { Injectable } from '@nestjs/common';
import { KeyServicePattern, RevocationPropagation } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** Where a revoked key of the caller's account stands on the live gateways (409: not revoked). */
@Injectable()
export class GetRevocationHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(
    caller: PanelCaller,
    keyId: string,
  ): Promise<{ propagation: RevocationPropagation }> {
    const propagation = await this.keyService.call(KeyServicePattern.GetRevocation, {
      accountId: caller.session.accountId,
      keyId,
    });
    return { propagation };
  }
}
