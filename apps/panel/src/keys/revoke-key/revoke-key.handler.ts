import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyView, RevocationPropagation } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/** A revoked key, and whether every live gateway refuses it yet (null: unknown). */
export interface Revocation {
  key: KeyView;
  propagation: RevocationPropagation | null;
}

/**
 * Revokes a user key of the caller's account for good, and answers once every live gateway
 * refuses it (or after REVOKE_CONFIRM_TIMEOUT_MS, naming those pending). The key service refuses
 * application keys (409).
 */
@Injectable()
export class RevokeKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(caller: PanelCaller, keyId: string): Promise<Revocation> {
    const { accountId } = caller.session;
    const { propagation, ...key } = await this.keyService.call(KeyServicePattern.RevokeKey, {
      accountId,
      keyId,
      actor: actorOf(caller),
    });
    return { key, propagation };
  }
}
