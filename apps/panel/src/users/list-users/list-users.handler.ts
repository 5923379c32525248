import { Injectable } from '@nestjs/common';
import { KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** The panel users of the caller's account (never their password hashes). */
@Injectable()
export class ListUsersHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller): Promise<PanelUserView[]> {
    return this.keyService.call(KeyServicePattern.ListUsers, {
      accountId: caller.session.accountId,
    });
  }
}
