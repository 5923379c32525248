import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/**
 * Releases a key of the caller's account that was quarantined as leaked (LEAK_ACTION=quarantine),
 * the admin having judged it safe; to stop it for good, revoke it instead.
 */
@Injectable()
export class ReleaseKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller, keyId: string): Promise<KeyView> {
    return this.keyService.call(KeyServicePattern.ReleaseKey, {
      accountId: caller.session.accountId,
      keyId,
      actor: actorOf(caller),
    });
  }
}
