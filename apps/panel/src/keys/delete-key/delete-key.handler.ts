import { Injectable } from '@nestjs/common';
import { KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/**
 * Deletes a user key of the caller's account: it stops working everywhere and leaves the
 * listings; its events stay in the audit log. The answer has no body.
 */
@Injectable()
export class DeleteKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  async execute(caller: PanelCaller, keyId: string): Promise<void> {
    const { accountId } = caller.session;
    await this.keyService.call(KeyServicePattern.DeleteKey, {
      accountId,
      keyId,
      actor: actorOf(caller),
    });
  }
}
