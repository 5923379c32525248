import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/**
 * Revokes a user key of the caller's account for good; every gateway refuses it once the
 * revocation is published. The key service refuses application keys (409).
 */
@Injectable()
export class RevokeKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller, keyId: string): Promise<KeyView> {
    const { accountId } = caller.session;
    return this.keyService.call(KeyServicePattern.RevokeKey, {
      accountId,
      keyId,
      actor: actorOf(caller),
    });
  }
}
