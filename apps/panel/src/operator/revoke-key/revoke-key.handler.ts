import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyView, RevocationPropagation } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';

/** Revokes any user key as the operator, answering as the Panel's revoke does. */
@Injectable()
export class OperatorRevokeKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(
    accountId: string,
    keyId: string,
    ip: string,
  ): Promise<{ key: KeyView; propagation: RevocationPropagation | null }> {
    const { propagation, ...key } = await this.keyService.call(KeyServicePattern.RevokeKey, {
      accountId,
      keyId,
      actor: { type: 'operator', ip },
    });
    return { key, propagation };
  }
}
