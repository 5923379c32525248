import { Injectable } from '@nestjs/common';
import { KeyServicePattern, KeyView } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { PanelCaller } from '../../sessions/panel-session.guard';

/** One key of the caller's account; another account's key is not found (404), as a missing one. */
@Injectable()
export class GetKeyHandler {
  constructor(private readonly keyService: KeyServiceClient) {}

  execute(caller: PanelCaller, keyId: string): Promise<KeyView> {
    return this.keyService.call(KeyServicePattern.GetKey, {
      accountId: caller.session.accountId,
      keyId,
    });
  }
}
