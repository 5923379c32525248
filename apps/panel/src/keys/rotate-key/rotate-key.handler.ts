import { Injectable } from '@nestjs/common';
import { IssuedKey, KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/**
 * A new secret for a key of the caller's account, shown in this answer only; the old one keeps
 * working for the grace period asked (checked by the key service's schema, default none).
 */
@Injectable()
export class RotateKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(
    caller: PanelCaller,
    keyId: string,
    options: Record<string, unknown>,
  ): Promise<IssuedKey> {
    return this.keyService.call(KeyServicePattern.RotateKey, {
      ...options,
      accountId: caller.session.accountId,
      keyId,
      actor: actorOf(caller),
    });
  }
}
