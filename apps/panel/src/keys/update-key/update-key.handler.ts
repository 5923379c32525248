import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/**
 * Changes a key of the caller's account. The changes are checked by the key service with its own
 * schema (one 400 naming every bad field); the ids and the actor are written over anything the
 * body says of them.
 */
@Injectable()
export class UpdateKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller, keyId: string, changes: Record<string, unknown>): Promise<KeyView> {
    return this.keyService.call(KeyServicePattern.UpdateKey, {
      ...changes,
      accountId: caller.session.accountId,
      keyId,
      actor: actorOf(caller),
    });
  }
}
