import { Injectable } from '@nestjs/common';
import { AccountView, KeyServicePattern } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller, actorOf } from '../../sessions/panel-session.guard';

/**
 * An admin makes two-factor sign-in required for the account's users (or optional again). Open
 * sessions are left as they are; a user without two-factor who logs in next gets a session that
 * can only enrol.
 */
@Injectable()
export class RequireTwoFactorHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller, required: boolean): Promise<AccountView> {
    return this.keyService.call(KeyServicePattern.RequireTwoFactor, {
      accountId: caller.session.accountId,
      required,
      actor: actorOf(caller),
    });
  }
}
